import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { ARTIFACTS } from './browser'
import { which } from './kiosk'

// ---------------------------------------------------------------------------------------------------------
// On a real X display, as the screen PC runs it: Xvfb for the panel, openbox as the session's window
// manager, the launch script exec'ing Debian's Chromium, and xwd to see the screen as a person would.
// The bubbles and bars are browser UI, outside the page: only a picture of the whole screen shows them.
// ---------------------------------------------------------------------------------------------------------

/** The page's background: every pixel of a screen showing only the page is this colour. */
export const BACKGROUND = { r: 0x0a, g: 0x3d, b: 0x62 }
export const PANEL = { width: 1024, height: 576 }

export interface Picture {
  width: number
  height: number
  pixel: (x: number, y: number) => { r: number; g: number; b: number }
}

/** Kept in tests/artifacts/ for a person to look at. */
export async function savePicture(picture: Picture, name: string): Promise<void> {
  const raw = Buffer.alloc(picture.width * picture.height * 3)
  for (let y = 0; y < picture.height; y++) {
    for (let x = 0; x < picture.width; x++) {
      const { r, g, b } = picture.pixel(x, y)
      raw.set([r, g, b], (y * picture.width + x) * 3)
    }
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  await sharp(raw, { raw: { width: picture.width, height: picture.height, channels: 3 } })
    .png()
    .toFile(join(ARTIFACTS, name))
}

/** An XWD screenshot (ZPixmap, 24-bit TrueColor in 32-bit pixels, as Xvfb's root window is). */
export function parseXwd(data: Buffer): Picture {
  const field = (i: number) => data.readUInt32BE(i * 4)
  const [headerSize, format, depth, width, height] = [field(0), field(2), field(3), field(4), field(5)]
  const [byteOrder, bitsPerPixel, bytesPerLine, ncolors] = [field(7), field(11), field(12), field(19)]
  if (format !== 2 || depth !== 24 || bitsPerPixel !== 32) {
    throw new Error(`unexpected XWD: format ${format}, depth ${depth}, ${bitsPerPixel} bits per pixel`)
  }
  const [redMask, greenMask, blueMask] = [field(14), field(15), field(16)]
  const shift = (mask: number) => Math.log2(mask & -mask)
  const pixels = headerSize + ncolors * 12
  return {
    width,
    height,
    pixel: (x, y) => {
      const at = pixels + y * bytesPerLine + x * 4
      const v = byteOrder === 0 ? data.readUInt32LE(at) : data.readUInt32BE(at)
      return {
        r: ((v & redMask) >>> shift(redMask)) & 0xff,
        g: ((v & greenMask) >>> shift(greenMask)) & 0xff,
        b: ((v & blueMask) >>> shift(blueMask)) & 0xff,
      }
    },
  }
}

/** The points of the screen, on a 16-pixel grid, that are not the page's background. */
export function covered(
  picture: Picture,
  region = { x: 0, y: 0, width: picture.width, height: picture.height },
) {
  const points: { x: number; y: number }[] = []
  const xs = [region.x, region.x + region.width - 1]
  const ys = [region.y, region.y + region.height - 1]
  for (let x = region.x; x < region.x + region.width; x += 16) xs.push(x)
  for (let y = region.y; y < region.y + region.height; y += 16) ys.push(y)
  for (const x of xs) {
    for (const y of ys) {
      const { r, g, b } = picture.pixel(x, y)
      if (Math.abs(r - BACKGROUND.r) + Math.abs(g - BACKGROUND.g) + Math.abs(b - BACKGROUND.b) > 6) {
        points.push({ x, y })
      }
    }
  }
  return points
}

export const X_TOOLS = {
  Xvfb: which('Xvfb'),
  openbox: which('openbox'),
  xwd: which('xwd'),
  xset: which('xset'),
}
export const X_PACKAGES = { Xvfb: 'xvfb', openbox: 'openbox', xwd: 'x11-apps', xset: 'x11-xserver-utils' }
export const missingX = Object.entries(X_TOOLS)
  .filter(([, path]) => !path)
  .map(([name]) => name as keyof typeof X_TOOLS)
export const skipWithoutX = `needs ${missingX.join(', ')}: apt-get install ${missingX.map((m) => X_PACKAGES[m]).join(' ')}`

/** A virtual panel: Xvfb picks a free display and writes its number on fd 3; -nocursor as the kiosk's X runs. */
export async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(
    X_TOOLS.Xvfb as string,
    ['-displayfd', '3', '-screen', '0', `${PANEL.width}x${PANEL.height}x24`, '-nocursor', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] },
  )
  const display = await new Promise<string>((resolve, reject) => {
    let text = ''
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(`:${text.trim()}`)
    })
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)))
  })
  return { display, process: xvfb }
}

/** Stops a process (an Xvfb: until its display number and lock file are free for the next one). */
export async function stopProcess(xvfb: ChildProcess): Promise<void> {
  if (xvfb.exitCode !== null || xvfb.signalCode !== null) return
  const exited = new Promise((resolve) => xvfb.once('exit', resolve))
  xvfb.kill()
  await exited
}
