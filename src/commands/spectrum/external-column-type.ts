import { ExternalColumnError } from '../../errors/external-column-error.js'

/**
 * The column types an external table takes, as CREATE EXTERNAL TABLE lists
 * them (SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE PRECISION, BOOLEAN,
 * CHAR, VARCHAR, DATE, TIMESTAMP) with their aliases; `varchar(n)`,
 * `char(n)` and `decimal(p, s)` carry their sizes. SUPER, TIMESTAMPTZ,
 * TIME, VARBYTE, GEOMETRY and the other local-only types are not in it.
 *
 * ```ts
 * const type: ExternalColumnType = 'decimal(8,2)'
 * ```
 */
export type ExternalColumnType =
  | 'smallint'
  | 'int2'
  | 'integer'
  | 'int'
  | 'int4'
  | 'bigint'
  | 'int8'
  | 'real'
  | 'float4'
  | 'double precision'
  | 'float8'
  | 'float'
  | 'boolean'
  | 'bool'
  | 'date'
  | 'timestamp'
  | 'varchar'
  | `varchar(${number})`
  | 'char'
  | `char(${number})`
  | 'decimal'
  | `decimal(${number})`
  | `decimal(${number},${number})`
  | `decimal(${number}, ${number})`
  | 'numeric'
  | `numeric(${number},${number})`
  | `numeric(${number}, ${number})`

/**
 * What a partition column of type `T` takes as a value in ADD / DROP PARTITION.
 *
 * ```ts
 * const day: PartitionValueOf<'date'> = new Date(Date.UTC(2008, 0, 1)) // or '2008-01-01'
 * ```
 */
export type PartitionValueOf<T extends ExternalColumnType> = T extends
  'smallint' | 'int2' | 'integer' | 'int' | 'int4' | 'bigint' | 'int8'
  ? number | bigint | string
  : T extends 'boolean' | 'bool'
    ? boolean
    : T extends 'date' | 'timestamp'
      ? Date | string
      : T extends `${'varchar' | 'char'}${string}`
        ? string
        : number | string

/**
 * The family of a column type, which decides what values a partition takes.
 *
 * ```ts
 * compileColumnType('ALTER TABLE', 'ADD COLUMN', 'n', 'int8').family // 'integer'
 * ```
 */
export type ExternalTypeFamily =
  | 'integer'
  | 'decimal'
  | 'float'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'varchar'
  | 'char'

/**
 * A column type as the statement writes it, with what the checks need to know.
 *
 * ```ts
 * const type: CompiledColumnType = { sql: 'varchar(20)', family: 'varchar', length: 20 }
 * ```
 */
export interface CompiledColumnType {
  /** The type as written in the statement, e.g. `varchar(20)`, `decimal(8,2)`. */
  readonly sql: string
  readonly family: ExternalTypeFamily
  /** VARCHAR / CHAR: the length in bytes. */
  readonly length?: number
}

const SIMPLE: Readonly<
  Record<string, readonly [sql: string, family: ExternalTypeFamily]>
> = {
  smallint: ['smallint', 'integer'],
  int2: ['smallint', 'integer'],
  integer: ['integer', 'integer'],
  int: ['integer', 'integer'],
  int4: ['integer', 'integer'],
  bigint: ['bigint', 'integer'],
  int8: ['bigint', 'integer'],
  real: ['real', 'float'],
  float4: ['real', 'float'],
  'double precision': ['double precision', 'float'],
  float8: ['double precision', 'float'],
  float: ['double precision', 'float'],
  boolean: ['boolean', 'boolean'],
  bool: ['boolean', 'boolean'],
  date: ['date', 'date'],
  timestamp: ['timestamp', 'timestamp'],
}

/** Redshift's limits on the character and decimal types (r_Character_types, r_Numeric_types201). */
const MAX_VARCHAR = 65535
const MAX_CHAR = 4096
const MAX_PRECISION = 38

const SIZED =
  /^(varchar|char|decimal|numeric)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/

/**
 * Checks one column's type and writes it as the statement spells it, or
 * refuses it with an {@link ExternalColumnError} naming the column:
 * TIMESTAMPTZ, SUPER, VARBYTE, TIME and every other type that is not in
 * {@link ExternalColumnType}, a VARCHAR longer than 65,535 bytes, a CHAR
 * longer than 4,096, a DECIMAL with a precision outside 1-38 or a scale
 * above it. VARCHAR without a length is VARCHAR(256), CHAR is CHAR(1) and
 * DECIMAL is DECIMAL(18,0), as Redshift reads them.
 *
 * ```ts
 * compileColumnType('CREATE EXTERNAL TABLE', 'column', 'pricepaid', 'decimal(8, 2)').sql // decimal(8,2)
 * compileColumnType('CREATE EXTERNAL TABLE', 'column', 'payload', 'super') // throws ExternalColumnError
 * ```
 */
export function compileColumnType(
  command: string,
  option: string,
  column: string,
  type: unknown,
): CompiledColumnType {
  const fail = (rule: string): never => {
    throw new ExternalColumnError({ command, option, column, rule })
  }
  if (typeof type !== 'string') {
    return fail(`the type is a string, got ${typeof type}`)
  }
  const text = type.trim().toLowerCase().replace(/\s+/g, ' ')
  const simple = SIMPLE[text]
  if (simple !== undefined) return { sql: simple[0], family: simple[1] }
  const sized = SIZED.exec(text)
  if (sized === null) {
    return fail(
      `external tables cannot take type ${JSON.stringify(type)}; they take SMALLINT, INTEGER, BIGINT, ` +
        'DECIMAL(p,s), REAL, DOUBLE PRECISION, BOOLEAN, CHAR(n), VARCHAR(n), DATE and TIMESTAMP',
    )
  }
  const [, name, first, second] = sized
  if (name === 'varchar' || name === 'char') {
    if (second !== undefined) fail(`${name.toUpperCase()} takes one length`)
    const max = name === 'varchar' ? MAX_VARCHAR : MAX_CHAR
    const length =
      first === undefined ? (name === 'varchar' ? 256 : 1) : Number(first)
    if (length < 1 || length > max) {
      fail(`${name.toUpperCase()}(${length}): the length is 1 to ${max} bytes`)
    }
    return { sql: `${name}(${length})`, family: name, length }
  }
  const precision = first === undefined ? 18 : Number(first)
  const scale = second === undefined ? 0 : Number(second)
  if (precision < 1 || precision > MAX_PRECISION || scale > precision) {
    fail(
      `DECIMAL(${precision},${scale}): the precision is 1 to ${MAX_PRECISION} and the scale at most the precision`,
    )
  }
  return { sql: `decimal(${precision},${scale})`, family: 'decimal' }
}
