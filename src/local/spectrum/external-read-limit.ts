import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'

/**
 * What the emulator cannot read from an external table's files exactly as
 * Spectrum does: the statement fails with SQLSTATE 0A000, saying so.
 *
 * @example
 * ```ts
 * throw new ExternalReadLimit('an empty field for an INTEGER column', 's3://b/t/part-0')
 * ```
 */
export class ExternalReadLimit extends Error {
  readonly fields: ErrorFields

  constructor(what: string, where?: string) {
    super(what)
    this.name = 'ExternalReadLimit'
    this.fields = reject.other(
      '0A000',
      `reading ${what} from an external table is not supported by the local emulator (an emulator limit)`,
      where,
      'the emulator reads the values Spectrum reads the same way everywhere; load other files with COPY into a local table',
    )
  }
}
