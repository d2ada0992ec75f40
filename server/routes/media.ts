import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Deleted, ErrorBody, IdParams } from '../../playlists/schemas/common'
import { Media } from '../../playlists/schemas/media'
import { badRequest } from '../errors'
import type { MediaStore } from '../media/store'

const tags = ['media']

/** Original names are kept for people to recognise files; strip anything that is not a name. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? ''
  // Control characters make log lines and the console lie about what a file is called.
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200)
  return clean || 'unnamed'
}

export const mediaRoutes: FastifyPluginAsyncTypebox<{ store: MediaStore; maxUploadBytes: number }> = async (
  app,
  { store, maxUploadBytes },
) => {
  const { media } = app.repos

  app.get('/api/media', { schema: { tags, response: { 200: Type.Array(Media) } } }, async () => media.list())

  app.get(
    '/api/media/:id',
    { schema: { tags, params: IdParams, response: { 200: Media, 404: ErrorBody } } },
    async (req) => media.get(req.params.id),
  )

  app.post(
    '/api/media',
    {
      schema: {
        tags,
        summary: 'Upload an image or video (multipart/form-data, field "file")',
        description:
          'The type is decided from the file content. 201 for a new medium, 200 when the same bytes were already stored.',
        consumes: ['multipart/form-data'],
        response: {
          200: Media,
          201: Media,
          400: ErrorBody,
          406: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const part = await req.file({ limits: { fileSize: maxUploadBytes, files: 1 } })
      if (!part) throw badRequest('Send the file as multipart/form-data in a field named "file".')
      if (part.fieldname !== 'file') {
        part.file.resume()
        throw badRequest(`Send the file in a field named "file", not "${part.fieldname}".`)
      }
      const stored = await store.receive(part.file, () => part.file.truncated, maxUploadBytes)
      const { media: saved, created } = media.insert({
        ...stored,
        originalName: cleanFileName(part.filename),
      })
      return reply.code(created ? 201 : 200).send(saved)
    },
  )

  app.delete(
    '/api/media/:id',
    { schema: { tags, params: IdParams, response: { 204: Deleted, 404: ErrorBody, 409: ErrorBody } } },
    async (req, reply) => {
      const removed = media.delete(req.params.id)
      await store.remove(removed.sha256, removed.url.split('.').pop() ?? '')
      return reply.code(204).send(null)
    },
  )
}
