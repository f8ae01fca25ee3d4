import {
  CreateTableNode,
  CreateViewNode,
  InsertQueryNode,
  PostgresQueryCompiler,
  SelectQueryNode,
  type AddIndexNode,
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
  type QueryId,
  type RawNode,
  type ReferencesNode,
  type RefreshMaterializedViewNode,
  type RenameConstraintNode,
  type ReturningNode,
  type RootOperationNode,
  type SelectModifierNode,
  type SelectionNode,
  type SetOperationNode,
  type TableNode,
  type TopNode,
  type UniqueConstraintNode,
  type UpdateQueryNode,
  type ValuesNode,
  type WithNode,
} from 'kysely'

import { escapeIdentifierBody, escapeLiteralBody } from '../sql/literal.js'
// For the {@link} in the class documentation.
import type { RedshiftUnsupportedError } from '../errors/index.js'
import { checkAggregateFunction } from './compiler/aggregate-function-checks.js'
import { checkDataType } from './compiler/column-type-checks.js'
import {
  checkDeferrable,
  checkDropConstraint,
  checkReferentialActions,
} from './compiler/constraint-checks.js'
import { checkMergeQuery } from './compiler/merge-checks.js'
import { checkResultColumnName } from './compiler/result-column-names.js'
import {
  checkExplain,
  checkJoin,
  checkSelectModifier,
  checkSelectQuery,
  checkSetOperation,
  checkTop,
} from './compiler/select-checks.js'
import {
  checkAlterColumn,
  checkAlterTable,
  checkColumnDefinition,
  checkCreateTable,
} from './compiler/table-checks.js'
import { refuse, unsupported } from './compiler/unsupported.js'
import {
  FETCH,
  INDEXES,
  JSON_PATHS,
  NULLS_NOT_DISTINCT,
  POSTGRES_HELPER_FRAGMENTS,
  RETURNING,
} from './compiler/unsupported-features.js'
import { checkFunction } from './compiler/unsupported-functions.js'
import { checkOperator } from './compiler/unsupported-operators.js'
import {
  checkImmediateValue,
  checkParameter,
  checkStatementSize,
} from './compiler/value-checks.js'
import {
  checkCreateView,
  checkRefreshMaterializedView,
} from './compiler/view-checks.js'
import {
  checkDeleteQuery,
  checkInsertQuery,
  checkUpdateQuery,
} from './compiler/write-query-checks.js'
import { claimQuerySettings } from './query-settings-plugin.js'

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
    checkStatementSize(compiled.sql)
    claimQuerySettings(compiled)
    return compiled
  }

  // ---------------------------------------------------------------- SELECT

  protected override visitSelectQuery(node: SelectQueryNode): void {
    checkSelectQuery(node)
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
      checkResultColumnName(node.selection)
    }
    super.visitSelection(node)
  }

  protected override visitSelectModifier(node: SelectModifierNode): void {
    checkSelectModifier(node)
    super.visitSelectModifier(node)
  }

  protected override visitJoin(node: JoinNode): void {
    checkJoin(node)
    super.visitJoin(node)
  }

  protected override visitFetch(_node: FetchNode): void {
    refuse(FETCH)
  }

  protected override visitTop(node: TopNode): void {
    checkTop(node, SelectQueryNode.is(this.parentNode!))
    // Redshift's grammar is `SELECT TOP number`, without parentheses.
    this.append(`top ${node.expression}`)
  }

  protected override visitSetOperation(node: SetOperationNode): void {
    checkSetOperation(node)
    super.visitSetOperation(node)
  }

  protected override visitExplain(node: ExplainNode): void {
    checkExplain(node)
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
    checkAggregateFunction(node)
    super.visitAggregateFunction(node)
  }

  protected override visitOperator(node: OperatorNode): void {
    checkOperator(node.operator)
    super.visitOperator(node)
  }

  protected override visitJSONReference(_node: JSONReferenceNode): void {
    refuse(JSON_PATHS)
  }

  protected override visitJSONPath(_node: JSONPathNode): void {
    refuse(JSON_PATHS)
  }

  protected override visitJSONPathLeg(_node: JSONPathLegNode): void {
    refuse(JSON_PATHS)
  }

  protected override visitJSONOperatorChain(
    _node: JSONOperatorChainNode,
  ): void {
    refuse(JSON_PATHS)
  }

  protected override visitRaw(node: RawNode): void {
    const first = node.sqlFragments[0]
    if (first !== undefined && first.length > 0) {
      for (const [prefix, problem] of POSTGRES_HELPER_FRAGMENTS) {
        if (first.startsWith(prefix)) {
          refuse(problem)
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
    checkInsertQuery(node)
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
    checkUpdateQuery(node)
    super.visitUpdateQuery(node)
  }

  protected override visitDeleteQuery(node: DeleteQueryNode): void {
    checkDeleteQuery(node)
    super.visitDeleteQuery(node)
  }

  protected override visitReturning(_node: ReturningNode): void {
    refuse(RETURNING)
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
    checkMergeQuery(node)
    super.visitMergeQuery(node)
  }

  // ------------------------------------------------------------------- DDL

  protected override visitCreateTable(node: CreateTableNode): void {
    checkCreateTable(node)
    super.visitCreateTable(node)
  }

  protected override visitColumnDefinition(node: ColumnDefinitionNode): void {
    checkColumnDefinition(node)
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
    checkDataType(node.dataType)
    super.visitDataType(node)
  }

  protected override visitCheckConstraint(_node: CheckConstraintNode): void {
    unsupported(
      'CHECK constraints',
      'validation in the application or the load pipeline',
    )
  }

  protected override visitReferences(node: ReferencesNode): void {
    checkReferentialActions(node, 'REFERENCES')
    super.visitReferences(node)
  }

  protected override visitForeignKeyConstraint(
    node: ForeignKeyConstraintNode,
  ): void {
    checkReferentialActions(node, 'FOREIGN KEY')
    super.visitForeignKeyConstraint(node)
  }

  protected override visitUniqueConstraint(node: UniqueConstraintNode): void {
    if (node.nullsNotDistinct) {
      refuse(NULLS_NOT_DISTINCT)
    }
    super.visitUniqueConstraint(node)
  }

  protected override buildDeferrable(node: {
    deferrable?: boolean
    initiallyDeferred?: boolean
  }): void {
    checkDeferrable(node)
  }

  protected override visitCreateIndex(_node: CreateIndexNode): void {
    refuse(INDEXES)
  }

  protected override visitDropIndex(_node: DropIndexNode): void {
    refuse(INDEXES)
  }

  protected override visitAddIndex(_node: AddIndexNode): void {
    refuse(INDEXES)
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
    checkAlterTable(node)
    super.visitAlterTable(node)
  }

  protected override visitAlterColumn(node: AlterColumnNode): void {
    checkAlterColumn(node)
    super.visitAlterColumn(node)
  }

  protected override visitModifyColumn(_node: ModifyColumnNode): void {
    unsupported(
      'MODIFY COLUMN',
      'ALTER COLUMN ... TYPE varchar(n), or a new column',
    )
  }

  protected override visitDropConstraint(node: DropConstraintNode): void {
    checkDropConstraint(node)
    super.visitDropConstraint(node)
  }

  protected override visitRenameConstraint(_node: RenameConstraintNode): void {
    unsupported('RENAME CONSTRAINT', 'DROP CONSTRAINT then ADD CONSTRAINT')
  }

  protected override visitCreateView(node: CreateViewNode): void {
    checkCreateView(node)
    super.visitCreateView(node)
  }

  protected override visitRefreshMaterializedView(
    node: RefreshMaterializedViewNode,
  ): void {
    checkRefreshMaterializedView(node)
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
    checkImmediateValue(value)
    super.appendImmediateValue(value)
  }

  protected override appendValue(parameter: unknown): void {
    checkParameter(parameter)
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
