import type { ErrorFields } from '../protocol/error-fields.js'

/**
 * An UNLOAD that fails while it runs (a destination that is not empty, a
 * value wider than its FIXEDWIDTH column, a column type the format cannot
 * hold, storage refusing a write). `fields` is the Redshift-shaped error the
 * session sends to the client.
 *
 * @example
 * ```ts
 * try { await writeUnload(plan, context) } catch (error) {
 *   if (error instanceof UnloadError) send(error.fields)
 * }
 * ```
 */
export class UnloadError extends Error {
  readonly fields: ErrorFields

  constructor(fields: ErrorFields) {
    super(fields.message)
    this.name = 'UnloadError'
    this.fields = fields
  }
}
