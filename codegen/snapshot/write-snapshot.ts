import { writeTextFile } from '../generate/write-text-file.js'
import type { SchemaModel } from '../model/schema-model.js'
import { stableJson } from './stable-json.js'

/**
 * Saves a schema model as stable JSON (sorted keys, trailing newline) for
 * `--from-snapshot`, creating the folder when needed. A failure is a `write`
 * {@link CodegenError} naming the file and the system's reason.
 *
 * @example
 * ```ts
 * await writeSnapshot('codegen/schema.json', model)
 * ```
 */
export async function writeSnapshot(
  file: string,
  model: SchemaModel,
): Promise<void> {
  await writeTextFile('--snapshot', file, stableJson(model))
}
