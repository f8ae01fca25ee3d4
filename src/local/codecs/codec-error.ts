/** The codecs COPY reads. */
export type DecompressionCodec = 'gzip' | 'bzip2' | 'zstd' | 'lzop'

/** The codecs UNLOAD writes. */
export type CompressionCodec = 'gzip' | 'bzip2' | 'zstd'

/**
 * Compressed data that could not be decoded (corrupt, truncated, or not in
 * the codec's format). COPY turns it into Redshift's load failure.
 *
 * @example
 * ```ts
 * input.pipe(decompressStream('gzip', input)).on('error', (error) => {
 *   if (error instanceof CodecError) console.error(error.codec, error.message)
 * })
 * ```
 */
export class CodecError extends Error {
  override readonly name: string = 'CodecError'
  readonly codec: DecompressionCodec

  constructor(
    codec: DecompressionCodec,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.codec = codec
  }
}

/**
 * A codec the emulator cannot produce or read here (an emulator limit, not
 * Redshift's): the message says which and why.
 *
 * @example
 * ```ts
 * try {
 *   compressStream('bzip2', rows)
 * } catch (error) {
 *   if (error instanceof CodecUnsupportedError) console.error(error.message)
 * }
 * ```
 */
export class CodecUnsupportedError extends Error {
  override readonly name = 'CodecUnsupportedError'
  readonly codec: DecompressionCodec

  constructor(codec: DecompressionCodec, message: string) {
    super(message)
    this.codec = codec
  }
}
