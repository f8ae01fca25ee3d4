import { buildAttributeChangeSql } from '../catalog/alter-attributes.js'
import { isEncoding } from '../catalog/encoding-types.js'
import { rewriteAddColumn } from './ddl-add-column.js'
import { rewriteCommentOnDatabase } from './ddl-comment.js'
import { rewriteRenameColumn } from './ddl-rename-column.js'
import { rewriteAlterColumnType } from './ddl-alter-column-type.js'
import { rewriteDatabaseOptions } from './ddl-database.js'
import { rewriteMvRefresh } from './ddl-mv-refresh.js'
import {
  rewriteProcedureOut,
  rewriteSignatureOut,
} from './ddl-procedure-out.js'
import { DdlCursor, DdlRuleError } from './ddl-cursor.js'
import { readAttributeChange } from './ddl-alter-attributes.js'
import {
  rewriteForeignKeyAdd,
  rewritePrimaryKeyAdd,
} from './ddl-constraints.js'
import { rewriteMergeRemoveDuplicates } from './merge-remove-duplicates.js'
import {
  rewriteAnalyze,
  rewriteAnalyzeColumns,
  rewriteAnalyzeCompression,
} from './redshift-analyze.js'
import { rewriteDefaultProcedures, rewriteRoleGrant } from './redshift-roles.js'
import { rewriteDatashare } from './redshift-datashares.js'
import { rewriteIdentityProvider } from './redshift-identity-providers.js'
import { rewriteMasking } from './redshift-masking.js'
import { rewriteRls } from './redshift-rls.js'
import {
  checkedIdentitiesSql,
  defaultPrivilegeScope,
  inSchemasSql,
  readDefaultPrivileges,
  isTableObject,
  readGrant,
} from './grant-grammar.js'
import { readSchemaQuota } from './redshift-schema-quota.js'
import { rewriteShow } from './redshift-show.js'
import { rewriteShowGrants } from './show-grants.js'
import { dropPrivilegeSql, readDropPrivilege } from './drop-privilege.js'
import {
  columnRulesSql,
  readColumnPrivileges,
} from './column-privilege-rules.js'
import { NONATOMIC_MARKER } from './procedure-nonatomic.js'

/** What one of the statements below becomes for PostgreSQL. */
export type DdlExtraRewrite =
  | {
      readonly sql: string
      readonly tag?: string
      /** Run right after `sql` in the same session (records what PostgreSQL has no place for). */
      readonly after?: string
      /** Checked by the policy as the client's statement (see the planner). */
      readonly policyText?: string
      /** The result's column names as Redshift sends them (see `DdlRewrite`). */
      readonly columnNames?: readonly string[]
    }
  | {
      readonly error: {
        readonly message: string
        readonly code: string
        readonly position?: number
        readonly hint?: string
      }
    }

// First words of the statements handled here: anything else returns at once.
const FIRST_WORDS =
  /^\s*(alter|analyze|attach|comment|create|detach|drop|desc|grant|revoke|show|merge|refresh)\s/i

/**
 * Row-level security on a materialized view (ALTER MATERIALIZED VIEW ...
 * ROW LEVEL SECURITY) is a limit: PostgreSQL has no row security on views
 * (see `redshift-rls.ts` for tables, `redshift-masking.ts` for masking).
 */
const POLICY_LIMIT = 'row-level security on views'

const EMULATOR_LIMIT =
  'an emulator limit: PostgreSQL cannot run it with Redshift semantics'

/**
 * Redshift DDL beyond CREATE (see `rewriteRedshiftDdl` for that):
 *
 * - `ALTER TABLE | MATERIALIZED VIEW ... ALTER DISTSTYLE | DISTKEY |
 *   [COMPOUND] SORTKEY | SORTKEY AUTO | NONE | ENCODE AUTO` and `ALTER
 *   COLUMN c ENCODE e [, ...]` become a call that checks Redshift's rules
 *   and records the change where the system views read it;
 * - `ALTER TABLE ... RENAME COLUMN a TO b` carries the column's recorded
 *   attributes (keys, encoding, type) to its new name;
 * - `COMMENT ON DATABASE` comments on the connected database only;
 * - `ALTER TABLE ... ADD [CONSTRAINT n] FOREIGN KEY ...` is added NOT VALID:
 *   Redshift's constraints are informational, so rows already there are
 *   not checked (and later ones are not either, see `ddl-constraints.ts`).
 *
 * Returns null for any other statement (a regular-expression test of the
 * first word, so statements that are not ALTER pay nothing more).
 *
 * @example
 * ```ts
 * rewriteRedshiftDdlExtras('alter table t alter diststyle all')
 * // { sql: 'call redshift_local.alter_table_attributes(...)', tag: 'ALTER TABLE' }
 * ```
 */
export function rewriteRedshiftDdlExtras(
  sql: string,
  backslashEscapes = true,
): DdlExtraRewrite | null {
  if (!FIRST_WORDS.test(sql) && !/^\s*analyze\s*;?\s*$/i.test(sql)) return null
  const c = new DdlCursor(sql, backslashEscapes)
  try {
    const masking = rewriteMasking(c)
    if (masking !== null) {
      if ('limit' in masking) throw new EmulatorLimit(masking.limit)
      c.pos = 0
      return Object.freeze({ ...masking })
    }
    c.pos = 0
    const rls = rewriteRls(c)
    if (rls !== null) {
      if ('limit' in rls) throw new EmulatorLimit(rls.limit)
      c.pos = 0
      return Object.freeze({ ...rls })
    }
    c.pos = 0
    const share = rewriteDatashare(c)
    if (share !== null) {
      if ('limit' in share) throw new EmulatorLimit(share.limit)
      return Object.freeze({ ...share })
    }
    c.pos = 0
    const provider = rewriteIdentityProvider(c)
    if (provider !== null) return Object.freeze({ ...provider })
    switch (c.kw()) {
      case 'ALTER':
        break
      case 'ANALYZE':
        c.pos++
        if (c.kw() === 'COMPRESSION')
          return Object.freeze({ sql: rewriteAnalyzeCompression(c) })
        {
          const analyze = rewriteAnalyze(c)
          if (analyze !== null) return Object.freeze({ ...analyze })
        }
        return sqlOf(rewriteAnalyzeColumns(c))
      case 'GRANT':
      case 'REVOKE': {
        const limit = grantLimit(c)
        if (limit !== null) throw new EmulatorLimit(limit)
        const start = c.pos
        const columns = readColumnPrivileges(c)
        c.pos = start
        const drop = readDropPrivilege(c)
        c.pos = start
        const identities = readGrant(c)
        // rewriteRoleGrant applies readGrant's edits (GRANT ALL) with its own.
        const sql = rewriteRoleGrant(c) ?? (c.changed ? c.apply() : null)
        if ((drop !== null || columns !== null) && identities !== null) {
          const rest = drop?.alone === true ? null : (sql ?? c.sql)
          const own = drop === null ? rest! : dropPrivilegeSql(drop, rest)
          return Object.freeze({
            sql: checkedIdentitiesSql(
              identities,
              columns === null ? own : columnRulesSql(columns, own),
            ),
            tag: c.kw(start),
          })
        }
        if (identities === null || identities.length === 0) return sqlOf(sql)
        return Object.freeze({
          sql: checkedIdentitiesSql(identities, sql ?? c.sql),
          tag: c.kw(),
        })
      }
      case 'ATTACH':
      case 'DETACH':
        if (c.kw(c.pos + 2) === 'POLICY')
          throw new EmulatorLimit(
            `${c.kw()} ${c.kw(c.pos + 1)} POLICY (${POLICY_LIMIT})`,
          )
        return null
      case 'SHOW': {
        if (c.kw(c.pos + 1) === 'MODEL')
          throw new EmulatorLimit('SHOW MODEL (Amazon Redshift ML)')
        const grants = rewriteShowGrants(c)
        if (grants !== null) {
          if ('limit' in grants) throw new EmulatorLimit(grants.limit)
          return Object.freeze({ sql: grants.sql })
        }
        // The AWS Glue Data Catalog's databases (r_SHOW_DATABASES.html):
        // the emulator has no Glue account to list.
        if (c.kw(c.pos + 1) === 'DATABASES' && c.kw(c.pos + 2) === 'FROM')
          throw new EmulatorLimit('SHOW DATABASES FROM DATA CATALOG')
        const shown = rewriteShow(c)
        return shown === null ? null : Object.freeze({ ...shown })
      }
      case 'COMMENT': {
        const sql = rewriteCommentOnDatabase(c)
        return sql === null ? null : Object.freeze({ sql, tag: 'COMMENT' })
      }
      case 'MERGE':
        return sqlOf(rewriteMergeRemoveDuplicates(c))
      case 'REFRESH':
        return mvRefresh(c)
      default:
        return createOrDrop(c)
    }
    const quota = readSchemaQuota(c)
    if (quota !== null)
      return Object.freeze({ sql: quota.record, tag: 'ALTER SCHEMA' })
    if (isPolicyStatement(c))
      throw new EmulatorLimit(`ALTER ... POLICY (${POLICY_LIMIT})`)
    if (hasWords(c, 'ROW', 'LEVEL', 'SECURITY'))
      throw new EmulatorLimit(`ROW LEVEL SECURITY (${POLICY_LIMIT})`)
    const database = databaseRewrite(c)
    if (database !== null) return database
    const refresh = mvRefresh(c)
    if (refresh !== null) return refresh
    const signature = rewriteSignatureOut(c)
    if (signature !== null) return Object.freeze({ sql: signature })
    const defaults = defaultPrivileges(c)
    if (defaults !== null) return defaults
    const typeChange = rewriteAlterColumnType(c)
    if (typeChange !== null) return Object.freeze({ ...typeChange })
    const added = rewriteAddColumn(c)
    if (added !== null) return Object.freeze({ ...added })
    const renamed = rewriteRenameColumn(c)
    if (renamed !== null) return Object.freeze({ ...renamed })
    c.pos++
    const at = c.pos
    const change = readAttributeChange(c)
    if (change !== null) {
      for (const [column, encoding] of Object.entries(change.encodings ?? {})) {
        if (!isEncoding(encoding)) {
          throw new DdlRuleError(
            `invalid encoding type "${encoding}" specified for column "${column}"`,
            '42704',
          )
        }
      }
      return Object.freeze({
        sql: buildAttributeChangeSql(change),
        tag:
          change.kind === 'table' ? 'ALTER TABLE' : 'ALTER MATERIALIZED VIEW',
      })
    }
    c.pos = at
    const primaryKey = rewritePrimaryKeyAdd(c)
    if (primaryKey !== null)
      return Object.freeze({ sql: primaryKey, tag: 'ALTER TABLE' })
    c.pos = at
    const foreignKey = rewriteForeignKeyAdd(c)
    return foreignKey === null ? null : Object.freeze({ sql: foreignKey })
  } catch (error) {
    if (error instanceof EmulatorLimit) {
      return Object.freeze({
        error: Object.freeze({
          message: `${error.message} in the local emulator is not supported`,
          code: '0A000',
          hint: EMULATOR_LIMIT,
        }),
      })
    }
    if (!(error instanceof DdlRuleError)) throw error
    return Object.freeze({
      error: Object.freeze({
        message: error.message,
        code: error.code,
        ...(error.position !== undefined ? { position: error.position } : {}),
      }),
    })
  }
}

/** A statement Redshift runs that the emulator cannot run soundly. */
class EmulatorLimit extends Error {}

function sqlOf(sql: string | null): DdlExtraRewrite | null {
  return sql === null ? null : Object.freeze({ sql })
}

/**
 * CREATE SCHEMA ... QUOTA, and the statements refused as emulator limits:
 * NONATOMIC procedures (each statement commits on its own: PostgreSQL runs
 * a procedure as one transaction) and Redshift ML models (CREATE / DROP / SHOW MODEL: no SageMaker to
 * train them, r_CREATE_MODEL.html).
 */
function createOrDrop(c: DdlCursor): DdlExtraRewrite | null {
  const verb = c.kw()
  if (verb === 'CREATE') {
    const quota = readSchemaQuota(c)
    if (quota !== null)
      return Object.freeze({ sql: quota.sql!, after: quota.record })
  }
  if (isPolicyStatement(c))
    throw new EmulatorLimit(`${verb} ... POLICY (${POLICY_LIMIT})`)
  const database = databaseRewrite(c)
  if (database !== null) return database
  const at = c.pos + 1 + (c.kw(c.pos + 1) === 'OR' ? 2 : 0)
  // Models train in SageMaker; their prediction functions cannot exist here.
  if (c.kw(at) === 'MODEL')
    throw new EmulatorLimit(`${verb} MODEL (Amazon Redshift ML)`)
  if (verb === 'DROP') return sqlOf(rewriteSignatureOut(c))
  if (verb === 'CREATE' && c.kw(at) === 'PROCEDURE') {
    // CREATE [OR REPLACE] PROCEDURE name ([args]) NONATOMIC AS ...
    for (let k = at + 1; k < c.tokens.length && c.kw(k) !== 'AS'; k++) {
      if (c.kw(k) === 'NONATOMIC') return nonatomic(c, k)
    }
    c.pos = at
    const out = rewriteProcedureOut(c)
    if (out !== null && 'limit' in out) throw new EmulatorLimit(out.limit)
    if (out !== null) return Object.freeze({ sql: out.sql })
  }
  return null
}

/**
 * `CREATE PROCEDURE ... NONATOMIC AS $$ body $$`: PostgreSQL has no
 * NONATOMIC clause, so the word goes and the body starts with
 * `NONATOMIC_MARKER`, which `procedure-body.ts` reads (see
 * `procedure-nonatomic.ts`). The statement then takes the other rewrites.
 */
function nonatomic(c: DdlCursor, at: number): DdlExtraRewrite {
  const word = c.tokens[at]!
  const body = c.tokens.find(
    (t, i) => i > at && c.kw(i - 1) === 'AS' && t.kind === 'string',
  )
  if (body === undefined)
    throw new EmulatorLimit('NONATOMIC without a quoted procedure body')
  const open = /^(\$[^$]*\$|')/.exec(body.text)?.[0] ?? ''
  if (open === '') throw new EmulatorLimit('NONATOMIC with this body quoting')
  const sql = `${c.sql.slice(0, word.start)}${c.sql.slice(word.end, body.start + open.length)}${NONATOMIC_MARKER}${c.sql.slice(body.start + open.length)}`
  const rest = rewriteRedshiftDdlExtras(sql)
  return Object.freeze({
    sql: rest !== null && 'sql' in rest ? rest.sql : sql,
    policyText: sql,
  })
}

/** `{CREATE | ALTER | DROP} RLS POLICY ...` the RLS rewrite left, with `c.pos` on the verb. */
function isPolicyStatement(c: DdlCursor): boolean {
  return c.kw(c.pos + 1) === 'RLS' && c.kw(c.pos + 2) === 'POLICY'
}

/** Whether the statement has `words` in a row, anywhere after `c.pos`. */
function hasWords(c: DdlCursor, ...words: string[]): boolean {
  for (let at = c.pos; at + words.length <= c.tokens.length; at++) {
    if (words.every((w, i) => c.kw(at + i) === w)) return true
  }
  return false
}

/** First words of Redshift's system permissions (r_GRANT.html: GRANT CREATE USER ... TO ROLE). */
const SYSTEM_PERMISSION_WORDS: ReadonlySet<string> = new Set([
  'CREATE',
  'DROP',
  'ALTER',
  'ACCESS',
  'TRUNCATE',
  'VACUUM',
  'ANALYZE',
  'CANCEL',
  'IGNORE',
  'EXPLAIN',
])

/** The object kinds of a scoped permission's `FOR kinds IN` (t_scoped-permissions.html). */
const SCOPES: ReadonlySet<string> = new Set([
  'SCHEMAS',
  'TABLES',
  'FUNCTIONS',
  'PROCEDURES',
  'LANGUAGES',
])

/**
 * GRANT / REVOKE forms PostgreSQL has no privilege for (r_GRANT.html): the
 * ALTER privilege, DROP on objects other than tables (the emulator keeps
 * DROP on tables itself, see `drop-privilege.ts`), system permissions granted
 * to roles (`GRANT CREATE USER TO ROLE r`), ASSUMEROLE, and USAGE ON
 * LANGUAGE plpythonu (the emulator runs no Python UDF), and scoped
 * permissions (`GRANT SELECT FOR TABLES IN SCHEMA s TO u`,
 * t_scoped-permissions.html), which reach the objects created later by
 * anyone, as no PostgreSQL grant does. Refused as emulator limits rather
 * than granted as nothing. Null for the others.
 */
function grantLimit(c: DdlCursor): string | null {
  for (let at = c.pos + 1; at + 2 < c.tokens.length; at++) {
    if (c.kw(at) === 'TO' || c.kw(at) === 'FROM') break
    if (c.kw(at) === 'FOR' && SCOPES.has(c.kw(at + 1)) && c.kw(at + 2) === 'IN')
      return `${c.kw()} ... FOR ${c.kw(at + 1)} IN ... (scoped permissions)`
  }
  let on = -1
  for (let at = c.pos + 1; at < c.tokens.length; at++) {
    if (c.kw(at) === 'ON') {
      on = at
      break
    }
  }
  if (c.kw(on + 1) === 'LANGUAGE') {
    // No Python UDF can exist in the emulator (see the policy's CREATE FUNCTION rule).
    for (let at = on + 2; at < c.tokens.length; at++) {
      if (c.kw(at) === 'TO' || c.kw(at) === 'FROM') break
      if (c.kw(at) === 'PLPYTHONU')
        return `${c.kw()} USAGE ON LANGUAGE plpythonu (Python UDFs)`
    }
  }
  let first = c.pos + 1
  if (c.kw() === 'REVOKE' && c.kw(first) === 'GRANT') first += 3
  if (c.kw(first) === 'ASSUMEROLE') return `${c.kw()} ASSUMEROLE`
  if (on === -1)
    return SYSTEM_PERMISSION_WORDS.has(c.kw(first))
      ? `${c.kw()} of system permissions (${c.kw(first)} ... TO ROLE)`
      : null
  for (let at = first; at < on; at++) {
    const word = c.kw(at)
    if (
      (word === 'ALTER' || (word === 'DROP' && !isTableObject(c, on + 1))) &&
      (at === first || c.is(',', at - 1))
    )
      return `the ${word} privilege (${c.kw()} ${word} ON ...)`
  }
  return null
}

/**
 * ALTER DEFAULT PRIVILEGES, read in Redshift's grammar (`readDefaultPrivileges`):
 * `TO ROLE r` loses its ROLE, ON PROCEDURES becomes ON ROUTINES, and the
 * names are checked against their kinds before PostgreSQL runs it.
 */
function defaultPrivileges(c: DdlCursor): DdlExtraRewrite | null {
  const start = c.pos
  const identities = readDefaultPrivileges(c)
  if (identities === null) return null
  rewriteRoleGrant(c)
  c.pos = start
  const scope = defaultPrivilegeScope(c)
  const rewritten =
    rewriteDefaultProcedures(c) ?? (c.changed ? c.apply() : c.sql)
  // IN SCHEMA: "the user or user group that is the target of ALTER DEFAULT
  // PRIVILEGES must have CREATE privilege for the specified schema"
  // (r_ALTER_DEFAULT_PRIVILEGES.html), which PostgreSQL does not ask.
  const sql =
    scope.schemas.length === 0 ? rewritten : inSchemasSql(scope, rewritten)
  return Object.freeze(
    identities.length === 0 && scope.schemas.length === 0
      ? { sql }
      : {
          sql: checkedIdentitiesSql(identities, sql),
          tag: 'ALTER DEFAULT PRIVILEGES',
        },
  )
}

/** CREATE / ALTER / DROP DATABASE with Redshift's options (see `rewriteDatabaseOptions`). */
function databaseRewrite(c: DdlCursor): DdlExtraRewrite | null {
  const database = rewriteDatabaseOptions(c)
  if (database === null) return null
  if ('limit' in database) throw new EmulatorLimit(database.limit)
  return Object.freeze({ sql: database.sql })
}

/** AUTO REFRESH and REFRESH ... RESTRICT | CASCADE (see `rewriteMvRefresh`). */
function mvRefresh(c: DdlCursor): DdlExtraRewrite | null {
  const refresh = rewriteMvRefresh(c)
  if (refresh === null) return null
  if ('limit' in refresh) throw new EmulatorLimit(refresh.limit)
  return Object.freeze({ ...refresh })
}
