import type {
  ColumnType,
  InsertQueryBuilder,
  InsertResult,
  Kysely,
  QueryCreator,
  SimpleTableReference,
  TableExpression,
  TableExpressionOrList,
} from 'kysely'

// Type-only: no value exists at runtime, so neither generated code nor user
// code can ever hold one, and the marker property can never be written.
declare const readOnlyRelation: unique symbol

/**
 * Marks a relation interface as read-only: views, late-binding views,
 * materialized views and external (Spectrum) tables, which Redshift refuses
 * to INSERT into, UPDATE or DELETE from. Codegen makes every such relation's
 * interface extend it.
 *
 * Kysely itself ignores the marker: its key is a symbol whose select, insert
 * and update types are all `never`, so `Selectable`, `Insertable`,
 * `Updateable` and `selectAll()` drop it, and column references only take
 * string keys. What reads it are the write methods of `RedshiftClient<DB>`
 * and of the transactions and connections it starts, which take only
 * {@link WritableRelationName}s. A plain `Kysely<DB>` is not restricted.
 *
 * ```ts
 * import type { ReadOnlyRelation } from 'kysely-redshift'
 *
 * interface DailySales extends ReadOnlyRelation {
 *   day: string
 *   total: string
 * }
 * interface DB { daily_sales: DailySales }
 *
 * db.selectFrom('daily_sales').selectAll() // fine
 * db.insertInto('daily_sales') // does not compile
 * ```
 */
export interface ReadOnlyRelation {
  readonly [readOnlyRelation]: ColumnType<never, never, never>
}

/**
 * The names in `DB` of relations that can be written: every key whose
 * interface does not extend {@link ReadOnlyRelation}.
 *
 * ```ts
 * type Names = WritableRelationName<DB> // 'sales' | 'analytics.events', no views
 * ```
 */
export type WritableRelationName<DB> = keyof DB &
  string &
  {
    [K in keyof DB]: DB[K] extends ReadOnlyRelation ? never : K
  }[keyof DB]

/**
 * The names in `DB` of read-only relations (views, materialized views,
 * external tables): the keys whose interface extends {@link ReadOnlyRelation}.
 *
 * ```ts
 * type Views = ReadOnlyRelationName<DB> // 'daily_sales' | ...
 * ```
 */
export type ReadOnlyRelationName<DB> = Exclude<
  keyof DB & string,
  WritableRelationName<DB>
>

/**
 * A writable relation by name, with or without an alias: what `mergeInto`
 * of a `RedshiftClient<DB>` takes.
 *
 * ```ts
 * const target: WritableTableReference<DB> = 'sales as s'
 * ```
 */
export type WritableTableReference<DB> =
  WritableRelationName<DB> | `${WritableRelationName<DB>} as ${string}`

/**
 * A target of `updateTable` / `deleteFrom` that is not a read-only relation:
 * a {@link WritableTableReference}, or one of Kysely's non-string table
 * expressions (aliased subqueries, dynamic table references), which are let
 * through as Kysely lets them through.
 *
 * ```ts
 * const target: WritableTableExpression<DB> = 'sales'
 * ```
 */
export type WritableTableExpression<DB> =
  WritableTableReference<DB> | Exclude<TableExpression<DB, never>, string>

/**
 * One {@link WritableTableExpression} or a list of them, as `updateTable` and
 * `deleteFrom` take.
 *
 * ```ts
 * const targets: WritableTableExpressionOrList<DB> = ['sales', 'returns as r']
 * ```
 */
export type WritableTableExpressionOrList<DB> =
  WritableTableExpression<DB> | ReadonlyArray<WritableTableExpression<DB>>

// Kysely does not export the result types of its write methods (DeleteFrom,
// UpdateTable, MergeInto). An override that narrows their arguments must
// return exactly those types, or it would no longer be a `Kysely<DB>`; these
// declarations (types only, never called) instantiate Kysely's own methods
// so the overrides can name what they return.
declare function deleteFromOf<DB, TE extends TableExpressionOrList<DB, never>>(
  db: Kysely<DB>,
): typeof db.deleteFrom<TE>
declare function updateTableOf<DB, TE extends TableExpressionOrList<DB, never>>(
  db: Kysely<DB>,
): typeof db.updateTable<TE>
declare function mergeIntoOf<DB, TR extends SimpleTableReference<DB>>(
  db: Kysely<DB>,
): typeof db.mergeInto<TR>

/**
 * What Kysely's `deleteFrom(from)` returns for `from` of type `TE`.
 *
 * ```ts
 * type Builder = DeleteFromResult<DB, 'sales'> // DeleteQueryBuilder<DB, 'sales', DeleteResult>
 * ```
 */
export type DeleteFromResult<
  DB,
  TE extends TableExpressionOrList<DB, never>,
> = ReturnType<ReturnType<typeof deleteFromOf<DB, TE>>>

/**
 * What Kysely's `updateTable(tables)` returns for `tables` of type `TE`.
 *
 * ```ts
 * type Builder = UpdateTableResult<DB, 'sales'>
 * ```
 */
export type UpdateTableResult<
  DB,
  TE extends TableExpressionOrList<DB, never>,
> = ReturnType<ReturnType<typeof updateTableOf<DB, TE>>>

/**
 * What Kysely's `mergeInto(target)` returns for `target` of type `TR`.
 *
 * ```ts
 * type Builder = MergeIntoResult<DB, 'sales as s'>
 * ```
 */
export type MergeIntoResult<
  DB,
  TR extends SimpleTableReference<DB>,
> = ReturnType<ReturnType<typeof mergeIntoOf<DB, TR>>>

// Why the write methods below are intersections. An interface that
// redeclares a generic Kysely method is no longer assignable to `Kysely<any>`
// (Migrator, withQuerySettings...): TypeScript relates two instantiations of
// the *same* method symbol pairwise with generics erased, but a redeclared
// method is a new symbol, and its type parameter cannot take `Kysely<any>`'s
// wider one. So each method is our narrowed signature first, which every
// call resolves to, intersected with Kysely's own method instantiated for a
// database with no tables: that member keeps the method's symbol (so the
// client stays a `Kysely<any>`) and accepts no table name, so a read-only
// relation matches neither and the call does not compile.
type NoTables = QueryCreator<{}>

/**
 * `insertInto` restricted to {@link WritableRelationName}s: the type of the
 * method on `RedshiftClient<DB>` and its transactions.
 *
 * ```ts
 * db.insertInto('sales') // InsertQueryBuilder<DB, 'sales', InsertResult>
 * db.insertInto('daily_sales') // error: a view
 * ```
 */
export type WritableInsertInto<DB> = (<T extends keyof DB & string>(
  table: T & WritableRelationName<DB>,
) => InsertQueryBuilder<DB, T, InsertResult>) &
  NoTables['insertInto']

/**
 * `replaceInto` restricted to {@link WritableRelationName}s (Kysely's MySQL
 * statement, refused by the Redshift dialect; restricted for consistency).
 *
 * ```ts
 * db.replaceInto('daily_sales') // error: a view
 * ```
 */
export type WritableReplaceInto<DB> = (<T extends keyof DB & string>(
  table: T & WritableRelationName<DB>,
) => InsertQueryBuilder<DB, T, InsertResult>) &
  NoTables['replaceInto']

/**
 * `updateTable` restricted to {@link WritableTableExpressionOrList}.
 *
 * ```ts
 * db.updateTable('sales as s').set({ qty: 0 })
 * db.updateTable('daily_sales') // error: a view
 * ```
 */
export type WritableUpdateTable<DB> = (<
  TE extends TableExpressionOrList<DB, never>,
>(
  tables: TE & WritableTableExpressionOrList<DB>,
) => UpdateTableResult<DB, TE>) &
  NoTables['updateTable']

/**
 * `deleteFrom` restricted to {@link WritableTableExpressionOrList}.
 *
 * ```ts
 * db.deleteFrom('sales').where('qty', '=', 0)
 * db.deleteFrom('daily_sales') // error: a view
 * ```
 */
export type WritableDeleteFrom<DB> = (<
  TE extends TableExpressionOrList<DB, never>,
>(
  from: TE & WritableTableExpressionOrList<DB>,
) => DeleteFromResult<DB, TE>) &
  NoTables['deleteFrom']

/**
 * `mergeInto` restricted to a {@link WritableTableReference} target.
 *
 * ```ts
 * db.mergeInto('sales as t').using('staging as s', 't.id', 's.id')
 * db.mergeInto('daily_sales') // error: a view
 * ```
 */
export type WritableMergeInto<DB> = (<TR extends SimpleTableReference<DB>>(
  targetTable: TR & WritableTableReference<DB>,
) => MergeIntoResult<DB, TR>) &
  NoTables['mergeInto']
