import { CodegenError } from '../errors/codegen-error.js'

/**
 * The `write` {@link CodegenError} for a file that could not be written:
 * the option, the path and the system's code (`ENOTDIR`, `EACCES`...).
 *
 * @example
 * ```ts
 * throw writeError('--out-file', file, error)
 * ```
 */
export function writeError(
  option: string,
  file: string,
  error: unknown,
): CodegenError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'ENOTDIR'
      ? 'ENOTDIR (a parent of the path is a file, not a folder)'
      : code === 'EACCES' || code === 'EPERM'
        ? `${code} (permission denied)`
        : code === 'EISDIR'
          ? 'EISDIR (the path is a folder)'
          : (code ?? String(error))
  return new CodegenError(
    'write',
    `Cannot write ${option} ${file}: ${reason}`,
    {
      cause: error,
    },
  )
}
