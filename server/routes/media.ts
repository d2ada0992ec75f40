import multipart, { type MultipartFields } from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { mediaApi } from '@playlists/api/media'
import { ErrorBody } from '@playlists/schemas/common'
import {
  MEDIA_LIST_MAX,
  MEDIA_PAGE_SIZES,
  Media,
  MediaQuery,
  MediaUploadFields,
} from '@playlists/schemas/media'
import Type from 'typebox'
import { Compile } from 'typebox/compile'
import { badRequest } from '../errors'
import { type MediaStore, UploadStalledError } from '../media/store'
import { parseTagField } from '../media/tags'
import { schemaOf } from './contract'
import { pageAnswer, pageOf } from './paging'

const tags = ['media']
const errors = { 400: ErrorBody, 404: ErrorBody }
/** Uploading, renaming, tagging and deleting change the library operators build playlists from. */

/** Original names are kept for people to recognise files; strip anything that is not a name. */
export function cleanFileName(name: string | undefined): string {
  // NFC: macOS sends names decomposed ("e" + combining marks); people and searches expect one form.
  const base = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? ''
  // Control characters make log lines and the console lie about what a file is called.
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200)
  return clean || 'unnamed'
}

const UploadFields = Compile(MediaUploadFields)

/** The text fields sent before the file, validated; 400 naming the first problem. */
function uploadFields(fields: MultipartFields): { name?: string; tags: string[] } {
  const values: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(fields)) {
    if (field === undefined || (!Array.isArray(field) && field.type === 'file')) continue
    if (Array.isArray(field)) throw badRequest('upload.field-twice', `Send the form field "${key}" once.`)
    values[key] = field.value
  }
  if (!UploadFields.Check(values)) {
    const first = [...UploadFields.Errors(values)].find((e) => e.keyword !== 'boolean')
    const field = first?.instancePath.slice(1)
    throw badRequest(
      'upload.field-invalid',
      field
        ? `The form field "${field}" ${first?.message ?? 'is not valid'}.`
        : 'Only the form fields "tags" and "name" may come before "file".',
    )
  }
  return { name: values.name as string | undefined, tags: parseTagField((values.tags as string) ?? '') }
}

export const mediaRoutes: FastifyPluginAsyncTypebox<{ store: MediaStore; maxUploadBytes: number }> = async (
  app,
  { store, maxUploadBytes },
) => {
  // Only here: its hooks (a listener on every request, a clean-up after every answer) would
  // otherwise run on every route, and only uploads are multipart.
  await app.register(multipart, { limits: { files: 1, fields: 10, parts: 11, fieldSize: 10_000 } })
  const { media } = app.repos

  app.get(
    '/api/media',
    {
      config: { permission: 'content:read' },
      schema: {
        tags,
        summary: 'List media, newest first; filter by name (q), tag and kind',
        description: `At most ${MEDIA_LIST_MAX} media, the newest; GET /api/media/library pages through all of them.`,
        querystring: MediaQuery,
        response: { 200: Type.Array(Media), 400: ErrorBody },
      },
    },
    async (req) => media.search(req.query, MEDIA_LIST_MAX),
  )

  app.get(
    mediaApi.library.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(
        mediaApi.library,
        { 400: ErrorBody },
        {
          tags,
          summary:
            'One page of the library, newest first, with the number of matches; same filters as /api/media',
        },
      ),
    },
    async (req) => {
      const { page: _page, pageSize: _pageSize, ...filters } = req.query
      const page = pageOf(req.query, MEDIA_PAGE_SIZES)
      return pageAnswer(media.page(filters, page), page)
    },
  )

  app.get(
    mediaApi.tags.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(
        mediaApi.tags,
        {},
        { tags, summary: 'Every tag in use, alphabetical, with how many media carry it' },
      ),
    },
    async () => media.tagCounts(),
  )

  app.get(
    mediaApi.get.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(mediaApi.get, { 404: ErrorBody }, { tags }),
    },
    async (req) => media.get(req.params.id),
  )

  app.patch(
    mediaApi.update.path,
    {
      config: { permission: 'content:write', audit: 'media.update' },

      schema: schemaOf(mediaApi.update, errors, { tags, summary: 'Rename a medium and/or replace its tags' }),
    },
    async (req) => media.update(req.params.id, req.body),
  )

  app.post(
    mediaApi.upload.path,
    {
      config: { permission: 'content:write', audit: 'media.upload' },

      schema: schemaOf(
        mediaApi.upload,
        { 400: ErrorBody, 406: ErrorBody, 408: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        {
          tags,
          summary: 'Upload an image or video (multipart/form-data: optional "tags" and "name", then "file")',
          description:
            'The type is decided from the file content; a name or Content-Type that says otherwise is refused. ' +
            '"tags" (comma-separated) and "name" count only when sent before the file part. ' +
            '201 for a new medium, 200 when the same bytes were already stored (new tags are added to it).',
          consumes: ['multipart/form-data'],
        },
      ),
    },
    async (req, reply) => {
      const part = await req
        .file({ limits: { fileSize: maxUploadBytes, files: 1 } })
        .catch((error: unknown) => {
          // The plugin's own errors carry their 4xx; the parser's (no boundary…) are bad input too.
          if ((error as { statusCode?: number }).statusCode) throw error
          throw badRequest(
            'upload.not-multipart',
            `The request is not valid multipart/form-data: ${(error as Error).message}.`,
          )
        })
      if (!part)
        throw badRequest('upload.no-file', 'Send the file as multipart/form-data in a field named "file".')
      if (part.fieldname !== 'file') {
        part.file.resume()
        throw badRequest(
          'upload.file-field',
          `Send the file in a field named "file", not "${part.fieldname}".`,
        )
      }
      let fields: ReturnType<typeof uploadFields>
      try {
        fields = uploadFields(part.fields)
      } catch (error) {
        part.file.resume()
        throw error
      }
      const originalName = cleanFileName(part.filename)
      const stored = await store
        .receive(part.file, () => part.file.truncated, maxUploadBytes, {
          fileName: originalName,
          contentType: part.mimetype,
        })
        .catch((error: unknown) => {
          // The rest of a stalled body may never come: drop the connection instead of waiting.
          if (error instanceof UploadStalledError) reply.header('connection', 'close')
          throw error
        })
      const { media: saved, created } = media.insert({ ...stored, originalName, ...fields })
      return reply.code(created ? 201 : 200).send(saved)
    },
  )

  app.delete(
    mediaApi.delete.path,
    {
      config: { permission: 'content:write', audit: 'media.delete' },

      schema: schemaOf(mediaApi.delete, { 404: ErrorBody, 409: ErrorBody }, { tags }),
    },
    async (req, reply) => {
      const removed = media.delete(req.params.id)
      await store.remove(removed.sha256, removed.url.split('.').pop() ?? '')
      return reply.code(204).send(null)
    },
  )
}
