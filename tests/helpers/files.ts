import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A real RGB PNG of the given size, coloured by `seed` so different seeds give different bytes. */
export function makePng(width: number, height: number, seed = 0): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x + seed) & 0xff
      raw[row + 2 + x * 3] = (y * 3 + seed) & 0xff
      raw[row + 3 + x * 3] = (seed * 7) & 0xff
    }
  }
  return pngFile(width, height, deflateSync(raw))
}

/** A PNG of one colour all over: what a test that measures the screen's pixel values shows. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const row = Buffer.alloc(width * 3 + 1)
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3)
  return pngFile(width, height, deflateSync(Buffer.concat(Array.from({ length: height }, () => row))))
}

/**
 * An animated PNG of one frame (the acTL and fcTL chunks before the picture): browsers play it
 * as any PNG, and file-type names it image/apng.
 */
export function makeApng(width: number, height: number): Buffer {
  const png = makePng(width, height)
  const actl = Buffer.alloc(8)
  actl.writeUInt32BE(1, 0) // frames
  const fctl = Buffer.alloc(26)
  fctl.writeUInt32BE(width, 4)
  fctl.writeUInt32BE(height, 8)
  fctl.writeUInt16BE(1, 20) // delay 1/100 s
  fctl.writeUInt16BE(100, 22)
  const afterIhdr = 8 + 25
  return Buffer.concat([
    png.subarray(0, afterIhdr),
    chunk('acTL', actl),
    chunk('fcTL', fctl),
    png.subarray(afterIhdr),
  ])
}

/** A PNG of `width × height` RGB pixels around the given (possibly broken) IDAT data. */
function pngFile(width: number, height: number, idat: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A multipart/form-data body as `app.inject` wants it. */
export function multipart(
  files: { field?: string; filename: string; contentType?: string; data: Buffer }[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gatecast${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

/** A deterministic byte sequence (no 0xff when `noFF`, so JPEG scan data gains no markers). */
export function noiseBytes(length: number, seed = 1, noFF = false): Buffer {
  const out = Buffer.alloc(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = noFF ? (x >>> 0) % 255 : (x >>> 0) & 0xff
  }
  return out
}

/**
 * A PNG whose header, chunk CRCs and IEND are all correct but whose pixel data is noise: it
 * passes every structural check and fails only when really decoded.
 */
export function makePngWithGarbageData(width: number, height: number): Buffer {
  return pngFile(width, height, Buffer.concat([Buffer.from([0x78, 0x9c]), noiseBytes(4000, 7)]))
}

/**
 * A decompression bomb's shape: a tiny PNG declaring `width × height` pixels. Only the first
 * row is really there; a server that trusted the header and decoded it would try to allocate
 * width × height × 3 bytes.
 */
export function makePngBomb(width: number, height: number): Buffer {
  return pngFile(width, height, deflateSync(Buffer.alloc(width * 3 + 1)))
}

/** The first bytes of a 64-bit Linux executable (ELF header), padded. */
export function makeElf(): Buffer {
  const elf = Buffer.alloc(512)
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(elf)
  elf.writeUInt16LE(2, 16) // ET_EXEC
  elf.writeUInt16LE(0x3e, 18) // x86-64
  return elf
}

/** A Windows executable's DOS and PE headers, padded. */
export function makeExe(): Buffer {
  const exe = Buffer.alloc(512)
  exe.write('MZ', 0, 'latin1')
  exe.writeUInt32LE(0x80, 0x3c) // offset of the PE header
  exe.write('PE\0\0', 0x80, 'latin1')
  exe.writeUInt16LE(0x14c, 0x84) // i386
  return exe
}

/**
 * A real ZIP archive holding the given files, stored uncompressed. The archive's comment comes
 * last in the file, so it decides the file's last bytes (a GIF polyglot ends its ZIP in ";").
 */
export function makeZip(files: Record<string, Buffer>, comment = ''): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, data] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBuf.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBuf, data)
    centrals.push(central, nameBuf)
    offset += local.length + nameBuf.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  const commentBuf = Buffer.from(comment, 'latin1')
  end.writeUInt16LE(commentBuf.length, 20)
  return Buffer.concat([...locals, directory, end, commentBuf])
}
