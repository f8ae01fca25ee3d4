/** Which option of {@link TypeParserOptions} changes how a type is read. */
export type TypeOption = 'int8' | 'numeric'

/** How the driver reads each type: chosen per client, never globally. */
export interface TypeParserOptions {
  /** BIGINT as `bigint` (exact, default) or as a decimal string. */
  readonly int8: 'bigint' | 'string'
  /** DECIMAL as the exact string (default) or as a JS number. */
  readonly numeric: 'string' | 'number'
}

/**
 * TypeScript type text for one column type, as codegen writes it into
 * `ColumnType<select, insert, update>`.
 */
export interface ColumnTypeText {
  readonly select: string
  readonly insert: string
  readonly update: string
  /** The ready-made type in `column-types.ts` that says the same, if any. */
  readonly helper?: string
}

/**
 * One row of the type table: a Redshift type, how its text is parsed into a
 * JS value, and the TypeScript types that value has. The runtime parsers and
 * codegen both read this table, so generated types match what queries return.
 */
export interface RedshiftTypeInfo extends ColumnTypeText {
  /** The name Redshift documents, e.g. `DOUBLE PRECISION`. */
  readonly name: string
  /** Other names accepted in DDL, e.g. `FLOAT8`, `FLOAT`. */
  readonly aliases: readonly string[]
  /** The type OID the server sends in RowDescription. */
  readonly oid: number
  /** `pg_type.typname`, e.g. `float8`. */
  readonly typname: string
  /** The option that changes this type's reading, if one does. */
  readonly option?: TypeOption
  /** Type text per option value, e.g. `{ string: ... }` for int8. */
  readonly variants?: Readonly<Record<string, ColumnTypeText>>
  /** Turns the server's text into the JS value. */
  parse(text: string, options: TypeParserOptions): unknown
}
