import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import type { CodegenError } from '../errors/codegen-error.js'
import { writeError } from './write-error.js'

/**
 * Writes `text` to `file`, creating its folders. A failure is the `write`
 * {@link CodegenError} of {@link writeError}, naming `option` and the file.
 *
 * @example
 * ```ts
 * await writeTextFile('--out-file', '/app/generated/db.ts', output)
 * ```
 */
export async function writeTextFile(
  option: string,
  file: string,
  text: string,
): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        // A parent that is a file: mkdir says EEXIST, which reads as if all
        // were well; writing says ENOTDIR, which says what is wrong.
        if (error.code !== 'EEXIST') throw error
      },
    )
    await writeFile(file, text)
  } catch (error) {
    throw writeError(option, file, error) satisfies CodegenError
  }
}
