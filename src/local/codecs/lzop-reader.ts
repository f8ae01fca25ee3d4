import { crc32 } from 'node:zlib'

import { lzo1xDecompress } from './lzo1x.js'

const MAGIC = Buffer.from([
  0x89, 0x4c, 0x5a, 0x4f, 0x00, 0x0d, 0x0a, 0x1a, 0x0a,
])

// Header flags (lzop's conf.h).
const F_ADLER32_D = 0x1
const F_ADLER32_C = 0x2
const F_H_EXTRA_FIELD = 0x40
const F_CRC32_D = 0x100
const F_CRC32_C = 0x200
const F_MULTIPART = 0x400
const F_H_FILTER = 0x800
const F_H_CRC32 = 0x1000

/** lzop's largest block (64 MiB); a bigger size means a corrupt header. */
const MAX_BLOCK = 64 * 1024 * 1024

/**
 * Reads the lzop file format (what `lzop` writes and Redshift's COPY ... LZOP
 * reads): a header, then blocks of LZO1X data, each with its sizes and
 * checksums, which are verified. Concatenated lzop files are read one after
 * another. Yields each block's bytes as it is decoded, so memory stays at
 * one block.
 *
 * @example
 * ```ts
 * for await (const block of readLzop(fs.createReadStream('data.lzo'))) process.stdout.write(block)
 * ```
 */
export async function* readLzop(
  input: AsyncIterable<Buffer | Uint8Array | string>,
): AsyncGenerator<Buffer> {
  const reader = new ByteReader(input[Symbol.asyncIterator]())
  let files = 0
  while (files === 0 || (await reader.more())) {
    files++
    const flags = await readHeader(reader)
    for (;;) {
      const dstLength = (await reader.take(4)).readUInt32BE(0)
      if (dstLength === 0) break
      if (dstLength > MAX_BLOCK) throw new RangeError('lzop block too large')
      const srcLength = (await reader.take(4)).readUInt32BE(0)
      if (srcLength > dstLength)
        throw new RangeError('lzop block larger compressed than plain')
      const dAdler =
        flags & F_ADLER32_D ? (await reader.take(4)).readUInt32BE(0) : undefined
      const dCrc =
        flags & F_CRC32_D ? (await reader.take(4)).readUInt32BE(0) : undefined
      const compressed = srcLength < dstLength
      const cAdler =
        compressed && flags & F_ADLER32_C
          ? (await reader.take(4)).readUInt32BE(0)
          : undefined
      const cCrc =
        compressed && flags & F_CRC32_C
          ? (await reader.take(4)).readUInt32BE(0)
          : undefined
      const data = await reader.take(srcLength)
      if (cAdler !== undefined && adler32(data) !== cAdler)
        throw new RangeError('lzop block checksum mismatch')
      if (cCrc !== undefined && crc32(data) !== cCrc)
        throw new RangeError('lzop block checksum mismatch')
      const plain = compressed ? lzo1xDecompress(data, dstLength) : data
      if (dAdler !== undefined && adler32(plain) !== dAdler)
        throw new RangeError('lzop data checksum mismatch')
      if (dCrc !== undefined && crc32(plain) !== dCrc)
        throw new RangeError('lzop data checksum mismatch')
      yield plain
    }
  }
}

/** Reads and checks one file header; returns its flags. */
async function readHeader(reader: ByteReader): Promise<number> {
  const magic = await reader.take(MAGIC.length, true)
  if (!magic.equals(MAGIC)) throw new RangeError('not an lzop file (bad magic)')
  reader.startChecksum()
  const fixed = await reader.take(4)
  const version = fixed.readUInt16BE(0)
  if (version < 0x0940) {
    // Pre-1.0 files lack fields the rest of this reader expects.
    throw new RangeError(
      `lzop format version ${version.toString(16)} is too old`,
    )
  }
  await reader.take(2) // version needed to extract
  const [method] = await reader.take(2) // method, level
  if (method !== 1 && method !== 2 && method !== 3) {
    throw new RangeError(`lzop method ${method} is not LZO1X`)
  }
  const flags = (await reader.take(4)).readUInt32BE(0)
  if (flags & F_MULTIPART)
    throw new RangeError('multipart lzop files are not supported')
  if (flags & F_H_FILTER) throw new RangeError('lzop filters are not supported')
  await reader.take(12) // mode, mtime low, mtime high
  const [nameLength] = await reader.take(1)
  await reader.take(nameLength!)
  const checksum = reader.endChecksum(flags & F_H_CRC32 ? 'crc32' : 'adler32')
  if ((await reader.take(4)).readUInt32BE(0) !== checksum) {
    throw new RangeError('lzop header checksum mismatch')
  }
  if (flags & F_H_EXTRA_FIELD) {
    const extra = (await reader.take(4)).readUInt32BE(0)
    await reader.take(extra + 4) // the field and its checksum
  }
  return flags
}

/** Pulls exact byte counts out of a chunked stream. */
class ByteReader {
  readonly #source: AsyncIterator<Buffer | Uint8Array | string>
  #buffer = Buffer.alloc(0)
  #ended = false
  #checksummed: Buffer[] | undefined

  constructor(source: AsyncIterator<Buffer | Uint8Array | string>) {
    this.#source = source
  }

  async more(): Promise<boolean> {
    while (this.#buffer.length === 0 && !this.#ended) await this.#pull()
    return this.#buffer.length > 0
  }

  async take(count: number, atStart = false): Promise<Buffer> {
    while (this.#buffer.length < count && !this.#ended) await this.#pull()
    if (this.#buffer.length < count) {
      throw new RangeError(
        atStart ? 'not an lzop file (too short)' : 'lzop file is truncated',
      )
    }
    const taken = this.#buffer.subarray(0, count)
    this.#buffer = this.#buffer.subarray(count)
    this.#checksummed?.push(taken)
    return taken
  }

  startChecksum(): void {
    this.#checksummed = []
  }

  endChecksum(kind: 'crc32' | 'adler32'): number {
    const data = Buffer.concat(this.#checksummed ?? [])
    this.#checksummed = undefined
    return kind === 'crc32' ? crc32(data) : adler32(data)
  }

  async #pull(): Promise<void> {
    const next = await this.#source.next()
    if (next.done) {
      this.#ended = true
      return
    }
    const chunk =
      typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    this.#buffer =
      this.#buffer.length === 0
        ? Buffer.from(chunk)
        : Buffer.concat([this.#buffer, chunk])
  }
}

function adler32(data: Uint8Array): number {
  let a = 1
  let b = 0
  // 5552 is the longest run before b can overflow 2^32 (zlib's NMAX).
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 5552, data.length)
    for (; i < end; i++) {
      a += data[i]!
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}
