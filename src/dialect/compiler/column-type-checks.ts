import type { RawNode } from 'kysely'

import { rawSqlText } from './raw-sql-text.js'
import {
  MAX_CHAR_BYTES,
  MAX_DECIMAL_PRECISION,
  MAX_VARCHAR_BYTES,
} from './redshift-limits.js'
import { unsupported } from './unsupported.js'
import { checkTypeName } from './unsupported-types.js'

const SIZED_TYPE = /^(varchar|char|decimal|numeric)\((\d+)(?:, *(\d+))?\)$/

/**
 * Throws for a column type Kysely names (`DataTypeNode.dataType`) that
 * Redshift lacks or whose size is over Redshift's limits.
 *
 * ```ts
 * checkDataType('varchar(255)') // fine
 * checkDataType('varchar(70000)') // throws RedshiftUnsupportedError
 * ```
 */
export function checkDataType(dataType: string): void {
  checkTypeName(dataType.split('(', 1)[0]!.toLowerCase())
  checkTypeSize(dataType)
}

/**
 * Throws for column types written with `sql`, e.g. sql`integer[]` or
 * sql`interval`, that Redshift lacks.
 *
 * ```ts
 * checkRawDataType(sql`interval day to second`.toOperationNode()) // fine
 * checkRawDataType(sql`integer[]`.toOperationNode()) // throws
 * ```
 */
export function checkRawDataType(node: RawNode): void {
  if (node.parameters.length > 0) {
    return
  }
  const text = rawSqlText(node)
  if (text.endsWith(']')) {
    unsupported(
      'array column types',
      'SUPER (holds arrays; build with ARRAY(...) or JSON_PARSE), or a child table',
    )
  }
  const base = /^[a-z0-9_ ]+/.exec(text)?.[0].trim()
  if (base === undefined) {
    return
  }
  // INTERVAL YEAR TO MONTH / DAY TO SECOND exist; a bare INTERVAL does not.
  if (base.startsWith('interval') && base !== 'interval') {
    return
  }
  checkTypeName(base)
}

function checkTypeSize(dataType: string): void {
  const match = SIZED_TYPE.exec(dataType.toLowerCase())
  if (!match) {
    return
  }
  const [, type, size] = match
  const n = Number(size)
  if (type === 'varchar' && n > MAX_VARCHAR_BYTES) {
    unsupported(
      `VARCHAR longer than ${MAX_VARCHAR_BYTES} bytes (${dataType})`,
      'varchar(max), i.e. varchar(65535), or SUPER for larger documents',
    )
  }
  if (type === 'char' && n > MAX_CHAR_BYTES) {
    unsupported(
      `CHAR longer than ${MAX_CHAR_BYTES} bytes (${dataType})`,
      'varchar(n)',
    )
  }
  if ((type === 'decimal' || type === 'numeric') && n > MAX_DECIMAL_PRECISION) {
    unsupported(
      `DECIMAL precision above ${MAX_DECIMAL_PRECISION} (${dataType})`,
      `decimal(${MAX_DECIMAL_PRECISION}, s), or double precision`,
    )
  }
}
