import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { names, walkTree, type PgNode } from './parse-tree.js'

/** What the policy learns about a statement while it checks it. */
export interface StatementFacts {
  /** Node type of the statement (`SelectStmt`, `InsertStmt`, ...). */
  readonly type: string
  /** User tables it reads or writes (schema-qualified when written so). */
  readonly userTables: readonly string[]
  /** It reads Redshift system views (STL_, STV_, SVL_, SYS_, SVV_, PG_TABLE_DEF). */
  readonly readsSystemView: boolean
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
  'char',
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
])

/** PostgreSQL functions Redshift does not have. */
const MISSING_FUNCTIONS = new Map<string, string | undefined>([
  ['string_agg', 'use LISTAGG(expr, delimiter) WITHIN GROUP (ORDER BY ...)'],
  ['array_agg', 'use LISTAGG(expr, delimiter) WITHIN GROUP (ORDER BY ...)'],
  ['format', undefined],
  ['regexp_matches', 'use REGEXP_SUBSTR'],
  ['regexp_split_to_table', undefined],
  ['regexp_split_to_array', 'use SPLIT_TO_ARRAY'],
  ['pg_sleep', undefined],
  ['pg_sleep_for', undefined],
  ['pg_sleep_until', undefined],
  ['clock_timestamp', 'use GETDATE() or SYSDATE'],
  ['nextval', 'use an IDENTITY column'],
  ['currval', 'use an IDENTITY column'],
  ['setval', 'use an IDENTITY column'],
  ['lastval', 'use an IDENTITY column'],
  ['unnest', 'unnest SUPER arrays with FROM t, t.array_column AS a'],
  ['string_to_array', 'use SPLIT_TO_ARRAY'],
  ['json_agg', undefined],
  ['jsonb_agg', undefined],
  ['json_object_agg', undefined],
  ['json_build_object', 'use OBJECT(...) on SUPER'],
  ['jsonb_build_object', 'use OBJECT(...) on SUPER'],
  ['json_build_array', 'use ARRAY(...) on SUPER'],
  ['jsonb_build_array', 'use ARRAY(...) on SUPER'],
  ['to_json', undefined],
  ['to_jsonb', undefined],
  ['row_to_json', undefined],
  ['gen_random_uuid', undefined],
])

/** Functions that only run on Redshift's leader node: not together with user tables. */
const LEADER_ONLY_FUNCTIONS = new Set([
  'generate_series',
  'current_schema',
  'current_schemas',
  'has_database_privilege',
  'has_schema_privilege',
  'has_table_privilege',
  'age',
])

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
): { readonly error: ErrorFields } | { readonly facts: StatementFacts } {
  const [type] = topLevel(stmt)
  const unsupported = UNSUPPORTED_STATEMENTS[type]
  if (unsupported)
    return { error: reject.unsupported(unsupported[0], unsupported[1]) }

  let error: ErrorFields | undefined
  const tables: string[] = []
  const cteNames = new Set<string>()
  let readsSystemView = false
  let leaderOnly: string | undefined

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
        break
      case 'InsertStmt':
      case 'UpdateStmt':
      case 'DeleteStmt':
        if (nonEmpty(node['returningList'])) fail(reject.syntax('RETURNING'))
        if (node['onConflictClause']) {
          fail(
            reject.syntax(
              'ON',
              'Redshift has no ON CONFLICT; use MERGE or a staging table',
            ),
          )
        }
        break
      case 'MergeStmt':
        checkMerge(node, fail)
        break
      case 'RangeVar': {
        const relname = String(node['relname'] ?? '')
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
          lower === 'pg_table_def'
        ) {
          readsSystemView = true
        } else if (
          schema !== 'pg_catalog' &&
          schema !== 'information_schema' &&
          !(schema === undefined && lower.startsWith('pg_'))
        ) {
          tables.push(schema ? `${schema}.${relname}` : relname)
        }
        break
      }
      case 'CommonTableExpr':
        cteNames.add(String(node['ctename'] ?? ''))
        if (ancestors.includes('CommonTableExpr')) {
          fail(
            reject.unsupported('WITH clause inside a common table expression'),
          )
        }
        break
      case 'WithClause':
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
        if (node['lateral'] === true) fail(reject.syntax('LATERAL'))
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
        checkFunction(node, options, fail, (name) => {
          if (LEADER_ONLY_FUNCTIONS.has(name)) leaderOnly = name
        })
        break
      case 'TypeCast':
        if (!options.translated)
          checkCastType(node['typeName'] as PgNode | undefined, fail)
        break
      case 'ColumnDef':
        // The column list of a record-returning function, e.g. Redshift's own
        // documented pg_get_late_binding_view_cols() cols(view_schema name, ...),
        // names result types, not stored column types: refused like a cast.
        if (ancestors.includes('RangeFunction')) {
          if (!options.translated)
            checkCastType(node['typeName'] as PgNode | undefined, fail)
        } else {
          checkColumn(node, options, fail)
        }
        reserved(String(node['colname'] ?? ''), node['location'])
        break
      case 'ColumnRef': {
        const fields = names(node['fields'])
        if (fields.length === 1) reserved(fields[0]!, node['location'])
        break
      }
      case 'Constraint':
        if (node['contype'] === 'CONSTR_CHECK')
          fail(reject.unsupported('CHECK constraints'))
        else if (node['contype'] === 'CONSTR_EXCLUSION')
          fail(reject.unsupported('EXCLUDE constraints'))
        else if (node['contype'] === 'CONSTR_GENERATED')
          fail(reject.unsupported('generated columns'))
        break
      case 'CollateClause': {
        const collation = names(node['collname']).join('.').toLowerCase()
        if (
          collation !== 'case_sensitive' &&
          collation !== 'case_insensitive'
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
        if (node['tablespacename']) fail(reject.unsupported('tablespaces'))
        if (node['ofTypename']) fail(reject.unsupported('typed tables'))
        if (
          (node['relation'] as PgNode | undefined)?.['relpersistence'] === 'u'
        )
          fail(reject.syntax('UNLOGGED'))
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
      case 'TransactionStmt':
        checkTransaction(node, fail)
        break
      case 'DeclareCursorStmt':
        if ((Number(node['options'] ?? 0) & CURSOR_OPT_HOLD) !== 0) {
          fail(reject.unsupported('WITH HOLD cursors'))
        }
        break
      case 'CopyStmt':
        if (node['is_program'] === true)
          fail(reject.unsupported('COPY ... PROGRAM'))
        else if (typeof node['filename'] === 'string') {
          fail(
            reject.unsupported(
              'COPY from or to a file on the server',
              "COPY loads from 's3://...' (or STDIN through a driver)",
            ),
          )
        }
        break
      default:
        break
    }
  })
  if (error) return { error }
  const userTables = tables.filter((t) => !cteNames.has(t))
  if (leaderOnly && userTables.length > 0) {
    return {
      error: reject.other(
        '0A000',
        'Specified types or functions (one per INFO message) not supported on Amazon Redshift tables.',
        `Function "${leaderOnly}()" is a leader-node-only function.`,
      ),
    }
  }
  return { facts: { type, userTables, readsSystemView } }
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

function checkFunction(
  node: PgNode,
  options: PolicyOptions,
  fail: (e: ErrorFields) => void,
  seen: (name: string) => void,
): void {
  const parts = names(node['funcname'])
  const name = (parts[parts.length - 1] ?? '').toLowerCase()
  seen(name)
  if (!options.translated) {
    if (
      MISSING_FUNCTIONS.has(name) &&
      (parts.length === 1 || parts[0] === 'pg_catalog')
    ) {
      fail(reject.undefinedFunction(name, MISSING_FUNCTIONS.get(name)))
      return
    }
    if (node['agg_filter'])
      fail(reject.syntax('FILTER', 'use CASE WHEN inside the aggregate'))
  }
  const over = node['over'] as PgNode | undefined
  if (!over) return
  const frame = Number(over['frameOptions'] ?? 0)
  if ((frame & FRAME_NONDEFAULT) !== 0) {
    if ((frame & FRAME_RANGE) !== 0) {
      fail(reject.unsupported('RANGE window frames', 'use ROWS BETWEEN ...'))
    } else if ((frame & FRAME_GROUPS) !== 0) {
      fail(reject.unsupported('GROUPS window frames', 'use ROWS BETWEEN ...'))
    } else if ((frame & FRAME_EXCLUDE) !== 0) {
      fail(reject.unsupported('EXCLUDE in window frames'))
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
  // A translated statement's types are the translation's own (SUPER kept as jsonb ...).
  if (COLUMN_TYPES.has(name) || options.translated) return
  fail(reject.undefinedType(name))
}

function checkCastType(
  typeName: PgNode | undefined,
  fail: (e: ErrorFields) => void,
): void {
  const name = typeNameOf(typeName)
  if (MISSING_TYPES.has(name) || SERIAL_TYPES.has(name))
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
