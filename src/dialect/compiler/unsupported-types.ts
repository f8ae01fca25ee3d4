import { unsupported } from './unsupported.js'

/**
 * Column types Kysely can name that Redshift does not have (or, for TEXT,
 * silently turns into something smaller). Keys are lower case.
 *
 * ```ts
 * UNSUPPORTED_TYPES.get('uuid') // 'char(36) or varchar(36)'
 * ```
 */
export const UNSUPPORTED_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    text: 'varchar(n) or varchar(max) — Redshift turns TEXT into VARCHAR(256) and truncates or fails on longer values',
    serial:
      'integer with .generatedByDefaultAsIdentity() (IDENTITY) — Redshift has no sequences',
    bigserial:
      'bigint with .generatedByDefaultAsIdentity() (IDENTITY) — Redshift has no sequences',
    smallserial: 'integer with .generatedByDefaultAsIdentity() (IDENTITY)',
    uuid: 'char(36) or varchar(36)',
    json: 'SUPER (load with JSON_PARSE) or varchar(max)',
    jsonb: 'SUPER (load with JSON_PARSE) or varchar(max)',
    bytea: 'VARBYTE',
    blob: 'VARBYTE',
    binary: 'VARBYTE',
    datetime: 'timestamp',
    interval:
      'INTERVAL YEAR TO MONTH / INTERVAL DAY TO SECOND, or two timestamp columns',
    money: 'decimal(p, s)',
    inet: 'varchar(n)',
    cidr: 'varchar(n)',
    macaddr: 'varchar(n)',
    xml: 'varchar(max)',
    tsvector: 'varchar(max)',
    int4range: 'two columns for the bounds',
    int4multirange: 'a child table of bounds',
    int8range: 'two columns for the bounds',
    int8multirange: 'a child table of bounds',
    numrange: 'two columns for the bounds',
    nummultirange: 'a child table of bounds',
    tsrange: 'two columns for the bounds',
    tsmultirange: 'a child table of bounds',
    tstzrange: 'two columns for the bounds',
    tstzmultirange: 'a child table of bounds',
    daterange: 'two columns for the bounds',
    datemultirange: 'a child table of bounds',
  }),
)

/**
 * Throws for a type name (lower case, without size) Redshift lacks. Shared
 * by typed columns and columns written with `sql`, so both refuse with the
 * same words.
 *
 * ```ts
 * checkTypeName('integer') // fine
 * checkTypeName('jsonb') // throws RedshiftUnsupportedError
 * ```
 */
export function checkTypeName(base: string): void {
  const alternative = UNSUPPORTED_TYPES.get(base)
  if (alternative !== undefined) {
    unsupported(`the ${base.toUpperCase()} data type`, alternative)
  }
}
