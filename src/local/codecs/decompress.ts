import {
  pipeline,
  Readable,
  Transform,
  type TransformCallback,
} from 'node:stream'
import { createGunzip } from 'node:zlib'

import Bunzip from 'seek-bzip'
import { Decompress as ZstdDecompress } from 'fzstd'

import { CodecError, type DecompressionCodec } from './codec-error.js'
import { readLzop } from './lzop-reader.js'

/**
 * The decompressed bytes of `input`, as COPY's GZIP, BZIP2, ZSTD and LZOP
 * options read them: concatenated gzip members, bzip2 streams and zstd
 * frames are all read to the end (several files joined with `cat` stay one
 * valid file, as for the command-line tools). Corrupt or truncated data
 * makes the returned stream fail with a {@link CodecError}.
 *
 * gzip and zstd stream with bounded memory and lzop holds one block at a
 * time; bzip2 holds the whole compressed object, because the pure-JS decoder
 * (seek-bzip) only decodes whole buffers.
 *
 * @example
 * ```ts
 * const text = decompressStream('gzip', await storage.openRead(location))
 * for await (const chunk of text) process.stdout.write(chunk)
 * ```
 */
export function decompressStream(
  codec: DecompressionCodec,
  input: Readable,
): Readable {
  switch (codec) {
    case 'gzip':
      return decodeThrough(input, createGunzip(), codec)
    case 'bzip2':
      return decodeThrough(input, new Bzip2Decoder(), codec)
    case 'zstd':
      return decodeThrough(input, new ZstdDecoder(), codec)
    case 'lzop':
      return decodeBlocks(readLzop(input), input, codec)
  }
}

/**
 * `input` through `transform`, as a stream whose errors are the input's own
 * (a storage failure passes through unchanged) or else a CodecError.
 * Destroying the result stops and destroys the input too.
 */
function decodeThrough(
  input: Readable,
  transform: Transform,
  codec: DecompressionCodec,
): Readable {
  return decodeBlocks(
    pipeline(input, transform, () => {}),
    input,
    codec,
  )
}

function decodeBlocks(
  blocks: AsyncIterable<Buffer>,
  input: Readable,
  codec: DecompressionCodec,
): Readable {
  let inputError: Error | undefined
  input.once('error', (error) => (inputError = error))
  const output = Readable.from(
    (async function* () {
      try {
        yield* blocks
      } catch (error) {
        throw inputError ?? codecError(codec, error)
      }
    })(),
    { objectMode: false },
  )
  output.once('close', () => input.destroy())
  return output
}

function codecError(codec: DecompressionCodec, error: unknown): CodecError {
  if (error instanceof CodecError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new CodecError(
    codec,
    `The ${codec.toUpperCase()} data is corrupt or not ${codec} (${reason}).`,
    { cause: error },
  )
}

/** seek-bzip decodes whole buffers only: gather, then decode at the end. */
class Bzip2Decoder extends Transform {
  readonly #chunks: Buffer[] = []

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    this.#chunks.push(chunk)
    callback()
  }

  override _flush(callback: TransformCallback): void {
    try {
      const input = Buffer.concat(this.#chunks)
      this.#chunks.length = 0
      if (input.length === 0) throw new Error('empty input')
      callback(null, Bunzip.decode(input, undefined, true))
    } catch (error) {
      callback(error as Error)
    }
  }
}

/** fzstd's streaming decoder, which reads frame after frame. */
class ZstdDecoder extends Transform {
  readonly #decoder: ZstdDecompress
  #seen = false

  constructor() {
    super()
    // fzstd may hand out views of its window: copy before it is reused.
    this.#decoder = new ZstdDecompress((data) => {
      if (data.length > 0) this.push(Buffer.from(data))
    })
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    try {
      if (chunk.length > 0) this.#seen = true
      this.#decoder.push(chunk)
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.#seen) throw new Error('empty input')
      this.#decoder.push(new Uint8Array(0), true)
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }
}
