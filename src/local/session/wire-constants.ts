import { serialize } from 'pg-protocol'

/**
 * Text PostgreSQL cannot parse: sent in place of a refused statement so that
 * PostgreSQL itself answers with an error at exactly the right point of the
 * response stream (and aborts the transaction, as Redshift would). The
 * session then swaps that error for the emulator's own.
 */
export const SENTINEL = 'redshift_local_refused'

/** A Query message with the sentinel text. */
export const SENTINEL_QUERY: Buffer = Buffer.from(serialize.query(SENTINEL))

/** A Parse of the unnamed statement with the sentinel text. */
export const SENTINEL_PARSE: Buffer = Buffer.from(
  serialize.parse({ name: '', text: SENTINEL }),
)

/** Terminate, sent to PostgreSQL when the client goes away. */
export const TERMINATE: Buffer = Buffer.from([0x58, 0, 0, 0, 4])

/**
 * The row count at the end of a CommandComplete tag (`INSERT 0 5` -> 5);
 * `buf[start]` is the message type.
 *
 * @example
 * ```ts
 * tagRows(message, 0, message.length) // 5 for 'INSERT 0 5'
 * ```
 */
export function tagRows(buf: Buffer, start: number, end: number): number {
  let i = end - 2 // before the terminating zero
  let value = 0
  let scale = 1
  while (i > start + 5) {
    const c = buf[i]!
    if (c < 48 || c > 57) break
    value += (c - 48) * scale
    scale *= 10
    i--
  }
  return scale === 1 ? 0 : value
}

/**
 * CommandComplete as Redshift sends it after a SELECT, CREATE TABLE AS or
 * SELECT INTO: `SELECT` without a row count, as PostgreSQL 8.0 did. Clients
 * then report no row count for a query (node-postgres' `rowCount` is null,
 * DB-API's `rowcount` -1): the rows are counted as they arrive.
 */
export const SELECT_COMPLETE: Buffer = Buffer.from([
  0x43, 0, 0, 0, 11, 0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0,
])

/**
 * Whether the CommandComplete at `buf[start]` is `SELECT n`.
 *
 * @example
 * ```ts
 * isSelectTag(message, 0) // true for 'SELECT 3'
 * ```
 */
export function isSelectTag(buf: Buffer, start: number): boolean {
  return (
    buf[start + 5] === 0x53 /* S */ &&
    buf[start + 6] === 0x45 /* E */ &&
    buf[start + 7] === 0x4c /* L */ &&
    buf[start + 8] === 0x45 /* E */ &&
    buf[start + 9] === 0x43 /* C */ &&
    buf[start + 10] === 0x54 /* T */ &&
    buf[start + 11] === 0x20 /* space */
  )
}
