import { POSTGRES_TYPES, REDSHIFT_TYPES } from './redshift-types.js'
import type {
  ColumnTypeText,
  RedshiftTypeInfo,
  TypeParserOptions,
} from './redshift-type-info.js'

const BY_OID = new Map<number, RedshiftTypeInfo>()
const BY_NAME = new Map<string, RedshiftTypeInfo>()
// Redshift's own entries win over the PostgreSQL ones for shared names.
for (const info of [...POSTGRES_TYPES, ...REDSHIFT_TYPES]) {
  BY_OID.set(info.oid, info)
  for (const name of [info.name, info.typname, ...info.aliases]) {
    BY_NAME.set(normalizeTypeName(name), info)
  }
}

/**
 * Looks a type up by OID, or by any name the catalog may show for it:
 * Redshift's name, an alias, the typname, with or without a length or
 * precision (`character varying(256)`, `numeric(18,2)`,
 * `timestamp without time zone`). Returns undefined for unknown types.
 *
 * ```ts
 * findTypeInfo('character varying(256)')?.name // 'VARCHAR'
 * findTypeInfo(1700)?.typname                  // 'numeric'
 * ```
 */
export function findTypeInfo(
  type: number | string,
): RedshiftTypeInfo | undefined {
  return typeof type === 'number'
    ? BY_OID.get(type)
    : BY_NAME.get(normalizeTypeName(type))
}

/**
 * The TypeScript types of a column of this type under the given reading
 * options (e.g. `bigint` or `string` for BIGINT).
 *
 * ```ts
 * resolveColumnType(findTypeInfo('int8')!, { int8: 'string', numeric: 'string' }).select
 * // 'string'
 * ```
 */
export function resolveColumnType(
  info: RedshiftTypeInfo,
  options: TypeParserOptions,
): ColumnTypeText {
  const variant =
    info.option === undefined
      ? undefined
      : info.variants?.[options[info.option]]
  const chosen = variant ?? info
  return Object.freeze({
    select: chosen.select,
    insert: chosen.insert,
    update: chosen.update,
    ...(chosen.helper === undefined ? {} : { helper: chosen.helper }),
  })
}

function normalizeTypeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/"/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}
