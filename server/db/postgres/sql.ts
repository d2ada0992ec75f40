/**
 * SQLite's SQL as the repositories write it, in PostgreSQL's dialect: the mechanical differences
 * only, so that a statement is written once where the two agree. What cannot be carried over
 * mechanically is refused here, naming the construct, and the repository writes that statement
 * per engine.
 *
 * - parameters: `?`, `?NNN`, `@name`, `:name`, `$name` become `$1…`, each occurrence a number of
 *   its own bound to the same value: PostgreSQL gives a parameter one type, and SQLite lets one
 *   value be a BIGINT column's in VALUES and an integer's in `@online = 1` (integer versus
 *   bigint, refused);
 * - `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`;
 * - `LIKE` becomes `ILIKE`: SQLite's LIKE ignores case (ASCII only; PostgreSQL's ILIKE for all
 *   letters, Vietnamese included);
 * - `max(a, b)`/`min(a, b)` (SQLite's scalar forms) become GREATEST/LEAST;
 * - `x IS ?`/`x IS NOT y` become IS [NOT] DISTINCT FROM (SQLite's IS compares any values);
 * - `ifnull` becomes `coalesce`, `instr` `strpos`, `group_concat` `string_agg`,
 *   `CAST(… AS INTEGER)` `AS BIGINT` (SQLite's integers are 64-bit).
 */

export type Parameter = { position: number } | { name: string }

export interface Translated {
  text: string
  /** What `$1`, `$2`… take, in order. */
  parameters: Parameter[]
  /** Returns rows: a query, or a write with RETURNING. */
  reader: boolean
  /** Only reads. */
  readonly: boolean
}

export class UnsupportedSql extends Error {
  constructor(construct: string, sql: string) {
    super(
      `${construct} has no mechanical PostgreSQL form; write this statement per engine: ${sql.slice(0, 200)}`,
    )
    this.name = 'UnsupportedSql'
  }
}

const RENAMED: Record<string, string> = {
  ifnull: 'coalesce',
  instr: 'strpos',
  group_concat: 'string_agg',
  like: 'ILIKE',
}
const REFUSED = new Set(['glob', 'strftime', 'datetime', 'julianday', 'rowid'])
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y

/** The index just past the parenthesis that closes the one at `open`, and its top-level commas. */
function closing(sql: string, open: number): { end: number; commas: number } {
  let depth = 0
  let commas = 0
  for (let i = open; i < sql.length; i++) {
    const c = sql[i]
    if (c === "'" || c === '"') {
      i = sql.indexOf(c, i + 1)
      if (i < 0) break
    } else if (c === '(') depth++
    else if (c === ')') {
      depth--
      if (depth === 0) return { end: i + 1, commas }
    } else if (c === ',' && depth === 1) commas++
  }
  return { end: sql.length, commas }
}

export function translate(sql: string): Translated {
  const parameters: Parameter[] = []
  let out = ''
  let positional = 0
  let ignoreConflicts = false
  let limitNext = false
  const words: string[] = []

  const addParameter = (end: number, parameter: Parameter): string => {
    if (nullTest(end)) {
      // `? IS NULL` (an optional filter) says nothing of the value's type, which PostgreSQL must
      // know, even when the same parameter is compared with a column further on: each NULL test
      // gets its own number, bound to the same value and tested as text (any value can be).
      parameters.push(parameter)
      return `$${parameters.length}::text`
    }
    parameters.push(parameter)
    const number = parameters.length
    if (limitNext) {
      // SQLite reads a negative LIMIT as "no limit"; PostgreSQL refuses it, and takes NULL so.
      limitNext = false
      return `(CASE WHEN $${number}::bigint < 0 THEN NULL ELSE $${number}::bigint END)`
    }
    return `$${number}`
  }
  const nullTest = (after: number) => {
    const test = /\s+IS\s+(NOT\s+)?NULL\b/iy
    test.lastIndex = after
    return test.test(sql)
  }

  let i = 0
  while (i < sql.length) {
    const c = sql[i] as string
    const next = sql[i + 1]
    // Strings, quoted names and comments pass through untouched.
    if (c === "'" || c === '"') {
      let end = i + 1
      for (;;) {
        end = sql.indexOf(c, end)
        if (end < 0) {
          end = sql.length
          break
        }
        if (sql[end + 1] === c) end += 2
        else {
          end += 1
          break
        }
      }
      out += sql.slice(i, end)
      i = end
      continue
    }
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end < 0 ? sql.length : end
      out += sql.slice(i, stop)
      i = stop
      continue
    }
    if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      const stop = end < 0 ? sql.length : end + 2
      out += sql.slice(i, stop)
      i = stop
      continue
    }
    if (c === '?') {
      const digits = /\d+/y
      digits.lastIndex = i + 1
      const numbered = digits.exec(sql)
      if (numbered) {
        const position = Number(numbered[0]) - 1
        out += addParameter(i + 1 + numbered[0].length, { position })
        i += 1 + numbered[0].length
      } else {
        out += addParameter(i + 1, { position: positional++ })
        i += 1
      }
      continue
    }
    if (
      (c === '@' || c === '$' || (c === ':' && next !== ':' && sql[i - 1] !== ':')) &&
      next &&
      /[A-Za-z_]/.test(next)
    ) {
      WORD.lastIndex = i + 1
      const name = WORD.exec(sql)?.[0] as string
      out += addParameter(i + 1 + name.length, { name })
      i += 1 + name.length
      continue
    }
    if (c === ':' && next === ':') {
      out += '::'
      i += 2
      continue
    }
    if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? ' ')) {
      WORD.lastIndex = i
      const word = WORD.exec(sql)?.[0] as string
      const lower = word.toLowerCase()
      words.push(lower)
      i += word.length
      if (REFUSED.has(lower)) throw new UnsupportedSql(word, sql)
      if (lower === 'replace' && words.length === 1) throw new UnsupportedSql('REPLACE', sql)
      if (lower === 'or' && words.at(-2) === 'insert') {
        // INSERT OR IGNORE: the words are dropped, the conflict clause added at the end.
        const rest = /\s+(\w+)/y
        rest.lastIndex = i
        const what = rest.exec(sql)
        if (what?.[1]?.toLowerCase() !== 'ignore')
          throw new UnsupportedSql(`INSERT OR ${what?.[1] ?? ''}`, sql)
        ignoreConflicts = true
        i = rest.lastIndex
        out = out.replace(/\s+$/, '')
        continue
      }
      if ((lower === 'max' || lower === 'min') && /^\s*\(/.test(sql.slice(i))) {
        const open = sql.indexOf('(', i)
        const scalar = closing(sql, open).commas > 0
        out += scalar ? (lower === 'max' ? 'GREATEST' : 'LEAST') : word
        continue
      }
      if (lower === 'is') {
        // A value or a column after IS (SQLite compares any two values so); IS NULL and IS NOT
        // NULL, IS TRUE, IS DISTINCT stay as they are.
        const tail =
          /\s+(not\s+)?(?=[?@$:][A-Za-z0-9_]*|(?!(?:null|true|false|distinct|not|unknown)\b)[A-Za-z_])/iy
        tail.lastIndex = i
        const match = tail.exec(sql)
        if (match) {
          out += match[1] ? 'IS DISTINCT FROM ' : 'IS NOT DISTINCT FROM '
          i = tail.lastIndex
          continue
        }
      }
      if (lower === 'limit') limitNext = /^\s+[?@:$]/.test(sql.slice(i, i + 8))
      if (lower === 'integer' && /\bas\s*$/i.test(out)) {
        out += 'BIGINT'
        continue
      }
      const renamed = RENAMED[lower]
      // PostgreSQL folds unquoted names to lower case; SQLite keeps an alias as written
      // (`AS playlistId`), and the repositories read rows by those names.
      out += renamed ?? (/[a-z]/.test(word) && /[A-Z]/.test(word) ? `"${word}"` : word)
      continue
    }
    out += c
    i += 1
  }

  let text = out.trim().replace(/;$/, '')
  if (ignoreConflicts) {
    const returning = /\sRETURNING\s/i.exec(text)
    text = returning
      ? `${text.slice(0, returning.index)} ON CONFLICT DO NOTHING${text.slice(returning.index)}`
      : `${text} ON CONFLICT DO NOTHING`
  }
  const first = words[0] ?? ''
  const writes = words.some((w) => w === 'insert' || w === 'update' || w === 'delete')
  const readonly = (first === 'select' || first === 'with' || first === 'values') && !writes
  const reader = readonly || words.includes('returning')
  return { text, parameters, reader, readonly }
}

/** The values for `$1…` from better-sqlite3-style arguments: positional values, then at most one object of named ones. */
export function bind(parameters: readonly Parameter[], args: readonly unknown[]): unknown[] {
  const flat = args.flatMap((a) => (Array.isArray(a) ? a : [a]))
  const last = flat.at(-1)
  const namedValues =
    last !== null && typeof last === 'object' && !Buffer.isBuffer(last)
      ? (flat.pop() as Record<string, unknown>)
      : undefined
  return parameters.map((p) => {
    if ('position' in p) {
      if (p.position >= flat.length) throw new RangeError('Too few parameter values were provided')
      return value(flat[p.position])
    }
    if (!namedValues || !(p.name in namedValues)) throw new RangeError(`Missing named parameter "${p.name}"`)
    return value(namedValues[p.name])
  })
}

/** Only what SQLite binds: numbers, strings, bigints, buffers and null (better-sqlite3 refuses the rest alike). */
function value(v: unknown): unknown {
  // better-sqlite3 binds undefined (a named parameter present but unset) as NULL.
  if (v === undefined) return null
  if (v === null || typeof v === 'number' || typeof v === 'string' || Buffer.isBuffer(v)) return v
  if (typeof v === 'bigint') return v.toString()
  throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null')
}
