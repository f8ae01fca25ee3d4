import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff'

/**
 * A unified diff from the file on disk to the freshly generated output, as
 * `--verify` prints it: `---` is what is checked in, `+++` what the
 * database (or snapshot) says it should be. `current` null means the file
 * is missing, shown as a diff from nothing.
 *
 * @example
 * ```ts
 * diffOutput('generated/db.ts', onDisk, output)
 * // --- generated/db.ts\t(on disk)
 * // +++ generated/db.ts\t(generated)
 * // @@ -4,2 +4,3 @@ ...
 * ```
 */
export function diffOutput(
  name: string,
  current: string | null,
  expected: string,
): string {
  return createTwoFilesPatch(
    name,
    name,
    current ?? '',
    expected,
    current === null ? '(missing)' : '(on disk)',
    '(generated)',
    // git's shape: no `Index:` line and underline before the headers.
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  )
}
