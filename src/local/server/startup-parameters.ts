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
 * The protocol version the emulator answers to a driver's
 * `client_protocol_version`: 0, the base protocol. Versions 1 to 3 add
 * Redshift's extended result metadata to every RowDescription, which the
 * emulator does not produce; redshift_connector and the JDBC driver follow
 * the server's answer (with a warning).
 */
export const SERVER_PROTOCOL_VERSION = '0'

/**
 * The ParameterStatus pairs a client receives at start-up, from what the
 * backend reported and the client's start-up parameters.
 *
 * @example
 * ```ts
 * for (const [name, value] of redshiftParameterStatuses(backend.parameters, parameters))
 *   greeting.push(parameterStatus(name, value))
 * ```
 */
export function redshiftParameterStatuses(
  backend: ReadonlyMap<string, string>,
  client: Readonly<Record<string, string>>,
): readonly (readonly [string, string])[] {
  const out: (readonly [string, string])[] = []
  for (const name of REPORTED) {
    const value = REDSHIFT_VALUES[name] ?? backend.get(name)
    if (value !== undefined) out.push([name, value])
  }
  out.push(['timezone_abbreviations', 'Default'])
  if (client['client_protocol_version'] !== undefined) {
    out.push(['server_protocol_version', SERVER_PROTOCOL_VERSION])
  }
  return out
}
