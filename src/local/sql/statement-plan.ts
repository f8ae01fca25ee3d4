import type { ErrorFields } from '../protocol/error-fields.js'
import type { CreatedColumns } from './created-columns.js'
import type { FaultCommand } from './recognize-control.js'
import type { ExternalRead } from './spectrum/external-reads.js'
import type { SchemaAliasChange } from './schema-aliases.js'
import type { ThreePartName } from './three-part-names.js'

/** A statement the emulator carries out itself instead of PostgreSQL. */
export type EmulatorAction =
  /** SET / RESET of a Redshift-only parameter (`value` undefined resets it). */
  | {
      readonly kind: 'set'
      readonly name: string
      readonly value: string | undefined
      readonly local: boolean
    }
  /** RESET ALL: PostgreSQL resets its own; the emulator clears its parameters. */
  | { readonly kind: 'reset-all' }
  /** SET, RESET or SET_CONFIG of a session context variable (PostgreSQL keeps it). */
  | { readonly kind: 'context-variable'; readonly name: string }
  /** SHOW of a parameter whose value the emulator knows. */
  | { readonly kind: 'show'; readonly name: string; readonly constant?: string }
  /** CANCEL pid ['message']. */
  | { readonly kind: 'cancel'; readonly pid: number; readonly message?: string }
  /**
   * A parameter PostgreSQL keeps (the statement goes to it unchanged) whose
   * value the emulator also needs: statement_timeout, which on Redshift also
   * counts the time a query waits for a WLM slot.
   */
  | {
      readonly kind: 'mirror'
      readonly name: string
      readonly value: string | undefined
      readonly local: boolean
    }
  /**
   * SET [LOCAL] SESSION AUTHORIZATION user | DEFAULT, and RESET SESSION
   * AUTHORIZATION (`user` undefined): DEFAULT is the user the client logged
   * in as, and only a superuser may change it, as on Redshift.
   */
  | {
      readonly kind: 'authorization'
      readonly user: string | undefined
      readonly local: boolean
    }
  /** The emulator's fault-injection control statement. */
  | { readonly kind: 'fault'; readonly command: FaultCommand }
  /**
   * `COPY table FROM 's3://...'` (or another source COPY refuses) and
   * `UNLOAD (...) TO 's3://...'`: run by the emulator on the session's own
   * connection. `text` is the statement as the client wrote it.
   */
  | { readonly kind: 'copy' | 'unload'; readonly text: string }
  /**
   * VACUUM: PostgreSQL's `text` (a plain VACUUM of `table`, or of every
   * table), run by the emulator on the session's own connection and
   * recorded for STL_VACUUM with the `started` status of its kind.
   */
  | {
      readonly kind: 'vacuum'
      readonly text: string
      readonly table?: string
      readonly started: string
      readonly recluster: boolean
    }

/** What the emulator knows about one statement of a message. */
export interface PlannedStatement {
  /** The statement as the client wrote it (logged as its text). */
  readonly original: string
  /** What to send to PostgreSQL (ignored when `action` is set). */
  readonly text: string
  /** Command tag to report instead of PostgreSQL's (e.g. `ALTER TABLE`). */
  readonly tag?: string
  readonly action?: EmulatorAction
  /** BEGIN / COMMIT / ROLLBACK, for the session's transaction bookkeeping. */
  readonly transaction?: 'begin' | 'commit' | 'rollback'
  /** Refused with this error when sent inside a transaction block. */
  readonly notInBlock?: ErrorFields
  /** What to send instead of `text` when no transaction block is open. */
  readonly outsideBlockText?: string
  /** TRUNCATE commits the open transaction first, as on Redshift. */
  readonly commitsFirst: boolean
  /** Takes a WLM slot (queries and DML on user tables; not leader-node work). */
  readonly usesWlm: boolean
  /** Reads a system view, so the query log is flushed before it runs. */
  readonly readsSystemView: boolean
  /** The text depends on the session (PG_LAST_QUERY_ID()); render per run. */
  readonly contextual: boolean
  /** First user table the statement touches (for conflict messages). */
  readonly table?: string
  /** Every user table it reads or writes, when there is one (the snapshot-era check). */
  readonly userTables?: readonly string[]
  /** The table it creates (CREATE TABLE, CREATE TABLE AS, SELECT INTO). */
  readonly creates?: string
  /** The temporary table it creates: the session's own, which no other session's write lock reaches. */
  readonly createsTemp?: string
  /**
   * The tables whose Redshift write lock it takes (COPY, INSERT, UPDATE,
   * DELETE and MERGE their target; LOCK its tables), as `schema.name` or
   * `name`.
   */
  readonly writes?: readonly string[]
  /** A CREATE TABLE's column types, for the statements of its open block. */
  readonly createdColumns?: CreatedColumns
  /** An ALTER TABLE that only adds columns: the ones it adds (see `addedColumns`). */
  readonly addedColumns?: CreatedColumns
  /**
   * Statements the emulator runs right after this one, in the same session
   * and transaction, with their answers hidden (record Redshift table
   * attributes and long identifiers).
   */
  readonly after?: readonly string[]
  /**
   * Like {@link after}, only inside a transaction block: outside one, a
   * statement sent with others would run them in PostgreSQL's implicit
   * block, where DECLARE would succeed instead of failing on its own.
   */
  readonly afterInBlock?: readonly string[]
  /** DROP DATABASE: the emulator lets go of its own connection to it first. */
  readonly dropsDatabase?: string
  /** PostgreSQL's node type for the statement (`SelectStmt`, `InsertStmt` ...), when parsed. */
  readonly statementType?: string
  /**
   * Result column names Redshift gives where PostgreSQL names them otherwise
   * (`date_add` for an unaliased DATEADD), by position; undefined keeps
   * PostgreSQL's name.
   */
  readonly columnNames?: readonly (string | undefined)[]
  /**
   * Relations (keys of `relationKey`) whose column types would give its
   * DECIMAL expressions over columns Redshift's types: the session plans
   * it again once they are known in its database.
   */
  readonly columnRelations?: readonly string[]
  /**
   * External tables it reads: the session reads their files into the
   * temporary tables `text` names instead, before it runs.
   */
  readonly externalReads?: readonly ExternalRead[]
  /**
   * The relations it names that may be late-binding views reading external
   * tables (`[schema or null, name]`): their reads are looked up when it runs.
   */
  readonly externalViews?: readonly (readonly [string | null, string])[]
  /**
   * System views listing every database that it reads (see
   * `all-database-views.ts`): the session fills the temporary tables
   * `text` names instead, before it runs.
   */
  readonly allDatabaseViews?: readonly string[]
  /**
   * Relations it names by three-part name (see `three-part-names.ts`): the
   * session rewrites those of another database to foreign tables it sets
   * up before the statement runs.
   */
  readonly threePartNames?: readonly ThreePartName[]
  /**
   * An EXPLAIN that names relations by three-part name: the EXPLAIN as
   * PostgreSQL would run it before `text` wrapped its query in a literal, for
   * the session to rewrite those names in and wrap again (see
   * `explain-rewrite.ts`).
   */
  readonly explained?: { readonly text: string; readonly verbose: boolean }
  /**
   * The users a DROP USER drops: their user mappings for reads of other
   * databases (see `runtime/other-database-tables.ts`) go first, in every
   * database, as PostgreSQL would not drop a role that has one.
   */
  readonly dropsUsers?: readonly string[]
  /** What it does to the alias schemas of its database, once it succeeds. */
  readonly schemaAlias?: SchemaAliasChange
  /** It may rename a relation or change its columns (DDL, CALL, SELECT INTO ...). */
  readonly changesColumns?: true
}

/** The emulator's decision about one Query or Parse message. */
export interface StatementPlan {
  /** Refuse the whole message with this error; nothing runs. */
  readonly reject?: ErrorFields
  readonly statements: readonly PlannedStatement[]
  /** True when the client's bytes can be forwarded as they are. */
  readonly unchanged: boolean
  /** Backend text when nothing in it depends on the session. */
  readonly text: string
  readonly usesWlm: boolean
  readonly readsSystemView: boolean
  /** Some statement needs per-run rendering (actions, context, tx rules). */
  readonly dynamic: boolean
  /** Every statement's `columnRelations`, when one has some. */
  readonly columnRelations?: readonly string[]
}
