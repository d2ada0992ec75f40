import Type, { type Static, type TSchema } from 'typebox'
import { Id, Name, Timestamp } from './common'

/**
 * Datasets (issue 19 point 2): small tables a gate needs on its screens (opening hours per gate,
 * customs and immigration notices, exchange rates with their date, road and queue notices for
 * freight). A dataset is approvable like a playlist: its draft (columns, rows, policy) is frozen
 * as a version, approved by a second person and put on air. Two shorter paths are named in its
 * policy: the approvers it lists may make a quick change that goes on air at once (audited with
 * before and after), and a department's own system may update rows with an API token (queued for
 * approval, or on air at once when the policy says `direct`). Every value keeps the instant it
 * last changed, its "as of", and a screen marks a value older than the dataset's limit as stale.
 */

/** Columns of one table: a screen's row reads across a panel, a dozen cells is already a lot. */
export const DATASET_COLUMNS_MAX = 12
/** Rows of one table: a gate's lists (rates, gates, notices) are short; history is the audit's. */
export const DATASET_ROWS_MAX = 200
/** One language of a text cell: a notice's sentence, not an article. */
export const DATASET_TEXT_CHARS_MAX = 300
/** A number's unit as a column shows it ("₫", "km", "xe/giờ"). */
export const DATASET_UNIT_CHARS_MAX = 12
/** Decimals a number column shows: an exchange rate needs four at most. */
export const DATASET_DECIMALS_MAX = 6
/** Numbers beyond this are typos, and lose their last digits in JSON. */
export const DATASET_NUMBER_ABS_MAX = 1e12
/** Named quick-change approvers: a desk's duty roster, small enough to read at approval. */
export const DATASET_QUICK_APPROVERS_MAX = 20
/** A year: a limit longer than that is no limit; a value without a limit is never marked stale. */
export const DATASET_STALE_MINUTES_MAX = 366 * 24 * 60

export const COLUMN_TYPES = ['text', 'number', 'date', 'time'] as const
export type ColumnType = (typeof COLUMN_TYPES)[number]

const Label = Type.Object(
  {
    vi: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
    zh: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
    en: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
  },
  { additionalProperties: false, description: 'The column heading in vi, zh and en (it is shown on screen)' },
)

const columnOf = <T extends ColumnType, P extends Record<string, TSchema>>(type: T, more: P) =>
  Type.Object({ id: Id, type: Type.Literal(type), label: Label, ...more }, { additionalProperties: false })

export const TextColumn = columnOf('text', {})
export const NumberColumn = columnOf('number', {
  decimals: Type.Integer({
    minimum: 0,
    maximum: DATASET_DECIMALS_MAX,
    description: `Digits after the decimal point, shown and accepted (0–${DATASET_DECIMALS_MAX})`,
  }),
  unit: Type.Union([
    Type.String({ minLength: 1, maxLength: DATASET_UNIT_CHARS_MAX, pattern: '\\S' }),
    Type.Null(),
  ]),
})
export const DateColumn = columnOf('date', {})
export const TimeColumn = columnOf('time', {})
export const DatasetColumn = Type.Union([TextColumn, NumberColumn, DateColumn, TimeColumn])
export type DatasetColumn = Static<typeof DatasetColumn>

const TextPart = Type.String({ minLength: 1, maxLength: DATASET_TEXT_CHARS_MAX, pattern: '\\S' })
/** A text cell: Vietnamese first and required, like a slide's text; Chinese and English expected. */
export const TextValue = Type.Object(
  { vi: TextPart, zh: Type.Optional(TextPart), en: Type.Optional(TextPart) },
  { additionalProperties: false },
)
export type TextValue = Static<typeof TextValue>

/**
 * A cell as sent: its form is checked against its column by the server (a number for a number
 * column, `YYYY-MM-DD` for a date, `HH:MM` for a time, text in vi/zh/en), the refusal naming the
 * row and the column; null leaves the cell empty.
 */
export const CellValue = Type.Union([
  TextValue,
  Type.Number({ minimum: -DATASET_NUMBER_ABS_MAX, maximum: DATASET_NUMBER_ABS_MAX }),
  Type.String({ maxLength: 10, description: 'YYYY-MM-DD for a date column, HH:MM for a time column' }),
  Type.Null(),
])
export type CellValue = Static<typeof CellValue>

const Values = Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }), CellValue, {
  maxProperties: DATASET_COLUMNS_MAX,
  description: 'Values by column id; a column left out is an empty cell',
})

export const RowInput = Type.Object(
  { id: Type.Optional(Id), values: Values },
  { additionalProperties: false },
)
export type RowInput = Static<typeof RowInput>

/** A row as kept: every column's value (null when empty) and, beside each, when it last changed. */
export const DatasetRow = Type.Object({
  id: Id,
  values: Type.Record(Type.String(), CellValue),
  asOf: Type.Record(Type.String(), Timestamp),
})
export type DatasetRow = Static<typeof DatasetRow>

export const TOKEN_POLICIES = ['queued', 'direct'] as const
export const TokenPolicy = Type.Union([Type.Literal('queued'), Type.Literal('direct')], {
  description:
    'queued: an API token’s update waits for approval like any change; direct: it goes on air at once (audited)',
})
export type TokenPolicy = Static<typeof TokenPolicy>

/** What a dataset is, beside its rows: frozen with them in each version, approved four-eyes. */
export const DatasetInput = Type.Object(
  {
    name: Name,
    columns: Type.Array(DatasetColumn, { minItems: 1, maxItems: DATASET_COLUMNS_MAX }),
    /** Values older than this are marked stale on screen; null: never. */
    staleAfterMinutes: Type.Union([
      Type.Integer({ minimum: 1, maximum: DATASET_STALE_MINUTES_MAX }),
      Type.Null(),
    ]),
    tokenPolicy: TokenPolicy,
    /** Approvers (user ids) who may make a quick change that goes on air at once. */
    quickApprovers: Type.Array(Id, { maxItems: DATASET_QUICK_APPROVERS_MAX }),
  },
  { additionalProperties: false },
)
export type DatasetInput = Static<typeof DatasetInput>

export const DatasetCreateInput = Type.Object(
  {
    id: Type.Optional(Id),
    ...DatasetInput.properties,
    rows: Type.Optional(Type.Array(RowInput, { maxItems: DATASET_ROWS_MAX })),
  },
  { additionalProperties: false },
)
export type DatasetCreateInput = Static<typeof DatasetCreateInput>

export const RowsInput = Type.Object(
  { rows: Type.Array(RowInput, { maxItems: DATASET_ROWS_MAX }) },
  { additionalProperties: false },
)
export type RowsInput = Static<typeof RowsInput>

/**
 * A change to some rows, the quick change's and an API token's: rows named by id have the given
 * values replaced (the others kept), an id not in the table adds a row, `remove` takes rows out.
 */
export const RowsPatch = Type.Object(
  {
    rows: Type.Array(Type.Object({ id: Id, values: Values }, { additionalProperties: false }), {
      maxItems: DATASET_ROWS_MAX,
    }),
    remove: Type.Optional(Type.Array(Id, { maxItems: DATASET_ROWS_MAX })),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type RowsPatch = Static<typeof RowsPatch>

/** The body of a dataset's version: what its screens show, as approved. */
export const DatasetBody = Type.Object({
  ...DatasetInput.properties,
  rows: Type.Array(DatasetRow),
})
export type DatasetBody = Static<typeof DatasetBody>

export const Dataset = Type.Object({
  id: Id,
  ...DatasetBody.properties,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The version on air; null before the first approval (or after a withdrawal). */
  liveVersion: Type.Union([Type.Integer(), Type.Null()]),
})
export type Dataset = Static<typeof Dataset>

/** What is on air: the approved body and since when; null body before the first approval. */
export const DatasetOnAir = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()]),
  liveAt: Type.Union([Timestamp, Type.Null()]),
  body: Type.Union([DatasetBody, Type.Null()]),
})
export type DatasetOnAir = Static<typeof DatasetOnAir>

/** What an API token's update did: waits as a submitted version, went on air, or changed nothing. */
export const TokenUpdateResult = Type.Object({
  outcome: Type.Union([Type.Literal('queued'), Type.Literal('on-air'), Type.Literal('unchanged')]),
  version: Type.Union([Type.Integer(), Type.Null()]),
  screens: Type.Array(Type.String()),
})
export type TokenUpdateResult = Static<typeof TokenUpdateResult>

export const QuickChangeResult = Type.Object({
  version: Type.Integer(),
  screens: Type.Array(Type.String()),
})
