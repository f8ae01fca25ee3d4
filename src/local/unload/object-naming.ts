import type { UnloadPlan } from './unload-plan.js'

/** Hive's escaping of a partition path segment (FileUtils.escapePathName). */
const HIVE_ESCAPED = /["#%'*/:=?\\\x7f{}[\]^\x00-\x1f]/g

/** Where rows whose partition key is NULL (or empty) go, as Hive names it. */
export const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__'

/**
 * The `col=value/` folder of one partition, values escaped as Hive escapes
 * them (`%3A` for `:`, `%2F` for `/`...), NULL as `__HIVE_DEFAULT_PARTITION__`.
 *
 * @example
 * ```ts
 * partitionFolder(['year', 'city'], ['2019', 'a/b']) // 'year=2019/city=a%2Fb/'
 * ```
 */
export function partitionFolder(
  columns: readonly string[],
  values: readonly (string | null)[],
): string {
  let folder = ''
  for (let i = 0; i < columns.length; i++) {
    const value = values[i]
    const text =
      value === null || value === undefined || value === ''
        ? HIVE_DEFAULT_PARTITION
        : hiveEscape(value)
    folder += `${hiveEscape(columns[i]!)}=${text}/`
  }
  return folder
}

function hiveEscape(text: string): string {
  return text.replace(
    HIVE_ESCAPED,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

/**
 * The suffix of each data file: `.<EXTENSION>` when given (Redshift then
 * adds nothing else), otherwise `.parquet` for Parquet and `.gz` / `.bz2` /
 * `.zst` for compressed text; nothing for plain text, CSV and JSON.
 *
 * @example
 * ```ts
 * fileSuffix({ format: 'TEXT', compression: 'gzip' }) // '.gz'
 * ```
 */
export function fileSuffix(
  plan: Pick<UnloadPlan, 'format' | 'compression' | 'extension'>,
): string {
  if (plan.extension !== undefined) return `.${plan.extension}`
  if (plan.format === 'PARQUET') return '.parquet'
  switch (plan.compression) {
    case 'gzip':
      return '.gz'
    case 'bzip2':
      return '.bz2'
    case 'zstd':
      return '.zst'
    default:
      return ''
  }
}

/**
 * The name of the `part`-th file (0-based) after `base` (the prefix, or a
 * partition folder under it): `0000_part_00` for the emulator's one slice,
 * or `000`, `001`... with PARALLEL OFF.
 *
 * @example
 * ```ts
 * dataFileKey('unload/venue_', 1, { parallel: true, format: 'TEXT' }) // 'unload/venue_0000_part_01'
 * ```
 */
export function dataFileKey(
  base: string,
  part: number,
  plan: Pick<UnloadPlan, 'parallel' | 'format' | 'compression' | 'extension'>,
): string {
  const name = plan.parallel
    ? `0000_part_${String(part).padStart(2, '0')}`
    : String(part).padStart(3, '0')
  return `${base}${name}${fileSuffix(plan)}`
}

/**
 * Tells whether an existing key is one this UNLOAD could write (a data file
 * under the prefix, in a partition folder when partitioned, or the
 * manifest), which is what Redshift refuses to overwrite without
 * ALLOWOVERWRITE.
 *
 * @example
 * ```ts
 * wouldOverwrite(plan)('unload/venue_0000_part_00') // true
 * ```
 */
export function wouldOverwrite(
  plan: Pick<
    UnloadPlan,
    | 'location'
    | 'parallel'
    | 'format'
    | 'compression'
    | 'extension'
    | 'partitionBy'
    | 'manifest'
  >,
): (key: string) => boolean {
  const prefix = escapeRegExp(plan.location.key)
  const name = plan.parallel ? '\\d{4}_part_\\d{2,}' : '\\d{3,}'
  const folders =
    plan.partitionBy === undefined
      ? ''
      : plan.partitionBy.columns.map(() => '[^/]+=[^/]*/').join('')
  const data = new RegExp(
    `^${prefix}${folders}${name}${escapeRegExp(fileSuffix(plan))}$`,
    's',
  )
  const manifest = `${plan.location.key}manifest`
  return (key) =>
    data.test(key) || (plan.manifest !== undefined && key === manifest)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
