import {
  AliasNode,
  AndNode,
  ColumnNode,
  IdentifierNode,
  ReferenceNode,
  TableNode,
  CreateTableNode,
  CreateViewNode,
  InsertQueryNode,
  MatchedNode,
  PostgresQueryCompiler,
  RawNode,
  SelectQueryNode,
  UpdateQueryNode,
  type AggregateFunctionNode,
  type AlterColumnNode,
  type AlterTableNode,
  type CheckConstraintNode,
  type CollateNode,
  type ColumnDefinitionNode,
  type CommonTableExpressionNode,
  type CompiledQuery,
  type CreateIndexNode,
  type CreateTypeNode,
  type DataTypeNode,
  type DeleteQueryNode,
  type DropConstraintNode,
  type DropIndexNode,
  type DropTypeNode,
  type ExplainNode,
  type FetchNode,
  type ForeignKeyConstraintNode,
  type FunctionNode,
  type GeneratedNode,
  type JoinNode,
  type JSONOperatorChainNode,
  type JSONPathLegNode,
  type JSONPathNode,
  type JSONReferenceNode,
  type MergeQueryNode,
  type ModifyColumnNode,
  type OnConflictNode,
  type OnDuplicateKeyNode,
  type OperationNode,
  type OperatorNode,
  type OrActionNode,
  type OutputNode,
  type AddIndexNode,
  type ReferencesNode,
  type RefreshMaterializedViewNode,
  type RenameConstraintNode,
  type ReturningNode,
  type RootOperationNode,
  type SelectModifierNode,
  type SelectionNode,
  type SetOperationNode,
  type TopNode,
  type UniqueConstraintNode,
  type ValuesNode,
  type WithNode,
  type QueryId,
} from 'kysely'

import { escapeIdentifierBody, escapeLiteralBody } from '../commands/literal.js'
import { RedshiftUnsupportedError } from '../errors/index.js'

/** Redshift rejects statements larger than 16 MB (`c_SQL_commands`). */
const MAX_STATEMENT_BYTES = 16 * 1024 * 1024
// A UTF-16 unit takes at most 3 UTF-8 bytes, so shorter SQL needs no count.
const MAX_STATEMENT_UNITS_WITHOUT_COUNT = Math.floor(MAX_STATEMENT_BYTES / 3)

interface Unsupported {
  readonly feature: string
  readonly alternative: string
}

/**
 * Options of {@link RedshiftQueryCompiler}.
 *
 * ```ts
 * new RedshiftDialect({ config: url, caseSensitiveIdentifiers: true })
 * ```
 */
export interface RedshiftQueryCompilerOptions {
  /**
   * Set when the cluster runs with `enable_case_sensitive_identifier = true`.
   * Otherwise Redshift folds even double-quoted names to lower case, so a
   * result column selected as `"totalQty"` comes back as `totalqty` and
   * the row no longer matches its TypeScript type; the compiler refuses such
   * output names. Default `false`, as on Redshift.
   */
  readonly caseSensitiveIdentifiers?: boolean
}

const UPPER_CASE = /[A-Z]/
const SIZED_TYPE = /^(varchar|char|decimal|numeric)\((\d+)(?:, *(\d+))?\)$/
/** Redshift's limits (`r_Character_types`, `r_Numeric_types201`). */
const MAX_VARCHAR_BYTES = 65535
const MAX_CHAR_BYTES = 4096
const MAX_DECIMAL_PRECISION = 38
const MAX_COLUMNS = 1600

const RETURNING: Unsupported = {
  feature: 'RETURNING (`.returning()` / `.returningAll()`)',
  alternative:
    'run a SELECT afterwards by a natural key, or write through a staging table; ' +
    'IDENTITY values are unique but not contiguous, so they cannot be predicted',
}

const WINDOW_FRAME: Unsupported = {
  feature:
    'an aggregate window function with ORDER BY and no frame clause (Kysely cannot emit ROWS frames)',
  alternative:
    'write the window with sql, e.g. sql`sum(x) over (order by y rows between unbounded preceding and current row)`; ' +
    'ranking functions (row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead) need no frame',
}

/**
 * PostgreSQL functions Kysely users commonly reach for that Redshift lacks,
 * with the Redshift way to get the same result. Keys are lower case.
 */
const UNSUPPORTED_FUNCTIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    json_agg:
      'LISTAGG for text, or build SUPER values with JSON_PARSE, OBJECT(...) and ARRAY(...)',
    jsonb_agg:
      'LISTAGG for text, or build SUPER values with JSON_PARSE, OBJECT(...) and ARRAY(...)',
    json_object_agg: 'OBJECT(...) on SUPER, or LISTAGG for text',
    jsonb_object_agg: 'OBJECT(...) on SUPER, or LISTAGG for text',
    to_json: 'OBJECT(...) / ARRAY(...) to build SUPER, JSON_SERIALIZE for text',
    to_jsonb:
      'OBJECT(...) / ARRAY(...) to build SUPER, JSON_SERIALIZE for text',
    row_to_json: 'OBJECT(...) to build SUPER, JSON_SERIALIZE for text',
    array_to_json: 'ARRAY(...) to build SUPER, JSON_SERIALIZE for text',
    json_build_object: 'OBJECT(key, value, ...) which builds a SUPER value',
    jsonb_build_object: 'OBJECT(key, value, ...) which builds a SUPER value',
    json_build_array: 'ARRAY(value, ...) which builds a SUPER value',
    jsonb_build_array: 'ARRAY(value, ...) which builds a SUPER value',
    array_agg:
      'LISTAGG(expr, delimiter) WITHIN GROUP (ORDER BY ...), or ARRAY(...) on SUPER',
    string_agg: 'LISTAGG(expr, delimiter) WITHIN GROUP (ORDER BY ...)',
    xmlagg: 'LISTAGG',
    every: 'BOOL_AND',
    corr: 'the formula over SUM/AVG/STDDEV',
    covar_pop: 'the formula over SUM/AVG',
    covar_samp: 'the formula over SUM/AVG',
    generate_series:
      'a numbers table or a recursive CTE with a column list (GENERATE_SERIES runs on the leader node only)',
    generate_subscripts: 'a numbers table',
    unnest: 'PartiQL unnesting of a SUPER array: FROM t, t.arr AS a',
    regexp_matches: 'REGEXP_SUBSTR or REGEXP_COUNT',
    regexp_split_to_array: 'SPLIT_PART, or SPLIT_TO_ARRAY on SUPER',
    regexp_split_to_table: 'SPLIT_PART with a numbers table',
    string_to_array: 'SPLIT_TO_ARRAY (SUPER) or SPLIT_PART',
    format: 'concatenation with || and TO_CHAR',
    overlay: 'SUBSTRING and ||',
    bit_length: 'OCTET_LENGTH(x) * 8',
    quote_nullable: 'QUOTE_LITERAL with NVL',
    convert_from: 'a VARBYTE function such as FROM_VARBYTE',
    convert_to: 'a VARBYTE function such as TO_VARBYTE',
    encode: 'TO_HEX or FROM_VARBYTE',
    pg_sleep: 'waiting in the application',
    clock_timestamp: 'GETDATE() or SYSDATE',
    transaction_timestamp: 'SYSDATE (start of the transaction)',
    now: 'GETDATE() or SYSDATE (NOW was a leader-node function and is no longer supported)',
    age: 'DATEDIFF (AGE was a leader-node function and is no longer supported)',
    localtime: 'GETDATE() or SYSDATE',
    isfinite: 'a comparison with the bounds you accept',
    getbit: 'bitwise operators on integers',
    get_byte: 'SUBSTRING on VARBYTE',
    set_bit: 'bitwise operators on integers',
    set_byte: 'VARBYTE concatenation',
    to_ascii: 'TRANSLATE or REGEXP_REPLACE',
    justify_days: 'DATEADD / DATEDIFF arithmetic',
    justify_hours: 'DATEADD / DATEDIFF arithmetic',
    justify_interval: 'DATEADD / DATEDIFF arithmetic',
    div: 'TRUNC(a / b) or integer division with /',
    width_bucket: 'a CASE expression',
    setseed: 'SET SEED TO value',
    gen_random_uuid: 'ids generated by the application, or an IDENTITY column',
    nextval: 'an IDENTITY column (Redshift has no sequences)',
    currval: 'an IDENTITY column (Redshift has no sequences)',
    setval: 'an IDENTITY column (Redshift has no sequences)',
    lastval: 'an IDENTITY column (Redshift has no sequences)',
    pg_advisory_lock: 'LOCK table',
    pg_advisory_xact_lock: 'LOCK table',
    pg_try_advisory_lock: 'LOCK table',
    pg_advisory_unlock: 'LOCK table (released at COMMIT)',
    merge_action: 'separate statements (MERGE reports no per-row action)',
  }),
)

/** Window functions Redshift lets take ORDER BY without a frame clause. */
const FRAMELESS_WINDOW_FUNCTIONS: ReadonlySet<string> = new Set([
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
])

/** Operators Kysely accepts that Redshift has no equivalent for. */
const UNSUPPORTED_OPERATORS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'is distinct from': '(a <> b or (a is null) <> (b is null))',
    'is not distinct from': '(a = b or (a is null and b is null))',
    '@>': 'SUPER functions or explicit comparisons (no array/range containment)',
    '<@': 'SUPER functions or explicit comparisons (no array/range containment)',
    '&&': 'explicit comparisons (no array/range overlap)',
    '?': 'SUPER navigation, e.g. col.key IS NOT NULL',
    '?&': 'SUPER navigation',
    '?|': 'SUPER navigation',
    '^@': "LIKE 'prefix%' or LEFT(x, n) = prefix",
    '@@': 'LIKE, ILIKE or regular expressions (no text search)',
    '@@@': 'LIKE, ILIKE or regular expressions (no text search)',
    '!!': 'NOT',
    '<->': 'ST_Distance on GEOMETRY',
    '->': 'SUPER navigation (col.key, col[0]) or JSON_EXTRACT_PATH_TEXT',
    '->>': 'SUPER navigation (col.key, col[0]) or JSON_EXTRACT_PATH_TEXT',
    '==': '=',
    match: 'LIKE, ILIKE or regular expressions',
    regexp: '~ or REGEXP_INSTR',
    '<=>': '(a = b or (a is null and b is null))',
    '!<': '>=',
    '!>': '<=',
    'between symmetric':
      'BETWEEN with the bounds in order, or least()/greatest()',
  }),
)

/**
 * Column types Kysely can name that Redshift does not have (or, for TEXT,
 * silently turns into something smaller). Keys are lower case.
 */
const UNSUPPORTED_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    text: 'varchar(n) or varchar(max) — Redshift turns TEXT into VARCHAR(256) and truncates or fails on longer values',
    serial:
      'integer with .generatedByDefaultAsIdentity() (IDENTITY) — Redshift has no sequences',
    bigserial:
      'bigint with .generatedByDefaultAsIdentity() (IDENTITY) — Redshift has no sequences',
    smallserial: 'integer with .generatedByDefaultAsIdentity() (IDENTITY)',
    uuid: 'char(36) or varchar(36)',
    json: 'SUPER (load with JSON_PARSE) or varchar(max)',
    jsonb: 'SUPER (load with JSON_PARSE) or varchar(max)',
    bytea: 'VARBYTE',
    blob: 'VARBYTE',
    binary: 'VARBYTE',
    datetime: 'timestamp',
    interval:
      'INTERVAL YEAR TO MONTH / INTERVAL DAY TO SECOND, or two timestamp columns',
    money: 'decimal(p, s)',
    inet: 'varchar(n)',
    cidr: 'varchar(n)',
    macaddr: 'varchar(n)',
    xml: 'varchar(max)',
    tsvector: 'varchar(max)',
    int4range: 'two columns for the bounds',
    int4multirange: 'a child table of bounds',
    int8range: 'two columns for the bounds',
    int8multirange: 'a child table of bounds',
    numrange: 'two columns for the bounds',
    nummultirange: 'a child table of bounds',
    tsrange: 'two columns for the bounds',
    tsmultirange: 'a child table of bounds',
    tstzrange: 'two columns for the bounds',
    tstzmultirange: 'a child table of bounds',
    daterange: 'two columns for the bounds',
    datemultirange: 'a child table of bounds',
  }),
)

/**
 * Raw fragments emitted by `kysely/helpers/postgres`, which build JSON with
 * functions Redshift lacks.
 */
const POSTGRES_HELPER_FRAGMENTS: readonly (readonly [string, Unsupported])[] = [
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

const LOCKING_MODIFIERS: Readonly<Record<string, string>> = {
  ForUpdate: 'FOR UPDATE',
  ForNoKeyUpdate: 'FOR NO KEY UPDATE',
  ForShare: 'FOR SHARE',
  ForKeyShare: 'FOR KEY SHARE',
  NoWait: 'NOWAIT',
  SkipLocked: 'SKIP LOCKED',
}

const LATERAL_JOINS: Readonly<Record<string, string>> = {
  LateralInnerJoin: 'INNER JOIN LATERAL',
  LateralLeftJoin: 'LEFT JOIN LATERAL',
  LateralCrossJoin: 'CROSS JOIN LATERAL',
  OuterApply: 'OUTER APPLY',
  CrossApply: 'CROSS APPLY',
}

const OUTER_JOINS: ReadonlySet<string> = new Set([
  'LeftJoin',
  'RightJoin',
  'FullJoin',
])

/**
 * Compiles Kysely queries to SQL that Amazon Redshift accepts, and refuses
 * (with a {@link RedshiftUnsupportedError} naming the feature and the Redshift
 * way to do it) everything Kysely can build that Redshift would reject or,
 * worse, silently run differently: RETURNING, ON CONFLICT, DISTINCT ON,
 * FOR UPDATE, LATERAL, FETCH, IS DISTINCT FROM, PostgreSQL JSON helpers,
 * window aggregates without a frame, CHECK constraints, indexes, TEXT/JSON/UUID
 * columns, upper-case result column names (Redshift returns them lower-cased)
 * and more.
 *
 * String literals (`sql.lit`, DDL defaults) double both `'` and `\`, because
 * Redshift treats a backslash inside a string literal as an escape.
 *
 * The checks run while the tree is visited, so compiling costs no extra walk.
 *
 * ```ts
 * const db = new Kysely<DB>({ dialect: new RedshiftDialect(url) })
 * db.selectFrom('sales').select('qty').where('id', '=', 1).compile().sql
 * // select "qty" from "sales" where "id" = $1
 * db.insertInto('sales').values(row).returning('id').compile()
 * // throws RedshiftUnsupportedError: Redshift does not support RETURNING ...
 * ```
 */
export class RedshiftQueryCompiler extends PostgresQueryCompiler {
  readonly #caseSensitiveIdentifiers: boolean
  /** How many CTE bodies enclose the node being compiled. */
  #cteDepth = 0
  /** Names of recursive-WITH CTEs without a column list, being compiled. */
  #ctesNeedingColumns: string[] = []
  /** > 0 while compiling a VALUES list with more than one row. */
  #multiRowValuesDepth = 0

  constructor(options: RedshiftQueryCompilerOptions = {}) {
    super()
    this.#caseSensitiveIdentifiers = options.caseSensitiveIdentifiers ?? false
  }

  override compileQuery(
    node: RootOperationNode,
    queryId: QueryId,
  ): CompiledQuery {
    // A previous compilation may have thrown halfway through.
    this.#cteDepth = 0
    this.#ctesNeedingColumns = []
    this.#multiRowValuesDepth = 0
    const compiled = super.compileQuery(node, queryId)
    if (
      compiled.sql.length > MAX_STATEMENT_UNITS_WITHOUT_COUNT &&
      Buffer.byteLength(compiled.sql, 'utf8') > MAX_STATEMENT_BYTES
    ) {
      unsupported(
        'statements larger than 16 MB',
        'COPY from S3 for bulk loads, or split the statement into batches',
      )
    }
    return compiled
  }

  // ---------------------------------------------------------------- SELECT

  protected override visitSelectQuery(node: SelectQueryNode): void {
    if (node.distinctOn) {
      unsupported(
        'DISTINCT ON',
        'ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) filtered with QUALIFY or in a subquery',
      )
    }
    if (node.fetch) {
      this.visitFetch(node.fetch)
    }
    if (
      node.top &&
      node.frontModifiers?.some((m) => m.modifier === 'Distinct')
    ) {
      unsupported(
        'TOP together with DISTINCT',
        'LIMIT: Redshift accepts either TOP or DISTINCT after SELECT, not both',
      )
    }
    if (this.#multiRowValuesDepth > 0) {
      unsupported(
        'subqueries in a multi-row VALUES list',
        'INSERT ... SELECT, or one INSERT per row that needs a subquery',
      )
    }
    super.visitSelectQuery(node)
  }

  protected override visitSelection(node: SelectionNode): void {
    // Only the statement's own select list names the row's keys.
    if (!this.#caseSensitiveIdentifiers && this.nodeStack.length === 2) {
      const name = outputName(node.selection)
      if (name !== undefined && UPPER_CASE.test(name)) {
        unsupported(
          `upper-case result column names ("${name}" comes back as "${name.toLowerCase()}")`,
          "snake_case names (Kysely's CamelCasePlugin maps them to camelCase), or " +
            'enable_case_sensitive_identifier = true with { caseSensitiveIdentifiers: true } on the dialect',
        )
      }
    }
    super.visitSelection(node)
  }

  protected override visitSelectModifier(node: SelectModifierNode): void {
    if (node.modifier && node.modifier !== 'Distinct') {
      unsupported(
        `row locking (${LOCKING_MODIFIERS[node.modifier] ?? node.modifier})`,
        'LOCK table inside the transaction (Redshift locks whole tables)',
      )
    }
    super.visitSelectModifier(node)
  }

  protected override visitJoin(node: JoinNode): void {
    const lateral = LATERAL_JOINS[node.joinType]
    if (lateral) {
      unsupported(
        `${lateral} joins`,
        'a join against a grouped subquery, or window functions with QUALIFY',
      )
    }
    super.visitJoin(node)
  }

  protected override visitFetch(_node: FetchNode): void {
    unsupported('FETCH FIRST/NEXT ... ROWS', 'LIMIT (and OFFSET), or TOP n')
  }

  protected override visitTop(node: TopNode): void {
    if (!SelectQueryNode.is(this.parentNode!)) {
      unsupported(
        'TOP outside SELECT',
        'a WHERE condition that selects the rows (Redshift accepts TOP only in SELECT)',
      )
    }
    if (node.modifiers) {
      unsupported(
        `TOP ... ${node.modifiers.toUpperCase()}`,
        'TOP n or LIMIT n with an explicit count',
      )
    }
    const count = node.expression
    if (
      typeof count === 'number' &&
      !(Number.isSafeInteger(count) && count >= 0)
    ) {
      throw new RangeError(`TOP needs a non-negative integer, got ${count}`)
    }
    // Redshift's grammar is `SELECT TOP number`, without parentheses.
    this.append(`top ${count}`)
  }

  protected override visitSetOperation(node: SetOperationNode): void {
    if (node.all && node.operator !== 'union') {
      unsupported(
        `${node.operator.toUpperCase()} ALL`,
        `${node.operator.toUpperCase()} (without ALL) — only UNION has an ALL form on Redshift`,
      )
    }
    super.visitSetOperation(node)
  }

  protected override visitExplain(node: ExplainNode): void {
    if (node.format || node.options) {
      unsupported(
        'EXPLAIN options or formats',
        '.explain() without arguments (Redshift has EXPLAIN [VERBOSE] only)',
      )
    }
    super.visitExplain(node)
  }

  protected override visitCollate(_node: CollateNode): void {
    unsupported(
      'COLLATE in expressions',
      "the COLLATE(expr, 'case_insensitive') function, or a column declared COLLATE CASE_INSENSITIVE",
    )
  }

  // ------------------------------------------------------------ functions

  protected override visitFunction(node: FunctionNode): void {
    checkFunction(node.func)
    super.visitFunction(node)
  }

  protected override visitAggregateFunction(node: AggregateFunctionNode): void {
    const name = checkFunction(node.func)
    if (node.filter) {
      unsupported(
        'aggregate FILTER (WHERE ...)',
        'a CASE expression inside the aggregate, e.g. sum(case when cond then x end)',
      )
    }
    if (node.orderBy) {
      unsupported(
        'ORDER BY inside an aggregate call',
        'WITHIN GROUP (ORDER BY ...) on LISTAGG / PERCENTILE_CONT',
      )
    }
    if (node.over?.orderBy && !FRAMELESS_WINDOW_FUNCTIONS.has(name)) {
      unsupported(WINDOW_FRAME.feature, WINDOW_FRAME.alternative)
    }
    super.visitAggregateFunction(node)
  }

  protected override visitOperator(node: OperatorNode): void {
    const alternative = UNSUPPORTED_OPERATORS.get(node.operator)
    if (alternative !== undefined) {
      unsupported(`the ${node.operator.toUpperCase()} operator`, alternative)
    }
    super.visitOperator(node)
  }

  protected override visitJSONReference(_node: JSONReferenceNode): void {
    unsupportedJsonPath()
  }

  protected override visitJSONPath(_node: JSONPathNode): void {
    unsupportedJsonPath()
  }

  protected override visitJSONPathLeg(_node: JSONPathLegNode): void {
    unsupportedJsonPath()
  }

  protected override visitJSONOperatorChain(
    _node: JSONOperatorChainNode,
  ): void {
    unsupportedJsonPath()
  }

  protected override visitRaw(node: RawNode): void {
    const first = node.sqlFragments[0]
    if (first !== undefined && first.length > 0) {
      for (const [prefix, problem] of POSTGRES_HELPER_FRAGMENTS) {
        if (first.startsWith(prefix)) {
          unsupported(problem.feature, problem.alternative)
        }
      }
    }
    super.visitRaw(node)
  }

  // ------------------------------------------------------------------ CTEs

  protected override visitWith(node: WithNode): void {
    if (this.#cteDepth > 0) {
      unsupported(
        'a WITH clause nested inside a CTE',
        'one WITH clause at the top of the statement listing every CTE in dependency order',
      )
    }
    if (node.recursive && !this.#isStatementLevel(this.parentNode)) {
      unsupported(
        'WITH RECURSIVE inside a subquery',
        'WITH RECURSIVE at the top of the statement',
      )
    }
    super.visitWith(node)
  }

  protected override visitCommonTableExpression(
    node: CommonTableExpressionNode,
  ): void {
    if (node.materialized !== undefined) {
      unsupported(
        `${node.materialized ? '' : 'NOT '}MATERIALIZED CTEs`,
        'a plain CTE (Redshift decides how to evaluate it), or a temporary table',
      )
    }
    const withNode = this.parentNode as WithNode | undefined
    const needsColumns = withNode?.recursive === true && !node.name.columns
    const name = node.name.table.table.identifier.name

    this.visitNode(node.name)
    this.append(' as ')
    this.#cteDepth++
    if (needsColumns) {
      this.#ctesNeedingColumns.push(name)
    }
    try {
      this.visitNode(node.expression)
    } finally {
      if (needsColumns) {
        this.#ctesNeedingColumns.pop()
      }
      this.#cteDepth--
    }
  }

  protected override visitTable(node: TableNode): void {
    if (
      this.#ctesNeedingColumns.length > 0 &&
      !node.table.schema &&
      this.#ctesNeedingColumns.includes(node.table.identifier.name)
    ) {
      unsupported(
        'a recursive CTE without a column list',
        "a column list on the CTE: db.withRecursive('tree(id, parent_id)', ...)",
      )
    }
    super.visitTable(node)
  }

  // ------------------------------------------------- INSERT/UPDATE/DELETE

  protected override visitInsertQuery(node: InsertQueryNode): void {
    if (node.replace) {
      unsupported(
        'REPLACE INTO',
        'MERGE, or DELETE then INSERT in one transaction',
      )
    }
    if (node.ignore) {
      unsupported(
        'INSERT IGNORE',
        'MERGE, or INSERT ... SELECT ... WHERE NOT EXISTS',
      )
    }
    if (node.with) {
      unsupported(
        'WITH before INSERT',
        'the WITH clause inside the SELECT: insertInto(t).expression(db.with(...).selectFrom(...))',
      )
    }
    super.visitInsertQuery(node)
  }

  protected override visitValues(node: ValuesNode): void {
    if (node.values.length < 2) {
      super.visitValues(node)
      return
    }
    this.#multiRowValuesDepth++
    try {
      super.visitValues(node)
    } finally {
      this.#multiRowValuesDepth--
    }
  }

  protected override visitUpdateQuery(node: UpdateQueryNode): void {
    if (node.limit || node.orderBy) {
      unsupported(
        'ORDER BY / LIMIT in UPDATE',
        'a WHERE condition that selects exactly the rows to update',
      )
    }
    const outer = node.joins?.find((join) => OUTER_JOINS.has(join.joinType))
    if (outer) {
      unsupported(
        'outer joins in the FROM clause of UPDATE',
        'an inner join, or a subquery in the WHERE clause',
      )
    }
    super.visitUpdateQuery(node)
  }

  protected override visitDeleteQuery(node: DeleteQueryNode): void {
    if (node.from.froms.length > 1) {
      unsupported(
        'deleting from several tables in one statement',
        'one DELETE per table inside a transaction',
      )
    }
    if (node.from.froms.some((from) => AliasNode.is(from))) {
      unsupported(
        'an alias on the DELETE target',
        'the table name itself in conditions (Redshift: DELETE FROM table_name)',
      )
    }
    if (node.joins) {
      unsupported(
        'joins in DELETE',
        'list the tables in .using(...) and put the join condition in .where(...)',
      )
    }
    if (node.limit || node.orderBy) {
      unsupported(
        'ORDER BY / LIMIT in DELETE',
        'a WHERE condition that selects exactly the rows to delete',
      )
    }
    super.visitDeleteQuery(node)
  }

  protected override visitReturning(_node: ReturningNode): void {
    unsupported(RETURNING.feature, RETURNING.alternative)
  }

  protected override visitOutput(_node: OutputNode): void {
    unsupported('OUTPUT clauses', RETURNING.alternative)
  }

  protected override visitOnConflict(_node: OnConflictNode): void {
    unsupported(
      'ON CONFLICT (upsert)',
      'MERGE, or a staging table: DELETE matching rows then INSERT in one transaction (constraints are not enforced)',
    )
  }

  protected override visitOnDuplicateKey(_node: OnDuplicateKeyNode): void {
    unsupported('ON DUPLICATE KEY UPDATE', 'MERGE, or a staging table')
  }

  protected override visitOrAction(node: OrActionNode): void {
    unsupported(
      `INSERT OR ${node.action.toUpperCase()}`,
      'MERGE, or a staging table',
    )
  }

  // ----------------------------------------------------------------- MERGE

  protected override visitMergeQuery(node: MergeQueryNode): void {
    if (node.with) {
      unsupported(
        'MERGE with a WITH clause',
        'a staging table filled first, then MERGE ... USING the staging table',
      )
    }
    if (AliasNode.is(node.into)) {
      unsupported(
        'an alias on the MERGE target',
        'the target table name itself in the ON condition and SET list',
      )
    }
    const source = node.using?.table
    const sourceNode =
      source && AliasNode.is(source) ? source.node : (source ?? undefined)
    if (
      sourceNode &&
      TableNode.is(sourceNode) &&
      TableNode.is(node.into) &&
      sameTable(sourceNode, node.into)
    ) {
      unsupported(
        'MERGE with the same table as source and target',
        'copy the rows to a temporary staging table and MERGE from it',
      )
    }
    if (
      sourceNode &&
      (SelectQueryNode.is(sourceNode) || RawNode.is(sourceNode))
    ) {
      unsupported(
        'MERGE ... USING a subquery',
        'a (temporary) staging table as the MERGE source',
      )
    }
    checkMergeClauses(node)
    super.visitMergeQuery(node)
  }

  // ------------------------------------------------------------------- DDL

  protected override visitCreateTable(node: CreateTableNode): void {
    if (node.columns.length > MAX_COLUMNS) {
      unsupported(
        `tables with more than ${MAX_COLUMNS} columns (${node.columns.length})`,
        'several tables joined by a key, or a SUPER column for sparse attributes',
      )
    }
    if (node.onCommit) {
      unsupported(
        'ON COMMIT on temporary tables',
        'a temporary table, which lives until the end of the session',
      )
    }
    if (node.ifNotExists && node.selectQuery) {
      unsupported(
        'CREATE TABLE IF NOT EXISTS ... AS',
        'CREATE TABLE ... AS without IF NOT EXISTS, or CREATE TABLE IF NOT EXISTS then INSERT ... SELECT',
      )
    }
    super.visitCreateTable(node)
  }

  protected override visitColumnDefinition(node: ColumnDefinitionNode): void {
    if (RawNode.is(node.dataType)) {
      checkRawDataType(node.dataType)
    }
    if (node.unsigned) {
      unsupported(
        'UNSIGNED columns',
        'a CHECK in the application, or a wider signed type',
      )
    }
    if (node.autoIncrement) {
      unsupported(
        'AUTO_INCREMENT',
        '.generatedByDefaultAsIdentity() (IDENTITY(1, 1)) on an integer or bigint column',
      )
    }
    if (node.identity) {
      unsupported(
        'a bare IDENTITY column (`.identity()`)',
        '.generatedByDefaultAsIdentity(), or .modifyEnd(sql`identity(seed, step)`)',
      )
    }
    if (node.nullsNotDistinct) {
      unsupported(
        'NULLS NOT DISTINCT',
        'UNIQUE (Redshift does not enforce it anyway)',
      )
    }
    if (node.ifNotExists) {
      unsupported(
        'ADD COLUMN IF NOT EXISTS',
        'check the column in the catalog (db.introspection) before adding it',
      )
    }
    super.visitColumnDefinition(node)
  }

  protected override visitGenerated(node: GeneratedNode): void {
    if (node.identity && node.byDefault) {
      // Redshift requires the (seed, step) pair that PostgreSQL makes optional.
      this.append('generated by default as identity(1, 1)')
      return
    }
    if (node.identity) {
      unsupported(
        'GENERATED ALWAYS AS IDENTITY',
        '.generatedByDefaultAsIdentity() (compiles to GENERATED BY DEFAULT AS IDENTITY(1, 1)), ' +
          'or .modifyEnd(sql`identity(seed, step)`)',
      )
    }
    unsupported(
      'generated (computed) columns',
      'computing the value in the INSERT/SELECT, or a view',
    )
  }

  protected override visitDataType(node: DataTypeNode): void {
    const base = node.dataType.split('(', 1)[0]!.toLowerCase()
    const alternative = UNSUPPORTED_TYPES.get(base)
    if (alternative !== undefined) {
      unsupported(`the ${base.toUpperCase()} data type`, alternative)
    }
    checkTypeSize(node.dataType)
    super.visitDataType(node)
  }

  protected override visitCheckConstraint(_node: CheckConstraintNode): void {
    unsupported(
      'CHECK constraints',
      'validation in the application or the load pipeline',
    )
  }

  protected override visitReferences(node: ReferencesNode): void {
    if (node.onDelete || node.onUpdate) {
      unsupported(
        'ON DELETE / ON UPDATE actions on foreign keys',
        'a plain REFERENCES (informational only on Redshift) and explicit deletes',
      )
    }
    super.visitReferences(node)
  }

  protected override visitForeignKeyConstraint(
    node: ForeignKeyConstraintNode,
  ): void {
    if (node.onDelete || node.onUpdate) {
      unsupported(
        'ON DELETE / ON UPDATE actions on foreign keys',
        'a plain FOREIGN KEY (informational only on Redshift) and explicit deletes',
      )
    }
    super.visitForeignKeyConstraint(node)
  }

  protected override visitUniqueConstraint(node: UniqueConstraintNode): void {
    if (node.nullsNotDistinct) {
      unsupported(
        'NULLS NOT DISTINCT',
        'UNIQUE (Redshift does not enforce it anyway)',
      )
    }
    super.visitUniqueConstraint(node)
  }

  protected override buildDeferrable(node: {
    deferrable?: boolean
    initiallyDeferred?: boolean
  }): void {
    if (node.deferrable !== undefined || node.initiallyDeferred !== undefined) {
      unsupported(
        'DEFERRABLE / INITIALLY DEFERRED constraints',
        'a plain constraint (Redshift does not enforce PK, FK or UNIQUE)',
      )
    }
  }

  protected override visitCreateIndex(_node: CreateIndexNode): void {
    unsupportedIndexes()
  }

  protected override visitDropIndex(_node: DropIndexNode): void {
    unsupportedIndexes()
  }

  protected override visitAddIndex(_node: AddIndexNode): void {
    unsupportedIndexes()
  }

  protected override visitCreateType(_node: CreateTypeNode): void {
    unsupported(
      'CREATE TYPE (enums and composite types)',
      'a varchar column (and a lookup table if the values must be listed)',
    )
  }

  protected override visitDropType(_node: DropTypeNode): void {
    unsupported('DROP TYPE', 'nothing: Redshift has no user-defined types')
  }

  protected override visitAlterTable(node: AlterTableNode): void {
    if (node.setSchema) {
      unsupported(
        'ALTER TABLE ... SET SCHEMA',
        'CREATE TABLE new_schema.t (LIKE old_schema.t) and INSERT ... SELECT, or ALTER TABLE APPEND',
      )
    }
    if (node.columnAlterations && node.columnAlterations.length > 1) {
      unsupported(
        'several changes in one ALTER TABLE',
        'one ALTER TABLE statement per column change',
      )
    }
    super.visitAlterTable(node)
  }

  protected override visitAlterColumn(node: AlterColumnNode): void {
    if (
      node.setDefault ||
      node.dropDefault ||
      node.setNotNull ||
      node.dropNotNull
    ) {
      unsupported(
        'ALTER COLUMN SET/DROP DEFAULT and SET/DROP NOT NULL',
        'a new column with the wanted definition, filled with UPDATE, then drop and rename',
      )
    }
    if (node.dataTypeExpression) {
      unsupported(
        'ALTER COLUMN ... TYPE ... USING',
        'ALTER COLUMN ... TYPE varchar(n) (only VARCHAR lengths can change), or a new column',
      )
    }
    super.visitAlterColumn(node)
  }

  protected override visitModifyColumn(_node: ModifyColumnNode): void {
    unsupported(
      'MODIFY COLUMN',
      'ALTER COLUMN ... TYPE varchar(n), or a new column',
    )
  }

  protected override visitDropConstraint(node: DropConstraintNode): void {
    if (node.ifExists) {
      unsupported(
        'DROP CONSTRAINT IF EXISTS',
        'look the constraint up in information_schema.table_constraints first',
      )
    }
    super.visitDropConstraint(node)
  }

  protected override visitRenameConstraint(_node: RenameConstraintNode): void {
    unsupported('RENAME CONSTRAINT', 'DROP CONSTRAINT then ADD CONSTRAINT')
  }

  protected override visitCreateView(node: CreateViewNode): void {
    if (node.temporary) {
      unsupported('temporary views', 'a temporary table, or a CTE')
    }
    if (node.ifNotExists) {
      unsupported('CREATE VIEW IF NOT EXISTS', '.orReplace()')
    }
    if (node.materialized && node.orReplace) {
      unsupported(
        'CREATE OR REPLACE MATERIALIZED VIEW',
        'DROP MATERIALIZED VIEW IF EXISTS, then CREATE MATERIALIZED VIEW',
      )
    }
    if (node.materialized && node.columns) {
      unsupported(
        'a column list on a materialized view',
        'aliases in the SELECT list',
      )
    }
    super.visitCreateView(node)
  }

  protected override visitRefreshMaterializedView(
    node: RefreshMaterializedViewNode,
  ): void {
    if (node.concurrently) {
      unsupported(
        'REFRESH MATERIALIZED VIEW CONCURRENTLY',
        'REFRESH MATERIALIZED VIEW (Redshift refreshes without blocking readers)',
      )
    }
    if (node.withNoData) {
      unsupported('REFRESH ... WITH NO DATA', 'REFRESH MATERIALIZED VIEW')
    }
    // Redshift's grammar has no WITH [NO] DATA suffix.
    this.append('refresh materialized view ')
    this.visitNode(node.name)
  }

  // -------------------------------------------------------------- escaping

  protected override sanitizeIdentifier(identifier: string): string {
    return escapeIdentifierBody(identifier)
  }

  protected override sanitizeStringLiteral(value: string): string {
    return escapeLiteralBody(value)
  }

  protected override appendImmediateValue(value: unknown): void {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      // `NaN` or `Infinity` unquoted would be read as a column name.
      throw new RangeError(`cannot inline the non-finite number ${value}`)
    }
    super.appendImmediateValue(value)
  }

  protected override appendValue(parameter: unknown): void {
    if (Array.isArray(parameter)) {
      unsupported(
        'array parameters (pg sends them as PostgreSQL arrays)',
        "an IN list (where('id', 'in', values)), or JSON text passed to JSON_PARSE($1) for SUPER",
      )
    }
    super.appendValue(parameter)
  }

  /**
   * Whether the query that owns a WITH clause is a statement of its own (not
   * a subquery): the root, or the query of CREATE VIEW / CREATE TABLE AS /
   * INSERT ... SELECT.
   */
  #isStatementLevel(owner: OperationNode | undefined): boolean {
    const stack = this.nodeStack
    // nodeStack ends with [..., owner, withNode].
    const ownerParent = stack[stack.length - 3]
    return (
      owner !== undefined &&
      (ownerParent === undefined ||
        CreateViewNode.is(ownerParent) ||
        CreateTableNode.is(ownerParent) ||
        InsertQueryNode.is(ownerParent))
    )
  }
}

function unsupported(feature: string, alternative: string): never {
  throw new RedshiftUnsupportedError({ feature, alternative })
}

function unsupportedJsonPath(): never {
  unsupported(
    'PostgreSQL/MySQL JSON operators and paths (->, ->>, ->$)',
    'SUPER navigation (sql`col.key`, sql`col[0]`) or JSON_EXTRACT_PATH_TEXT(col, key)',
  )
}

function unsupportedIndexes(): never {
  unsupported(
    'indexes',
    'SORTKEY and DISTKEY in CREATE TABLE (via .modifyEnd(sql`sortkey(col)`)), or ALTER TABLE ... ALTER SORTKEY',
  )
}

/** Throws for functions Redshift lacks; returns the lower-cased name. */
function checkFunction(func: string): string {
  const name = func.toLowerCase()
  const alternative = UNSUPPORTED_FUNCTIONS.get(name)
  if (alternative !== undefined) {
    unsupported(`the ${name.toUpperCase()}() function`, alternative)
  }
  return name
}

/** Column types written with `sql`, e.g. sql`integer[]` or sql`interval`. */
function checkRawDataType(node: RawNode): void {
  if (node.parameters.length > 0) {
    return
  }
  const text = node.sqlFragments.join('').trim().toLowerCase()
  if (text.endsWith(']')) {
    unsupported(
      'array column types',
      'SUPER (holds arrays; build with ARRAY(...) or JSON_PARSE), or a child table',
    )
  }
  const base = /^[a-z0-9_ ]+/.exec(text)?.[0].trim()
  if (base === undefined) {
    return
  }
  // INTERVAL YEAR TO MONTH / DAY TO SECOND exist; a bare INTERVAL does not.
  if (base.startsWith('interval') && base !== 'interval') {
    return
  }
  const alternative = UNSUPPORTED_TYPES.get(base)
  if (alternative !== undefined) {
    unsupported(`the ${base.toUpperCase()} data type`, alternative)
  }
}

/**
 * Redshift's MERGE is `WHEN MATCHED THEN {UPDATE | DELETE} WHEN NOT MATCHED
 * THEN INSERT`: exactly one clause of each kind, in that order, with no extra
 * conditions.
 */
function checkMergeClauses(node: MergeQueryNode): void {
  const whens = node.whens ?? []
  const kinds: ('matched' | 'not matched')[] = []
  for (const when of whens) {
    const condition = when.condition
    let matched: MatchedNode | undefined
    if (MatchedNode.is(condition)) {
      matched = condition
    } else if (AndNode.is(condition) && MatchedNode.is(condition.left)) {
      unsupported(
        'MERGE WHEN ... AND <condition>',
        'filter the staging table first; Redshift MERGE clauses take no extra condition',
      )
    }
    if (!matched) {
      unsupported(
        'MERGE WHEN clauses other than [NOT] MATCHED',
        'WHEN MATCHED / WHEN NOT MATCHED',
      )
    }
    if (matched.bySource) {
      unsupported(
        'MERGE ... WHEN NOT MATCHED BY SOURCE',
        'a separate DELETE ... WHERE NOT EXISTS (select from the source)',
      )
    }
    if (when.result && RawNode.is(when.result)) {
      const text = when.result.sqlFragments.join('').trim().toLowerCase()
      if (text === 'do nothing') {
        unsupported(
          'MERGE ... THEN DO NOTHING',
          'leave the clause out by filtering the source, or use a staging table',
        )
      }
    }
    if (matched.not && when.result && UpdateQueryNode.is(when.result)) {
      unsupported('UPDATE in WHEN NOT MATCHED', 'INSERT')
    }
    if (!matched.not && when.result && InsertQueryNode.is(when.result)) {
      unsupported('INSERT in WHEN MATCHED', 'UPDATE or DELETE')
    }
    kinds.push(matched.not ? 'not matched' : 'matched')
  }
  if (kinds.filter((k) => k === 'matched').length > 1) {
    unsupported(
      'more than one WHEN MATCHED clause',
      'one WHEN MATCHED clause; use CASE expressions in the SET list for different cases',
    )
  }
  if (kinds.filter((k) => k === 'not matched').length > 1) {
    unsupported(
      'more than one WHEN NOT MATCHED clause',
      'one WHEN NOT MATCHED clause; use CASE expressions in the VALUES list',
    )
  }
  if (kinds.length !== 2 || kinds[0] !== 'matched') {
    unsupported(
      'MERGE without exactly WHEN MATCHED followed by WHEN NOT MATCHED',
      'both clauses in that order (an UPDATE or DELETE, then an INSERT), or separate UPDATE/INSERT statements',
    )
  }
}

/** The key a selection gets in the result row, when it can be known. */
function outputName(selection: OperationNode): string | undefined {
  if (AliasNode.is(selection)) {
    return IdentifierNode.is(selection.alias) ? selection.alias.name : undefined
  }
  if (ReferenceNode.is(selection)) {
    return ColumnNode.is(selection.column)
      ? selection.column.column.name
      : undefined
  }
  if (ColumnNode.is(selection)) {
    return selection.column.name
  }
  return undefined
}

function checkTypeSize(dataType: string): void {
  const match = SIZED_TYPE.exec(dataType.toLowerCase())
  if (!match) {
    return
  }
  const [, type, size] = match
  const n = Number(size)
  if (type === 'varchar' && n > MAX_VARCHAR_BYTES) {
    unsupported(
      `VARCHAR longer than ${MAX_VARCHAR_BYTES} bytes (${dataType})`,
      'varchar(max), i.e. varchar(65535), or SUPER for larger documents',
    )
  }
  if (type === 'char' && n > MAX_CHAR_BYTES) {
    unsupported(
      `CHAR longer than ${MAX_CHAR_BYTES} bytes (${dataType})`,
      'varchar(n)',
    )
  }
  if ((type === 'decimal' || type === 'numeric') && n > MAX_DECIMAL_PRECISION) {
    unsupported(
      `DECIMAL precision above ${MAX_DECIMAL_PRECISION} (${dataType})`,
      `decimal(${MAX_DECIMAL_PRECISION}, s), or double precision`,
    )
  }
}

function sameTable(a: TableNode, b: TableNode): boolean {
  return (
    a.table.identifier.name === b.table.identifier.name &&
    a.table.schema?.name === b.table.schema?.name
  )
}
