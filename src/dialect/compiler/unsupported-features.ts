import type { Unsupported } from './unsupported.js'

// Refusals raised from more than one place, or tabled by key, so every
// place uses the same words.

/**
 * RETURNING; its alternative also answers OUTPUT clauses.
 *
 * ```ts
 * refuse(RETURNING)
 * ```
 */
export const RETURNING: Unsupported = {
  feature: 'RETURNING (`.returning()` / `.returningAll()`)',
  alternative:
    'run a SELECT afterwards by a natural key, or write through a staging table; ' +
    'IDENTITY values are unique but not contiguous, so they cannot be predicted',
}

/**
 * An aggregate used as a window function with ORDER BY: Redshift then
 * demands a frame clause, which Kysely cannot write.
 *
 * ```ts
 * refuse(WINDOW_FRAME)
 * ```
 */
export const WINDOW_FRAME: Unsupported = {
  feature:
    'an aggregate window function with ORDER BY and no frame clause (Kysely cannot emit ROWS frames)',
  alternative:
    'write the window with sql, e.g. sql`sum(x) over (order by y rows between unbounded preceding and current row)`; ' +
    'ranking functions (row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead) need no frame',
}

/**
 * PostgreSQL/MySQL JSON operators and paths, refused by each of the four
 * JSON node visitors.
 *
 * ```ts
 * refuse(JSON_PATHS)
 * ```
 */
export const JSON_PATHS: Unsupported = {
  feature: 'PostgreSQL/MySQL JSON operators and paths (->, ->>, ->$)',
  alternative:
    'SUPER navigation (sql`col.key`, sql`col[0]`) or JSON_EXTRACT_PATH_TEXT(col, key)',
}

/**
 * Indexes, refused by CREATE INDEX, DROP INDEX and ADD INDEX alike.
 *
 * ```ts
 * refuse(INDEXES)
 * ```
 */
export const INDEXES: Unsupported = {
  feature: 'indexes',
  alternative:
    'SORTKEY and DISTKEY in CREATE TABLE (via .modifyEnd(sql`sortkey(col)`)), or ALTER TABLE ... ALTER SORTKEY',
}

/**
 * NULLS NOT DISTINCT, on a column or on a UNIQUE constraint.
 *
 * ```ts
 * refuse(NULLS_NOT_DISTINCT)
 * ```
 */
export const NULLS_NOT_DISTINCT: Unsupported = {
  feature: 'NULLS NOT DISTINCT',
  alternative: 'UNIQUE (Redshift does not enforce it anyway)',
}

/**
 * Raw fragments emitted by `kysely/helpers/postgres`, which build JSON with
 * functions Redshift lacks, keyed by how the fragment starts.
 *
 * ```ts
 * POSTGRES_HELPER_FRAGMENTS.find(([prefix]) => sql.startsWith(prefix))
 * ```
 */
export const POSTGRES_HELPER_FRAGMENTS: readonly (readonly [
  string,
  Unsupported,
])[] = [
  [
    '(select coalesce(json_agg(',
    {
      feature: 'jsonArrayFrom (kysely/helpers/postgres: json_agg)',
      alternative:
        'a separate query, LISTAGG for text, or ARRAY(...) / OBJECT(...) to build SUPER values',
    },
  ],
  [
    '(select to_json(',
    {
      feature: 'jsonObjectFrom (kysely/helpers/postgres: to_json)',
      alternative: 'a join, or OBJECT(...) to build a SUPER value',
    },
  ],
  [
    'json_build_object(',
    {
      feature: 'jsonBuildObject (kysely/helpers/postgres: json_build_object)',
      alternative: 'OBJECT(key, value, ...) which builds a SUPER value',
    },
  ],
  [
    'merge_action()',
    {
      feature: 'mergeAction (kysely/helpers/postgres: merge_action)',
      alternative: 'separate statements (MERGE reports no per-row action)',
    },
  ],
]

/**
 * FETCH FIRST/NEXT, refused on the SELECT and by the FETCH visitor.
 *
 * ```ts
 * refuse(FETCH)
 * ```
 */
export const FETCH: Unsupported = {
  feature: 'FETCH FIRST/NEXT ... ROWS',
  alternative: 'LIMIT (and OFFSET), or TOP n',
}
