/**
 * Why codegen stopped, as a stable code the CLI maps to its exit code.
 */
export type CodegenErrorCode =
  | 'usage'
  | 'config'
  | 'unreachable'
  | 'authentication'
  | 'unsupported-database'
  | 'no-match'
  | 'snapshot'
  | 'write'
  | 'stale'
  | 'introspection'

/**
 * The CLI's exit code for each {@link CodegenErrorCode}: 1 for a stale file
 * (`--verify`), 2 for bad usage, and one code each for the rest so that
 * scripts can tell them apart.
 */
export const EXIT_CODES: Readonly<Record<CodegenErrorCode, number>> =
  Object.freeze({
    stale: 1,
    usage: 2,
    config: 3,
    unreachable: 4,
    authentication: 5,
    'unsupported-database': 6,
    'no-match': 7,
    snapshot: 8,
    write: 9,
    introspection: 10,
  })

/**
 * Every failure of codegen: a message that says what to do, a stable `code`
 * and the CLI's `exitCode` for it. Messages never hold a password.
 *
 * @example
 * ```ts
 * throw new CodegenError('no-match', 'No relation matches --include-pattern "sales.*"')
 * ```
 */
export class CodegenError extends Error {
  override readonly name: string = 'CodegenError'
  readonly code: CodegenErrorCode
  readonly exitCode: number

  constructor(
    code: CodegenErrorCode,
    message: string,
    options: { readonly cause?: unknown } = {},
  ) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.code = code
    this.exitCode = EXIT_CODES[code]
  }
}
