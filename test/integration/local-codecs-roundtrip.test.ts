import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'

import fc from 'fast-check'
import { decompress as fzstdDecompress } from 'fzstd'
import { describe, expect, it } from 'vitest'

import {
  CodecError,
  CodecUnsupportedError,
  type DecompressionCodec,
} from '../../src/local/codecs/codec-error.js'
import { compressStream } from '../../src/local/codecs/compress.js'
import { decompressStream } from '../../src/local/codecs/decompress.js'
import { zstdRawFrame } from '../../src/local/codecs/zstd-raw-frames.js'
import { StorageError } from '../../src/local/storage/storage-error.js'

const FIXTURES = join(import.meta.dirname, 'local-codecs-fixtures')

/**
 * The text inside the lzop fixtures, which were made once with lzop 1.04
 * (LZO 2.10): `lzop` (text-1.lzo), `lzop -9 --crc32` (text-9-crc32.lzo) and
 * `lzop` of noise(3000) (noise.lzo: incompressible, so stored blocks). The
 * text spans two of lzop's 256 KiB blocks.
 */
function fixtureText(): Buffer {
  const lines: string[] = []
  for (let i = 0; i < 12000; i++) {
    lines.push(
      `${i}|${(i * 7919) % 1000}|value ${i % 97}|ünï ${'x'.repeat(i % 13)}\n`,
    )
  }
  return Buffer.from(lines.join(''))
}

function noise(length: number): Buffer {
  const out = Buffer.alloc(length)
  let x = 0x9e3779b9
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

/** A stream of `data` in pieces of `size` bytes, so decoders meet every boundary. */
function pieces(data: Buffer, size = 4093): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += size)
        yield data.subarray(i, i + size)
    })(),
  )
}

/** Buffer equality without vitest's element-by-element diff (slow on large buffers). */
function expectSame(actual: Buffer, expected: Buffer): void {
  if (actual.equals(expected)) return
  let at = 0
  while (at < actual.length && actual[at] === expected[at]) at++
  expect.fail(
    `${actual.length} bytes, expected ${expected.length}; first difference at byte ${at}`,
  )
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function hasCli(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0
}

/** Compresses with the system's own tool: the independent check. */
function cli(name: string, args: string[], input: Buffer): Buffer {
  return execFileSync(name, args, { input, maxBuffer: 64 * 1024 * 1024 })
}

const TEXT = fixtureText()
const SECOND = Buffer.from(
  'second member: tabs\t, quotes \' ", newlines\n'.repeat(50),
)
const CLIS: Record<'gzip' | 'bzip2' | 'zstd', boolean> = {
  gzip: hasCli('gzip'),
  bzip2: hasCli('bzip2') || spawnSync('bzip2', ['-h']).status === 0,
  zstd: hasCli('zstd'),
}
for (const [name, present] of Object.entries(CLIS)) {
  if (!present) {
    console.warn(`${name} CLI not found: its independent checks are skipped`)
  }
}

describe('decompressStream', () => {
  for (const codec of ['gzip', 'bzip2', 'zstd'] as const) {
    it.skipIf(!CLIS[codec])(
      `reads ${codec} written by the ${codec} CLI, two files joined into one`,
      async () => {
        const joined = Buffer.concat([
          cli(codec, ['-c'], TEXT),
          cli(codec, ['-c'], SECOND),
        ])
        const out = await collect(decompressStream(codec, pieces(joined)))
        expect(out.equals(Buffer.concat([TEXT, SECOND]))).toBe(true)
      },
    )
  }

  it('reads lzop files (LZO1X-1, LZO1X-999 with CRC-32, stored blocks), joined too', async () => {
    const one = readFileSync(join(FIXTURES, 'text-1.lzo'))
    const nine = readFileSync(join(FIXTURES, 'text-9-crc32.lzo'))
    const stored = readFileSync(join(FIXTURES, 'noise.lzo'))
    expectSame(await collect(decompressStream('lzop', pieces(one))), TEXT)
    expectSame(await collect(decompressStream('lzop', pieces(nine, 777))), TEXT)
    expectSame(
      await collect(decompressStream('lzop', pieces(stored))),
      noise(3000),
    )
    const joined = Buffer.concat([one, stored, nine])
    expectSame(
      await collect(decompressStream('lzop', pieces(joined))),
      Buffer.concat([TEXT, noise(3000), TEXT]),
    )
  })

  it.skipIf(!hasCli('lzop'))(
    'reads what the lzop CLI writes at each level',
    async () => {
      const data = Buffer.concat([TEXT, noise(70_000), SECOND, TEXT])
      for (const level of ['-1', '-3', '-7', '-9']) {
        const file = cli('lzop', [level, '-c'], data)
        expectSame(
          await collect(decompressStream('lzop', pieces(file, 65536))),
          data,
        )
      }
    },
  )

  const corrupt: Record<DecompressionCodec, () => Buffer> = {
    gzip: () => Buffer.from('this is not gzip at all'),
    bzip2: () => Buffer.from('BZh9 not really bzip2 data'),
    zstd: () => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff]),
    lzop: () => {
      // A flipped byte inside the first block's LZO data: its checksum fails.
      const file = Buffer.from(readFileSync(join(FIXTURES, 'text-1.lzo')))
      file[2000] = file[2000]! ^ 0x55
      return file
    },
  }
  for (const codec of ['gzip', 'bzip2', 'zstd', 'lzop'] as const) {
    it(`fails with a CodecError on corrupt, truncated or empty ${codec} data`, async () => {
      for (const data of [
        corrupt[codec](),
        Buffer.alloc(0),
        truncated(codec),
      ]) {
        const error = await collect(decompressStream(codec, pieces(data))).then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(error).toBeInstanceOf(CodecError)
        expect((error as CodecError).codec).toBe(codec)
        expect((error as CodecError).message).toContain(codec.toUpperCase())
      }
    })
  }

  it('passes a storage failure of its input through unchanged', async () => {
    for (const codec of ['gzip', 'bzip2', 'zstd', 'lzop'] as const) {
      const broken = new StorageError('NoSuchKey', 's3://b/k', 'gone')
      const input = new Readable({
        read() {
          this.destroy(broken)
        },
      })
      await expect(collect(decompressStream(codec, input))).rejects.toBe(broken)
    }
  })

  it('stops reading its input when the reader stops early', async () => {
    const big = Buffer.concat(Array.from({ length: 20 }, () => TEXT))
    const compressed = await collect(compressStream('gzip', pieces(big)))
    const input = pieces(compressed, 1024)
    for await (const chunk of decompressStream('gzip', input)) {
      expect((chunk as Buffer).length).toBeGreaterThan(0)
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(input.destroyed).toBe(true)
  })
})

function truncated(codec: DecompressionCodec): Buffer {
  const whole =
    codec === 'lzop'
      ? readFileSync(join(FIXTURES, 'text-1.lzo'))
      : codec === 'zstd'
        ? zstdRawFrame(TEXT)
        : CLIS[codec]
          ? cli(codec, ['-c'], TEXT)
          : corrupt(codec)
  return whole.subarray(0, Math.floor(whole.length / 2))
}

function corrupt(codec: string): Buffer {
  return Buffer.from(`not ${codec}`)
}

describe('compressStream', () => {
  it('writes gzip that its own reader and the gzip CLI read back', async () => {
    const data = Buffer.concat([TEXT, noise(100_000)])
    const gz = await collect(compressStream('gzip', pieces(data)))
    expect(gz.length).toBeLessThan(data.length)
    expectSame(await collect(decompressStream('gzip', pieces(gz))), data)
    if (CLIS.gzip) expectSame(cli('gzip', ['-dc'], gz), data)
  })

  it.skipIf(!CLIS.zstd)(
    'writes zstd (stored blocks) that the zstd CLI reads back, across block and frame sizes',
    async () => {
      const data = Buffer.concat([TEXT, noise(1_500_000), TEXT]) // > 2 frames
      const zst = await collect(compressStream('zstd', pieces(data, 100_000)))
      expectSame(cli('zstd', ['-dc'], zst), data)
      const empty = await collect(compressStream('zstd', Readable.from([])))
      expectSame(cli('zstd', ['-dc'], empty), Buffer.alloc(0))
      // The CLI's own check of the frames.
      expect(spawnSync('zstd', ['-t', '-q'], { input: zst }).status).toBe(0)
    },
  )

  it('writes zstd that fzstd and its own reader read back, for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300_000 }),
        fc.integer({ min: 1, max: 200_000 }),
        async (bytes, size) => {
          const data = Buffer.from(bytes)
          const zst = await collect(compressStream('zstd', pieces(data, size)))
          expect(Buffer.from(fzstdDecompress(zst)).equals(data)).toBe(true)
          expect(
            (await collect(decompressStream('zstd', pieces(zst, 999)))).equals(
              data,
            ),
          ).toBe(true)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('refuses bzip2 with an emulator-limit error that says what to use instead', () => {
    let error: unknown
    try {
      compressStream('bzip2', Readable.from([TEXT]))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CodecUnsupportedError)
    expect((error as CodecUnsupportedError).codec).toBe('bzip2')
    expect((error as Error).message).toMatch(/cannot write BZIP2.*GZIP or ZSTD/)
  })
})
