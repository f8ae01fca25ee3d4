/** An Avro file's fields and records, as src/local/formats/read-avro.ts gives them. */
export interface AvroContent {
  readonly fields: readonly { readonly name: string; readonly type: string }[]
  readonly records: AsyncIterable<Readonly<Record<string, unknown>>>
}

// The Avro reader is a module of the storage formats; it is loaded when a
// COPY first needs it.
const AVRO_READER = '../formats/read-avro.js'

/**
 * Reads an Avro object container file through the formats module's
 * `readAvro` (exact values: longs beyond 2^53 as bigint, decimals as text).
 *
 * @example
 * ```ts
 * const { records } = await readAvroFile(await storage.read(location))
 * ```
 */
export async function readAvroFile(file: Buffer): Promise<AvroContent> {
  const module = (await import(AVRO_READER)) as {
    readAvro(file: Buffer): Promise<AvroContent>
  }
  return module.readAvro(file)
}
