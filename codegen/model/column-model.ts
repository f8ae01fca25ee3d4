import type { ColumnModel } from './schema-model.js'

/**
 * A column of the schema model from what is known of it, the rest at the
 * catalog's neutral values: nullable, no default, identity, comment or
 * encoding, not in the distribution or sort key. For columns a catalog
 * source describes only in part (late-binding views) and for tests.
 *
 * @example
 * ```ts
 * columnModel({ name: 'id', ordinal: 1, dataType: 'bigint', nullable: false })
 * ```
 */
export function columnModel(
  column: Pick<ColumnModel, 'name' | 'ordinal' | 'dataType'> &
    Partial<ColumnModel>,
): ColumnModel {
  return {
    nullable: true,
    default: null,
    identity: null,
    comment: null,
    encoding: null,
    distKey: false,
    sortKeyPosition: 0,
    ...column,
  }
}
