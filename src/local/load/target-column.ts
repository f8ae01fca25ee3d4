/**
 * A column of the COPY's target table, as the session reads it from the
 * catalog (`format_type()` of its type).
 *
 * @example
 * ```ts
 * const id: TargetColumn = { name: 'id', type: 'bigint', notNull: true, identity: false, hasDefault: false }
 * ```
 */
export interface TargetColumn {
  readonly name: string
  /** `format_type()`: 'integer', 'character varying(10)', 'numeric(12,2)', 'timestamp without time zone', 'super', ... */
  readonly type: string
  readonly notNull: boolean
  readonly identity: boolean
  readonly hasDefault: boolean
}
