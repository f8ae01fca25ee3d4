import type { ErrorFields } from '../protocol/error-fields.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'

/**
 * Names time-zone-names.html lists that the backing PostgreSQL's tz database
 * no longer has, mapped to the zone each was a link to in the tz database
 * (`backward`): the same rules under the old name.
 */
const RENAMED_ZONES: ReadonlyMap<string, string> = new Map([
  ['us/pacific-new', 'America/Los_Angeles'],
  ['canada/east-saskatchewan', 'America/Regina'],
])

/**
 * Abbreviations time-zone-abbrevs.html lists that PostgreSQL's `Default`
 * set lacks, as the fixed offsets they stand for (POSIX, hours west):
 * CONVERT_TIMEZONE takes them, SET timezone takes no abbreviation.
 */
const MISSING_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  // Phoenix Islands Time, UTC+13 (tz database: Pacific/Enderbury, Pacific/Kanton).
  ['phot', '<+13>-13'],
])

/**
 * Listed names of zones of their own that the tz database dropped (Riyadh's
 * solar time of 1987 to 1989, an offset that changed every day): PostgreSQL
 * would read `Asia/Riyadh87` as a POSIX zone 87 hours west of UTC.
 */
const SOLAR_ZONES = /^(asia|mideast)\/riyadh8[789]$/i

/**
 * The zone PostgreSQL runs for a time zone name Redshift takes: a listed
 * name the tz database renamed becomes the zone it now names; undefined
 * for any other value, which PostgreSQL reads as Redshift does.
 *
 * @example
 * ```ts
 * renamedZone('US/Pacific-New') // 'America/Los_Angeles'
 * ```
 */
export function renamedZone(value: string): string | undefined {
  return RENAMED_ZONES.get(value.trim().toLowerCase())
}

/**
 * The refusal of a listed zone the emulator cannot convert to (see
 * SOLAR_ZONES), or undefined.
 *
 * @example
 * ```ts
 * unsupportedZone('Asia/Riyadh87')?.code // '0A000'
 * ```
 */
export function unsupportedZone(value: string): ErrorFields | undefined {
  return SOLAR_ZONES.test(value.trim())
    ? emulatorLimit(
        `the time zone "${value.trim()}" (Riyadh solar time)`,
        "the backing PostgreSQL's time zone database no longer has it",
      )
    : undefined
}

/**
 * SQL of `redshift_local.time_zone(name)`, which CONVERT_TIMEZONE passes its
 * zones through: the same mapping and refusal, in the database, and the
 * listed abbreviations PostgreSQL lacks.
 */
export const TIME_ZONE_FUNCTION_SQL = `
create or replace function redshift_local.time_zone(p_zone text) returns text
language plpgsql immutable parallel safe as $$
begin
  if p_zone ~* '^(asia|mideast)/riyadh8[789]$' then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('the time zone "%s" (Riyadh solar time) is not supported by the local emulator (an emulator limit, not a Redshift rule)', p_zone),
      hint = 'the backing PostgreSQL''s time zone database no longer has it';
  end if;
  return case pg_catalog.lower(pg_catalog.btrim(p_zone))
    ${[...RENAMED_ZONES, ...MISSING_ABBREVIATIONS].map(([from, to]) => `when '${from}' then '${to}'`).join('\n    ')}
    else p_zone end;
end
$$;
`
