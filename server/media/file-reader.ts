import { type FileHandle, open } from 'node:fs/promises'

/**
 * Positional reads from a file: the checks and probes look at headers and indexes only, so a
 * 500 MB video is never read into memory to learn its duration.
 */
export interface FileReader {
  readonly size: number
  /** Up to `length` bytes from `position`; shorter at the end of the file. */
  read(position: number, length: number): Promise<Buffer>
}

export async function withFileReader<T>(path: string, use: (reader: FileReader) => Promise<T>): Promise<T> {
  const file: FileHandle = await open(path, 'r')
  try {
    const { size } = await file.stat()
    return await use({
      size,
      read: async (position, length) => {
        const want = Math.max(0, Math.min(length, size - position))
        if (want === 0 || position < 0) return Buffer.alloc(0)
        const buf = Buffer.alloc(want)
        const { bytesRead } = await file.read(buf, 0, want, position)
        return buf.subarray(0, bytesRead)
      },
    })
  } finally {
    await file.close()
  }
}
