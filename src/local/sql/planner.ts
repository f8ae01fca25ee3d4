import { parseSync } from 'libpg-query'

import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { rewriteCatalogTypeNames } from './catalog-type-names.js'
import { rewriteAllDatabaseViews } from './all-database-views.js'
import {
  SchemaAliases,
  schemaAliasChangeOf,
  type SchemaAliasChange,
} from './schema-aliases.js'
import { threePartNames } from './three-part-names.js'
import {
  addedColumns,
  createdColumns,
  withAddedColumns,
} from './created-columns.js'
import {
  FORWARDED_PARAMETERS,
  REDSHIFT_ONLY_PARAMETERS,
} from '../session/redshift-parameters.js'
import { foldQuotedIdentifiers } from './fold-identifiers.js'
import {
  significant,
  splitStatements,
  tokenize,
  wordOf,
  type Token,
} from './lexer.js'
import { escapeBackslashLiterals } from './backslash-literals.js'
import { rewriteCastTypes } from './cast-type-spellings.js'
import { rewriteMultibyteLike } from './like-multibyte.js'
import { splitNumericLiterals } from './numeric-literals.js'
import { rewritePosixClasses } from './posix-classes.js'
import { posixPatternError } from './posix-patterns.js'
import { bindPrefixOperators } from './prefix-operators.js'
import { correlatedSubqueryError } from './correlated-subqueries.js'
import { redshiftColumnNames } from './default-column-names.js'
import {
  LongNames,
  recordLongNamesSql,
  restoreErrorNames,
  shortenLongIdentifiers,
} from './long-identifiers.js'
import { passwordDisable } from './password-disable.js'
import { rewriteUserOptions } from './redshift-user-options.js'
import { roleOwnerSql } from './role-owner.js'
import { roleStatementIdentities } from './role-identities.js'
import { userChangeOf, userLoggedSql } from './user-log-statement.js'
import { checkedIdentitiesSql } from './grant-grammar.js'
import { rewriteProcedureBody } from './procedure-body.js'
import type { BodyStatementPlan } from './procedure-statements.js'
import { procedureDdl } from './procedure-signature.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'
import { constValue, nodeType, type PgNode } from './parse-tree.js'
import {
  namesExternalViews,
  noteExternalView,
  rewriteViewExternalReads,
  viewsNamed,
} from './spectrum/view-external-reads.js'
import { checkStatement, type StatementFacts } from './policy.js'
import {
  computeNodeViewsError,
  namedRelationKey,
  viewReadsNoTable,
} from './compute-node-views.js'
import { internalReference } from './internal-references.js'
import { truncateMvStateSql } from './mv-state.js'
import { serverlessViewError } from './serverless-views.js'
import { spectrumSettingSql } from './spectrum/spectrum-settings.js'
import {
  ExternalSchemaNames,
  readsRows,
  rewriteExternalReads,
} from './spectrum/external-reads.js'
import { rewriteNestedReads } from './spectrum/nested-reads.js'
import { setOperationColumnsSql } from './set-operation-columns.js'
import {
  RelationCollector,
  type ColumnSource,
  type RelationColumns,
} from './column-scopes.js'
import { newCancelKey, rewriteCancelBackend } from './cancel-backend-rewrite.js'
import {
  guardNondeterministicUpdate,
  nondeterministicUpdateSql,
} from './nondeterministic-update.js'
import { rewriteExplain } from './explain-rewrite.js'
import {
  attachedTable,
  MaskedTableNames,
  rewriteMaskedReads,
} from './masked-reads.js'
import { recognizeControl } from './recognize-control.js'
import { recognizeRedshift } from './recognize-redshift.js'
import { rewriteAggregates } from './rewrite-aggregates.js'
import { rewriteNumeric } from './rewrite-numeric.js'
import type { FunctionRewriteContext } from './rewrite-functions.js'
import { NO_REWRITES, type SqlRewrites } from './sql-rewrites.js'
import type { PlannedStatement, StatementPlan } from './statement-plan.js'
import { rewriteSuperLiterals } from './super-literals.js'
import { mayUseSuper, prepareSuper, rewriteSuper } from './super-rewrite.js'
import { isoOffsetZone, shownSettingSql } from './shown-settings.js'
import { renamedZone, unsupportedZone } from './time-zone-names.js'
import { setConfigCall, setConfigNames } from './set-config-call.js'
import { superSettingSql } from './super-settings.js'
import { analyzeThresholdSql } from './redshift-analyze.js'
import { randomSeedSql } from './random-seed.js'
import { leaderSliceNumbers } from './leader-slice-num.js'
import { timezoneInterval } from './timezone-interval.js'
import { rewriteRedshiftSyntax } from './syntax/rewrite-syntax.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'
import { expandExclude } from './select-exclude.js'
import {
  resetContextVariableSql,
  showContextVariableSql,
} from './context-variables.js'
import { storedLiteralError } from './stored-literals.js'
import { wholeRowReference } from './whole-row-names.js'
import { procedureExecuteDefaultSql } from './procedure-privileges.js'

/**
 * `source` with the columns a statement of the same message creates (CREATE
 * TABLE) or adds (ALTER TABLE ... ADD COLUMN) laid over it, for the
 * statements after it: all of a message is planned before any of it runs,
 * so the catalog cannot see them yet, and a string literal stored into a
 * SUPER column there must still be read as a VARCHAR.
 */
function messageColumns(source: ColumnSource, planned: object): ColumnSource {
  const s = planned as Partial<PlannedStatement>
  const change = s.createdColumns ?? s.addedColumns
  if (change === undefined) return source
  const layer = new Map<string, RelationColumns | undefined>()
  for (const key of change.keys) {
    layer.set(
      key,
      s.createdColumns !== undefined
        ? change.columns
        : withAddedColumns(source.columnsOf(key), change.columns),
    )
  }
  return {
    fold: source.fold,
    columnsOf: (key) =>
      layer.has(key) ? layer.get(key) : source.columnsOf(key),
  }
}

/** What PostgreSQL runs for statements the emulator answers itself. */
export const NOOP_STATEMENT = 'SET redshift_local.noop TO DEFAULT'

/** Marks the open transaction block as explicit, until it ends. */
const IN_BLOCK_SQL = "SET LOCAL redshift_local.in_block TO 'on'"

/** Parameters PostgreSQL reports that SHOW may read even though SET cannot change them. */
const SHOWABLE = new Set([
  'is_superuser',
  'server_encoding',
  'integer_datetimes',
  'standard_conforming_strings',
  'transaction_isolation',
  'transaction isolation level',
  'transaction_read_only',
  'default_transaction_isolation',
])

/** Redshift's limit on the size of one statement (16 MB). */
const MAX_STATEMENT_BYTES = 16 * 1024 * 1024

/** The schema a CREATE EXTERNAL SCHEMA creates, from the call it becomes. */
const CREATES_EXTERNAL_SCHEMA =
  /^CALL redshift_local\.create_external_schema\('((?:[^']|'')*)'/

const CREATES_SCHEMA_ALIAS =
  /^CALL redshift_local\.create_schema_alias\('((?:[^']|'')*)', (true|false), '((?:[^']|'')*)', '((?:[^']|'')*)'\)$/

/** The alias a recognised CREATE EXTERNAL SCHEMA ... FROM REDSHIFT creates. */
function createdSchemaAlias(
  text: string | undefined,
): SchemaAliasChange | undefined {
  const created = CREATES_SCHEMA_ALIAS.exec(text ?? '')
  if (created === null) return undefined
  const unquote = (s: string) => s.replace(/''/g, "'")
  return {
    kind: 'create',
    alias: unquote(created[1]!),
    ifNotExists: created[2] === 'true',
    target: { database: unquote(created[3]!), schema: unquote(created[4]!) },
  }
}

/** Longest text whose plan is cached. */
const MAX_CACHED_TEXT = 64 * 1024

/** The one word a SET_CONFIG call needs: any other statement skips its recogniser. */
const SET_CONFIG = /set_config/i

const CONTEXTUAL =
  /pg_last_(query_id|copy_id|copy_count|unload_count|unload_id)|current_setting/i

/** Options of {@link Planner}. */
export interface PlannerOptions {
  /** 'serializable' (Redshift's default) or 'snapshot' (REPEATABLE READ on PostgreSQL). */
  readonly isolation: 'serializable' | 'snapshot'
  readonly rewrites?: SqlRewrites
  /** Plans kept per case-folding mode before the cache is cleared (default 4096). */
  readonly cacheSize?: number
  /** Long identifiers met so far, shared with the sessions that restore them in answers. */
  readonly longNames?: LongNames
  /** Redshift Serverless: reading an STL, STV, SVL or SVCS view is refused. */
  readonly serverless?: boolean
  /** External schema names met so far, shared with what seeds them from each database. */
  readonly externalSchemas?: ExternalSchemaNames
  /** Names of tables masking policies were attached to, shared with what seeds them. */
  readonly maskedTables?: MaskedTableNames
  /** Alias schemas of other databases' schemas, shared with what seeds them. */
  readonly schemaAliases?: SchemaAliases
}

/**
 * Statements whose long names never name a new object: nothing to record.
 * Anything else (CREATE, ALTER, RENAME, COMMENT, GRANT, SELECT INTO ...) records them.
 */
const USES_NAMES_ONLY = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'ExplainStmt',
  'DeclareCursorStmt',
  'FetchStmt',
  'ClosePortalStmt',
  'CopyStmt',
  'DropStmt',
  'TruncateStmt',
  'LockStmt',
  'TransactionStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'PrepareStmt',
  'ExecuteStmt',
  'DeallocateStmt',
])

/**
 * Statements that give no relation a new name or other columns: the column
 * types the emulator keeps per database (DECIMAL typing) outlive them.
 * Anything else (DDL, CALL, DO, SELECT INTO ...) drops them.
 */
const KEEPS_COLUMNS = new Set([
  ...[...USES_NAMES_ONLY].filter((type) => type !== 'DropStmt'),
  'VacuumStmt',
  'GrantStmt',
  'GrantRoleStmt',
  'CommentStmt',
])

/**
 * Decides what happens to each Query / Parse text: forwarded as is,
 * rewritten, answered by the emulator, or refused. Every statement is
 * classified with PostgreSQL's own parser (libpg-query, loaded once by the
 * caller with `loadModule()`); Redshift-only syntax is recognised first at the
 * token level. Plans are cached by text, so a repeated statement costs one
 * map lookup.
 *
 * @example
 * ```ts
 * await loadModule()
 * const planner = new Planner({ isolation: 'serializable' })
 * planner.plan('insert into t values (1) returning id', true).reject?.code // '42601'
 * ```
 */
export class Planner {
  readonly #isolation: string
  readonly #rewrites: SqlRewrites
  readonly #cacheSize: number
  readonly #serverless: boolean
  /** Long identifiers met so far (their short names are a pure function of them). */
  readonly longNames: LongNames
  /** External schemas met so far: statements that name one read its tables' files. */
  readonly externalSchemas: ExternalSchemaNames
  /** Tables masking policies were attached to: statements that read one read it masked. */
  readonly maskedTables: MaskedTableNames
  /** Alias schemas (FROM REDSHIFT): statements that name one read another database. */
  readonly schemaAliases: SchemaAliases
  /** Proves a cancel signal is this emulator's own (see newCancelKey). */
  readonly cancelKey = newCancelKey()
  readonly #folding = new Map<string, StatementPlan>()
  readonly #sensitive = new Map<string, StatementPlan>()

  constructor(options: PlannerOptions) {
    this.#isolation =
      options.isolation === 'snapshot' ? 'REPEATABLE READ' : 'SERIALIZABLE'
    this.#rewrites = options.rewrites ?? NO_REWRITES
    this.#cacheSize = options.cacheSize ?? 4096
    this.#serverless = options.serverless === true
    this.longNames = options.longNames ?? new LongNames()
    this.externalSchemas = options.externalSchemas ?? new ExternalSchemaNames()
    // A cached plan may name a schema that has just become external.
    this.externalSchemas.onChange(() => {
      this.#folding.clear()
      this.#sensitive.clear()
    })
    this.schemaAliases = options.schemaAliases ?? new SchemaAliases()
    // ... or a schema that has just become another database's alias.
    this.schemaAliases.onChange(() => {
      this.#folding.clear()
      this.#sensitive.clear()
    })
    this.maskedTables = options.maskedTables ?? new MaskedTableNames()
    // ... or a table that has just had a masking policy attached.
    this.maskedTables.onChange(() => {
      this.#folding.clear()
      this.#sensitive.clear()
    })
  }

  /**
   * The plan for `text`. `fold` says whether quoted identifiers are folded to
   * lower case (`enable_case_sensitive_identifier` off). Without `columns`,
   * expressions over table columns keep PostgreSQL's types and the plan
   * lists the relations whose column types would type them
   * (`columnRelations`); with `columns` (their types in one database) the
   * plan types them and is not cached here.
   */
  plan(text: string, fold: boolean, columns?: ColumnSource): StatementPlan {
    if (columns !== undefined) return this.#plan(text, fold, columns)
    const cache = fold ? this.#folding : this.#sensitive
    let plan = cache.get(text)
    if (plan === undefined) {
      plan = this.#plan(text, fold)
      // Large texts (bulk INSERTs) rarely repeat; keeping them would only hold memory.
      if (text.length <= MAX_CACHED_TEXT) {
        if (cache.size >= this.#cacheSize) cache.clear()
        cache.set(text, plan)
      }
    }
    return plan
  }

  /** Text of a contextual statement for one run (PG_LAST_QUERY_ID() and friends). */
  renderContextual(
    statement: PlannedStatement,
    context: FunctionRewriteContext,
    fold: boolean,
  ): string {
    const text = this.#rewrites.rewriteFunctions(statement.text, context)
    return fold ? (foldQuotedIdentifiers(text, tokenize(text)) ?? text) : text
  }

  #plan(
    clientText: string,
    fold: boolean,
    columns?: ColumnSource,
  ): StatementPlan {
    const size = Buffer.byteLength(clientText)
    if (size > MAX_STATEMENT_BYTES) {
      return {
        reject: reject.other(
          '54000',
          `Statement is too large. Statement Size: ${size} bytes. Maximum Allowed: ${MAX_STATEMENT_BYTES} bytes`,
        ),
        statements: [passStatement(clientText.slice(0, 4000))],
        unchanged: false,
        text: '',
        usesWlm: false,
        readsSystemView: false,
        dynamic: false,
      }
    }
    // Redshift's backslash escapes in '...' literals, made explicit for PostgreSQL.
    const text = escapeBackslashLiterals(clientText) ?? clientText
    const tokens = tokenize(text)
    const ranges = splitStatements(text, tokens)
    const statements: PlannedStatement[] = []
    let error: ErrorFields | undefined
    /** Relations whose columns a refused statement needs to be planned again (SELECT * EXCLUDE). */
    const needed: string[] = []
    let unparsable = false
    /** Columns earlier statements of the message create or add (the catalog cannot see them yet). */
    let source = columns
    for (const range of ranges) {
      const segment = text.slice(range.start, range.end)
      const offsetTokens = range.tokens.map((t) => ({
        kind: t.kind,
        start: t.start - range.start,
        end: t.end - range.start,
      }))
      const result = this.#planStatement(segment, offsetTokens, fold, source)
      if (source !== undefined && typeof result === 'object')
        source = messageColumns(source, result)
      if (result === 'unparsable') unparsable = true
      else if ('needs' in result) {
        error ??= result.error
        needed.push(...result.needs)
      } else if ('code' in result)
        error ??= restoreErrorNames(result, this.longNames)
      else statements.push(result)
    }
    if (unparsable || ranges.length === 0) {
      // PostgreSQL reports its own syntax error (or the empty query) for the whole text.
      return passThrough(
        text,
        clientText,
        ranges.length === 0 ? [] : [passStatement(clientText.trim())],
      )
    }
    if (error) {
      return {
        reject: error,
        statements: [passStatement(clientText.trim())],
        unchanged: false,
        text,
        usesWlm: false,
        readsSystemView: false,
        dynamic: false,
        ...(needed.length > 0 ? { columnRelations: needed } : {}),
      }
    }
    // PostgreSQL runs a query of several statements as one transaction,
    // which VACUUM cannot run inside.
    if (
      statements.length > 1 &&
      statements.some((s) => s.action?.kind === 'vacuum')
    ) {
      return {
        reject: reject.notInTransaction('VACUUM'),
        statements: [passStatement(clientText.trim())],
        unchanged: false,
        text: '',
        usesWlm: false,
        readsSystemView: false,
        dynamic: false,
      }
    }
    const bulk = statements.find(
      (s) => s.action?.kind === 'copy' || s.action?.kind === 'unload',
    )
    if (bulk !== undefined) return bulkPlan(bulk, statements, clientText)
    if (statements.length === 1 && ranges.length === 1) {
      // Log the statement as the client wrote it, a closing `;` included:
      // r_STL_QUERY.html's example lists `select query, trim(querytxt) from
      // stl_query order by query;` with its semicolon.
      statements[0] = { ...statements[0]!, original: clientText.trim() }
    }
    const relations = new Set<string>()
    for (const s of statements) {
      for (const key of s.columnRelations ?? []) relations.add(key)
    }
    const unchanged =
      text === clientText &&
      statements.every(
        (s, i) =>
          s.text === text.slice(ranges[i]!.start, ranges[i]!.end) &&
          isStatic(s),
      )
    return {
      statements,
      unchanged,
      text: unchanged ? text : statements.map((s) => s.text).join(';\n'),
      usesWlm: statements.some((s) => s.usesWlm),
      readsSystemView: statements.some((s) => s.readsSystemView),
      dynamic: statements.some((s) => !isStatic(s)),
      ...(relations.size > 0 ? { columnRelations: [...relations] } : {}),
    }
  }

  #planStatement(
    clientSegment: string,
    clientTokens: readonly Token[],
    fold: boolean,
    columns: ColumnSource | undefined,
  ):
    | PlannedStatement
    | ErrorFields
    | { readonly error: ErrorFields; readonly needs: readonly string[] }
    | 'unparsable' {
    const original = clientSegment.trim()
    // The emulator's own schema is out of every client's reach.
    const internal = internalReference(clientSegment, clientTokens)
    if (internal !== null) return internal
    // Identifiers over PostgreSQL's 63 bytes become their short names before
    // anything reads the statement, so every later step (policy, DDL
    // attributes, rewrites) sees the names PostgreSQL will hold.
    const shortened = shortenLongIdentifiers(
      clientSegment,
      clientTokens,
      fold,
      this.longNames,
    )
    let segment = shortened?.text ?? clientSegment
    let tokens = shortened === null ? clientTokens : tokenize(segment)
    // PASSWORD DISABLE is PostgreSQL's PASSWORD NULL.
    let words = significant(tokens)
    const disabled = passwordDisable(segment, words)
    if (disabled !== null) {
      segment = disabled
      tokens = tokenize(segment)
      words = significant(tokens)
    }
    // SET timezone INTERVAL '...' (one word, no TO) is PostgreSQL's SET TIME ZONE.
    const interval = timezoneInterval(segment, words)
    if (interval !== null) {
      segment = interval
      tokens = tokenize(segment)
      words = significant(tokens)
    }
    // CREATEUSER, CONNECTION LIMIT UNLIMITED, SESSION TIMEOUT ... in PostgreSQL's words.
    const userOptions = rewriteUserOptions(segment, words)
    if (userOptions !== null) {
      if ('error' in userOptions) return userOptions.error
      segment = userOptions.text
      tokens = tokenize(segment)
    }
    const userSettings =
      userOptions !== null && 'after' in userOptions
        ? userOptions.after
        : undefined
    const control = recognizeControl(segment, tokens)
    if (control instanceof Error) {
      return reject.other(
        '42601',
        `invalid emulator control statement: ${control.message}`,
      )
    }
    if (control !== null) {
      return {
        ...base(original, NOOP_STATEMENT),
        tag: 'FAULT',
        action: { kind: 'fault', command: control },
      }
    }
    if (SET_CONFIG.test(segment)) {
      const config = setConfigPlan(original, segment)
      if (config !== null) return config
    }
    let meaningful = significant(tokens)
    const recognized = recognizeRedshift(
      segment,
      meaningful,
      fold,
      this.externalSchemas,
    )
    if (recognized?.kind === 'reject') return recognized.error
    if (recognized) {
      const created = CREATES_EXTERNAL_SCHEMA.exec(recognized.text ?? '')
      if (created !== null)
        this.externalSchemas.add(created[1]!.replace(/''/g, "'"))
      const alias = createdSchemaAlias(recognized.text)
      return {
        ...(alias !== undefined ? { schemaAlias: alias } : {}),
        ...base(original, recognized.action ? NOOP_STATEMENT : recognized.text),
        usesWlm: recognized.usesWlm,
        ...(recognized.tag !== undefined ? { tag: recognized.tag } : {}),
        ...(recognized.action ? { action: recognized.action } : {}),
        ...(recognized.notInBlock ? { notInBlock: recognized.notInBlock } : {}),
        // Redshift-only DDL (external schemas and tables) may name relations.
        ...(recognized.action ? {} : { changesColumns: true }),
        // The long names a CREATE EXTERNAL SCHEMA / TABLE gives, as any CREATE's.
        ...(shortened !== null &&
        !recognized.action &&
        recognized.tag?.startsWith('CREATE') === true
          ? { after: [recordLongNamesSql(shortened.names)] }
          : {}),
      }
    }
    // SELECT * EXCLUDE: the columns written out, from the catalog.
    const exclude = expandExclude(segment, fold, columns)
    if (exclude !== null) {
      if ('relations' in exclude) {
        // PIVOT over a table asks for its columns in the same lookup.
        const more = rewriteRedshiftSyntax(segment, fold, columns)
        const needs = more !== null && 'needs' in more ? (more.needs ?? []) : []
        return { error: exclude.error, needs: [...exclude.relations, ...needs] }
      }
      if ('error' in exclude) return exclude.error
      segment = exclude.text
      tokens = tokenize(segment)
      meaningful = significant(tokens)
    }
    // Redshift query syntax PostgreSQL lacks (QUALIFY, PIVOT, CONNECT BY ...),
    // in PostgreSQL form before anything parses or checks the statement.
    const syntax = rewriteRedshiftSyntax(segment, fold, columns)
    let syntaxRelations: readonly string[] = []
    let rewroteSyntax = false
    if (syntax !== null) {
      if ('needs' in syntax && syntax.needs !== undefined)
        return { error: syntax.error, needs: syntax.needs }
      if ('error' in syntax) return syntax.error
      syntaxRelations = syntax.relations ?? []
    }
    if (syntax !== null && syntax.text !== segment) {
      rewroteSyntax = true
      segment = syntax.text
      tokens = tokenize(segment)
      meaningful = significant(tokens)
    }

    // Redshift's spellings of cast types: VARCHAR(MAX), NVARCHAR, VARBYTE(n) ...,
    // POSIX classes in patterns read as ASCII, LIKE's multibyte letters
    // matched in either case, and numerals read as
    // PostgreSQL 8.0 reads them (`0x1F` is 0 named x1f).
    // |/, ||/ and @ bind as Redshift orders them.
    const prefixed = bindPrefixOperators(segment)
    if (prefixed !== null) {
      segment = prefixed
      tokens = tokenize(segment)
      meaningful = significant(tokens)
    }
    const castTypes = rewriteCastTypes(segment)
    // POSIX patterns with groups Redshift's POSIX matching does not have.
    const badPattern = posixPatternError(segment)
    if (badPattern !== undefined) return badPattern
    const patterns = rewritePosixClasses(castTypes ?? segment)
    const likes = rewriteMultibyteLike(patterns ?? castTypes ?? segment)
    const numerals = splitNumericLiterals(
      likes ?? patterns ?? castTypes ?? segment,
    )
    if (
      castTypes !== null ||
      patterns !== null ||
      likes !== null ||
      numerals !== null
    ) {
      segment = numerals ?? likes ?? patterns ?? castTypes ?? segment
      tokens = tokenize(segment)
      meaningful = significant(tokens)
    }

    // Spectrum's nested data: paths into structs and ranges over arrays of
    // external tables, in PostgreSQL's composite and array syntax.
    let ownLateral = false
    if (this.externalSchemas.mayName(segment)) {
      const nested = rewriteNestedReads(segment, this.externalSchemas, fold)
      if (nested !== null && 'code' in nested) return nested
      if (nested !== null) {
        segment = nested.text
        ownLateral = nested.lateral
        tokens = tokenize(segment)
        meaningful = significant(tokens)
      }
    }

    // PartiQL over SUPER: words PostgreSQL cannot parse are blanked first
    // (offsets kept), then navigation and unnesting are rewritten from the tree.
    const partiql = mayUseSuper(segment, meaningful)
    const prepared = partiql ? prepareSuper(segment) : null
    if (prepared !== null && 'code' in prepared) return prepared
    const parseText = prepared?.text ?? segment

    // The client's text is checked as written whenever PostgreSQL's grammar
    // can read it; Redshift DDL and function syntax are translated after.
    let clientTree = parseOne(parseText)
    let facts: StatementFacts | undefined
    if (clientTree !== undefined) {
      const checked = checkStatement(clientTree, {
        translated: false,
        text: parseText,
        ...(rewroteSyntax ? { rewrittenSyntax: true } : {}),
        ...(ownLateral ? { ownLateral: true } : {}),
        ...(columns !== undefined
          ? { readsNoTable: (r) => viewReadsNoTable(r, columns) }
          : {}),
      })
      if ('error' in checked) {
        // Planned again once the catalog says what the views read.
        const reads = checked.leaderNodeReads
        if (reads !== undefined && columns === undefined)
          return {
            error: checked.error,
            needs: reads.map((r) => namedRelationKey(r, fold)),
          }
        return checked.error
      }
      facts = checked.facts
      // FETCH FIRST parses to the same tree as LIMIT; only the tokens tell them apart.
      if (facts.type !== 'FetchStmt' && hasFetchFirst(segment, meaningful)) {
        return reject.syntax('FETCH', 'use LIMIT n')
      }
    }
    const superText =
      partiql && clientTree !== undefined
        ? rewriteSuper(parseText, clientTree, prepared, !fold)
        : null
    if (superText !== null && typeof superText !== 'string') return superText
    // SUPER's type as Redshift's catalog shows it (OID 4000, `super`).
    const clientSql =
      rewriteCatalogTypeNames(superText ?? segment) ?? superText ?? segment
    // Folded first, so that the Redshift attributes it records (keyed by
    // relation and column name) name what PostgreSQL will hold.
    const attached = attachedTable(segment, fold)
    if (attached !== null) this.maskedTables.add(attached)
    const ddl = this.#rewrites.rewriteDdl(
      fold
        ? (foldQuotedIdentifiers(clientSql, tokenize(clientSql)) ?? clientSql)
        : clientSql,
      segment,
      (name, query) => {
        const names = this.externalSchemas
        const rewritten = rewriteViewExternalReads(query, names)
        if (typeof rewritten !== 'string') return rewritten
        if (rewritten !== query || namesExternalViews(query, names))
          names.addView(name)
        // A late-binding view's query masks for the user who reads it.
        const masked = rewriteMaskedReads(rewritten, this.maskedTables)
        if (masked !== null && 'code' in masked) return masked
        return masked?.text ?? rewritten
      },
    )
    if (ddl !== null && 'error' in ddl) return ddl.error
    if (ddl?.policyText !== undefined) {
      const carried = parseOne(ddl.policyText)
      const checked =
        carried === undefined
          ? undefined
          : checkStatement(carried, { translated: false })
      if (checked !== undefined && 'error' in checked) return checked.error
    }
    const contextual = CONTEXTUAL.test(segment)
    const source = ddl?.sql ?? clientSql
    const translated = contextual
      ? source
      : this.#rewrites.rewriteFunctions(source, { lastQueryId: null })
    let tree = clientTree
    if (translated !== segment || tree === undefined) {
      const rendered = contextual
        ? this.#rewrites.rewriteFunctions(source, { lastQueryId: 0 })
        : translated
      tree = parseOne(rendered)
      if (tree === undefined)
        return numerals !== null ? syntaxError(rendered) : 'unparsable'
      // Redshift DDL was checked by its rewrite; anything else the client
      // wrote in Redshift syntax is checked in its PostgreSQL form.
      const checked = checkStatement(tree, {
        translated: ddl !== null || clientTree !== undefined,
        ...(ownLateral ? { ownLateral: true } : {}),
      })
      if ('error' in checked) return checked.error
      // Unnested paths read as tables in the client's tree; the rewrite's facts are right.
      // A SHOW the DDL rewrite answers (SHOW DATASHARES) also parses as
      // PostgreSQL's SHOW of a parameter: the rewrite's query is what runs.
      const rewrittenShow = ddl !== null && facts?.type === 'VariableShowStmt'
      facts =
        superText !== null || rewrittenShow
          ? checked.facts
          : (facts ?? checked.facts)
      clientTree ??= tree
    }
    if (facts === undefined) return 'unparsable'
    if (this.#serverless && facts.provisionedOnlyView !== undefined)
      return serverlessViewError(facts.provisionedOnlyView)

    const classified = this.#classify(
      original,
      translated,
      tree,
      facts,
      fold,
      clientTree,
    )
    if ('code' in classified) return classified
    const planned =
      facts.type === 'LockStmt'
        ? lockPlan(classified, tree, fold)
        : {
            ...classified,
            ...writtenTable(facts.type, nodeType(tree)?.[1] ?? {}, fold),
          }
    let finalText = planned.text
    // A text too large to cache (a bulk INSERT) would be typed again each run.
    const collector =
      columns === undefined && clientSegment.length <= MAX_CACHED_TEXT
        ? new RelationCollector(fold)
        : undefined
    const wholeRow = wholeRowReference(clientTree, columns ?? collector)
    if (wholeRow !== undefined) return wholeRow
    // Bare outer column names need the catalog: judged again with it.
    const lookup = columns ?? collector
    const computeNode = computeNodeViewsError(facts, lookup)
    if (computeNode !== undefined) return computeNode
    if (lookup !== undefined && SUBQUERY.test(segment)) {
      const correlated = correlatedSubqueryError(clientTree, lookup)
      if (correlated !== undefined) return correlated
    }
    const stored = storedLiteralError(
      segment,
      clientTree,
      facts.type,
      columns ?? collector,
    )
    if (stored !== undefined) return stored
    if (!planned.action) {
      const numeric = rewriteNumeric(
        finalText,
        facts.type,
        columns ?? collector,
      )
      if (numeric !== null && typeof numeric !== 'string') return numeric
      finalText = numeric ?? finalText
      const literals = rewriteSuperLiterals(
        finalText,
        facts.type,
        columns ?? collector,
      )
      if (literals !== null && typeof literals !== 'string') return literals
      finalText = literals ?? finalText
      finalText = rewriteAggregates(finalText, facts.type) ?? finalText
      // A query of no table runs on the leader node.
      if (
        facts.type === 'SelectStmt' &&
        facts.userTables.length === 0 &&
        !facts.readsSystemView
      )
        finalText = leaderSliceNumbers(finalText) ?? finalText
      if (facts.type === 'UpdateStmt')
        finalText = guardNondeterministicUpdate(finalText) ?? finalText
    }
    if (fold && !planned.action) {
      finalText =
        foldQuotedIdentifiers(finalText, tokenize(finalText)) ?? finalText
    }
    let tag = planned.tag
    // EXPLAIN's query travels as a literal: its external tables are
    // rewritten (and read, for PostgreSQL to plan the query) first.
    const external = planned.action
      ? null
      : rewriteExternalReads(
          finalText,
          facts.type,
          tree,
          this.externalSchemas,
          fold,
        )
    if (external !== null && 'code' in external) return external
    // The rows of an external table are read for the statement that runs,
    // into tables PostgreSQL will not let a materialized view keep reading
    // (materialized-view-create-sql-command.html shows one over Spectrum).
    if (
      external !== null &&
      facts.type === 'CreateTableAsStmt' &&
      nodeType(tree)?.[1]?.['objtype'] === 'OBJECT_MATVIEW'
    )
      return emulatorLimit(
        'A materialized view over an external table',
        'create a local table of its rows (CREATE TABLE ... AS SELECT) and the materialized view over that',
      )
    if (external !== null) finalText = external.text
    const allDatabases = planned.action
      ? null
      : rewriteAllDatabaseViews(
          finalText,
          facts.type,
          tree,
          fold,
          this.schemaAliases.size > 0,
        )
    if (allDatabases !== null && 'code' in allDatabases) return allDatabases
    if (allDatabases !== null) finalText = allDatabases.text
    const threeParts = planned.action
      ? null
      : threePartNames(finalText, facts.type, tree, fold, this.schemaAliases)
    const aliasChange =
      this.schemaAliases.size === 0 || planned.action
        ? undefined
        : schemaAliasChangeOf(tree, (n) => this.schemaAliases.mayBe(n), fold)
    if (!planned.action) {
      // Reads of tables with masking policies, after every other rewrite.
      const masked = rewriteMaskedReads(finalText, this.maskedTables)
      if (masked !== null && 'code' in masked) return masked
      if (masked !== null) finalText = masked.text
    }
    let explained: { text: string; verbose: boolean } | undefined
    if (facts.type === 'ExplainStmt') {
      // Redshift's plan text, from PostgreSQL's plan of the final text
      // (EXPLAIN VERBOSE: PostgreSQL's own, checked for row-level security).
      const options = nodeType(tree)?.[1]?.['options']
      const verbose = Array.isArray(options) && options.length > 0
      const explain = rewriteExplain(finalText, verbose)
      if ('code' in explain) return explain
      // Another database's names are rewritten by the session, which knows
      // the database it is connected to, in the query before it is wrapped.
      if (threeParts !== null) explained = { text: finalText, verbose }
      finalText = explain.text
      tag = 'EXPLAIN'
    }
    finalText = rewriteCancelBackend(finalText, this.cancelKey) ?? finalText
    // Users, groups and roles are apart on Redshift: the names are checked first.
    const roleNames = planned.action
      ? null
      : roleStatementIdentities(tree, original, fold)
    if (roleNames !== null && roleNames.identities.length > 0) {
      finalText = checkedIdentitiesSql(roleNames.identities, finalText)
      tag = roleNames.tag
    }
    // STL_USERLOG's row of each user the statement creates, alters or drops.
    const userChange = planned.action
      ? null
      : userChangeOf(tree, original, fold)
    if (userChange !== null) {
      finalText = userLoggedSql(userChange, finalText)
      tag = userChange.tag
    }
    // A long name is recorded in the statement's transaction, which CREATE,
    // ALTER and DROP DATABASE cannot run in; the database's own catalog,
    // where it would be kept, is another database's.
    if (shortened !== null && namesDatabase(facts.type, tree))
      return reject.unsupported(
        'a name longer than 63 bytes in CREATE, ALTER or DROP DATABASE in the local emulator',
        'an emulator limit: Redshift takes names of up to 127 bytes',
      )
    const after: string[] = []
    if (
      shortened !== null &&
      !planned.action &&
      namesObjects(facts.type, tree)
    ) {
      // Same session and transaction as the DDL: a rollback forgets both.
      after.push(recordLongNamesSql(shortened.names))
    }
    if (ddl?.after !== undefined) after.push(ddl.after)
    if (userSettings !== undefined) after.push(...userSettings)
    const roleOwner =
      facts.type === 'CreateRoleStmt' ? roleOwnerSql(tree, fold) : null
    if (roleOwner !== null) after.push(roleOwner)
    const executeDefault =
      facts.type === 'CreateFunctionStmt' && !planned.action
        ? procedureExecuteDefaultSql(nodeType(tree)?.[1] ?? {}, fold)
        : null
    if (executeDefault !== null) after.push(executeDefault)
    // The materialized views over a truncated table are to be recomputed.
    const mvState =
      facts.type === 'TruncateStmt'
        ? truncateMvStateSql(nodeType(tree)?.[1] ?? {}, fold)
        : null
    if (mvState !== null) after.push(mvState)
    const analyzed =
      facts.type === 'CreateTableAsStmt' && !planned.action
        ? ctasAnalyzeSql(nodeType(tree)?.[1] ?? {})
        : null
    if (analyzed !== null) after.push(analyzed)
    const setColumns = planned.action
      ? null
      : setOperationColumnsSql(finalText, facts.type)
    if (setColumns !== null) after.push(setColumns)
    const columnNames =
      ddl?.columnNames ?? redshiftColumnNames(segment, clientTree)
    const created =
      facts.type === 'CreateStmt' && !planned.action
        ? createdColumns(finalText, fold)
        : undefined
    const added =
      facts.type === 'AlterTableStmt' && !planned.action
        ? addedColumns(finalText, fold)
        : undefined
    const views =
      planned.action || !readsRows(facts.type)
        ? []
        : viewsNamed(tree, this.externalSchemas, fold)
    if (facts.type === 'ViewStmt' && !planned.action)
      noteExternalView(tree, this.externalSchemas, fold)
    return {
      ...planned,
      ...(external !== null ? { externalReads: external.reads } : {}),
      ...(views.length > 0 ? { externalViews: views } : {}),
      ...(allDatabases !== null
        ? { allDatabaseViews: allDatabases.views }
        : {}),
      ...(threeParts !== null ? { threePartNames: threeParts } : {}),
      ...(explained !== undefined ? { explained } : {}),
      ...(aliasChange !== undefined ? { schemaAlias: aliasChange } : {}),
      ...(userChange?.action === 'drop'
        ? { dropsUsers: userChange.names }
        : {}),
      ...(created !== undefined ? { createdColumns: created } : {}),
      ...(added !== undefined ? { addedColumns: added } : {}),
      ...(changesColumns(facts.type, tree) ? { changesColumns: true } : {}),
      ...((collector !== undefined && collector.asked.size > 0) ||
      syntaxRelations.length > 0
        ? {
            columnRelations: [
              ...new Set([...(collector?.asked ?? []), ...syntaxRelations]),
            ],
          }
        : {}),
      text: finalText,
      contextual,
      ...(tag !== undefined ? { tag } : {}),
      ...(after.length > 0 ? { after } : {}),
      ...(ddl?.tag !== undefined ? { tag: ddl.tag } : {}),
      ...(columnNames !== undefined ? { columnNames } : {}),
    }
  }

  #classify(
    original: string,
    text: string,
    tree: unknown,
    facts: StatementFacts,
    fold: boolean,
    clientTree?: unknown,
  ): PlannedStatement | ErrorFields {
    const top = nodeType(tree)
    const node = top?.[1] ?? {}
    const wlm =
      !facts.readsSystemView &&
      ((facts.type === 'SelectStmt' && facts.userTables.length > 0) ||
        facts.type === 'InsertStmt' ||
        facts.type === 'UpdateStmt' ||
        facts.type === 'DeleteStmt' ||
        facts.type === 'MergeStmt' ||
        facts.type === 'CreateTableAsStmt' ||
        facts.type === 'CopyStmt')
    const planned: PlannedStatement = {
      ...base(original, text),
      statementType: facts.type,
      usesWlm: wlm,
      readsSystemView: facts.readsSystemView,
      ...(facts.userTables[0] !== undefined
        ? { table: facts.userTables[0], userTables: facts.userTables }
        : {}),
      ...createdTable(facts.type, node),
    }
    switch (facts.type) {
      case 'VariableSetStmt':
        return this.#set(planned, node)
      case 'VariableShowStmt':
        return show(planned, node)
      case 'TransactionStmt':
        return this.#transaction(planned, node)
      case 'TruncateStmt':
        return { ...planned, commitsFirst: true }
      case 'DeclareCursorStmt':
        return { ...planned, afterInBlock: [ONE_CURSOR] }
      case 'CreateFunctionStmt': {
        const guarded = rewriteProcedureBody(planned.text, node, (sql) =>
          this.#bodyStatement(sql, fold),
        )
        if (guarded !== null && typeof guarded !== 'string') return guarded
        return guarded === null ? planned : { ...planned, text: guarded }
      }
      case 'CreatedbStmt':
        return {
          ...planned,
          notInBlock: reject.notInTransaction('CREATE DATABASE'),
        }
      case 'DropdbStmt':
        return {
          ...planned,
          notInBlock: reject.notInTransaction('DROP DATABASE'),
          dropsDatabase: String(node['dbname'] ?? ''),
        }
      case 'DropStmt':
      case 'RenameStmt':
      case 'AlterOwnerStmt': {
        const ddl = procedureDdl(facts.type, node)
        return ddl === null ? planned : { ...planned, ...ddl }
      }
      case 'AlterTableStmt': {
        // The client's statement: a rewrite may run it from a CALL.
        const written = nodeType(clientTree)?.[1] ?? node
        const cmds = Array.isArray(written['cmds']) ? written['cmds'] : []
        const altersColumn = cmds.some(
          (c) =>
            (c as { AlterTableCmd?: PgNode }).AlterTableCmd?.['subtype'] ===
            'AT_AlterColumnType',
        )
        return altersColumn
          ? {
              ...planned,
              notInBlock: reject.notInTransaction('ALTER TABLE ALTER COLUMN'),
            }
          : planned
      }
      default:
        return planned
    }
  }

  /**
   * One SQL statement of a procedure body planned as a client's (see
   * `rewriteBodyStatements`): kept as written when its plan needs the
   * session (an action, a per-run text, files read before it runs), and
   * refused as an emulator limit when it needs table columns the catalog
   * holds now but may not hold when it runs (SELECT * EXCLUDE, PIVOT).
   */
  #bodyStatement(sql: string, fold: boolean): BodyStatementPlan {
    const plan = this.#plan(sql, fold)
    if (plan.reject !== undefined)
      return {
        error:
          plan.columnRelations === undefined
            ? plan.reject
            : emulatorLimit(
                'a statement of a stored procedure that reads the columns of a table (SELECT * EXCLUDE, PIVOT)',
                'the columns are known only when it runs',
              ),
      }
    const statement = plan.statements[0]
    if (
      plan.unchanged ||
      plan.statements.length !== 1 ||
      statement === undefined
    )
      return null
    const session =
      statement.action !== undefined ||
      statement.transaction !== undefined ||
      statement.contextual ||
      // A body's TRUNCATE commits where it runs (see guardTruncates).
      (statement.commitsFirst && statement.statementType !== 'TruncateStmt') ||
      statement.notInBlock !== undefined ||
      statement.outsideBlockText !== undefined ||
      statement.afterInBlock !== undefined ||
      statement.externalReads !== undefined ||
      statement.externalViews !== undefined ||
      statement.allDatabaseViews !== undefined
    return session
      ? null
      : { text: statement.text, after: statement.after ?? [] }
  }

  #set(
    planned: PlannedStatement,
    node: PgNode,
  ): PlannedStatement | ErrorFields {
    const kind = node['kind']
    if (kind === 'VAR_RESET_ALL') {
      return { ...planned, tag: 'RESET', action: { kind: 'reset-all' } }
    }
    const name = String(node['name'] ?? '').toLowerCase()
    if (kind === 'VAR_SET_MULTI') {
      // SET TRANSACTION / SET SESSION CHARACTERISTICS: any level is SERIALIZABLE on Redshift.
      const readOnly = transactionReadOnly(node['args'])
      const head =
        name === 'transaction'
          ? 'SET TRANSACTION'
          : 'SET SESSION CHARACTERISTICS AS TRANSACTION'
      return {
        ...planned,
        text: `${head} ISOLATION LEVEL ${this.#isolation}${readOnly === undefined ? '' : readOnly ? ' READ ONLY' : ' READ WRITE'}`,
      }
    }
    if (name.includes('.')) return contextVariable(planned, node, name)
    if (name === 'session_authorization') {
      // PostgreSQL's DEFAULT is the emulator's own (superuser) login, and
      // any user of the emulator could become any other: the session runs it
      // with the client's login (https://docs.aws.amazon.com/redshift/latest/dg/r_SET_SESSION_AUTHORIZATION.html).
      const args = Array.isArray(node['args']) ? node['args'] : []
      const user =
        kind === 'VAR_SET_VALUE' && args.length === 1
          ? constValue(args[0])
          : undefined
      return {
        ...planned,
        text: NOOP_STATEMENT,
        tag: kind === 'VAR_RESET' ? 'RESET' : 'SET',
        action: {
          kind: 'authorization',
          user,
          local: node['is_local'] === true,
        },
      }
    }
    const parameter = REDSHIFT_ONLY_PARAMETERS.get(name)
    if (parameter) {
      let value: string | undefined
      if (kind === 'VAR_SET_VALUE') {
        const args = Array.isArray(node['args']) ? node['args'] : []
        const raw = args.length === 1 ? constValue(args[0]) : undefined
        value = raw === undefined ? undefined : parameter.normalize(raw)
        if (value === undefined) {
          return reject.invalidParameterValue(
            name,
            args.map(constValue).join(', '),
          )
        }
        if (value === parameter.unsupported?.value) {
          return reject.unsupported(
            `${name} = ${value} in the local emulator`,
            parameter.unsupported.hint,
          )
        }
      } else if (kind !== 'VAR_SET_DEFAULT' && kind !== 'VAR_RESET') {
        return reject.unsupported(`SET ${name} FROM CURRENT`)
      }
      const local = node['is_local'] === true
      const mirrored =
        nondeterministicUpdateSql(name, value, local) ??
        spectrumSettingSql(name, value, local) ??
        analyzeThresholdSql(name, value, local) ??
        randomSeedSql(name, value, local) ??
        superSettingSql(name, value, local)
      if (mirrored !== undefined && typeof mirrored !== 'string')
        return mirrored
      return {
        ...planned,
        text: mirrored ?? NOOP_STATEMENT,
        ...(kind === 'VAR_RESET' ? { tag: 'RESET' } : {}),
        action: { kind: 'set', name, value, local: node['is_local'] === true },
      }
    }
    if (name === 'timezone') return timezoneSet(planned, node, kind)
    if (name === 'statement_timeout') {
      const args = Array.isArray(node['args']) ? node['args'] : []
      const value =
        kind === 'VAR_SET_VALUE' && args.length === 1
          ? durationMs(constValue(args[0]))
          : kind === 'VAR_SET_DEFAULT' || kind === 'VAR_RESET'
            ? undefined
            : null
      // A value PostgreSQL will refuse anyway is not mirrored.
      if (value === null) return planned
      return {
        ...planned,
        action: {
          kind: 'mirror',
          name,
          value,
          local: node['is_local'] === true,
        },
      }
    }
    if (name === 'extra_float_digits' && kind === 'VAR_SET_VALUE') {
      const outside = outsideFloatDigits(node['args'])
      if (outside !== undefined) return outside
    }
    if (name === 'search_path') return searchPathSet(planned, node, kind)
    if (FORWARDED_PARAMETERS.has(name)) return planned
    return reject.unknownParameter(name)
  }

  #transaction(planned: PlannedStatement, node: PgNode): PlannedStatement {
    switch (node['kind']) {
      case 'TRANS_STMT_BEGIN':
      case 'TRANS_STMT_START': {
        // Any ISOLATION LEVEL is accepted and treated as the database's level.
        const readOnly = transactionReadOnly(node['options'])
        return {
          ...planned,
          text: `BEGIN ISOLATION LEVEL ${this.#isolation}${readOnly ? ' READ ONLY' : ''}`,
          transaction: 'begin',
          // Procedures ask it whether they run in a transaction block (TRUNCATE).
          after: [IN_BLOCK_SQL],
        }
      }
      case 'TRANS_STMT_COMMIT':
        return { ...planned, transaction: 'commit' }
      case 'TRANS_STMT_ROLLBACK':
        return { ...planned, transaction: 'rollback' }
      default:
        return planned
    }
  }
}

function show(
  planned: PlannedStatement,
  node: PgNode,
): PlannedStatement | ErrorFields {
  const name = String(node['name'] ?? '').toLowerCase()
  // A session context variable (SET app_context.user_id): its value, NULL
  // after RESET, and PostgreSQL's error for one never set.
  if (name.includes('.'))
    return { ...planned, text: showContextVariableSql(name), tag: 'SHOW' }
  if (REDSHIFT_ONLY_PARAMETERS.has(name)) {
    return { ...planned, tag: 'SHOW', action: { kind: 'show', name } }
  }
  if (name === 'server_version') {
    return {
      ...planned,
      tag: 'SHOW',
      action: { kind: 'show', name, constant: '8.0.2' },
    }
  }
  if (name === 'all') {
    // Redshift lists its own few parameters, as name and setting.
    return { ...planned, tag: 'SHOW', action: { kind: 'show', name } }
  }
  if (name === 'timezone' || name === 'time zone') {
    // The session may mirror an ISO-8601 offset PostgreSQL shows otherwise.
    return {
      ...planned,
      tag: 'SHOW',
      action: { kind: 'show', name: 'timezone' },
    }
  }
  if (FORWARDED_PARAMETERS.has(name) || SHOWABLE.has(name)) {
    // PostgreSQL names the column after the parameter's own spelling
    // (TimeZone, DateStyle); Redshift returns lower-case column names.
    const setting =
      name === 'transaction isolation level' ? 'transaction_isolation' : name
    return {
      ...planned,
      text: `SELECT ${shownSettingSql(setting)} AS ${quoteIdentifier(setting)}`,
      tag: 'SHOW',
    }
  }
  return reject.unknownParameter(name)
}

/**
 * `SELECT SET_CONFIG('parameter', 'value', is_local)` (r_SET_CONFIG.html),
 * SET in a function's form: a Redshift-only parameter is set by the
 * emulator as SET sets it and the call answers the value; PostgreSQL sets
 * the parameters it keeps and context variables, is_local 1 or 0 read as
 * true or false. A Redshift-only parameter set any other way (a call inside a larger query,
 * a value that is not a constant) is an emulator limit. Null for any other
 * statement.
 */
function setConfigPlan(
  original: string,
  segment: string,
): PlannedStatement | ErrorFields | null {
  const call = setConfigCall(segment)
  if (call === null) {
    const names = setConfigNames(segment)
    // A query's SET_CONFIG of a parameter SET refuses fails as SET does.
    const unknown = /^\s*(?:select|with|values)\b/i.test(segment)
      ? names.find(isPostgresOnlySetting)
      : undefined
    if (unknown !== undefined) return reject.unknownParameter(unknown)
    const named = names.find((name) => REDSHIFT_ONLY_PARAMETERS.has(name))
    return named === undefined
      ? null
      : reject.unsupported(
          `SET_CONFIG of ${named} inside a larger query or with a computed value in the local emulator`,
          `send SELECT SET_CONFIG('${named}', 'value', is_local) alone, or use SET ${named}`,
        )
  }
  const { name, local } = call
  const column = quoteIdentifier(call.column)
  const parameter = REDSHIFT_ONLY_PARAMETERS.get(name)
  if (parameter !== undefined) {
    const value = parameter.normalize(call.value)
    if (value === undefined)
      return reject.invalidParameterValue(name, call.value)
    if (value === parameter.unsupported?.value) {
      return reject.unsupported(
        `${name} = ${value} in the local emulator`,
        parameter.unsupported.hint,
      )
    }
    const mirrored =
      nondeterministicUpdateSql(name, value, local) ??
      superSettingSql(name, value, local)
    if (mirrored !== undefined && typeof mirrored !== 'string') return mirrored
    if (mirrored !== undefined) {
      return reject.unsupported(
        `SET_CONFIG of ${name} in the local emulator`,
        `use SET ${name}`,
      )
    }
    // analyze_tables reads its own copy of the threshold (redshift-analyze.ts).
    const select =
      analyzeThresholdSql(name, value, local) === undefined
        ? `${quoteLiteral(value)}::varchar`
        : `pg_catalog.set_config('redshift_local.${name}', ${quoteLiteral(value)}, ${local})::varchar`
    return {
      ...base(original, `SELECT ${select} AS ${column}`),
      action: { kind: 'set', name, value, local },
    }
  }
  // A parameter SET refuses (PostgreSQL's own, work_mem, intervalstyle ...):
  // SET_CONFIG, SET in a function's form, refuses it the same way.
  if (isPostgresOnlySetting(name)) return reject.unknownParameter(name)
  const zone = name === 'timezone' ? isoOffsetZone(call.value) : undefined
  const set = `pg_catalog.set_config(${quoteLiteral(name)}, ${quoteLiteral(zone ?? call.value)}, ${local})`
  const planned = base(
    original,
    zone === undefined
      ? `SELECT ${set} AS ${column}`
      : `SELECT ${quoteLiteral(call.value)}::varchar AS ${column} FROM ${set}`,
  )
  if (name.includes('.'))
    return { ...planned, action: { kind: 'context-variable', name } }
  if (name === 'timezone') {
    return {
      ...planned,
      action: {
        kind: 'mirror',
        name,
        value: zone === undefined ? undefined : call.value,
        local,
      },
    }
  }
  if (name === 'search_path') {
    return {
      ...planned,
      action: { kind: 'mirror', name, value: call.value, local },
    }
  }
  const ms = name === 'statement_timeout' ? durationMs(call.value) : null
  return ms === null
    ? planned
    : { ...planned, action: { kind: 'mirror', name, value: ms, local } }
}

/**
 * A parameter Redshift does not have, which SET refuses with `42704
 * unrecognized configuration parameter`: not one of Redshift's, not a
 * context variable (a dotted name).
 */
function isPostgresOnlySetting(name: string): boolean {
  return (
    !name.includes('.') &&
    !FORWARDED_PARAMETERS.has(name) &&
    !REDSHIFT_ONLY_PARAMETERS.has(name)
  )
}

/**
 * SET search_path: PostgreSQL keeps it, and the session mirrors the value
 * (each item quoted, as PostgreSQL stores a list it was given) to resolve
 * the names its writes lock as PostgreSQL does (`write-lock-tables.ts`).
 * SET ... TO DEFAULT and RESET clear the mirror; a value PostgreSQL will
 * refuse is not mirrored.
 */
function searchPathSet(
  planned: PlannedStatement,
  node: PgNode,
  kind: unknown,
): PlannedStatement {
  const args = Array.isArray(node['args']) ? node['args'] : []
  if (
    kind !== 'VAR_SET_VALUE' &&
    kind !== 'VAR_SET_DEFAULT' &&
    kind !== 'VAR_RESET'
  )
    return planned
  const items = kind === 'VAR_SET_VALUE' ? args.map(constValue) : []
  if (items.some((item) => item === undefined)) return planned
  return {
    ...planned,
    action: {
      kind: 'mirror',
      name: 'search_path',
      value:
        kind === 'VAR_SET_VALUE'
          ? items.map((item) => quoteIdentifier(item!)).join(', ')
          : undefined,
      local: node['is_local'] === true,
    },
  }
}

/**
 * SET timezone / SET TIME ZONE: PostgreSQL keeps the zone, and the emulator
 * mirrors what SHOW prints when PostgreSQL would print something else. An
 * ISO-8601 offset (`'-8:00'`, r_timezone_config.html) becomes the POSIX
 * zone PostgreSQL reads with the same meaning, and SHOW keeps printing the
 * offset as written; every other SET or RESET clears the mirror.
 */
function timezoneSet(
  planned: PlannedStatement,
  node: PgNode,
  kind: unknown,
): PlannedStatement | ErrorFields {
  const local = node['is_local'] === true
  const args = Array.isArray(node['args']) ? node['args'] : []
  const literal =
    kind === 'VAR_SET_VALUE' &&
    args.length === 1 &&
    (args[0] as { A_Const?: unknown }).A_Const !== undefined
      ? constValue(args[0])
      : undefined
  if (literal !== undefined) {
    const refused = unsupportedZone(literal)
    if (refused !== undefined) return refused
  }
  // An ISO-8601 offset, or a listed name the tz database renamed: SHOW
  // prints the value as written.
  const zone =
    literal === undefined
      ? undefined
      : (isoOffsetZone(literal) ?? renamedZone(literal))
  return {
    ...planned,
    ...(zone !== undefined
      ? {
          text: `SET ${local ? 'LOCAL ' : ''}timezone TO ${quoteLiteral(zone)}`,
        }
      : {}),
    action: {
      kind: 'mirror',
      name: 'timezone',
      value: zone === undefined ? undefined : literal!.trim(),
      local,
    },
  }
}

/**
 * A session context variable's name is `identifier.identifier`, with one dot
 * and no delimited identifier (https://docs.aws.amazon.com/redshift/latest/dg/r_SET.html).
 */
function contextVariable(
  planned: PlannedStatement,
  node: PgNode,
  name: string,
): PlannedStatement | ErrorFields {
  if (name.split('.').length !== 2)
    return reject.syntax('.', 'a context variable name has one dot')
  const head =
    /^\s*set\s+(?:(?:session|local)\s+)?([^=]*?)\s*(?:\bto\b|=)/is.exec(
      planned.original,
    )
  if (head?.[1]?.includes('"'))
    return reject.syntax(
      head[1].slice(head[1].indexOf('"')).split(/[.\s]/)[0] ?? '"',
      'a context variable name takes no delimited identifiers',
    )
  const kind = node['kind']
  // The session remembers the name for RESET ALL, which NULLs it too.
  const action = { kind: 'context-variable', name } as const
  // RESET sets it to NULL (r_RESET.html), kept as CONTEXT_NULL.
  if (kind === 'VAR_RESET' || kind === 'VAR_SET_DEFAULT')
    return {
      ...planned,
      text: resetContextVariableSql(name, node['is_local'] === true),
      ...(kind === 'VAR_RESET' ? { tag: 'RESET' } : {}),
      action,
    }
  return { ...planned, action }
}

/**
 * LOCK outside a transaction block as a CALL of `redshift_local.lock_tables`,
 * since Redshift's LOCK also runs there and PostgreSQL's does not. Inside a
 * block it stays PostgreSQL's own LOCK: a CALL would fix the SERIALIZABLE
 * snapshot before the lock is granted, and a transaction that locks first
 * (as c_serial_isolation.html advises) must see what the lock waited for.
 */
function lockPlan(
  planned: PlannedStatement,
  tree: unknown,
  fold: boolean,
): PlannedStatement {
  const relations = nodeType(tree)?.[1]?.['relations']
  const tables: string[] = []
  const written: string[] = []
  for (const item of Array.isArray(relations) ? relations : []) {
    const rv = (item as { RangeVar?: PgNode }).RangeVar
    if (rv === undefined || typeof rv['relname'] !== 'string') return planned
    const name = (part: string) =>
      quoteIdentifier(fold ? part.toLowerCase() : part)
    const qualified =
      typeof rv['schemaname'] === 'string'
        ? `${name(rv['schemaname'])}.${name(rv['relname'])}`
        : name(rv['relname'])
    tables.push(`${quoteLiteral(qualified)}::regclass`)
    const plain = (part: string) => (fold ? part.toLowerCase() : part)
    written.push(
      typeof rv['schemaname'] === 'string'
        ? `${plain(rv['schemaname'])}.${plain(rv['relname'])}`
        : plain(rv['relname']),
    )
  }
  if (tables.length === 0) return planned
  return {
    ...planned,
    writes: written,
    outsideBlockText: `CALL redshift_local.lock_tables(${tables.join(', ')})`,
    tag: 'LOCK TABLE',
  }
}

function base(original: string, text: string): PlannedStatement {
  return {
    original,
    text,
    commitsFirst: false,
    usesWlm: false,
    readsSystemView: false,
    contextual: false,
  }
}

/**
 * COPY from S3 and UNLOAD: the emulator runs them between two client
 * messages, so each must come alone. Their options are read from the text
 * as the client wrote it (Redshift's literal rules), not from the form made
 * for PostgreSQL's parser.
 */
function bulkPlan(
  bulk: PlannedStatement,
  statements: readonly PlannedStatement[],
  clientText: string,
): StatementPlan {
  const original = clientText.trim().replace(/(?:\s*;)+$/, '')
  const kind = bulk.action?.kind === 'unload' ? 'UNLOAD' : 'COPY'
  if (statements.length > 1) {
    return {
      reject: reject.unsupported(
        `${kind} together with other statements in one query in the local emulator`,
        `send ${kind} as a query of its own`,
      ),
      statements: [passStatement(clientText.trim())],
      unchanged: false,
      text: '',
      usesWlm: false,
      readsSystemView: false,
      dynamic: false,
    }
  }
  const statement: PlannedStatement = {
    ...bulk,
    original,
    action: { kind: bulk.action!.kind as 'copy' | 'unload', text: original },
  }
  return {
    statements: [statement],
    unchanged: false,
    text: statement.text,
    usesWlm: true,
    readsSystemView: false,
    dynamic: true,
  }
}

/** The table a CREATE TABLE, CREATE TABLE AS or SELECT INTO creates, named as the facts name tables. */
function createdTable(
  type: string,
  node: PgNode,
): { readonly creates?: string; readonly createsTemp?: string } {
  const relation =
    type === 'CreateStmt'
      ? node['relation']
      : type === 'CreateTableAsStmt'
        ? (node['into'] as PgNode | undefined)?.['rel']
        : type === 'SelectStmt'
          ? (node['intoClause'] as PgNode | undefined)?.['rel']
          : undefined
  const rel = relation as PgNode | undefined
  if (typeof rel?.['relname'] !== 'string') return {}
  const schema =
    typeof rel['schemaname'] === 'string' ? rel['schemaname'] : undefined
  const name = schema ? `${schema}.${rel['relname']}` : rel['relname']
  // Temporary tables are the session's own: no other snapshot can miss them.
  return rel['relpersistence'] === 't'
    ? { createsTemp: name }
    : { creates: name }
}

/** Statements that take their target table's write lock (c_write_readwrite.html). */
const WRITES_TARGET = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CopyStmt',
])

/** The table a COPY, INSERT, UPDATE, DELETE or MERGE writes, as `writes` names it. */
function writtenTable(
  type: string,
  node: PgNode,
  fold: boolean,
): { readonly writes?: readonly string[] } {
  if (!WRITES_TARGET.has(type)) return {}
  if (type === 'CopyStmt' && node['is_from'] !== true) return {}
  const rel = node['relation'] as PgNode | undefined
  if (typeof rel?.['relname'] !== 'string') return {}
  const name = (part: string) => (fold ? part.toLowerCase() : part)
  const schema =
    typeof rel['schemaname'] === 'string' ? rel['schemaname'] : undefined
  return {
    writes: [
      schema ? `${name(schema)}.${name(rel['relname'])}` : name(rel['relname']),
    ],
  }
}

function passStatement(text: string): PlannedStatement {
  return base(text, text)
}

function passThrough(
  text: string,
  clientText: string,
  statements: PlannedStatement[],
): StatementPlan {
  return {
    statements,
    unchanged: text === clientText,
    text,
    usesWlm: false,
    readsSystemView: false,
    dynamic: false,
  }
}

function isStatic(s: PlannedStatement): boolean {
  return (
    s.action === undefined &&
    !s.contextual &&
    s.notInBlock === undefined &&
    s.outsideBlockText === undefined &&
    !s.commitsFirst &&
    s.transaction === undefined &&
    s.tag === undefined &&
    s.after === undefined &&
    s.afterInBlock === undefined &&
    s.externalReads === undefined &&
    s.externalViews === undefined &&
    s.allDatabaseViews === undefined &&
    s.threePartNames === undefined &&
    s.dropsUsers === undefined
  )
}

/** Whether a statement of this type may give an object one of its long names. */
function namesObjects(type: string, tree: unknown): boolean {
  if (type === 'SelectStmt') {
    const node = nodeType(tree)?.[1]
    return node?.['intoClause'] !== undefined
  }
  return !USES_NAMES_ONLY.has(type)
}

/**
 * "Amazon Redshift automatically analyzes tables that you create with CTAS
 * commands" (r_CTAS_usage_notes.html): the analyze a COPY into an empty
 * table runs too (`analyze_tables` with `p_auto`, an `is_auto` row of
 * STL_ANALYZE), in the statement's transaction. Null for a materialized
 * view, which CREATE MATERIALIZED VIEW parses to as well.
 */
function ctasAnalyzeSql(node: PgNode): string | null {
  if (node['objtype'] === 'OBJECT_MATVIEW') return null
  const rel = (node['into'] as PgNode | undefined)?.['rel'] as
    PgNode | undefined
  if (typeof rel?.['relname'] !== 'string') return null
  const name = [rel['schemaname'], rel['relname']]
    .filter((part): part is string => typeof part === 'string')
    .map(quoteIdentifier)
    .join('.')
  return `CALL redshift_local.analyze_tables(${quoteLiteral(name)}::regclass, NULL, false, true)`
}

/** Whether a statement creates, alters, renames or drops a database. */
function namesDatabase(type: string, tree: unknown): boolean {
  if (type === 'RenameStmt')
    return nodeType(tree)?.[1]?.['renameType'] === 'OBJECT_DATABASE'
  return (
    type === 'CreatedbStmt' ||
    type === 'DropdbStmt' ||
    type === 'AlterDatabaseStmt' ||
    type === 'AlterDatabaseSetStmt' ||
    (type === 'AlterOwnerStmt' &&
      nodeType(tree)?.[1]?.['objectType'] === 'OBJECT_DATABASE')
  )
}

/** Whether a statement may rename a relation or change its columns. */
function changesColumns(type: string, tree: unknown): boolean {
  if (type === 'SelectStmt') {
    return nodeType(tree)?.[1]?.['intoClause'] !== undefined
  }
  return !KEEPS_COLUMNS.has(type)
}

/**
 * PostgreSQL's syntax error for `text`, which it cannot parse: for a
 * statement the emulator changed before parsing (a numeral split from the
 * word after it), where passing the client's text through would let
 * PostgreSQL read it its own way.
 */
function syntaxError(text: string): ErrorFields | 'unparsable' {
  try {
    parseSync(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (message.startsWith('syntax error'))
      return reject.other('42601', message)
  }
  return 'unparsable'
}

function parseOne(text: string): unknown {
  try {
    const result = parseSync(text) as { stmts?: { stmt?: unknown }[] }
    const stmts = result.stmts ?? []
    return stmts.length === 1 ? stmts[0]!.stmt : undefined
  } catch {
    return undefined
  }
}

function transactionReadOnly(options: unknown): boolean | undefined {
  if (!Array.isArray(options)) return undefined
  for (const option of options) {
    const def = (option as { DefElem?: PgNode }).DefElem
    if (def?.['defname'] === 'transaction_read_only') {
      return constValue(def['arg']) === '1' || constValue(def['arg']) === 'on'
    }
  }
  return undefined
}

/**
 * Run right after a DECLARE, in its transaction: "only one cursor at a time
 * can be open per session" (declare.html), counting the cursors procedures
 * opened (see `redshift_local.check_one_cursor`). A second cursor fails the
 * DECLARE, which aborts the transaction block as any error there does.
 */
const ONE_CURSOR = `do $one_cursor$ begin
  perform redshift_local.check_one_cursor(null);
end $one_cursor$`

/** A subquery in the text: the cheap test before correlation is judged with the catalog. */
const SUBQUERY = /\(\s*select\b/i

/** `FETCH FIRST|NEXT ...` inside a query (not the FETCH cursor statement). */
function hasFetchFirst(text: string, tokens: readonly Token[]): boolean {
  for (let i = 1; i < tokens.length - 1; i++) {
    if (wordOf(text, tokens[i]) === 'fetch') {
      const next = wordOf(text, tokens[i + 1])
      if (next === 'first' || next === 'next') return true
    }
  }
  return false
}

/**
 * Redshift's range for extra_float_digits is -15 to 2 (PostgreSQL allows 3):
 * https://docs.aws.amazon.com/redshift/latest/dg/r_extra_float_digits.html.
 */
function outsideFloatDigits(args: unknown): ErrorFields | undefined {
  const list = Array.isArray(args) ? args : []
  const raw = list.length === 1 ? constValue(list[0]) : undefined
  if (raw === undefined || !/^\s*[+-]?\d+\s*$/.test(raw)) return undefined
  const n = Number(raw)
  if (n >= -15 && n <= 2) return undefined
  return reject.other(
    '22023',
    `${n} is outside the valid range for parameter "extra_float_digits" (-15 .. 2)`,
  )
}

/** A statement_timeout value in milliseconds (PostgreSQL's units), or null when not one. */
function durationMs(value: string | undefined): string | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(value ?? '')
  if (!match) return null
  const factor = {
    us: 0.001,
    ms: 1,
    s: 1000,
    min: 60_000,
    h: 3_600_000,
    d: 86_400_000,
  }[(match[2] ?? 'ms') as 'ms']
  return String(Math.round(Number(match[1]) * factor))
}
