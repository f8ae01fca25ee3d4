import { pipeline, type Readable } from 'node:stream'
import { createGzip } from 'node:zlib'

import { CodecUnsupportedError, type CompressionCodec } from './codec-error.js'
import { ZstdRawFrameEncoder } from './zstd-raw-frames.js'

/**
 * `input` compressed as UNLOAD's GZIP, ZSTD or BZIP2 options write it.
 * GZIP is real deflate (node:zlib). ZSTD is valid Zstandard made of stored
 * blocks (see {@link ZstdRawFrameEncoder}: Node 20 has no zstd compressor),
 * which any zstd reader decodes, but not smaller than the input. BZIP2 throws
 * {@link CodecUnsupportedError}: no bzip2 encoder with a permissive licence
 * is installed (an emulator limit, not Redshift's).
 *
 * @example
 * ```ts
 * await storage.write(location, compressStream('gzip', Readable.from(lines)))
 * ```
 */
export function compressStream(
  codec: CompressionCodec,
  input: Readable,
): Readable {
  switch (codec) {
    case 'gzip':
      return pipeline(input, createGzip(), () => {})
    case 'zstd':
      return pipeline(input, new ZstdRawFrameEncoder(), () => {})
    case 'bzip2':
      throw new CodecUnsupportedError(
        'bzip2',
        'The local emulator cannot write BZIP2: it has no bzip2 compressor (the pure-JS ones on npm are GPL or share-alike licensed). Use GZIP or ZSTD with the emulator.',
      )
  }
}
