/**
 * Session parameters Redshift documents as settable with SET (the 2023 list
 * plus the newer ones seen in current docs). Those PostgreSQL also knows are
 * passed to it; the rest are Redshift's own and the emulator keeps and
 * answers them itself. Any other name is refused like Redshift refuses it.
 */

/** A Redshift-only parameter: its default (as SHOW prints it) and its validator. */
export interface RedshiftParameter {
  readonly defaultValue: string
  /** Returns the normalised value, or undefined when `value` is invalid. */
  readonly normalize: (value: string) => string | undefined
  /**
   * A (normalised) value Redshift accepts whose effect the emulator cannot
   * reproduce: setting it is refused as an emulator limit, with `hint`.
   */
  readonly unsupported?: { readonly value: string; readonly hint: string }
}

const BOOLEAN_WORDS: Readonly<Record<string, string>> = {
  on: 'on',
  true: 'on',
  yes: 'on',
  '1': 'on',
  t: 'on',
  off: 'off',
  false: 'off',
  no: 'off',
  '0': 'off',
  f: 'off',
}

const bool = (defaultValue: 'on' | 'off'): RedshiftParameter => ({
  defaultValue,
  normalize: (value) => BOOLEAN_WORDS[value.toLowerCase()],
})

const int = (
  defaultValue: string,
  min: number,
  max: number,
): RedshiftParameter => ({
  defaultValue,
  normalize: (value) => {
    if (!/^[+-]?\d+$/.test(value.trim())) return undefined
    const n = Number(value)
    return n >= min && n <= max ? String(n) : undefined
  },
})

/** One of `words` (any case), shown in upper case as Redshift's page spells them. */
const oneOf = (
  defaultValue: string,
  words: readonly string[],
): RedshiftParameter => ({
  defaultValue,
  normalize: (value) => {
    const upper = value.trim().toUpperCase()
    return words.includes(upper) ? upper : undefined
  },
})

const text = (defaultValue: string): RedshiftParameter => ({
  defaultValue,
  normalize: (value) => value,
})

/** Parameters the emulator answers itself. */
export const REDSHIFT_ONLY_PARAMETERS: ReadonlyMap<string, RedshiftParameter> =
  new Map<string, RedshiftParameter>([
    [
      'analyze_threshold_percent',
      {
        defaultValue: '10',
        normalize: (v) => {
          const n = Number(v)
          return v.trim() !== '' && n >= 0 && n <= 100 ? String(n) : undefined
        },
      },
    ],
    ['cast_super_null_on_error', bool('on')],
    ['datashare_break_glass_session_var', text('')],
    ['default_geometry_encoding', int('2', 1, 2)],
    ['describe_field_name_in_uppercase', bool('off')],
    ['downcase_delimited_identifier', bool('on')],
    ['enable_case_sensitive_identifier', bool('off')],
    ['enable_case_sensitive_super_attribute', bool('off')],
    ['enable_result_cache_for_session', bool('on')],
    // r_enable_numeric_rounding.html: on rounds a NUMERIC cast to another
    // numeric type, off truncates it. The page's English text loses which
    // value is the default; r_CAST.html rounds (109.652 -> 109.7) with no
    // setting made, so on is. Truncating casts are not emulated.
    [
      'enable_numeric_rounding',
      {
        ...bool('on'),
        unsupported: {
          value: 'off',
          hint: 'casts of NUMERIC values round in the emulator (enable_numeric_rounding on)',
        },
      },
    ],
    ['enable_vacuum_boost', bool('off')],
    ['error_on_nondeterministic_update', bool('off')],
    // super-configurations.html: JSON_PARSE keeps the last of duplicate
    // attributes when on, and fails on them when off (super-settings.ts).
    ['json_parse_dedup_attributes', bool('off')],
    // Truncation of string values over SUPER's limit: no statement the
    // emulator takes can hold such a string, so both values behave alike.
    ['json_parse_truncate_strings', bool('off')],
    ['json_serialization_enable', bool('off')],
    ['json_serialization_parse_nested_strings', bool('off')],
    ['max_concurrency_scaling_clusters', int('1', 0, 10)],
    ['max_cursor_result_set_size', int('0', 0, 2147483647)],
    ['mv_enable_aqmv_for_session', bool('on')],
    ['navigate_super_null_on_error', bool('on')],
    ['parse_super_null_on_error', bool('off')],
    ['pg_federation_repeatable_read', bool('on')],
    ['query_group', text('unset')],
    ['spectrum_enable_pseudo_columns', bool('on')],
    ['enable_spectrum_oid', bool('on')],
    ['spectrum_query_maxerror', int('-1', -1, 2147483647)],
    // r_stored_proc_log_min_messages.html lists the five levels.
    [
      'stored_proc_log_min_messages',
      oneOf('LOG', ['LOG', 'INFO', 'NOTICE', 'WARNING', 'EXCEPTION']),
    ],
    ['wlm_query_slot_count', int('1', 1, 50)],
    ['default_array_search_null_handling', bool('on')],
    ['interval_forbid_composite_literals', bool('on')],
    ['seed', text('0')],
  ])

/**
 * Parameters on Redshift's list that PostgreSQL also has, plus the ones
 * drivers set during start-up; SET/SHOW/RESET of these go to PostgreSQL.
 */
export const FORWARDED_PARAMETERS: ReadonlySet<string> = new Set([
  'datestyle',
  'extra_float_digits',
  'search_path',
  'statement_timeout',
  'timezone',
  'client_encoding',
  'application_name',
  'session_authorization',
])
