/**
 * What a session reports at start-up, as Redshift reports it. Redshift is
 * PostgreSQL 8.0.2 underneath: it sends 8.0's reported parameters (no
 * `standard_conforming_strings`, `IntervalStyle`, `in_hot_standby`,
 * `default_transaction_read_only` or `scram_channel_binding`, which later
 * PostgreSQL versions added and which Redshift refuses to SET), in 8.0's
 * spelling (`server_encoding` is `UNICODE`), plus `TimeZone`,
 * `timezone_abbreviations` and the answer to a driver's
 * `client_protocol_version` (the JDBC driver's start-up log in
 * aws/amazon-redshift-jdbc-driver#115 shows the list; redshift_connector's
 * `core.py` reads `server_protocol_version`).
 */

/** Parameters PostgreSQL reports that Redshift reports too, in Redshift's order. */
const REPORTED = [
  'application_name',
  'client_encoding',
  'DateStyle',
  'integer_datetimes',
  'is_superuser',
  'server_encoding',
  'server_version',
  'session_authorization',
  'TimeZone',
] as const

/** Redshift's values where they differ from PostgreSQL's. */
const REDSHIFT_VALUES: Readonly<Record<string, string>> = {
  server_version: '8.0.2',
  // PostgreSQL 8.0 named the UTF-8 encoding UNICODE.
  server_encoding: 'UNICODE',
}

/**
 * Defaults for the backend's start-up packet where Redshift's differ from
 * PostgreSQL's, used when the client sets none: time zone UTC, and
 * `extra_float_digits` 0, which makes PostgreSQL print REAL with 6 and
 * DOUBLE PRECISION with 15 significant digits, as Redshift does
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_extra_float_digits.html).
 */
export const REDSHIFT_STARTUP_DEFAULTS: Readonly<Record<string, string>> =
  Object.freeze({
    TimeZone: 'UTC',
    DateStyle: 'ISO, MDY',
    extra_float_digits: '0',
  })

/**
 * The highest Redshift protocol version the emulator speaks: 1, extended
 * result metadata (every RowDescription field followed by its schema, table,
 * column and catalog names and a flags word; see `extended-row-description.ts`).
 * Version 2 (BINARY) is not offered: with it redshift_connector asks NUMERIC,
 * DATE, TIME and array columns in binary and reads Redshift's encodings
 * (`type_utils.py` `numeric_in_binary`: NUMERIC as an 8- or 16-byte scaled
 * integer), which are not PostgreSQL's; version 3 (EXTENDED2, the case
 * sensitivity bit) comes after it.
 */
export const MAX_PROTOCOL_VERSION = 1

/**
 * The protocol version a session speaks, as Redshift settles it: the lower
 * of the client's `client_protocol_version` and the server's highest; the
 * drivers follow the server's answer (redshift_connector `core.py`
 * `handle_PARAMETER_STATUS`, the JDBC driver's `QueryExecutorBase.
 * setServerProtocolVersion`). A value that is not a number is answered
 * with the base protocol, 0 (what Redshift answers to one is not
 * documented; the drivers only send numbers). Undefined when the client
 * sent none: it gets no
 * `server_protocol_version` at all.
 *
 * @example
 * ```ts
 * negotiatedProtocolVersion({ client_protocol_version: '3' }, 1) // 1
 * ```
 */
export function negotiatedProtocolVersion(
  client: Readonly<Record<string, string>>,
  highest: number,
): number | undefined {
  const asked = client['client_protocol_version']
  if (asked === undefined) return undefined
  const version = /^\s*\d+\s*$/.test(asked) ? Number(asked) : 0
  return Math.min(version, highest)
}

/**
 * The ParameterStatus pairs a client receives at start-up, from what the
 * backend reported and the protocol version the session speaks (undefined:
 * the client asked for none).
 *
 * @example
 * ```ts
 * for (const [name, value] of redshiftParameterStatuses(backend.parameters, 1))
 *   greeting.push(parameterStatus(name, value))
 * ```
 */
export function redshiftParameterStatuses(
  backend: ReadonlyMap<string, string>,
  protocolVersion: number | undefined,
): readonly (readonly [string, string])[] {
  const out: (readonly [string, string])[] = []
  for (const name of REPORTED) {
    const value = REDSHIFT_VALUES[name] ?? backend.get(name)
    if (value !== undefined) out.push([name, value])
  }
  out.push(['timezone_abbreviations', 'Default'])
  if (protocolVersion !== undefined) {
    out.push(['server_protocol_version', String(protocolVersion)])
  }
  return out
}
