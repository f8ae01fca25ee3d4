/**
 * A Parquet or Avro file that cannot be read: not in the format, truncated,
 * corrupt, or using a feature the emulator does not read (named in the
 * message). COPY answers with Redshift's load error for it.
 *
 * @example
 * ```ts
 * try {
 *   await readParquet(body)
 * } catch (error) {
 *   if (error instanceof ColumnarFormatError) console.error(error.format, error.message)
 * }
 * ```
 */
export class ColumnarFormatError extends Error {
  override readonly name = 'ColumnarFormatError'
  readonly format: 'parquet' | 'avro'

  constructor(
    format: 'parquet' | 'avro',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.format = format
  }
}
