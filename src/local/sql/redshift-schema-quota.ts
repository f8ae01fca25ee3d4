import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { identifierName } from './rewrite-tokens.js'

/** A schema's quota, and the statement text without the clause. */
export interface SchemaQuota {
  /** What PostgreSQL runs (CREATE SCHEMA without QUOTA), or null for ALTER SCHEMA. */
  readonly sql: string | null
  /** The call that records the quota. */
  readonly record: string
}

const UNITS: Readonly<Record<string, number>> = {
  MB: 1,
  GB: 1024,
  TB: 1024 * 1024,
}

/**
 * `CREATE SCHEMA ... QUOTA {n [MB | GB | TB] | UNLIMITED}` and `ALTER SCHEMA
 * name QUOTA ...` (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_SCHEMA.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_SCHEMA.html), with
 * `c.pos` on CREATE or ALTER: the quota is recorded (SVV_SCHEMA_QUOTA_STATE
 * shows it) but not enforced; a bare number is in gigabytes, and a decimal
 * one (1.5 GB) is converted to megabytes, as Redshift does. Null when the
 * statement sets no quota.
 *
 * @example
 * ```ts
 * // 'create schema s quota 10 gb' -> sql 'create schema s', record "call redshift_local.set_schema_quota('s', 10240)"
 * ```
 */
export function readSchemaQuota(c: DdlCursor): SchemaQuota | null {
  const create = c.kw() === 'CREATE'
  if (c.kw(c.pos + 1) !== 'SCHEMA') return null
  let quotaAt = -1
  for (let at = c.pos + 2; at < c.tokens.length; at++) {
    // The schema elements start at their CREATE or GRANT.
    if (c.kw(at) === 'CREATE' || c.kw(at) === 'GRANT') break
    if (c.kw(at) === 'QUOTA') quotaAt = at
  }
  if (quotaAt < 0) return null
  let at = c.pos + 2
  const ifNotExists = create && c.kw(at) === 'IF'
  if (ifNotExists) at += 3
  let name: string | null = null
  if (c.kw(at) !== 'AUTHORIZATION') {
    const token = c.token(at)
    if (token?.kind !== 'word' && token?.kind !== 'quoted')
      throw c.syntaxError(at)
    name = identifierName(token)
  } else {
    const owner = c.token(at + 1)
    if (owner?.kind === 'word' || owner?.kind === 'quoted')
      name = identifierName(owner)
  }
  if (name === null) throw c.syntaxError(at)
  let megabytes: string
  let last = quotaAt + 1
  if (c.kw(last) === 'UNLIMITED') {
    megabytes = 'null'
  } else {
    const amount = c.token(last)
    const digits =
      amount?.kind === 'number' ? /^(\d*)(?:\.(\d*))?$/.exec(amount.text) : null
    if (amount === undefined || digits === null || amount.text === '.')
      throw c.syntaxError(last)
    const unitWord = c.kw(last + 1)
    const unit = UNITS[unitWord]
    if (unit !== undefined) last++
    // "Amazon Redshift converts the selected value to megabytes. Gigabytes
    // is the default unit of measurement when you don't specify a value."
    const fraction = digits[2] ?? ''
    const scale = 10n ** BigInt(fraction.length)
    const scaled =
      BigInt(`${digits[1] ?? ''}${fraction}` || '0') *
      BigInt(unit ?? UNITS['GB']!)
    if (scaled % scale !== 0n)
      throw c.error(
        `QUOTA ${amount.text} ${unit === undefined ? 'GB' : unitWord}: a quota that is not a whole number of megabytes is not supported by the local emulator (an emulator limit)`,
        '0A000',
        quotaAt + 1,
      )
    megabytes = String(scaled / scale)
  }
  const end = c.is(';', last + 1) ? last + 1 : last
  // CREATE SCHEMA's schema elements (CREATE TABLE ..., CREATE VIEW ...,
  // GRANT ...) may follow the quota; ALTER SCHEMA ends with it.
  const elements =
    create && (c.kw(last + 1) === 'CREATE' || c.kw(last + 1) === 'GRANT')
  if (end !== c.tokens.length - 1 && !elements) throw c.syntaxError(last + 1)
  // ALTER SCHEMA changes a quota, which only a superuser may; CREATE SCHEMA
  // IF NOT EXISTS sets one only on a schema it created (see the call).
  const options = create ? (ifNotExists ? ', false, true' : '') : ', true'
  const record = `call redshift_local.set_schema_quota(${quoteLiteral(name)}, ${megabytes}${options})`
  if (!create) {
    if (quotaAt !== c.pos + 3) throw c.syntaxError(quotaAt)
    return { sql: null, record }
  }
  c.remove(quotaAt, last)
  return { sql: c.apply(), record }
}
