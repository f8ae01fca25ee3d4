import type { LoadErrorEntry } from '../catalog/load-log.js'
import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'

/**
 * Redshift's errors raised below the parser (S3, the loader) carry a DETAIL
 * block of `error: / code: / context: / query: / location: / process:` lines;
 * clients and the SDK's error mapper read the internal code from it.
 */
function detailBlock(
  message: string,
  code: number,
  context: string,
  query: number,
  location: string,
): string {
  const rule = '  -----------------------------------------------'
  return [
    '',
    rule,
    `  error:  ${message}`,
    `  code:      ${code}`,
    `  context:   ${context}`,
    `  query:     ${query}`,
    `  location:  ${location}`,
    `  process:   padbmaster [pid=${process.pid}]`,
    rule,
    '',
  ].join('\n')
}

/**
 * The errors COPY raises, each in Redshift's shape: grammar and argument
 * problems are `42601` (the statement is malformed), the rules the COPY
 * executor enforces (columnar formats, S3 objects, manifests, the load
 * itself) are `XX000` with the internal-code DETAIL block, and what this
 * emulator cannot run is `0A000`.
 *
 * @example
 * ```ts
 * copyError.incompatible('CSV', 'ESCAPE').message // 'CSV is not compatible with ESCAPE'
 * ```
 */
export const copyError = {
  /** `42601 syntax error at or near "<token>"`. */
  syntax(near: string): ErrorFields {
    return reject.syntax(near)
  },
  /** A bad option or argument, `42601` with the given message. */
  option(message: string, hint?: string): ErrorFields {
    return reject.other('42601', message, undefined, hint)
  },
  /** Two options Redshift refuses together. */
  incompatible(a: string, b: string): ErrorFields {
    return reject.other('42601', `${a} is not compatible with ${b}`)
  },
  /** An option given twice. */
  duplicate(option: string): ErrorFields {
    return reject.other(
      '42601',
      `conflicting or redundant options`,
      `${option} is specified more than once.`,
    )
  },
  /** An option a columnar (Parquet/ORC) COPY does not take. */
  columnar(option: string, format: string): ErrorFields {
    return executor(
      `${option} argument is not supported for ${format} based COPY`,
      8001,
      0,
      'xen_copy.cpp',
    )
  },
  /** A rule the COPY executor enforces (`XX000` with the DETAIL block). */
  executor(message: string, code = 8001, query = 0): ErrorFields {
    return executor(message, code, query, 'copy.cpp')
  },
  /** What this emulator cannot do (`0A000`), named plainly. */
  emulatorLimit(what: string, hint?: string): ErrorFields {
    return reject.other(
      '0A000',
      `${what} is not supported by the local emulator`,
      undefined,
      hint ?? 'load the data from s3:// in a supported format instead',
    )
  },
  /** The failure of a whole load: `Load into table 'T' failed.` with the first rejected row in the DETAIL. */
  loadFailed(
    table: string,
    first: LoadErrorEntry | undefined,
    query: number,
  ): ErrorFields {
    const message = `Load into table '${table}' failed.  Check 'stl_load_errors' system table for details.`
    return {
      severity: 'ERROR',
      code: 'XX000',
      message,
      detail: detailBlock(
        first?.err_reason ?? message,
        first?.err_code ?? 1200,
        first?.raw_field_value ?? '',
        query,
        'load_command.cpp',
      ),
    }
  },
} as const

function executor(
  message: string,
  code: number,
  query: number,
  location: string,
): ErrorFields {
  return {
    severity: 'ERROR',
    code: 'XX000',
    message,
    detail: detailBlock(message, code, '', query, location),
  }
}

/**
 * A COPY that must fail once it has started (missing prefix or mandatory
 * file, unreadable file, MAXERROR exceeded...). `fields` is the error to
 * send to the client; `loadErrors` are the rows for STL_LOAD_ERRORS.
 *
 * @example
 * ```ts
 * try { for await (const chunk of load.chunks) send(chunk) }
 * catch (e) { if (e instanceof CopyLoadError) sendError(e.fields) }
 * ```
 */
export class CopyLoadError extends Error {
  readonly fields: ErrorFields
  readonly loadErrors: readonly LoadErrorEntry[]

  constructor(fields: ErrorFields, loadErrors: readonly LoadErrorEntry[] = []) {
    super(fields.message)
    this.name = 'CopyLoadError'
    this.fields = fields
    this.loadErrors = Object.freeze([...loadErrors])
  }
}

/** A value rejected by its column's type: one row of STL_LOAD_ERRORS to be. */
export class FieldError extends Error {
  readonly code: number
  constructor(code: number, reason: string) {
    super(reason)
    this.code = code
  }
}
