import { readFile } from 'node:fs/promises'

import { CodegenError } from '../errors/codegen-error.js'
import { parseSchemaModel } from '../model/parse-schema-model.js'
import type { SchemaModel } from '../model/schema-model.js'

/**
 * Reads a schema model saved by `--snapshot` and validates it, so rendering
 * needs no database (CI). Every failure is a `snapshot` {@link CodegenError}
 * naming the file: missing, not JSON (with the parser's position), another
 * model version, or the bad fields.
 *
 * @example
 * ```ts
 * const model = await readSnapshot('codegen/schema.json')
 * ```
 */
export async function readSnapshot(file: string): Promise<SchemaModel> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new CodegenError(
      'snapshot',
      `Cannot read snapshot ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { cause: error },
    )
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CodegenError(
      'snapshot',
      `Snapshot ${file} is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    )
  }
  return parseSchemaModel(value, `Snapshot ${file}`)
}
