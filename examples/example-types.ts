import { fileURLToPath } from 'node:url'

import { generate, type GenerateResult } from '../codegen/index.js'

/** `generated/db.ts`, the examples' checked-in types. */
export const EXAMPLE_TYPES_FILE = fileURLToPath(
  new URL('../generated/db.ts', import.meta.url),
)

/**
 * Generates (or, with `verify`, checks) `generated/db.ts` from a database
 * holding {@link EXAMPLE_SCHEMA}: the same options whichever runs it, so the
 * script that writes the file and the test that verifies it cannot differ.
 * The file imports the SDK's types from the repository's sources, as a
 * project's own file would from `kysely-redshift`.
 *
 * @example
 * ```ts
 * const { changed, diff } = await generateExampleTypes(url, { verify: true })
 * ```
 */
export function generateExampleTypes(
  url: string,
  options: { readonly verify?: boolean } = {},
): Promise<GenerateResult> {
  return generate({
    url,
    outFile: EXAMPLE_TYPES_FILE,
    includePattern: ['public.*', 'analytics.*'],
    importFrom: '../src/index.js',
    verify: options.verify ?? false,
  })
}
