import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import sharp from 'sharp'

/** Console thumbnails: wide enough for a card on the Screens page, a few KB each. */
export const SCREENSHOT_THUMB_WIDTH_PX = 320
const THUMB_QUALITY = 75

/**
 * The screenshot files under `<DATA_DIR>/screenshots/<screen>/`: the picture as the agent sent
 * it, a JPEG thumbnail, and the expected picture when one was rendered. Names are made here
 * from ids (slugs), never from anything a client sent.
 */
export class ScreenshotFiles {
  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true })
  }

  names(screenId: string, id: string, extension: 'png' | 'jpg') {
    return {
      full: `${screenId}/${id}.${extension}`,
      thumb: `${screenId}/${id}.thumb.jpg`,
      expected: `${screenId}/${id}.expected.png`,
    }
  }

  path(name: string): string {
    const path = join(this.dir, name)
    // Names come from the database, written by this class; a path outside is a bug, never served.
    if (!path.startsWith(this.dir + sep)) throw new Error(`screenshot file outside its folder: ${name}`)
    return path
  }

  /** Written to a temporary name and renamed: a crash leaves no half picture under a real name. */
  async write(name: string, data: Buffer): Promise<number> {
    const target = this.path(name)
    await mkdir(dirname(target), { recursive: true })
    const temp = `${target}.${randomBytes(6).toString('hex')}.part`
    try {
      await writeFile(temp, data)
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    return data.length
  }

  async thumbnail(name: string, image: Buffer): Promise<number> {
    const data = await sharp(image, { failOn: 'error' })
      .resize({ width: SCREENSHOT_THUMB_WIDTH_PX, withoutEnlargement: true })
      .flatten({ background: '#000000' })
      .jpeg({ quality: THUMB_QUALITY, mozjpeg: true })
      .toBuffer()
    return this.write(name, data)
  }

  async remove(names: readonly (string | null)[]): Promise<void> {
    await Promise.all(names.map((n) => (n === null ? undefined : rm(this.path(n), { force: true }))))
  }
}
