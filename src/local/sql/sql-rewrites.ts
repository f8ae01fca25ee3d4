import type { ErrorFields } from '../protocol/error-fields.js'
import type { ViewQueryRewrite } from './late-binding-view.js'
import type { FunctionRewriteContext } from './rewrite-functions.js'

/** What a Redshift DDL rewrite produced. */
export type DdlRewrite =
  | {
      /** PostgreSQL text to run instead. */
      readonly sql: string
      /** Statement to run right after it in the same session (records the Redshift attributes). */
      readonly after?: string
      /** Command tag to report instead of PostgreSQL's (the SQL is a CALL standing in for ALTER TABLE). */
      readonly tag?: string
      /**
       * The statement the CALL in `sql` carries as text (a late-binding
       * view's CREATE VIEW), checked against Redshift's rules as `sql` is.
       */
      readonly policyText?: string
      /**
       * The result's column names as Redshift sends them, kept from the
       * session's folding of quoted names (SHOW TABLE's `Show Table DDL
       * statement`).
       */
      readonly columnNames?: readonly string[]
    }
  | { readonly error: ErrorFields }

/**
 * The text rewrites that turn Redshift DDL and Redshift functions into
 * PostgreSQL. They live with the catalog (which defines the objects the
 * rewritten SQL calls); the planner receives them through this interface.
 */
export interface SqlRewrites {
  /**
   * Redshift CREATE TABLE / VIEW / MATERIALIZED VIEW -> PostgreSQL, or null
   * when not Redshift DDL. `written` is the statement as the client wrote it
   * (`sql` may have its quoted names folded), kept for SHOW VIEW.
   * `viewQuery` rewrites a late-binding view's query.
   */
  rewriteDdl(
    sql: string,
    written?: string,
    viewQuery?: ViewQueryRewrite,
  ): DdlRewrite | null
  /** Redshift functions and syntax (LISTAGG, DECODE, TOP, MINUS, PG_LAST_QUERY_ID ...) -> PostgreSQL. */
  rewriteFunctions(sql: string, context: FunctionRewriteContext): string
}

/** Rewrites that change nothing (when the catalog's are not available). */
export const NO_REWRITES: SqlRewrites = Object.freeze({
  rewriteDdl: () => null,
  rewriteFunctions: (sql: string) => sql,
})
