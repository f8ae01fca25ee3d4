import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { checkCreateRole } from './check-password.js'
import { checkDdlCommand } from './ddl-command-rules.js'
import { significant, tokenize, wordOf } from './lexer.js'
import {
  COMPUTE_NODE_FUNCTIONS,
  LEADER_NODE_FUNCTIONS,
  LEADER_NODE_KEYWORDS,
} from './leader-node-functions.js'
import {
  names,
  nodeType,
  parseOneStatement,
  walkTree,
  type PgNode,
} from './parse-tree.js'
import {
  limitValueError,
  quantifiedSubqueryError,
  scalarSubqueryClauseError,
} from './condition-rules.js'
import { correlatedSubqueryError } from './correlated-subqueries.js'
import {
  checkAnalyze,
  checkClose,
  checkFetchWords,
  checkInsert,
  checkMergeShape,
  checkOnly,
  checkRecursiveWith,
  checkTransactionOptions,
  checkTruncate,
  checkUpdate,
} from './dml-rules.js'
import { emulatorLimitOf } from './emulator-limit-functions.js'
import { decimalTypeError } from './decimal-limits.js'
import {
  booleanLiteralError,
  datetimeLiteralError,
  type DatetimeType,
} from './input-literals.js'
import { postgresOnlyExpression } from './postgres-only-expressions.js'
import {
  cursorError,
  isPostgresJsonFunction,
  postgresOnlyObject,
  PSEUDO_TYPES,
  SQL_JSON_NODES,
  sqlJsonFunction,
} from './postgres-only.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'
import { checkProcedure } from './procedure-body.js'
import { UNRECORDED_VIEWS } from './unrecorded-views.js'
import { UNSUPPORTED_FUNCTIONS } from './unsupported-functions.js'

/** What the policy learns about a statement while it checks it. */
export interface StatementFacts {
  /** Node type of the statement (`SelectStmt`, `InsertStmt`, ...). */
  readonly type: string
  /** User tables it reads or writes (schema-qualified when written so). */
  readonly userTables: readonly string[]
  /** It reads Redshift system views (STL_, STV_, SVL_, SYS_, SVV_, PG_TABLE_DEF). */
  readonly readsSystemView: boolean
  /** The first STL_, STV_, SVL_ or SVCS_ view it reads (none of them exists on Serverless). */
  readonly provisionedOnlyView?: string
  /**
   * It calls a compute-node-only function (LISTAGG, MEDIAN, PERCENTILE_*)
   * and reads these relations (none of them a system table): the statement
   * runs on the compute nodes unless every one is a view that itself reads
   * no table, which only the catalog can tell.
   */
  readonly computeNodeReads?: readonly NamedRelation[]
}

/** A relation as a statement names it. */
export interface NamedRelation {
  /** A three-part name's database. */
  readonly database?: string
  readonly schema?: string
  readonly name: string
}

/** How much of the policy applies. */
export interface PolicyOptions {
  /**
   * The tree is the emulator's own translation of Redshift text (Redshift DDL
   * or functions rewritten to PostgreSQL), so checks of expressions, types and
   * functions were already made on the client's text or do not apply.
   */
  readonly translated: boolean
  /**
   * The text the tree was parsed from; with it, identifiers that are
   * reserved words on Redshift (but not on PostgreSQL) are refused unless
   * quoted.
   */
  readonly text?: string
  /**
   * The text is the emulator's PostgreSQL form of Redshift query syntax
   * (CONNECT BY becomes WITH RECURSIVE ... CYCLE), so the CTE clauses it
   * writes are its own.
   */
  readonly rewrittenSyntax?: boolean
  /**
   * The text's LATERAL subqueries are the emulator's own form of a subquery
   * that ranges over nested data of its parent (`spectrum/nested-reads.ts`).
   */
  readonly ownLateral?: boolean
  /**
   * Whether a relation is a view that reads no table, itself or through
   * other views, as the catalog says: a query over such views alone runs on
   * the leader node. Without it, every relation counts as a user table.
   */
  readonly readsNoTable?: (relation: NamedRelation) => boolean
}

/**
 * Redshift's reserved words that PostgreSQL accepts as plain identifiers
 * (from Redshift's reserved-word list). SYSDATE, CURRENT_USER_ID and OID are
 * left out: Redshift reads them as a function, a pseudo-column and a system
 * column, which is how the tree sees them too.
 */
const REDSHIFT_RESERVED = new Set(
  (
    'aes128 aes256 allowoverwrite az64 backup blanksasnull bytedict bzip2 connect credentials ' +
    'deflate defrag delta delta32k disable emptyasnull enable encode encrypt encryption explicit ' +
    'globaldict256 globaldict64k gzip identity ignore interval language lun luns lzo lzop minus ' +
    'mostly16 mostly32 mostly8 new nulls off offline old open parallel partition percent ' +
    'permissions pivot raw readratio recover rejectlog resort respect restore snapshot system ' +
    'start tag tdes text255 text32k timestamp top truncatecolumns unnest unpivot wallet without'
  ).split(' '),
)

const FRAME_NONDEFAULT = 0x1
const FRAME_RANGE = 0x2
const FRAME_GROUPS = 0x8
const FRAME_EXCLUDE = 0x8000 | 0x10000 | 0x20000
const CURSOR_OPT_HOLD = 0x20

/** Column types Redshift has (as PostgreSQL's parser names them). */
const COLUMN_TYPES = new Set([
  'int2',
  'smallint',
  'int4',
  'int',
  'integer',
  'int8',
  'bigint',
  'numeric',
  'decimal',
  'float4',
  'real',
  'float8',
  'float',
  'double precision',
  'bool',
  'boolean',
  'bpchar',
  // Not 'char': PostgreSQL's parser names CHAR(n) bpchar, so a bare 'char'
  // is the quoted single-byte "char", a special character type Redshift lacks.
  'character',
  'nchar',
  'varchar',
  'nvarchar',
  'text',
  'character varying',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'varbyte',
  'varbinary',
  'super',
  'geometry',
  'geography',
  'hllsketch',
])

/** Types a cast may name that no Redshift table column has. */
const CAST_ONLY_TYPES = new Set([
  'interval',
  // A stored procedure's result set is a refcursor (stored-procedure-result-set.html).
  'refcursor',
])

const SERIAL_TYPES = new Set([
  'serial',
  'serial4',
  'bigserial',
  'serial8',
  'smallserial',
  'serial2',
])

/** PostgreSQL types Redshift does not have, refused wherever they are named. */
const MISSING_TYPES = new Set([
  'uuid',
  'json',
  'jsonb',
  'jsonpath',
  'bytea',
  'xml',
  'money',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
  'tsvector',
  'tsquery',
  'int4range',
  'int8range',
  'numrange',
  'tsrange',
  'tstzrange',
  'daterange',
  'int4multirange',
  'point',
  'line',
  'lseg',
  'box',
  'path',
  'polygon',
  'circle',
  'bit',
  'varbit',
  'pg_lsn',
  'txid_snapshot',
  'pg_snapshot',
  'hstore',
  'int8multirange',
  'nummultirange',
  'tsmultirange',
  'tstzmultirange',
  'datemultirange',
  ...PSEUDO_TYPES,
])

/**
 * Object identifier types: the leader node's catalog has them, so a cast in a
 * catalog query runs there; Redshift's tables cannot hold them
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-datatypes.html).
 */
const OID_TYPES = new Set([
  'oid',
  'regclass',
  'regproc',
  'regprocedure',
  'regoper',
  'regoperator',
  'regtype',
  'regrole',
  'regnamespace',
  'regconfig',
  'regdictionary',
  'regcollation',
  'xid',
  'xid8',
  'cid',
  'tid',
  'oidvector',
  'int2vector',
  // The special character types: catalog columns are of type name and
  // "char", so catalog queries cast to them on the leader node.
  'name',
  'char',
])

/** PostgreSQL's system columns a user table would expose to a query (OID is a catalog column). */
const IMPLICIT_SYSTEM_COLUMNS: ReadonlySet<string> = new Set([
  'tableoid',
  'xmin',
  'cmin',
  'xmax',
  'cmax',
  'ctid',
])

/**
 * Column names Redshift keeps for its system columns: PostgreSQL 8.0's
 * (OID was one then) and the hidden columns every Redshift table carries
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_BLOCKLIST.html).
 */
const SYSTEM_COLUMNS: ReadonlySet<string> = new Set([
  'oid',
  ...IMPLICIT_SYSTEM_COLUMNS,
  'insertxid',
  'deletexid',
])

const JSON_OPERATOR_HINT =
  'navigate SUPER with dots and brackets (c.a[0]); read JSON text with JSON_EXTRACT_PATH_TEXT'
const TEXT_SEARCH_HINT =
  'Redshift has no full text search; use LIKE, SIMILAR TO or REGEXP functions'
const CONTAINMENT_HINT = 'Redshift has no array, range or json containment'

/** Operators of PostgreSQL types Redshift does not have, with what to use instead. */
const POSTGRES_ONLY_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['@@', TEXT_SEARCH_HINT],
  ['@@@', TEXT_SEARCH_HINT],
  ['->', JSON_OPERATOR_HINT],
  ['->>', JSON_OPERATOR_HINT],
  ['#>', JSON_OPERATOR_HINT],
  ['#>>', JSON_OPERATOR_HINT],
  ['#-', JSON_OPERATOR_HINT],
  ['@?', JSON_OPERATOR_HINT],
  ['?', JSON_OPERATOR_HINT],
  ['?|', JSON_OPERATOR_HINT],
  ['?&', JSON_OPERATOR_HINT],
  ['@>', CONTAINMENT_HINT],
  ['<@', CONTAINMENT_HINT],
  // PostgreSQL 11's starts-with operator, like STARTS_WITH below.
  ['^@', "use LIKE 'prefix%'"],
  // pattern-matching-conditions-posix.html: `expression [ ! ] ~ pattern`,
  // case-sensitive only.
  ['~*', 'use expression ~ pattern over LOWER() of both, or ILIKE'],
  ['!~*', 'use expression !~ pattern over LOWER() of both, or NOT ILIKE'],
])

/** The only EXPLAIN option Redshift has (https://docs.aws.amazon.com/redshift/latest/dg/r_EXPLAIN.html). */
const EXPLAIN_OPTIONS = new Set(['verbose'])

/** PostgreSQL's CREATE_TABLE_LIKE_DEFAULTS bit, the one LIKE option Redshift has. */
const LIKE_DEFAULTS = 1 << 3

/** PostgreSQL's AccessExclusiveLock: what a LOCK without a mode takes. */
const ACCESS_EXCLUSIVE = 8

/** Aggregates that are window functions with a frame (ORDER BY then needs ROWS ...). */
const FRAMED_AGGREGATES = new Set([
  'avg',
  'count',
  'sum',
  'min',
  'max',
  'stddev',
  'stddev_samp',
  'stddev_pop',
  'variance',
  'var_samp',
  'var_pop',
  'first_value',
  'last_value',
  'nth_value',
  'bit_and',
  'bit_or',
  'bool_and',
  'bool_or',
])

/**
 * Window functions whose OVER clause takes no frame: the ranking functions
 * ("The frame clause doesn't apply to ranking functions",
 * r_Window_function_synopsis.html) and CUME_DIST, PERCENT_RANK, NTILE, LAG
 * and LEAD ("The OVER clause cannot contain a window frame specification",
 * r_WF_CUME_DIST.html ... r_WF_LEAD.html). PostgreSQL ignores such a frame.
 */
const UNFRAMED_WINDOWS = new Set([
  'rank',
  'dense_rank',
  'row_number',
  'ntile',
  'percent_rank',
  'cume_dist',
  'lag',
  'lead',
])

/**
 * Window functions whose OVER clause must have ORDER BY: the syntax of LAG
 * and LEAD has no brackets around it (r_WF_LAG.html, r_WF_LEAD.html).
 * Redshift's wording for the refusal is not documented; the emulator's is a
 * syntax error at the OVER clause's closing bracket.
 */
const ORDERED_WINDOWS = new Set(['lag', 'lead'])

/** Statement types Redshift does not have at all. */
const UNSUPPORTED_STATEMENTS: Readonly<
  Record<string, readonly [string, string?]>
> = {
  IndexStmt: [
    'CREATE INDEX',
    'Redshift has no indexes; choose a SORTKEY and DISTKEY',
  ],
  CreateSeqStmt: ['CREATE SEQUENCE', 'use an IDENTITY(seed, step) column'],
  AlterSeqStmt: ['ALTER SEQUENCE', 'use an IDENTITY(seed, step) column'],
  CreateEnumStmt: ['CREATE TYPE', 'Redshift has no user-defined types'],
  AlterEnumStmt: ['ALTER TYPE', 'Redshift has no user-defined types'],
  CompositeTypeStmt: ['CREATE TYPE', 'Redshift has no user-defined types'],
  CreateRangeStmt: ['CREATE TYPE', 'Redshift has no user-defined types'],
  CreateDomainStmt: ['CREATE DOMAIN'],
  AlterDomainStmt: ['ALTER DOMAIN'],
  CreateTrigStmt: ['CREATE TRIGGER'],
  CreateEventTrigStmt: ['CREATE EVENT TRIGGER'],
  CreateExtensionStmt: ['CREATE EXTENSION'],
  AlterExtensionStmt: ['ALTER EXTENSION'],
  RuleStmt: ['CREATE RULE'],
  CreatePolicyStmt: ['CREATE POLICY', 'use CREATE RLS POLICY'],
  CreateTableSpaceStmt: ['CREATE TABLESPACE'],
  ListenStmt: ['LISTEN'],
  UnlistenStmt: ['UNLISTEN'],
  NotifyStmt: ['NOTIFY'],
  ClusterStmt: ['CLUSTER', 'use VACUUM SORT ONLY'],
  ReindexStmt: ['REINDEX'],
  AlterSystemStmt: ['ALTER SYSTEM'],
  CreatePublicationStmt: ['CREATE PUBLICATION'],
  CreateSubscriptionStmt: ['CREATE SUBSCRIPTION'],
  CreateForeignTableStmt: ['CREATE FOREIGN TABLE', 'use CREATE EXTERNAL TABLE'],
  CreateForeignServerStmt: ['CREATE SERVER'],
  CreateFdwStmt: ['CREATE FOREIGN DATA WRAPPER'],
  CreateUserMappingStmt: ['CREATE USER MAPPING'],
  ImportForeignSchemaStmt: ['IMPORT FOREIGN SCHEMA'],
  DoStmt: ['DO', 'use a stored procedure (CREATE PROCEDURE) and CALL'],
  CreateStatsStmt: ['CREATE STATISTICS'],
  CreateConversionStmt: ['CREATE CONVERSION'],
  CreateCastStmt: ['CREATE CAST'],
  CreateOpClassStmt: ['CREATE OPERATOR CLASS'],
  CreateOpFamilyStmt: ['CREATE OPERATOR FAMILY'],
  CreateAmStmt: ['CREATE ACCESS METHOD'],
  CreateTransformStmt: ['CREATE TRANSFORM'],
  CreatePLangStmt: ['CREATE LANGUAGE'],
  LoadStmt: ['LOAD'],
  CheckPointStmt: ['CHECKPOINT'],
  SecLabelStmt: ['SECURITY LABEL'],
  AlterTableSpaceOptionsStmt: ['ALTER TABLESPACE'],
  AlterOperatorStmt: ['ALTER OPERATOR'],
  AlterTypeStmt: ['ALTER TYPE'],
  AlterTSConfigurationStmt: ['ALTER TEXT SEARCH CONFIGURATION'],
  AlterTSDictionaryStmt: ['ALTER TEXT SEARCH DICTIONARY'],
  AlterCollationStmt: ['ALTER COLLATION'],
  AlterOpFamilyStmt: ['ALTER OPERATOR FAMILY'],
  AlterStatsStmt: ['ALTER STATISTICS'],
  AlterEventTrigStmt: ['ALTER EVENT TRIGGER'],
  AlterExtensionContentsStmt: ['ALTER EXTENSION'],
  AlterObjectDependsStmt: ['ALTER ... DEPENDS ON EXTENSION'],
  AlterPublicationStmt: ['ALTER PUBLICATION'],
  AlterSubscriptionStmt: ['ALTER SUBSCRIPTION'],
  AlterFdwStmt: ['ALTER FOREIGN DATA WRAPPER'],
  AlterForeignServerStmt: ['ALTER SERVER'],
  AlterUserMappingStmt: ['ALTER USER MAPPING'],
  AlterTableMoveAllStmt: ['ALTER ... SET TABLESPACE'],
  DropTableSpaceStmt: ['DROP TABLESPACE'],
  DropSubscriptionStmt: ['DROP SUBSCRIPTION'],
  DropUserMappingStmt: ['DROP USER MAPPING'],
  // Statements the SQL commands reference has no page for
  // (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_commands.html).
  DiscardStmt: ['DISCARD', 'RESET ALL resets the session parameters'],
  ReassignOwnedStmt: ['REASSIGN OWNED', 'ALTER ... OWNER TO each object'],
  DropOwnedStmt: ['DROP OWNED'],
  ConstraintsSetStmt: [
    'SET CONSTRAINTS',
    'Redshift does not enforce constraints',
  ],
}

const ALTER_TABLE_ALLOWED = new Set([
  'AT_AddColumn',
  'AT_DropColumn',
  'AT_AlterColumnType',
  'AT_AddConstraint',
  'AT_DropConstraint',
  'AT_ChangeOwner',
])

const SYSTEM_VIEW = /^(stl|stv|svl|svcs|sys|svv)_/

/**
 * System views over the leader node's catalog alone: a leader-node-only
 * function runs over them as over PG_* tables. SVV_EXTERNAL_* describe the
 * external catalog, SVV_COLUMNS and SVV_TABLES join "the System catalog
 * tables (tables with a PG prefix)" with them (r_SVV_COLUMNS.html,
 * r_SVV_TABLES.html); client libraries union them with pg_catalog reads
 * that call FORMAT_TYPE (sqlalchemy-redshift's column reflection does).
 */
const LEADER_NODE_SYSTEM_VIEWS = new Set([
  'svv_external_columns',
  'svv_external_databases',
  'svv_external_partitions',
  'svv_external_schemas',
  'svv_external_tables',
  'svv_columns',
  'svv_tables',
])
const PROVISIONED_ONLY_VIEW = /^(stl|stv|svl|svcs)_/

/**
 * Checks a parsed statement against what Redshift accepts, and collects the
 * facts the session needs (tables, system views). Returns the first refusal,
 * or the facts.
 *
 * @example
 * ```ts
 * const result = checkStatement(parseSync('insert into t values (1) returning id').stmts[0].stmt, { translated: false })
 * // { error: { code: '42601', message: 'syntax error at or near "RETURNING"' } }
 * ```
 */
export function checkStatement(
  stmt: unknown,
  options: PolicyOptions,
):
  | {
      readonly error: ErrorFields
      /**
       * A leader-node-only function refused over these relations alone:
       * it runs once the catalog says each is a view that reads no table
       * (`PolicyOptions.readsNoTable`).
       */
      readonly leaderNodeReads?: readonly NamedRelation[]
    }
  | { readonly facts: StatementFacts } {
  const [type, top] = topLevel(stmt)
  const unsupported = UNSUPPORTED_STATEMENTS[type]
  // PostgreSQL's parser reads CREATE LANGUAGE name as CREATE EXTENSION name.
  if (
    type === 'CreateExtensionStmt' &&
    options.text !== undefined &&
    hasWord(options.text, 'language')
  )
    return { error: reject.unsupported('CREATE LANGUAGE') }
  if (unsupported)
    return { error: reject.unsupported(unsupported[0], unsupported[1]) }
  const statementError =
    checkStatementShape(type, top, options) ??
    (options.translated
      ? undefined
      : (postgresOnlyObject(type, top) ??
        checkDdlCommand(type, top, options.text ?? '', parseOneStatement)))
  if (statementError) return { error: statementError }

  let error: ErrorFields | undefined
  const tables: string[] = []
  /** The relations it reads: the tables above but the one it writes. */
  const reads: NamedRelation[] = []
  const target = writtenRelation(type, top)
  const cteNames = new Set<string>()
  let readsSystemView = false
  let provisionedOnlyView: string | undefined
  /** A PostgreSQL system column the statement reads (xmin, ctid ...). */
  let systemColumn: string | undefined
  /** It reads a catalog table (pg_catalog, information_schema, PG_*). */
  let readsCatalog = false
  /** The first leader-node-only function or type met, as Redshift's detail names it. */
  let leaderOnly: string | undefined
  /** It calls a compute-node-only function (LISTAGG, MEDIAN, PERCENTILE_*). */
  let computeOnly = false
  /** It reads a Redshift system table (STL_, STV_, SVL_, SVV_, SYS_); PG_TABLE_DEF is a catalog table. */
  let readsSystemTable = false
  /** A refusal that stands unless the statement reads the catalog only. */
  let outsideCatalog: ErrorFields | undefined
  const leaderNode = (what: string) => {
    if (!options.translated) leaderOnly ??= what
  }

  const fail = (e: ErrorFields) => {
    error ??= e
  }
  const bytes =
    options.text !== undefined && !options.translated
      ? Buffer.from(options.text)
      : undefined
  /** Refuses an unquoted identifier that Redshift reserves. */
  const reserved = (name: string, location: unknown) => {
    if (bytes === undefined || !REDSHIFT_RESERVED.has(name)) return
    const at = Number(location ?? -1)
    // Locations are byte offsets; a quoted name starts with '"'.
    if (at >= 0 && bytes[at] !== 0x22)
      fail(
        reject.syntax(
          name,
          `"${name}" is a reserved word on Redshift: quote it`,
        ),
      )
  }

  walkTree(stmt, (nodeType, node, ancestors) => {
    if (error) return
    switch (nodeType) {
      case 'SelectStmt':
        checkSelect(node, fail)
        if (!options.translated) {
          checkValues(node, ancestors, fail)
          checkTableCommand(node, fail)
          const rule = limitValueError(node) ?? scalarSubqueryClauseError(node)
          if (rule) fail(rule)
        }
        break
      case 'InsertStmt':
      case 'UpdateStmt':
      case 'DeleteStmt':
        // https://docs.aws.amazon.com/redshift/latest/dg/r_INSERT_30.html has no OVERRIDING.
        if ((node['override'] ?? 'OVERRIDING_NOT_SET') !== 'OVERRIDING_NOT_SET')
          fail(reject.syntax('OVERRIDING'))
        if (nonEmpty(node['returningList'])) fail(reject.syntax('RETURNING'))
        if (node['onConflictClause']) {
          fail(
            reject.syntax(
              'ON',
              'Redshift has no ON CONFLICT; use MERGE or a staging table',
            ),
          )
        }
        if (!options.translated) {
          const rule =
            nodeType === 'InsertStmt'
              ? checkInsert(node)
              : nodeType === 'UpdateStmt'
                ? checkUpdate(node)
                : undefined
          if (rule) fail(rule)
        }
        break
      case 'MergeStmt':
        checkMerge(node, fail)
        if (!options.translated) {
          const rule = checkMergeShape(node)
          if (rule) fail(rule)
        }
        break
      case 'TruncateStmt': {
        const rule = checkTruncate(node)
        if (rule) fail(rule)
        break
      }
      case 'ClosePortalStmt': {
        const rule = checkClose(node)
        if (rule) fail(rule)
        break
      }
      case 'RangeVar': {
        const relname = String(node['relname'] ?? '')
        if (!options.translated) {
          const only = checkOnly(node)
          if (only) fail(only)
        }
        if (node['schemaname'] === undefined)
          reserved(relname, node['location'])
        const schema =
          typeof node['schemaname'] === 'string'
            ? node['schemaname']
            : undefined
        const lower = relname.toLowerCase()
        if (
          schema === 'redshift_local' ||
          SYSTEM_VIEW.test(lower) ||
          lower === 'pg_table_def' ||
          lower === 'pg_statistic_indicator'
        ) {
          const unrecorded =
            schema === undefined || schema === 'pg_catalog'
              ? UNRECORDED_VIEWS.get(lower)
              : undefined
          if (unrecorded !== undefined)
            fail(emulatorLimit(lower.toUpperCase(), unrecorded))
          readsSystemView = true
          if (SYSTEM_VIEW.test(lower) && !LEADER_NODE_SYSTEM_VIEWS.has(lower))
            readsSystemTable = true
          if (PROVISIONED_ONLY_VIEW.test(lower)) provisionedOnlyView ??= lower
        } else if (
          schema !== 'pg_catalog' &&
          schema !== 'information_schema' &&
          !(schema === undefined && lower.startsWith('pg_'))
        ) {
          tables.push(schema ? `${schema}.${relname}` : relname)
          const database =
            typeof node['catalogname'] === 'string'
              ? node['catalogname']
              : undefined
          if (node !== target)
            reads.push({
              ...(database !== undefined ? { database } : {}),
              ...(schema !== undefined ? { schema } : {}),
              name: relname,
            })
        } else {
          readsCatalog = true
        }
        break
      }
      case 'CommonTableExpr':
        cteNames.add(String(node['ctename'] ?? ''))
        if (!options.translated)
          checkCte(node, options.rewrittenSyntax === true, fail)
        if (ancestors.includes('CommonTableExpr')) {
          fail(
            reject.unsupported('WITH clause inside a common table expression'),
          )
        }
        break
      case 'WithClause':
        if (!options.translated && options.rewrittenSyntax !== true) {
          const rule = checkRecursiveWith(node, ancestors)
          if (rule) fail(rule)
        }
        if (node['recursive'] === true && Array.isArray(node['ctes'])) {
          for (const cte of node['ctes'] as { CommonTableExpr?: PgNode }[]) {
            if (!nonEmpty(cte.CommonTableExpr?.['aliascolnames'])) {
              fail(
                reject.other(
                  '0A000',
                  'recursive CTE must have a column list',
                  undefined,
                  'write WITH RECURSIVE name(col, ...) AS (...)',
                ),
              )
            }
          }
        }
        if (ancestors.includes('CommonTableExpr')) {
          fail(
            reject.unsupported('WITH clause inside a common table expression'),
          )
        }
        break
      case 'RangeSubselect':
      case 'RangeFunction':
        // Redshift has no LATERAL; the emulator's own form of nested-data
        // ranges writes it for a subquery over its parent's arrays.
        if (node['lateral'] === true && options.ownLateral !== true)
          fail(reject.syntax('LATERAL'))
        break
      case 'RangeTableSample':
        fail(reject.syntax('TABLESAMPLE'))
        break
      case 'RangeTableFunc':
      case 'JsonTable':
        fail(reject.unsupported('table functions'))
        break
      case 'A_Expr': {
        const kind = node['kind']
        // Operators of PostgreSQL types Redshift lacks (text search, json,
        // arrays, ranges), which PostgreSQL would apply to text or to the
        // emulator's SUPER values. Redshift's wording is not documented.
        const op = names(node['name']).join('.')
        const operatorHint = POSTGRES_ONLY_OPERATORS.get(op)
        if (!options.translated && operatorHint !== undefined)
          fail(
            reject.other(
              '42883',
              `operator does not exist: ${op}`,
              undefined,
              operatorHint,
            ),
          )
        if (kind === 'AEXPR_DISTINCT' || kind === 'AEXPR_NOT_DISTINCT') {
          fail(
            reject.unsupported(
              'IS DISTINCT FROM',
              'compare with (a = b or (a is null and b is null))',
            ),
          )
        }
        break
      }
      case 'FuncCall':
        checkFunction(
          node,
          options,
          fail,
          (e) => {
            outsideCatalog ??= e
          },
          (name) => {
            if (LEADER_NODE_FUNCTIONS.has(name))
              leaderNode(`Function "${name}()" is a leader-node-only function.`)
            if (
              !options.translated &&
              COMPUTE_NODE_FUNCTIONS.has(name) &&
              isBuiltInCall(node)
            )
              computeOnly = true
            if (!options.translated) {
              const refused = postgresOnlyExpression(
                nodeType,
                node,
                ancestors[ancestors.length - 1],
                name,
              )
              if (refused) fail(refused)
            }
          },
        )
        break
      case 'SQLValueFunction': {
        // CURRENT_TIMESTAMP and friends: a column default is evaluated on
        // insert, not by the query that creates the table.
        // CURRENT_CATALOG is on the unsupported-functions page (CURRENT_DATABASE() is Redshift's).
        if (node['op'] === 'SVFOP_CURRENT_CATALOG' && !options.translated)
          fail(
            reject.undefinedFunction(
              'current_catalog',
              'use CURRENT_DATABASE()',
            ),
          )
        const name = LEADER_NODE_KEYWORDS.get(String(node['op'] ?? ''))
        if (name !== undefined && !ancestors.includes('ColumnDef'))
          leaderNode(`Function "${name}()" is a leader-node-only function.`)
        break
      }
      case 'TypeCast': {
        const typeName = node['typeName'] as PgNode | undefined
        if (!options.translated) {
          checkCastType(typeName, fail)
          checkInputLiteral(node, typeName, fail)
        }
        const name = typeNameOf(typeName)
        if (OID_TYPES.has(name) || nonEmpty(typeName?.['arrayBounds']))
          leaderNode(
            `Type "${name}${nonEmpty(typeName?.['arrayBounds']) ? '[]' : ''}" is a leader-node-only type.`,
          )
        break
      }
      case 'XmlExpr':
      case 'XmlSerialize': {
        // XML functions written as keywords (XMLELEMENT(NAME ...), XMLPARSE(DOCUMENT ...)).
        const op = String(node['op'] ?? 'IS_XMLSERIALIZE')
        if (!options.translated)
          fail(
            reject.undefinedFunction(
              op === 'IS_DOCUMENT'
                ? 'is document'
                : op.replace(/^IS_/, '').toLowerCase(),
            ),
          )
        break
      }
      case 'BooleanTest':
        // r_Boolean_type.html: "You can use an IS comparison to check a
        // Boolean value only as a predicate ... You can't use the IS
        // comparison with a Boolean value in the SELECT list" (Redshift's
        // wording for the refusal is not documented).
        // A CASE WHEN condition is a predicate, also in the select list.
        if (
          !options.translated &&
          inSelectList(ancestors) &&
          ancestors.lastIndexOf('CaseWhen') < ancestors.lastIndexOf('ResTarget')
        )
          fail(
            reject.unsupported(
              'IS TRUE, IS FALSE and IS UNKNOWN in the select list',
              'test a Boolean with IS only in the WHERE clause; in the select list write CASE WHEN b THEN ... or b = true',
            ),
          )
        break
      case 'CurrentOfExpr':
        fail(reject.unsupported('WHERE CURRENT OF'))
        break
      case 'SortBy':
        if (node['sortby_dir'] === 'SORTBY_USING')
          fail(reject.syntax('USING', 'write ASC or DESC'))
        break
      case 'A_Const':
        // B'101' and X'1F' are bit strings, a type only the leader node has.
        if (node['bsval'] !== undefined)
          leaderNode('Type "bit" is a leader-node-only type.')
        break
      case 'JsonFuncExpr':
        if (!options.translated)
          fail(reject.undefinedFunction(sqlJsonFunction(node)))
        break
      case 'JsonIsPredicate':
        if (!options.translated)
          fail(reject.syntax('JSON', 'use IS_VALID_JSON or CAN_JSON_PARSE'))
        break
      case 'A_ArrayExpr':
        if (!options.translated)
          fail(
            reject.syntax(
              '[',
              'Redshift has no array constructor; build SUPER arrays with ARRAY(...)',
            ),
          )
        break
      case 'SubLink':
        if (node['subLinkType'] === 'ARRAY_SUBLINK' && !options.translated)
          fail(reject.unsupported('ARRAY(subquery)'))
        if (!options.translated) {
          const rule = quantifiedSubqueryError(node)
          if (rule) fail(rule)
        }
        break
      case 'RowExpr': {
        // Row comparisons, (a, b) IN (...), are Redshift's, and so are the
        // sets of an IN list, (a, b) IN ((1, 2), (3, 4))
        // (https://docs.aws.amazon.com/redshift/latest/dg/r_expression_lists.html);
        // a row value is not. In GROUPING SETS, ROLLUP and CUBE, (a, b) is a
        // group of columns
        // (https://docs.aws.amazon.com/redshift/latest/dg/r_GROUP_BY_aggregation-extensions.html).
        const parent = ancestors[ancestors.length - 1]
        const inList =
          parent === 'List' && ancestors[ancestors.length - 2] === 'A_Expr'
        if (
          !options.translated &&
          (node['row_format'] === 'COERCE_EXPLICIT_CALL' ||
            (parent !== 'A_Expr' &&
              parent !== 'SubLink' &&
              parent !== 'GroupingSet' &&
              !inList))
        )
          fail(reject.unsupported('row constructors'))
        break
      }
      case 'ColumnDef':
        // The column list of a record-returning function, e.g. Redshift's own
        // documented pg_get_late_binding_view_cols() cols(view_schema name, ...),
        // names result types, not stored column types: refused like a cast.
        if (ancestors.includes('RangeFunction')) {
          if (!options.translated)
            checkCastType(node['typeName'] as PgNode | undefined, fail)
        } else {
          checkColumn(node, options, fail)
          checkColumnName(String(node['colname'] ?? ''), fail)
        }
        reserved(String(node['colname'] ?? ''), node['location'])
        break
      case 'ColumnRef': {
        const fields = names(node['fields'])
        if (fields.length === 1) reserved(fields[0]!, node['location'])
        const last = (fields[fields.length - 1] ?? '').toLowerCase()
        if (!options.translated && IMPLICIT_SYSTEM_COLUMNS.has(last))
          systemColumn ??= last
        if (!options.translated) {
          const refused = postgresOnlyExpression(
            nodeType,
            node,
            ancestors[ancestors.length - 1],
            '',
          )
          if (refused) fail(refused)
        }
        break
      }
      case 'Constraint':
        if (node['contype'] === 'CONSTR_CHECK') {
          // The emulator's own checks of stored values (stored-value-checks.ts)
          // call its functions; the client's were judged on its own tree.
          if (!options.translated || !callsEmulator(node['raw_expr']))
            fail(reject.unsupported('CHECK constraints'))
        } else if (node['contype'] === 'CONSTR_EXCLUSION')
          fail(reject.unsupported('EXCLUDE constraints'))
        else if (node['contype'] === 'CONSTR_GENERATED')
          fail(reject.unsupported('generated columns'))
        else if (
          node['contype'] === 'CONSTR_IDENTITY' &&
          node['generated_when'] === 'a' &&
          !options.translated
        )
          // The emulator writes IDENTITY(seed, step) this way for PostgreSQL;
          // the client may only write GENERATED BY DEFAULT AS IDENTITY.
          fail(
            reject.syntax(
              'ALWAYS',
              'use IDENTITY(seed, step) or GENERATED BY DEFAULT AS IDENTITY',
            ),
          )
        break
      case 'TableLikeClause':
        // INCLUDING / EXCLUDING DEFAULTS only (EXCLUDING leaves no bit; the
        // DDL reader checks the words). The emulator's own text adds
        // INCLUDING CONSTRAINTS (its stored-value checks, ddl-table.ts).
        if (
          !options.translated &&
          (Number(node['options'] ?? 0) & ~LIKE_DEFAULTS) !== 0
        )
          fail(
            reject.syntax(
              Number(node['options']) === 0x7fffffff ? 'ALL' : 'INCLUDING',
              'LIKE takes only INCLUDING DEFAULTS or EXCLUDING DEFAULTS',
            ),
          )
        break
      case 'IntoClause':
        // SELECT INTO / CREATE TABLE AS make a TEMPORARY or permanent table.
        if ((node['rel'] as PgNode | undefined)?.['relpersistence'] === 'u')
          fail(reject.syntax('UNLOGGED'))
        if ((node['onCommit'] ?? 'ONCOMMIT_NOOP') !== 'ONCOMMIT_NOOP')
          fail(
            reject.syntax('ON', 'Redshift temporary tables have no ON COMMIT'),
          )
        if (!options.translated) checkStorage(node, 'tableSpaceName', fail)
        break
      case 'CollateClause': {
        const collation = names(node['collname']).join('.').toLowerCase()
        if (
          collation !== 'case_sensitive' &&
          collation !== 'case_insensitive' &&
          // Column definitions also take CS and CI (r_CREATE_TABLE_NEW.html).
          !(
            (collation === 'cs' || collation === 'ci') &&
            ancestors.includes('ColumnDef')
          ) &&
          // What COLLATE(string, 'ci' | 'cs') is rewritten into.
          !COLLATE_FUNCTION_TARGETS.has(collation)
        ) {
          fail(
            reject.unsupported(
              `COLLATE "${collation}"`,
              'Redshift only has COLLATE CASE_SENSITIVE and CASE_INSENSITIVE',
            ),
          )
        }
        break
      }
      case 'CreateStmt':
        if (nonEmpty(node['inhRelations']))
          fail(reject.unsupported('table inheritance'))
        if (node['partspec']) fail(reject.unsupported('partitioned tables'))
        if (!options.translated) checkStorage(node, 'tablespacename', fail)
        if (node['ofTypename']) fail(reject.unsupported('typed tables'))
        if (
          (node['relation'] as PgNode | undefined)?.['relpersistence'] === 'u'
        )
          fail(reject.syntax('UNLOGGED'))
        if ((node['oncommit'] ?? 'ONCOMMIT_NOOP') !== 'ONCOMMIT_NOOP')
          fail(
            reject.syntax('ON', 'Redshift temporary tables have no ON COMMIT'),
          )
        break
      case 'AlterTableCmd': {
        const subtype = String(node['subtype'] ?? '')
        if (!ALTER_TABLE_ALLOWED.has(subtype)) {
          fail(reject.unsupported(`ALTER TABLE ${describeAlter(subtype)}`))
        } else if (subtype === 'AT_AlterColumnType') {
          const def = (node['def'] as { ColumnDef?: PgNode } | undefined)
            ?.ColumnDef
          const target = typeNameOf(def?.['typeName'] as PgNode | undefined)
          if (
            target !== 'varchar' &&
            target !== 'character varying' &&
            target !== 'nvarchar' &&
            target !== 'text'
          ) {
            fail(
              reject.other(
                '0A000',
                `target data type "${target}" is not supported`,
                undefined,
                'ALTER COLUMN ... TYPE can only change the length of a VARCHAR column',
              ),
            )
          }
        }
        break
      }
      case 'TransactionStmt': {
        checkTransaction(node, fail)
        const rule = checkTransactionOptions(node)
        if (rule) fail(rule)
        break
      }
      case 'DeclareCursorStmt':
        if ((Number(node['options'] ?? 0) & CURSOR_OPT_HOLD) !== 0) {
          fail(reject.unsupported('WITH HOLD cursors'))
        }
        break
      case 'CopyStmt':
        fail(copyError(node))
        break
      case 'ViewStmt':
        // CREATE RECURSIVE VIEW: the parser writes it as a WITH RECURSIVE
        // query under SELECT * with a star at no location.
        if (
          isTableCommand(
            (node['query'] as { SelectStmt?: PgNode } | undefined)?.SelectStmt,
          )
        )
          fail(reject.syntax('RECURSIVE'))
        // https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_VIEW.html:
        // CREATE VIEW name [(cols)] AS query [WITH NO SCHEMA BINDING].
        if (
          (node['withCheckOption'] ?? 'NO_CHECK_OPTION') !== 'NO_CHECK_OPTION'
        )
          fail(reject.syntax('CHECK'))
        if (nonEmpty(node['options']) && !options.translated)
          fail(reject.syntax('WITH'))
        // The page has no TEMPORARY views either.
        if (
          (node['view'] as PgNode | undefined)?.['relpersistence'] === 't' &&
          !options.translated
        )
          fail(reject.syntax('TEMPORARY'))
        break
      default: {
        const sqlJson = SQL_JSON_NODES.get(nodeType)
        if (sqlJson !== undefined && !options.translated)
          fail(reject.undefinedFunction(sqlJson))
        break
      }
    }
  })
  if (error) return { error }
  if (!options.translated) {
    const correlated = correlatedSubqueryError(stmt)
    if (correlated) return { error: correlated }
  }
  const userTables = tables.filter((t) => !cteNames.has(t))
  // "Amazon Redshift SQL does not implicitly define system columns"
  // (https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html):
  // a user table has no xmin or ctid to read. A query that also reads the
  // catalog is left alone (its columns may be the catalog's).
  if (systemColumn !== undefined && userTables.length > 0 && !readsCatalog)
    return {
      error: reject.other('42703', `column "${systemColumn}" does not exist`),
    }
  if (
    outsideCatalog !== undefined &&
    (!readsCatalog || userTables.length > 0 || readsSystemView)
  )
    return { error: outsideCatalog }
  // PG_TABLE_DEF is a catalog table on the leader node: the page's own
  // example filters it by current_schema()
  // (https://docs.aws.amazon.com/redshift/latest/dg/c_sql-functions-leader-node.html).
  // A view counts as what it reads: one over catalog tables or no table
  // runs on the leader node too (only the catalog knows, see
  // `leaderNodeReads`).
  const viewsRead = reads.filter(
    (r) => r.schema !== undefined || !cteNames.has(r.name),
  )
  if (
    leaderOnly &&
    (userTables.length > 0 || readsSystemTable) &&
    !(
      !readsSystemTable &&
      target === undefined &&
      options.readsNoTable !== undefined &&
      viewsRead.every(
        (r) => r.database === undefined && options.readsNoTable!(r),
      )
    )
  ) {
    return {
      error: reject.other(
        '0A000',
        'Specified types or functions (one per INFO message) not supported on Amazon Redshift tables.',
        leaderOnly,
      ),
      ...(!readsSystemTable &&
      target === undefined &&
      viewsRead.length > 0 &&
      viewsRead.every((r) => r.database === undefined)
        ? { leaderNodeReads: viewsRead }
        : {}),
    }
  }
  // https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_compute_node_only.html:
  // the function "must be applied on at least one user created table", so
  // the table an INSERT, CREATE TABLE AS or SELECT INTO writes does not
  // count, only those the query reads.
  const computeNodeReads = viewsRead
  if (computeOnly && computeNodeReads.length === 0 && !readsSystemTable)
    return { error: computeNodeOnlyError() }
  return {
    facts: {
      type,
      userTables,
      readsSystemView,
      ...(provisionedOnlyView !== undefined ? { provisionedOnlyView } : {}),
      ...(computeOnly && !readsSystemTable ? { computeNodeReads } : {}),
    },
  }
}

/**
 * Redshift's refusal of a compute-node-only function in a query that reads
 * no user table. The page gives the text; its SQLSTATE is not documented
 * (0A000, as for the leader-node-only functions).
 *
 * @example
 * ```ts
 * computeNodeOnlyError().message
 * // 'One or more of the used functions must be applied on at least one user created table.'
 * ```
 */
export function computeNodeOnlyError(): ErrorFields {
  return reject.other(
    '0A000',
    'One or more of the used functions must be applied on at least one user created table.',
  )
}

/** The RangeVar of the table an INSERT, UPDATE, DELETE, MERGE, CREATE TABLE AS or SELECT INTO writes. */
function writtenRelation(type: string, top: PgNode): unknown {
  switch (type) {
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt':
      return top['relation']
    case 'CreateTableAsStmt':
      return (top['into'] as PgNode | undefined)?.['rel']
    case 'SelectStmt':
      return (top['intoClause'] as PgNode | undefined)?.['rel']
    default:
      return undefined
  }
}

/**
 * A call of a built-in function: unqualified, or in pg_catalog, or in the
 * emulator's own schema (its PostgreSQL form of Redshift's PERCENTILE_CONT
 * ... WITHIN GROUP).
 */
function isBuiltInCall(node: PgNode): boolean {
  const parts = names(node['funcname'])
  return (
    parts.length === 1 ||
    parts[0] === 'pg_catalog' ||
    parts[0] === 'redshift_local'
  )
}

function topLevel(stmt: unknown): [string, PgNode] {
  if (stmt !== null && typeof stmt === 'object') {
    const keys = Object.keys(stmt)
    if (keys.length === 1)
      return [keys[0]!, (stmt as Record<string, PgNode>)[keys[0]!]!]
  }
  return ['Unknown', {}]
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0
}

function checkSelect(node: PgNode, fail: (e: ErrorFields) => void): void {
  const distinct = node['distinctClause']
  if (
    Array.isArray(distinct) &&
    distinct.some((d) => d && Object.keys(d as object).length > 0)
  ) {
    fail(
      reject.unsupported(
        'SELECT DISTINCT ON',
        'use ROW_NUMBER() OVER (PARTITION BY ...) = 1',
      ),
    )
  }
  if (nonEmpty(node['lockingClause']))
    fail(reject.unsupported('SELECT FOR UPDATE/SHARE', 'use LOCK table'))
  if (nonEmpty(node['windowClause']))
    fail(reject.syntax('WINDOW', 'write each OVER (...) in full'))
  if (node['limitOption'] === 'LIMIT_OPTION_WITH_TIES')
    fail(reject.syntax('TIES'))
  if (node['groupDistinct'] === true) fail(reject.syntax('DISTINCT'))
  const op = node['op']
  if (op !== undefined && op !== 'SETOP_NONE') {
    // https://docs.aws.amazon.com/redshift/latest/dg/r_UNION.html
    if (node['all'] === true && op !== 'SETOP_UNION')
      fail(
        reject.unsupported(
          `${op === 'SETOP_INTERSECT' ? 'INTERSECT' : 'EXCEPT'} ALL`,
        ),
      )
    for (const side of [node['larg'], node['rarg']] as (PgNode | undefined)[]) {
      if (
        side?.['limitCount'] !== undefined ||
        side?.['limitOffset'] !== undefined
      )
        fail(
          reject.other(
            '0A000',
            'LIMIT may not be used within input to set operations.',
          ),
        )
    }
  }
}

/**
 * A VALUES list is a table only as the rows of an INSERT
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_INSERT_30.html); the FROM
 * clause takes tables, views and subqueries
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html).
 * Redshift's own text for this is not documented: PostgreSQL 8.0's grammar,
 * which Redshift's follows here, fails at VALUES.
 */
function checkValues(
  node: PgNode,
  ancestors: readonly string[],
  fail: (e: ErrorFields) => void,
): void {
  if (!nonEmpty(node['valuesLists'])) return
  if (ancestors[ancestors.length - 1] === 'InsertStmt') return
  fail(
    reject.syntax(
      'VALUES',
      'a VALUES list is only the rows of an INSERT; select from a table or UNION ALL of SELECTs',
    ),
  )
}

/**
 * `TABLE name` (PostgreSQL 8.4's shorthand for SELECT * FROM name) is not in
 * Redshift's grammar (https://docs.aws.amazon.com/redshift/latest/dg/r_SELECT_synopsis.html).
 * The parser writes it as SELECT * with a star at no location, which no
 * written star has.
 */
function checkTableCommand(node: PgNode, fail: (e: ErrorFields) => void): void {
  if (isTableCommand(node))
    fail(reject.syntax('TABLE', 'write SELECT * FROM name'))
}

/** Whether a SELECT is the parser's own SELECT * (a star at no location). */
function isTableCommand(node: PgNode | undefined): boolean {
  const targets = node?.['targetList']
  if (!Array.isArray(targets) || targets.length !== 1) return false
  const column = (
    (targets[0] as { ResTarget?: PgNode }).ResTarget?.['val'] as
      { ColumnRef?: PgNode } | undefined
  )?.ColumnRef
  return column !== undefined && Number(column['location'] ?? 0) < 0
}

/**
 * What CREATE TABLE and CREATE TABLE AS may not say about storage: Redshift
 * has no tablespaces, storage parameters (WITH (fillfactor = ...)) or table
 * access methods (USING heap)
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html).
 */
function checkStorage(
  node: PgNode,
  tablespaceKey: string,
  fail: (e: ErrorFields) => void,
): void {
  if (node[tablespaceKey]) fail(reject.unsupported('tablespaces'))
  if (node['accessMethod'] !== undefined) fail(reject.syntax('USING'))
  if (nonEmpty(node['options'])) fail(reject.syntax('WITH'))
}

/**
 * A WITH query is a SELECT (https://docs.aws.amazon.com/redshift/latest/dg/r_WITH_clause.html):
 * no INSERT, UPDATE, DELETE or MERGE inside, no [NOT] MATERIALIZED, no
 * SEARCH or CYCLE clause.
 */
function checkCte(
  node: PgNode,
  rewrittenSyntax: boolean,
  fail: (e: ErrorFields) => void,
): void {
  const query = Object.keys((node['ctequery'] as object | undefined) ?? {})[0]
  if (query !== undefined && query !== 'SelectStmt')
    fail(reject.syntax(query.replace(/Stmt$/, '').toUpperCase()))
  const materialized = node['ctematerialized'] ?? 'CTEMaterializeDefault'
  if (materialized !== 'CTEMaterializeDefault')
    fail(
      reject.syntax(
        materialized === 'CTEMaterializeNever' ? 'NOT' : 'MATERIALIZED',
      ),
    )
  if (rewrittenSyntax) return
  if (node['search_clause'] !== undefined) fail(reject.syntax('SEARCH'))
  if (node['cycle_clause'] !== undefined) fail(reject.syntax('CYCLE'))
}

/**
 * Checks made on the statement as a whole, before its nodes are walked.
 * Redshift's grammar has a single action per ALTER TABLE, EXPLAIN [VERBOSE]
 * only, LOCK without modes, and UDFs in SQL or Python only.
 */
function checkStatementShape(
  type: string,
  node: PgNode,
  options: PolicyOptions,
): ErrorFields | undefined {
  switch (type) {
    case 'ExplainStmt': {
      // https://docs.aws.amazon.com/redshift/latest/dg/r_EXPLAIN.html
      const list = Array.isArray(node['options']) ? node['options'] : []
      for (const option of list as { DefElem?: PgNode }[]) {
        const name = String(option.DefElem?.['defname'] ?? '')
        if (!EXPLAIN_OPTIONS.has(name))
          return reject.syntax(
            name.toUpperCase(),
            'Redshift has EXPLAIN [VERBOSE] only',
          )
      }
      return explainableError(node['query'])
    }
    case 'LockStmt':
      // https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html: LOCK [TABLE] name [, ...].
      if (node['nowait'] === true) return reject.syntax('NOWAIT')
      if (
        Number(node['mode'] ?? ACCESS_EXCLUSIVE) !== ACCESS_EXCLUSIVE ||
        (options.text !== undefined && hasWord(options.text, 'in'))
      )
        return reject.syntax('IN', "Redshift's LOCK takes no lock mode")
      return undefined
    case 'AlterTableStmt': {
      // https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html: one action per statement.
      const cmds = Array.isArray(node['cmds']) ? node['cmds'] : []
      if (cmds.length > 1)
        return reject.syntax(',', 'ALTER TABLE takes one action per statement')
      return undefined
    }
    case 'CreateFunctionStmt':
      return options.translated ? undefined : checkRoutine(node)
    case 'DeclareCursorStmt':
    case 'FetchStmt':
      return (
        cursorError(type, node, wordAfterFetch(options.text)) ??
        (type === 'FetchStmt' && options.text !== undefined
          ? checkFetchWords(
              significant(tokenize(options.text)).map((t) =>
                options.text!.slice(t.start, t.end),
              ),
            )
          : undefined)
      )
    case 'VacuumStmt':
      return checkAnalyze(node)
    case 'CreateRoleStmt':
    case 'AlterRoleStmt':
      return checkCreateRole(node)
    case 'CreateTableAsStmt':
      return checkResultNames(node['query'])
    case 'SelectStmt':
      return node['intoClause'] !== undefined
        ? checkResultNames({ SelectStmt: node })
        : undefined
    default:
      return undefined
  }
}

/**
 * "You can use EXPLAIN only for the following commands: SELECT, SELECT INTO,
 * CREATE TABLE AS, INSERT, UPDATE, DELETE" (r_EXPLAIN.html); PostgreSQL
 * also explains MERGE, DECLARE, EXECUTE and CREATE MATERIALIZED VIEW.
 * Redshift's wording is not documented: a syntax error at the command's word.
 */
function explainableError(query: unknown): ErrorFields | undefined {
  const typed = nodeType(query)
  if (typed === undefined) return undefined
  const [type, node] = typed
  switch (type) {
    case 'SelectStmt':
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
      return undefined
    case 'CreateTableAsStmt':
      return node['objtype'] === 'OBJECT_MATVIEW'
        ? reject.syntax('MATERIALIZED')
        : undefined
    default:
      return reject.syntax(
        EXPLAINED_WORDS[type] ?? 'EXPLAIN',
        'EXPLAIN takes SELECT, SELECT INTO, CREATE TABLE AS, INSERT, UPDATE or DELETE',
      )
  }
}

/** The first word of the commands PostgreSQL explains and Redshift does not. */
const EXPLAINED_WORDS: Readonly<Record<string, string>> = {
  MergeStmt: 'MERGE',
  DeclareCursorStmt: 'DECLARE',
  ExecuteStmt: 'EXECUTE',
}

/**
 * UDFs are `LANGUAGE sql | plpythonu`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_FUNCTION.html),
 * stored procedures `LANGUAGE plpgsql`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_PROCEDURE.html).
 * Redshift's text for another language is not documented.
 */
function checkRoutine(node: PgNode): ErrorFields | undefined {
  const procedure = node['is_procedure'] === true
  const signature = checkSignature(node)
  if (signature) return signature
  if (node['sql_body'] !== undefined)
    return reject.syntax(
      procedure ? 'BEGIN' : 'RETURN',
      'give the body as a quoted string: AS $$ ... $$',
    )
  let language = 'sql'
  for (const option of (Array.isArray(node['options'])
    ? node['options']
    : []) as { DefElem?: PgNode }[]) {
    if (option.DefElem?.['defname'] === 'language')
      language = String(
        (option.DefElem['arg'] as { String?: { sval?: string } } | undefined)
          ?.String?.sval ?? '',
      ).toLowerCase()
  }
  if (procedure) {
    return language === 'plpgsql'
      ? checkProcedure(node)
      : reject.unsupported(
          `language "${language}" for a stored procedure`,
          'stored procedures are LANGUAGE plpgsql',
        )
  }
  // The backing PostgreSQL has no Python 2 to run a Python UDF's body in.
  if (language === 'plpythonu')
    return emulatorLimit(
      'a Python UDF (LANGUAGE plpythonu)',
      'write the UDF in LANGUAGE sql',
    )
  if (language === 'sql' && !hasVolatility(node))
    // Redshift's words (chucknorris/roundhouse#383); the synopsis's
    // { VOLATILE | STABLE | IMMUTABLE } has no default.
    return reject.other(
      '42P13',
      'create function must specify volatility attribute (IMMUTABLE|STABLE|VOLATILE)',
    )
  return language === 'sql'
    ? undefined
    : reject.unsupported(
        `language "${language}" for a user-defined function`,
        'UDFs are LANGUAGE sql or plpythonu; write PL/pgSQL as a stored procedure (CREATE PROCEDURE)',
      )
}

/** Whether a CREATE FUNCTION names its volatility (VOLATILE, STABLE or IMMUTABLE). */
function hasVolatility(node: PgNode): boolean {
  return (
    (Array.isArray(node['options']) ? node['options'] : []) as {
      DefElem?: PgNode
    }[]
  ).some((option) => option.DefElem?.['defname'] === 'volatility')
}

/** The most arguments a UDF takes (r_CREATE_FUNCTION.html). */
const MAX_UDF_ARGUMENTS = 32

/**
 * A routine's argument and result types are Redshift data types (UDFs may
 * also take ANYELEMENT): no unsupported PostgreSQL type, pseudo-type or
 * array, and one scalar result, not SETOF or TABLE
 * (https://docs.aws.amazon.com/redshift/latest/dg/udf-data-types.html).
 */
function checkSignature(node: PgNode): ErrorFields | undefined {
  const parameters = (
    Array.isArray(node['parameters']) ? node['parameters'] : []
  ) as { FunctionParameter?: PgNode }[]
  // r_CREATE_FUNCTION.html: "You can specify a maximum of 32 arguments."
  // (PostgreSQL takes 100; procedures are counted in procedure-body.ts.)
  if (node['is_procedure'] !== true && parameters.length > MAX_UDF_ARGUMENTS)
    return reject.other(
      '54023',
      `functions cannot have more than ${MAX_UDF_ARGUMENTS} arguments`,
    )
  const types: (PgNode | undefined)[] = []
  for (const parameter of parameters) {
    if (parameter.FunctionParameter?.['mode'] === 'FUNC_PARAM_TABLE')
      return reject.syntax('TABLE', 'a UDF returns one scalar value')
    types.push(parameter.FunctionParameter?.['argType'] as PgNode | undefined)
  }
  const result = node['returnType'] as PgNode | undefined
  if (result?.['setof'] === true)
    return reject.syntax('SETOF', 'a UDF returns one scalar value')
  types.push(result)
  for (const typeName of types) {
    if (typeName === undefined) continue
    const name = typeNameOf(typeName)
    if (nonEmpty(typeName['arrayBounds']))
      return reject.undefinedType(`${name}[]`)
    if (
      MISSING_TYPES.has(name) ||
      SERIAL_TYPES.has(name) ||
      OID_TYPES.has(name)
    )
      return reject.undefinedType(name)
    if (name === 'numeric' || name === 'decimal') {
      const error = decimalModifierError(typeName)
      if (error !== undefined) return error
    }
  }
  return undefined
}

/** CREATE TABLE AS / SELECT INTO: the new table's column names. */
function checkResultNames(query: unknown): ErrorFields | undefined {
  const select = (query as { SelectStmt?: PgNode } | undefined)?.SelectStmt
  const targets = Array.isArray(select?.['targetList'])
    ? select['targetList']
    : []
  for (const target of targets as { ResTarget?: PgNode }[]) {
    const name = target.ResTarget?.['name']
    if (typeof name === 'string') {
      let error: ErrorFields | undefined
      checkColumnName(name, (e) => (error ??= e))
      if (error) return error
    }
  }
  return undefined
}

/** A column may not take a system column's name. */
function checkColumnName(name: string, fail: (e: ErrorFields) => void): void {
  if (SYSTEM_COLUMNS.has(name.toLowerCase()))
    fail(
      reject.other(
        '42701',
        `column name "${name}" conflicts with a system column name`,
      ),
    )
}

/**
 * Redshift's COPY reads from Amazon S3, EMR, DynamoDB or a remote host and
 * has no TO (https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html);
 * those sources never reach the tree (the emulator runs them itself). What
 * does is PostgreSQL's COPY: STDIN, STDOUT, a server file or a program.
 */
function copyError(node: PgNode): ErrorFields {
  const hint =
    "COPY loads from 's3://...' (or DynamoDB, EMR, SSH); UNLOAD writes to S3"
  if (node['is_from'] !== true)
    return reject.syntax(node['query'] !== undefined ? '(' : 'TO', hint)
  if (node['is_program'] === true) return reject.syntax('PROGRAM', hint)
  if (typeof node['filename'] === 'string')
    return reject.unsupported('COPY from a file on the server', hint)
  return reject.syntax('STDIN', hint)
}

/** The word after FETCH, upper-case, as the client wrote it. */
function wordAfterFetch(text: string | undefined): string {
  if (text === undefined) return 'FETCH'
  const words = significant(tokenize(text)).map((t) => wordOf(text, t))
  return (words[1] || 'FETCH').toUpperCase()
}

/** Whether `text` has the unquoted word `word` outside literals and comments. */
function hasWord(text: string, word: string): boolean {
  return significant(tokenize(text)).some((t) => wordOf(text, t) === word)
}

function checkMerge(node: PgNode, fail: (e: ErrorFields) => void): void {
  if (nonEmpty(node['returningList'])) fail(reject.syntax('RETURNING'))
  if (node['withClause']) fail(reject.unsupported('WITH clause in MERGE'))
  const clauses = Array.isArray(node['mergeWhenClauses'])
    ? node['mergeWhenClauses']
    : []
  let matched = 0
  let notMatched = 0
  for (const clause of clauses as { MergeWhenClause?: PgNode }[]) {
    const kind = clause.MergeWhenClause?.['matchKind']
    if (kind === 'MERGE_WHEN_MATCHED') matched++
    else if (kind === 'MERGE_WHEN_NOT_MATCHED_BY_TARGET') notMatched++
    else fail(reject.unsupported('WHEN NOT MATCHED BY SOURCE'))
    if (clause.MergeWhenClause?.['condition'])
      fail(reject.syntax('AND', 'MERGE WHEN clauses take no extra condition'))
  }
  if (matched > 1 || notMatched > 1) {
    fail(
      reject.unsupported(
        'more than one WHEN MATCHED or WHEN NOT MATCHED clause in MERGE',
      ),
    )
  }
}

/** The collations the COLLATE function rewrite names (see rewrite-functions.ts). */
const COLLATE_FUNCTION_TARGETS: ReadonlySet<string> = new Set([
  'redshift_local.case_insensitive',
  'default',
])

function argumentCount(node: PgNode): number {
  return Array.isArray(node['args']) ? node['args'].length : 0
}

/**
 * PostgreSQL functions the unsupported-functions page lists that Redshift's
 * own catalog examples call on the leader node: ARRAY_TO_STRING formats
 * PG_DEFAULT_ACL.defaclacl in r_PG_DEFAULT_ACL.html. They run in a query
 * that reads catalog tables only, and are refused anywhere else.
 */
const CATALOG_QUERY_FUNCTIONS: ReadonlySet<string> = new Set([
  'array_to_string',
])

function checkFunction(
  node: PgNode,
  options: PolicyOptions,
  fail: (e: ErrorFields) => void,
  catalogOnly: (e: ErrorFields) => void,
  seen: (name: string) => void,
): void {
  const parts = names(node['funcname'])
  const name = (parts[parts.length - 1] ?? '').toLowerCase()
  seen(name)
  if (!options.translated) {
    const missing = UNSUPPORTED_FUNCTIONS.get(name)
    const builtIn = parts.length === 1 || parts[0] === 'pg_catalog'
    // CONVERT(type, expr) is Redshift's; PostgreSQL's takes three arguments.
    const pgConvert =
      name === 'convert' &&
      Array.isArray(node['args']) &&
      node['args'].length === 3
    if (
      builtIn &&
      (missing !== undefined || pgConvert || isPostgresJsonFunction(name))
    ) {
      const refusal = reject.undefinedFunction(name, missing?.hint)
      if (CATALOG_QUERY_FUNCTIONS.has(name) && !pgConvert) catalogOnly(refusal)
      else fail(refusal)
      return
    }
    // Redshift has these; the emulator cannot answer them as Redshift does.
    const limit = builtIn ? emulatorLimitOf(name) : undefined
    if (limit !== undefined) {
      fail(
        emulatorLimit(`${name.toUpperCase()} (${limit.family})`, limit.reason),
      )
      return
    }
    // Redshift's CONCAT takes exactly two arguments (r_CONCAT.html).
    if (builtIn && name === 'concat' && argumentCount(node) !== 2) {
      fail(reject.undefinedFunction(name, 'nest CONCAT calls or use ||'))
      return
    }
    if (node['agg_filter'])
      fail(reject.syntax('FILTER', 'use CASE WHEN inside the aggregate'))
  }
  const over = node['over'] as PgNode | undefined
  if (!over) return
  checkWindowKeys(over, fail)
  checkFrameOffsets(over, fail)
  // The emulator's own forms (`redshift_local.lag` for IGNORE NULLS) keep
  // the client's window but add a frame of their own.
  const schema = parts.length === 1 ? 'pg_catalog' : parts[0]
  if (name === 'ntile' && schema === 'pg_catalog')
    checkNtileArgument(node, fail)
  const frame = Number(over['frameOptions'] ?? 0)
  if (
    ORDERED_WINDOWS.has(name) &&
    (schema === 'pg_catalog' || schema === 'redshift_local') &&
    !nonEmpty(over['orderClause'])
  ) {
    fail(
      reject.syntax(
        ')',
        `the OVER clause of ${name.toUpperCase()} needs ORDER BY`,
      ),
    )
  }
  if ((frame & FRAME_NONDEFAULT) !== 0) {
    if ((frame & FRAME_RANGE) !== 0) {
      fail(reject.unsupported('RANGE window frames', 'use ROWS BETWEEN ...'))
    } else if ((frame & FRAME_GROUPS) !== 0) {
      fail(reject.unsupported('GROUPS window frames', 'use ROWS BETWEEN ...'))
    } else if ((frame & FRAME_EXCLUDE) !== 0) {
      fail(reject.unsupported('EXCLUDE in window frames'))
    } else if (UNFRAMED_WINDOWS.has(name) && schema === 'pg_catalog') {
      fail(
        reject.syntax(
          'ROWS',
          `the OVER clause of ${name.toUpperCase()} cannot contain a window frame`,
        ),
      )
    }
  } else if (nonEmpty(over['orderClause']) && FRAMED_AGGREGATES.has(name)) {
    fail(
      reject.other(
        '0A000',
        'Aggregate window functions with an ORDER BY clause require a frame clause',
        undefined,
        'add ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (or another ROWS frame)',
      ),
    )
  }
}

/**
 * "Amazon Redshift doesn't support string literals in PARTITION BY clauses"
 * and, in the window's order list, "Neither constants nor constant
 * expressions can be used as substitutes for column names"
 * (r_Window_function_synopsis.html); PostgreSQL accepts both. Redshift's
 * wording for the refusals is not documented.
 */
function checkWindowKeys(over: PgNode, fail: (e: ErrorFields) => void): void {
  const partitions = Array.isArray(over['partitionClause'])
    ? (over['partitionClause'] as PgNode[])
    : []
  if (partitions.some((key) => isStringLiteral(key))) {
    fail(
      reject.unsupported(
        'A string literal in the PARTITION BY clause of a window function',
        'partition by a column or an expression over columns',
      ),
    )
  }
  const keys = Array.isArray(over['orderClause'])
    ? (over['orderClause'] as { SortBy?: PgNode }[])
    : []
  if (keys.some((key) => isConstant(key.SortBy?.['node']))) {
    fail(
      reject.unsupported(
        'A constant in the ORDER BY clause of a window function',
        'order by a column or an expression over columns',
      ),
    )
  }
}

/**
 * A ROWS frame's `offset PRECEDING` / `FOLLOWING` counts rows: an integer
 * constant (or a bind parameter). PostgreSQL rounds `1.5` to a whole row
 * count; Redshift's synopsis (r_Window_function_synopsis.html) counts rows,
 * and its wording for a fractional offset is not documented: the emulator
 * refuses it with its own.
 */
function checkFrameOffsets(over: PgNode, fail: (e: ErrorFields) => void): void {
  for (const key of ['startOffset', 'endOffset']) {
    const offset = over[key] as
      { A_Const?: PgNode; ParamRef?: PgNode } | undefined
    if (offset === undefined || offset.ParamRef !== undefined) continue
    const constant = offset.A_Const
    if (constant !== undefined && constant['ival'] !== undefined) continue
    const fval = (constant?.['fval'] as PgNode | undefined)?.['fval']
    fail(
      reject.syntax(
        typeof fval === 'string' ? fval : 'PRECEDING',
        'a ROWS frame offset is a whole number of rows: an integer constant',
      ),
    )
    return
  }
}

/**
 * NTILE's argument "must result in a positive integer value (greater than
 * 0) for each partition" and "must not be nullable" (r_WF_NTILE.html):
 * NULL is refused (PostgreSQL answers NULL ranks). Whether Redshift takes an
 * expression over columns as not nullable (a NOT NULL column) is not for the
 * emulator to judge from the statement: it is an emulator limit. Constants
 * and bind parameters run; PostgreSQL refuses zero and negative counts.
 */
function checkNtileArgument(
  call: PgNode,
  fail: (e: ErrorFields) => void,
): void {
  const args = Array.isArray(call['args']) ? call['args'] : []
  const arg = args[0] as { A_Const?: PgNode; ParamRef?: PgNode } | undefined
  if (arg === undefined || arg.ParamRef !== undefined) return
  if (isNullConstant(arg)) {
    fail(
      reject.other(
        '22004',
        'the argument of NTILE must not be nullable',
        undefined,
        'give NTILE a positive integer',
      ),
    )
  } else if (!isConstant(arg)) {
    fail(
      emulatorLimit(
        'NTILE with an argument that is not a constant',
        'give NTILE a positive integer constant',
      ),
    )
  }
}

/** NULL, cast or not. */
function isNullConstant(node: unknown): boolean {
  const value = node as { A_Const?: PgNode; TypeCast?: PgNode } | null
  if (value?.TypeCast) return isNullConstant(value.TypeCast['arg'])
  return value?.A_Const?.['isnull'] === true
}

/** A string constant, cast or not. */
function isStringLiteral(node: unknown): boolean {
  const value = node as { A_Const?: PgNode; TypeCast?: PgNode } | null
  if (value?.TypeCast) return isStringLiteral(value.TypeCast['arg'])
  return value?.A_Const?.['sval'] !== undefined
}

/** A constant, or casts and operators over constants only. */
function isConstant(node: unknown): boolean {
  const value = node as {
    A_Const?: PgNode
    TypeCast?: PgNode
    A_Expr?: PgNode
  } | null
  if (!value) return false
  if (value.A_Const) return true
  if (value.TypeCast) return isConstant(value.TypeCast['arg'])
  if (value.A_Expr) {
    const { lexpr, rexpr } = value.A_Expr
    return (
      (lexpr === undefined || isConstant(lexpr)) &&
      rexpr !== undefined &&
      isConstant(rexpr)
    )
  }
  return false
}

/** The type name of a TypeName node, without pg_catalog, lower-cased. */
export function typeNameOf(typeName: PgNode | undefined): string {
  const parts = names(typeName?.['names'])
  if (parts[0] === 'pg_catalog' && parts.length > 1) parts.shift()
  return parts.join('.').toLowerCase()
}

function checkColumn(
  node: PgNode,
  options: PolicyOptions,
  fail: (e: ErrorFields) => void,
): void {
  const typeName = node['typeName'] as PgNode | undefined
  if (!typeName) return
  const name = typeNameOf(typeName)
  const column = String(node['colname'] ?? '')
  if (nonEmpty(typeName['arrayBounds'])) {
    fail(
      reject.other(
        '0A000',
        `Column "${column}" has unsupported type "${name}[]"`,
        undefined,
        'use SUPER for arrays',
      ),
    )
    return
  }
  if (SERIAL_TYPES.has(name)) {
    fail(
      reject.unsupported(
        name.toUpperCase(),
        'use IDENTITY(seed, step) or GENERATED BY DEFAULT AS IDENTITY',
      ),
    )
    return
  }
  if (name === 'interval') {
    // Only the newer qualified interval column types exist (YEAR TO MONTH, DAY TO SECOND).
    if (!nonEmpty(typeName['typmods'])) {
      fail(
        reject.other(
          '0A000',
          `Column "${column}" has unsupported type "interval"`,
          undefined,
          'use INTERVAL YEAR TO MONTH or INTERVAL DAY TO SECOND',
        ),
      )
    }
    return
  }
  if (name === 'numeric' || name === 'decimal') {
    const error = decimalModifierError(typeName)
    if (error !== undefined) fail(error)
    return
  }
  // A translated statement's types are the translation's own (SUPER kept as jsonb ...).
  if (COLUMN_TYPES.has(name) || options.translated) return
  fail(reject.undefinedType(name))
}

/** The datetime types whose string input is checked (see `input-literals.ts`). */
const DATETIME_TYPES: ReadonlySet<string> = new Set<DatetimeType>([
  'date',
  'timestamp',
  'timestamptz',
  'time',
  'timetz',
])

/** The string constant a TypeCast node casts, if it casts one. */
function castString(node: PgNode): string | undefined {
  const constant = (node['arg'] as { A_Const?: PgNode } | undefined)?.A_Const
  return (constant?.['sval'] as { sval?: string } | undefined)?.sval
}

/**
 * Refuses a string cast to BOOLEAN that Redshift's input does not read
 * (`'on'::boolean`), and one cast to a datetime type that its types cannot
 * hold (`'infinity'::date`, `date 'epoch'`, `'294277-01-01'::date`).
 */
function checkInputLiteral(
  node: PgNode,
  typeName: PgNode | undefined,
  fail: (e: ErrorFields) => void,
): void {
  const name = typeNameOf(typeName)
  const isBoolean = name === 'bool' || name === 'boolean'
  if (!isBoolean && !DATETIME_TYPES.has(name)) return
  const value = castString(node)
  if (value === undefined) return
  const error = isBoolean
    ? booleanLiteralError(value)
    : datetimeLiteralError(name as DatetimeType, value)
  if (error !== undefined) fail(error)
}

/**
 * Whether the node whose enclosing node types are `ancestors` is part of a
 * SELECT's select list: its nearest ResTarget is inside its nearest SELECT
 * (a subquery's WHERE within a select-list item is that subquery's own).
 */
function inSelectList(ancestors: readonly string[]): boolean {
  const target = ancestors.lastIndexOf('ResTarget')
  const select = ancestors.lastIndexOf('SelectStmt')
  return select >= 0 && target > select
}

/** The value of an integer A_Const (libpg-query leaves a zero's `ival` empty). */
function integerConstant(node: unknown): number | undefined {
  const constant = (node as { A_Const?: PgNode } | null)?.A_Const
  const ival = constant?.['ival'] as { ival?: number } | undefined
  return ival === undefined ? undefined : (ival.ival ?? 0)
}

/**
 * The error for a DECIMAL(p, s) whose precision or scale Redshift refuses
 * (r_Numeric_types201.html: precision 1-38, scale 0-37 and at most the
 * precision), wherever a type is written: casts, columns (CREATE TABLE and
 * ALTER TABLE ADD COLUMN) and routine arguments and results.
 */
function decimalModifierError(
  typeName: PgNode | undefined,
): ErrorFields | undefined {
  const mods = typeName?.['typmods']
  if (!Array.isArray(mods) || mods.length === 0) return undefined
  const [precision, scale = 0] = mods.map(integerConstant)
  const error =
    precision === undefined || scale === undefined
      ? undefined
      : decimalTypeError(precision, scale)
  return error === undefined ? undefined : reject.other('22023', error)
}

function checkCastType(
  typeName: PgNode | undefined,
  fail: (e: ErrorFields) => void,
): void {
  const name = typeNameOf(typeName)
  if (MISSING_TYPES.has(name) || SERIAL_TYPES.has(name))
    fail(reject.undefinedType(name))
  else if (name === 'numeric' || name === 'decimal') {
    const error = decimalModifierError(typeName)
    if (error !== undefined) fail(error)
  }
  // Any other name is a table's row type (`'(1,a)'::t`, `x::public.t`):
  // Redshift has no row values (r_Type_conversion.html converts between its
  // own types only).
  else if (
    name !== '' &&
    !COLUMN_TYPES.has(name) &&
    !OID_TYPES.has(name) &&
    !CAST_ONLY_TYPES.has(name) &&
    !name.startsWith('information_schema.')
  )
    fail(reject.undefinedType(name))
}

function checkTransaction(node: PgNode, fail: (e: ErrorFields) => void): void {
  switch (node['kind']) {
    case 'TRANS_STMT_SAVEPOINT':
      fail(
        reject.unsupported(
          'SAVEPOINT',
          'Redshift has no savepoints; retry the whole transaction',
        ),
      )
      break
    case 'TRANS_STMT_RELEASE':
      fail(
        reject.unsupported('RELEASE SAVEPOINT', 'Redshift has no savepoints'),
      )
      break
    case 'TRANS_STMT_ROLLBACK_TO':
      fail(
        reject.unsupported(
          'ROLLBACK TO SAVEPOINT',
          'Redshift has no savepoints',
        ),
      )
      break
    case 'TRANS_STMT_PREPARE':
    case 'TRANS_STMT_COMMIT_PREPARED':
    case 'TRANS_STMT_ROLLBACK_PREPARED':
      fail(reject.unsupported('two-phase commit'))
      break
    default:
      break
  }
}

function describeAlter(subtype: string): string {
  const words: Record<string, string> = {
    AT_SetNotNull: 'ALTER COLUMN SET NOT NULL',
    AT_DropNotNull: 'ALTER COLUMN DROP NOT NULL',
    AT_ColumnDefault: 'ALTER COLUMN SET/DROP DEFAULT',
    AT_SetStatistics: 'ALTER COLUMN SET STATISTICS',
    AT_SetStorage: 'ALTER COLUMN SET STORAGE',
    AT_AddIdentity: 'ALTER COLUMN ADD GENERATED',
    AT_SetIdentity: 'ALTER COLUMN SET GENERATED',
    AT_DropIdentity: 'ALTER COLUMN DROP IDENTITY',
    AT_ClusterOn: 'CLUSTER ON',
    AT_SetLogged: 'SET LOGGED',
    AT_SetUnLogged: 'SET UNLOGGED',
    AT_AddInherit: 'INHERIT',
    AT_AttachPartition: 'ATTACH PARTITION',
    AT_DetachPartition: 'DETACH PARTITION',
    AT_EnableTrig: 'ENABLE TRIGGER',
    AT_DisableTrig: 'DISABLE TRIGGER',
    AT_EnableTrigAll: 'ENABLE TRIGGER ALL',
    AT_DisableTrigAll: 'DISABLE TRIGGER ALL',
    AT_EnableTrigUser: 'ENABLE TRIGGER USER',
    AT_DisableTrigUser: 'DISABLE TRIGGER USER',
    AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
    AT_SetRelOptions: 'SET (...)',
  }
  return (
    words[subtype] ??
    subtype
      .replace(/^AT_/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toUpperCase()
  )
}

/** Whether an expression calls one of the emulator's own functions (schema `redshift_local`). */
function callsEmulator(expression: unknown): boolean {
  let found = false
  walkTree(expression, (kind, node) => {
    if (kind === 'FuncCall' && names(node['funcname'])[0] === 'redshift_local')
      found = true
  })
  return found
}
