import { isReshownSetting, shownSettingSql } from './shown-settings.js'
import { quoteLiteral } from './quote.js'
import {
  isSignificant,
  keyword,
  matchBrackets,
  tokenize,
  type Token,
} from './rewrite-tokens.js'

/** What the rewrite needs to know about the session the statement runs in. */
export interface FunctionRewriteContext {
  /** Query id of the session's previous statement; `PG_LAST_QUERY_ID()` gives -1 when null. */
  readonly lastQueryId: number | null
  /** `PG_LAST_COPY_ID()`; -1 when null or absent. */
  readonly lastCopyId?: number | null
  /** `PG_LAST_COPY_COUNT()`; 0 when null or absent. */
  readonly lastCopyCount?: number | bigint | null
  /** `PG_LAST_UNLOAD_ID()`; -1 when null or absent. */
  readonly lastUnloadId?: number | null
  /** `PG_LAST_UNLOAD_COUNT()`; 0 when null or absent. */
  readonly lastUnloadCount?: number | bigint | null
  /** How `'...'` literals are read; see `TokenizeOptions`. Default `true` (Redshift). */
  readonly backslashEscapes?: boolean
  /**
   * The session's value of a Redshift-only parameter (`query_group` ...), or
   * undefined for any other name: `current_setting('query_group')` answers it.
   */
  readonly redshiftSetting?: (name: string) => string | undefined
}

// Any statement without one of these substrings is returned untouched
// without being tokenised: this runs on every statement.
const TRIGGERS =
  /listagg|date(?:diff|add|_part|_trunc)|pg_last_|last_user_query_id|version|sysdate|top|minus|decode|approximate|regexp_|extract|to_date|to_timestamp|concat|split_part|quote_literal|convert|collate|try_cast|current_user_id|current_aws_account|current_namespace|current_setting|current_schemas|to_char|sqrt|\bexp\s*\(|\bpow|has_table_privilege|pg_get_viewdef|unknown|bpcharcmp|bttext_pattern_cmp|reverse|chr|#/i

const DATEPART_FUNCTIONS = new Set(['DATEDIFF', 'DATEADD', 'DATE_PART'])

/**
 * Unqualified calls answered by a function of another name: Redshift's
 * semantics where PostgreSQL has a function of the same name that differs
 * (the new name keeps Redshift's result column name).
 */
const RENAMED_CALLS: Readonly<Record<string, string>> = {
  // Every occurrence, from a position, with Redshift's parameters.
  REGEXP_REPLACE: 'redshift_local.regexp_replace',
  REGEXP_COUNT: 'redshift_local.regexp_count',
  REGEXP_INSTR: 'redshift_local.regexp_instr',
  REGEXP_SUBSTR: 'redshift_local.regexp_substr',
  // The whole date part table; TIMESTAMP for a DATE.
  DATE_TRUNC: 'redshift_local.date_trunc',
  // Day rollover and the strict third argument.
  TO_DATE: 'redshift_local.to_date',
  // The position must be greater than 0 (no negative positions).
  SPLIT_PART: 'redshift_local.split_part',
  // Backslashes doubled inside plain quotes, no E'' literal.
  QUOTE_LITERAL: 'redshift_local.quote_literal',
  // DOUBLE PRECISION for every argument type, NUMERIC included.
  SQRT: 'redshift_local.sqrt',
  EXP: 'redshift_local.exp',
  POWER: 'redshift_local.power',
  POW: 'redshift_local.pow',
  // Redshift's DROP privilege (catalog/privilege-views.ts).
  HAS_TABLE_PRIVILEGE: 'redshift_local.has_table_privilege',
  // A late-binding or materialized view's text as written (catalog/show-ddl.ts).
  PG_GET_VIEWDEF: 'redshift_local.pg_get_viewdef',
  // 1, 0 or -1, bytes compared (catalog/redshift-string-functions.ts).
  BPCHARCMP: 'redshift_local.bpcharcmp',
  BTTEXT_PATTERN_CMP: 'redshift_local.bttext_pattern_cmp',
  // Numbers and dates as their text, a VARCHAR.
  REVERSE: 'redshift_local.reverse',
  // A CHAR, null past ASCII.
  CHR: 'redshift_local.chr',
  // L is the dollar sign; TZ of a TIMESTAMP names the session's zone.
  TO_CHAR: 'redshift_local.to_char',
}

/**
 * Renamed like {@link RENAMED_CALLS} when called with this many arguments:
 * CONCAT of two (null when either is; other counts are refused by the
 * policy), TO_TIMESTAMP with a format (field rollover, the strict argument).
 */
const RENAMED_BY_ARITY: Readonly<
  Record<string, { readonly name: string; readonly arity: readonly number[] }>
> = {
  CONCAT: { name: 'redshift_local.concat', arity: [2] },
  TO_TIMESTAMP: { name: 'redshift_local.to_timestamp', arity: [2, 3] },
}

/** The collations of the COLLATE function (r_COLLATE.html), by quoted name. */
const COLLATIONS: Readonly<Record<string, string>> = {
  "'case_insensitive'": 'redshift_local.case_insensitive',
  "'ci'": 'redshift_local.case_insensitive',
  "'case_sensitive'": '"default"',
  "'cs'": '"default"',
}

/** First words of the types `CONVERT(type, expression)` accepts (r_CONVERT_function.html). */
const CONVERT_TYPES = new Set([
  'SMALLINT',
  'INT2',
  'INTEGER',
  'INT',
  'INT4',
  'BIGINT',
  'INT8',
  'DECIMAL',
  'NUMERIC',
  'REAL',
  'FLOAT4',
  'FLOAT8',
  'FLOAT',
  'DOUBLE',
  'BOOLEAN',
  'BOOL',
  'CHAR',
  'CHARACTER',
  'NCHAR',
  'BPCHAR',
  'VARCHAR',
  'NVARCHAR',
  'TEXT',
  'DATE',
  'TIME',
  'TIMETZ',
  'TIMESTAMP',
  'TIMESTAMPTZ',
  'DATETIME',
  'INTERVAL',
  'VARBYTE',
  'VARBINARY',
  'SUPER',
  'GEOMETRY',
  'GEOGRAPHY',
  'HLLSKETCH',
])

// Words after which an expression starts, so a `#name` there can only be a
// temporary table name and not the XOR operator.
const EXPRESSION_START_WORDS = new Set([
  'SELECT',
  'FROM',
  'JOIN',
  'INTO',
  'TABLE',
  'UPDATE',
  'DELETE',
  'INSERT',
  'TRUNCATE',
  'EXISTS',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'ON',
  'USING',
  'AS',
  'BY',
  'HAVING',
  'WHEN',
  'THEN',
  'ELSE',
  'CASE',
  'IN',
  'IS',
  'LIKE',
  'ILIKE',
  'DISTINCT',
  'ALL',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'MINUS',
  'SET',
  'VALUES',
  'LOCK',
  'ANALYZE',
  'VACUUM',
  'DROP',
  'ALTER',
  'RENAME',
  'TO',
  'LIMIT',
  'OFFSET',
  'RETURN',
  'WITH',
  'LATERAL',
  'CROSS',
  'INNER',
  'OUTER',
  'LEFT',
  'RIGHT',
  'FULL',
  'NATURAL',
  'BETWEEN',
  'GRANT',
  'REVOKE',
  'COPY',
  'UNLOAD',
])

const LAST_FUNCTIONS: Record<
  string,
  (ctx: FunctionRewriteContext) => number | bigint
> = {
  PG_LAST_QUERY_ID: (ctx) => ctx.lastQueryId ?? -1,
  PG_LAST_COPY_ID: (ctx) => ctx.lastCopyId ?? -1,
  PG_LAST_COPY_COUNT: (ctx) => ctx.lastCopyCount ?? 0,
  PG_LAST_UNLOAD_ID: (ctx) => ctx.lastUnloadId ?? -1,
  PG_LAST_UNLOAD_COUNT: (ctx) => ctx.lastUnloadCount ?? 0,
  LAST_USER_QUERY_ID: (ctx) => ctx.lastQueryId ?? -1,
}

/**
 * Rewrites Redshift function syntax PostgreSQL cannot parse into calls of the
 * functions `installCatalog` creates, leaving everything else byte for byte:
 *
 * - `LISTAGG(x, d) WITHIN GROUP (ORDER BY o)` -> `LISTAGG(x, d ORDER BY o)`;
 *   with `OVER (PARTITION BY p)` the order moves into the window, whose frame
 *   spans the whole partition; `LISTAGG(DISTINCT x, d)` ->
 *   `redshift_local.listagg_distinct(x, d ...)` in the same way.
 * - `DATEDIFF(day, a, b)`, `DATEADD(month, n, t)`, `DATE_PART(dow, t)`: a bare
 *   date part becomes a string literal.
 * - `DECODE(e, s1, r1, ..., default)` with more than two arguments -> `CASE`
 *   (a `NULL` search matches a null expression, as in Redshift).
 * - `PG_LAST_QUERY_ID()` and the other `PG_LAST_*()` -> the session's value.
 * - `version()` -> Redshift's version string; `SYSDATE` -> transaction start.
 * - `REGEXP_REPLACE(...)` -> `redshift_local.regexp_replace(...)` (every occurrence);
 *   REGEXP_COUNT / _INSTR / _SUBSTR, DATE_TRUNC and TO_DATE likewise to
 *   `redshift_local` (Redshift's parameters, date parts and day rollover);
 *   `DATE_PART(part, x)` -> `pgdate_part('part', x)`;
 *   `EXTRACT(part FROM x)` -> `redshift_local.date_part('part', x)` (integers).
 * - `CONVERT(type, x)` -> `CAST(x AS type)`; `CURRENT_USER_ID` ->
 *   `current_user_id()`; `current_setting('query_group')` and the other
 *   Redshift-only parameters -> their session value (see `redshiftSetting`).
 * - `SELECT TOP n ...` -> `SELECT ... LIMIT n` (when that SELECT has no set
 *   operation or LIMIT of its own); `MINUS` -> `EXCEPT`;
 *   `APPROXIMATE COUNT(...)` -> `COUNT(...)`; `#temp` table names -> `"#temp"`;
 *   `x IS [NOT] UNKNOWN` -> `x IS [NOT] NULL` (of any type, as on Redshift).
 *
 * The output uses ordered-aggregate syntax and `CASE`, so run the strictness
 * checks on the original text first.
 *
 * @example
 * ```ts
 * rewriteRedshiftFunctions('select datediff(day, a, b) from t', { lastQueryId: null })
 * // "select datediff('day', a, b) from t"
 * rewriteRedshiftFunctions('select pg_last_query_id()', { lastQueryId: 42 })
 * // 'select pg_last_query_id(42)'
 * ```
 */
export function rewriteRedshiftFunctions(
  sql: string,
  ctx: FunctionRewriteContext,
): string {
  if (!TRIGGERS.test(sql)) return sql
  const tokens = tokenize(sql, {
    backslashEscapes: ctx.backslashEscapes ?? true,
  })
  return new FunctionRewriter(tokens, ctx).rewrite()
}

class FunctionRewriter {
  readonly #tokens: readonly Token[]
  readonly #ctx: FunctionRewriteContext
  readonly #match: Int32Array
  /** Text to append right after the token at the key index (TOP's LIMIT). */
  readonly #insertAfter = new Map<number, string>()

  constructor(tokens: readonly Token[], ctx: FunctionRewriteContext) {
    this.#tokens = tokens
    this.#ctx = ctx
    this.#match = matchBrackets(tokens)
  }

  rewrite(): string {
    return this.#emit(0, this.#tokens.length)
  }

  /** Text of tokens [from, to) with every rewrite applied. */
  #emit(from: number, to: number): string {
    let out = ''
    let i = from
    while (i < to) {
      const token = this.#tokens[i]!
      const rewritten = isSignificant(token) ? this.#rewriteAt(i) : null
      let next: number
      if (rewritten) {
        out += rewritten.text
        next = rewritten.next
      } else {
        out += token.text
        next = i + 1
      }
      if (this.#insertAfter.size > 0) {
        for (const [at, text] of this.#insertAfter) {
          if (at >= i && at < next) {
            out += text
            this.#insertAfter.delete(at)
          }
        }
      }
      i = next
    }
    return out
  }

  /**
   * CURRENT_SCHEMAS returns a CHAR or VARCHAR string (r_CURRENT_SCHEMAS.html);
   * as the array of `= ANY (...)` / `ALL` / `SOME` it stays PostgreSQL 8.0's
   * NAME[], which catalog queries compare schema names with.
   */
  #currentSchemas(
    i: number,
    previous: number,
  ): { text: string; next: number } | null {
    if (previous >= 0 && this.#tokens[previous]!.text === '(') {
      const before = keyword(this.#tokens[this.#previous(previous)])
      if (before === 'ANY' || before === 'ALL' || before === 'SOME') return null
    }
    return { text: 'redshift_local.current_schemas', next: i + 1 }
  }

  #rewriteAt(i: number): { text: string; next: number } | null {
    const token = this.#tokens[i]!
    if (token.kind === 'operator' && token.text === '#')
      return this.#tempName(i)
    if (token.kind !== 'word') return null
    const word = token.text.toUpperCase()
    if (word === 'PG_CATALOG') return this.#catalogViewdef(i)
    const previous = this.#previous(i)
    if (previous >= 0 && this.#tokens[previous]!.text === '.') {
      // Qualified names are someone's own objects, except pg_catalog.version().
      const schema = this.#previous(previous)
      if (
        word !== 'VERSION' ||
        keyword(this.#tokens[schema]) !== 'PG_CATALOG'
      ) {
        return null
      }
    }
    const after = this.#next(i)
    const callOpen =
      after >= 0 && this.#tokens[after]!.text === '(' ? after : -1

    if (callOpen >= 0) {
      if (DATEPART_FUNCTIONS.has(word)) return this.#datepart(i, callOpen)
      if (word in LAST_FUNCTIONS) return this.#lastValue(i, word, callOpen)
      if (word === 'VERSION') return this.#version(i, callOpen)
      if (word === 'DECODE') return this.#decode(i, callOpen)
      const renamed = RENAMED_CALLS[word]
      if (renamed !== undefined) return { text: renamed, next: i + 1 }
      const byArity = RENAMED_BY_ARITY[word]
      if (
        byArity !== undefined &&
        byArity.arity.includes(this.#arguments(callOpen).length)
      )
        return { text: byArity.name, next: i + 1 }
      if (word === 'LISTAGG') return this.#listagg(i, callOpen)
      if (word === 'EXTRACT') return this.#extract(callOpen)
      if (word === 'CONVERT') return this.#convert(callOpen)
      if (word === 'COLLATE') return this.#collate(callOpen)
      if (word === 'TRY_CAST') return this.#tryCast(callOpen)
      if (word === 'CURRENT_SETTING') return this.#currentSetting(i, callOpen)
      if (word === 'CURRENT_SCHEMAS') return this.#currentSchemas(i, previous)
      return null
    }
    switch (word) {
      case 'CURRENT_USER_ID':
        // A reserved word on Redshift (a quoted "current_user_id" is a name).
        return { text: 'current_user_id()', next: i + 1 }
      case 'CURRENT_AWS_ACCOUNT':
      case 'CURRENT_NAMESPACE':
        // Written without parentheses (r_CURRENT_AWS_ACCOUNT.html,
        // r_CURRENT_NAMESPACE.html); a name after AS is the client's own.
        if (keyword(this.#tokens[previous]) === 'AS') return null
        return {
          text: `redshift_local.${word.toLowerCase()}()`,
          next: i + 1,
        }
      case 'SYSDATE':
        return {
          text: 'pg_catalog."timestamp"(redshift_local.transaction_start())',
          next: i + 1,
        }
      case 'MINUS':
        return { text: 'EXCEPT', next: i + 1 }
      case 'TOP':
        return this.#top(i, previous, after)
      case 'UNKNOWN': {
        // r_comparison_condition.html: for IS TRUE / FALSE / UNKNOWN "null
        // equates to UNKNOWN", of any type (PostgreSQL takes IS UNKNOWN of a
        // Boolean only). Of a Boolean, IS [NOT] UNKNOWN is IS [NOT] NULL.
        const is =
          keyword(this.#tokens[previous]) === 'NOT'
            ? this.#previous(previous)
            : previous
        return keyword(this.#tokens[is]) === 'IS'
          ? { text: 'NULL', next: i + 1 }
          : null
      }
      case 'APPROXIMATE':
        return keyword(this.#tokens[after]) === 'COUNT'
          ? { text: '', next: after }
          : null
      default:
        return null
    }
  }

  /**
   * A bare date part becomes a string literal; DATE_PART becomes PGDATE_PART
   * (its Redshift synonym, named as Redshift names the result column), which
   * reads the whole date part table.
   */
  #datepart(i: number, open: number) {
    const name =
      keyword(this.#tokens[i]) === 'DATE_PART'
        ? 'pgdate_part'
        : this.#tokens[i]!.text
    const renamed = { text: name, next: i + 1 }
    const args = this.#arguments(open)
    const first = args[0]
    if (!first) return renamed
    const significant = this.#significantIn(first[0], first[1])
    if (significant.length !== 1) return renamed
    const part = this.#tokens[significant[0]!]!
    if (part.kind !== 'word' || !/^[a-z_]+$/i.test(part.text)) return renamed
    return {
      text: `${name}${this.#raw(i + 1, significant[0]!)}'${part.text.toLowerCase()}'`,
      next: significant[0]! + 1,
    }
  }

  /** `CONVERT(type, expression)` -> `CAST(expression AS type)`; DATETIME is TIMESTAMP. */
  #convert(open: number) {
    const close = this.#match[open]!
    const args = this.#arguments(open)
    if (close < 0 || args.length !== 2) return null
    const [typeFrom, typeTo] = args[0]!
    const typeTokens = this.#significantIn(typeFrom, typeTo)
    const head = this.#tokens[typeTokens[0] ?? -1]
    if (head?.kind !== 'word' || !CONVERT_TYPES.has(keyword(head))) return null
    for (const j of typeTokens) {
      const t = this.#tokens[j]!
      if (t.kind !== 'word' && t.kind !== 'number' && !'(),'.includes(t.text))
        return null
    }
    const type =
      keyword(head) === 'DATETIME' && typeTokens.length === 1
        ? 'timestamp'
        : this.#raw(typeFrom, typeTo).trim()
    const [valueFrom, valueTo] = args[1]!
    return {
      text: `CAST(${this.#emit(valueFrom, valueTo).trim()} AS ${type})`,
      next: close + 1,
    }
  }

  /**
   * `COLLATE(x, 'case_insensitive' | 'ci')` -> `(x) COLLATE
   * redshift_local.case_insensitive`; `'case_sensitive' | 'cs'` -> the
   * default collation. (`x COLLATE name` never has a bracket after COLLATE.)
   */
  #collate(open: number) {
    const close = this.#match[open]!
    const args = this.#arguments(open)
    if (close < 0 || args.length !== 2) return null
    const name = this.#significantIn(args[1]![0], args[1]![1])
    const literal = this.#tokens[name[0] ?? -1]
    if (name.length !== 1 || literal?.kind !== 'string') return null
    const collation = COLLATIONS[literal.text.toLowerCase()]
    if (collation === undefined) return null
    const [from, to] = args[0]!
    return {
      text: `((${this.#emit(from, to).trim()}) COLLATE ${collation})`,
      next: close + 1,
    }
  }

  /** `TRY_CAST(x AS type)` -> `redshift_local.try_cast(x, NULL::type, 'type')`. */
  #tryCast(open: number) {
    const close = this.#match[open]!
    if (close < 0) return null
    let as = -1
    for (let j = open + 1; j < close; j++) {
      const t = this.#tokens[j]!
      if (t.text === '(' || t.text === '[') j = Math.max(j, this.#match[j]!)
      else if (keyword(t) === 'AS') as = j
    }
    if (as < 0) return null
    const type = this.#raw(as + 1, close).trim()
    const typeTokens = this.#significantIn(as + 1, close)
    const head = this.#tokens[typeTokens[0] ?? -1]
    if (head?.kind !== 'word' || !CONVERT_TYPES.has(keyword(head))) return null
    for (const j of typeTokens) {
      const t = this.#tokens[j]!
      if (t.kind !== 'word' && t.kind !== 'number' && !'(),'.includes(t.text))
        return null
    }
    const value = this.#emit(open + 1, as).trim()
    return {
      text: `redshift_local.try_cast(${value}, NULL::${type}, ${quoteLiteral(type)})`,
      next: close + 1,
    }
  }

  /** `current_setting('query_group')` -> the session's value of a Redshift-only parameter. */
  #currentSetting(i: number, open: number) {
    const close = this.#match[open]!
    if (close < 0) return null
    const inside = this.#significantIn(open + 1, close)
    const literal = this.#tokens[inside[0] ?? -1]
    // A session context variable: NULL after RESET (see context-variables.ts).
    if (literal?.kind === 'string' && literal.text.includes('.'))
      return { text: 'redshift_local.context_setting', next: i + 1 }
    if (this.#ctx.redshiftSetting === undefined) return null
    if (inside.length !== 1 || literal?.kind !== 'string') return null
    if (!/^'[^'\\]*'$/.test(literal.text)) return null
    const name = literal.text.slice(1, -1).toLowerCase()
    if (isReshownSetting(name)) {
      // The two-argument form answers its second argument (see the catalog).
      return {
        text: `${this.#raw(i, close)}, ${shownSettingSql(name)})`,
        next: close + 1,
      }
    }
    const value = this.#ctx.redshiftSetting(name)
    if (value === undefined) return null
    return {
      text: `${this.#raw(i, close)}, ${quoteLiteral(value)})`,
      next: close + 1,
    }
  }

  /** `EXTRACT(part FROM source)` -> `redshift_local.date_part('part', source)`. */
  #extract(open: number) {
    const close = this.#match[open]!
    if (close < 0) return null
    const inside = this.#significantIn(open + 1, close)
    const part = this.#tokens[inside[0] ?? -1]
    if (
      inside.length < 3 ||
      part?.kind !== 'word' ||
      !/^[a-z_]+$/i.test(part.text) ||
      keyword(this.#tokens[inside[1]!]) !== 'FROM'
    )
      return null
    const source = this.#emit(inside[1]! + 1, close)
    return {
      text: `redshift_local.date_part('${part.text.toLowerCase()}',${source})`,
      next: close + 1,
    }
  }

  #lastValue(i: number, word: string, open: number) {
    const close = this.#match[open]!
    if (close < 0 || this.#significantIn(open + 1, close).length > 0)
      return null
    const value = LAST_FUNCTIONS[word]!(this.#ctx)
    if (typeof value === 'number' && !Number.isSafeInteger(value)) return null
    return { text: `${this.#raw(i, open + 1)}${String(value)}`, next: close }
  }

  /**
   * `pg_catalog.pg_get_viewdef(...)`, as the CREATE MATERIALIZED VIEW page
   * writes it, answers as the bare name does (a late-binding or
   * materialized view's CREATE statement).
   */
  #catalogViewdef(i: number) {
    const dot = this.#next(i)
    const name = this.#next(dot)
    const open = this.#next(name)
    if (
      dot < 0 ||
      this.#tokens[dot]!.text !== '.' ||
      name < 0 ||
      keyword(this.#tokens[name]) !== 'PG_GET_VIEWDEF' ||
      open < 0 ||
      this.#tokens[open]!.text !== '('
    )
      return null
    return { text: RENAMED_CALLS['PG_GET_VIEWDEF']!, next: name + 1 }
  }

  #version(i: number, open: number) {
    const close = this.#match[open]!
    if (close < 0 || this.#significantIn(open + 1, close).length > 0)
      return null
    return { text: `${this.#raw(i, open + 1)}true`, next: close }
  }

  #decode(i: number, open: number) {
    const close = this.#match[open]!
    const args = this.#arguments(open)
    if (close < 0 || args.length <= 2) return null
    const [subject, ...rest] = args.map(([from, to]) =>
      this.#emit(from, to).trim(),
    )
    const pairs = Math.floor(rest.length / 2)
    const nullSearch = args
      .slice(1)
      .some(
        ([from, to], k) =>
          k % 2 === 0 &&
          k < pairs * 2 &&
          this.#significantIn(from, to).length === 1 &&
          keyword(this.#tokens[this.#significantIn(from, to)[0]!]) === 'NULL',
      )
    let text = nullSearch ? '(CASE' : `(CASE ${subject}`
    for (let k = 0; k < pairs; k++) {
      const search = rest[2 * k]!
      const result = rest[2 * k + 1]!
      if (!nullSearch) text += ` WHEN ${search} THEN ${result}`
      else if (/^null$/i.test(search))
        text += ` WHEN (${subject}) IS NULL THEN ${result}`
      else text += ` WHEN (${subject}) = (${search}) THEN ${result}`
    }
    if (rest.length % 2 === 1) text += ` ELSE ${rest[rest.length - 1]!}`
    return { text: `${text} END)`, next: close + 1 }
  }

  #listagg(i: number, open: number) {
    const close = this.#match[open]!
    if (close < 0) return null
    // LISTAGG(DISTINCT ...) keeps the first of the values equal but for
    // trailing blanks (r_LISTAGG.html, r_WF_LISTAGG.html): the emulator's
    // aggregate of that name, fed the rows in the WITHIN GROUP order, or in
    // the values' own order without one.
    const first = this.#next(open)
    const distinct = keyword(this.#tokens[first]) === 'DISTINCT'
    const head = distinct
      ? `redshift_local.listagg_distinct(${this.#emit(first + 1, close)}`
      : `${this.#raw(i, open + 1)}${this.#emit(open + 1, close)}`
    let ordering: string
    let last: number
    const within = this.#next(close)
    const group = this.#next(within)
    const orderOpen = this.#next(group)
    if (
      keyword(this.#tokens[within]) === 'WITHIN' &&
      keyword(this.#tokens[group]) === 'GROUP' &&
      this.#tokens[orderOpen]?.text === '('
    ) {
      const orderClose = this.#match[orderOpen]!
      const order = this.#next(orderOpen)
      const by = this.#next(order)
      if (
        orderClose < 0 ||
        keyword(this.#tokens[order]) !== 'ORDER' ||
        keyword(this.#tokens[by]) !== 'BY'
      ) {
        return null
      }
      ordering = this.#emit(by + 1, orderClose).trim()
      last = orderClose
    } else if (distinct) {
      ordering = this.#emit(first + 1, this.#argumentEnd(first + 1, close))
      ordering = ordering.trim()
      last = close
    } else {
      return null
    }
    const over = this.#next(last)
    const windowOpen = this.#next(over)
    if (
      keyword(this.#tokens[over]) === 'OVER' &&
      this.#tokens[windowOpen]?.text === '('
    ) {
      const windowClose = this.#match[windowOpen]!
      if (windowClose < 0) return null
      const partition = this.#emit(windowOpen + 1, windowClose).trim()
      return {
        text:
          `${head}) OVER (${partition} ORDER BY ${ordering}` +
          ' ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)',
        next: windowClose + 1,
      }
    }
    return { text: `${head} ORDER BY ${ordering})`, next: last + 1 }
  }

  /** The end (a top-level comma or `close`) of the argument starting at `from`. */
  #argumentEnd(from: number, close: number): number {
    for (let j = from; j < close; j++) {
      const text = this.#tokens[j]!.text
      if (text === '(') j = Math.max(j, this.#match[j]!)
      else if (text === ',') return j
    }
    return close
  }

  /** `SELECT [DISTINCT|ALL] TOP n ...` -> `SELECT ... LIMIT n`. */
  #top(i: number, previous: number, after: number) {
    const count = this.#tokens[after]
    if (!count || count.kind !== 'number' || !/^\d+$/.test(count.text))
      return null
    let select = previous
    const before = keyword(this.#tokens[previous])
    if (before === 'DISTINCT' || before === 'ALL')
      select = this.#previous(previous)
    if (keyword(this.#tokens[select]) !== 'SELECT') return null
    // The SELECT's scope runs to the bracket that encloses it, or the end.
    let last = after
    for (let j = after + 1; j < this.#tokens.length; j++) {
      const t = this.#tokens[j]!
      if (!isSignificant(t)) continue
      if (t.text === '(' || t.text === '[') {
        j = Math.max(j, this.#match[j]!)
        last = j
        continue
      }
      if (t.text === ')' || t.text === ']' || t.text === ';') break
      const word = keyword(t)
      if (
        [
          'UNION',
          'INTERSECT',
          'EXCEPT',
          'MINUS',
          'LIMIT',
          'FETCH',
          'OFFSET',
        ].includes(word)
      ) {
        return null
      }
      last = j
    }
    this.#insertAfter.set(last, ` LIMIT ${count.text}`)
    return { text: '', next: this.#skipSpace(after + 1) }
  }

  /** `#name` in operand position is a temporary table name; elsewhere `#` is XOR. */
  #tempName(i: number) {
    const name = this.#tokens[i + 1]
    if (!name || name.kind !== 'word') return null
    const previous = this.#tokens[this.#previous(i)]
    if (previous) {
      const operand =
        previous.kind === 'number' ||
        previous.kind === 'string' ||
        previous.kind === 'quoted' ||
        previous.kind === 'param' ||
        previous.text === ')' ||
        previous.text === ']' ||
        (previous.kind === 'word' &&
          !EXPRESSION_START_WORDS.has(previous.text.toUpperCase()))
      if (operand) return null
    }
    return { text: `"#${name.text.toLowerCase()}"`, next: i + 2 }
  }

  /** Token index ranges [from, to) of the top-level arguments inside the bracket at `open`. */
  #arguments(open: number): [number, number][] {
    const close = this.#match[open]!
    if (close < 0) return []
    const ranges: [number, number][] = []
    let from = open + 1
    for (let j = open + 1; j < close; j++) {
      const t = this.#tokens[j]!
      if (t.text === '(' || t.text === '[') j = Math.max(j, this.#match[j]!)
      else if (t.kind === 'punct' && t.text === ',') {
        ranges.push([from, j])
        from = j + 1
      }
    }
    if (from < close || ranges.length > 0) ranges.push([from, close])
    return ranges.filter(
      ([a, b]) => this.#significantIn(a, b).length > 0 || ranges.length > 1,
    )
  }

  #significantIn(from: number, to: number): number[] {
    const indexes: number[] = []
    for (let j = from; j < to; j++) {
      if (isSignificant(this.#tokens[j]!)) indexes.push(j)
    }
    return indexes
  }

  #raw(from: number, to: number): string {
    let out = ''
    for (let j = from; j < to; j++) out += this.#tokens[j]!.text
    return out
  }

  #next(i: number): number {
    if (i < 0) return -1
    for (let j = i + 1; j < this.#tokens.length; j++) {
      if (isSignificant(this.#tokens[j]!)) return j
    }
    return -1
  }

  #previous(i: number): number {
    for (let j = i - 1; j >= 0; j--) {
      if (isSignificant(this.#tokens[j]!)) return j
    }
    return -1
  }

  #skipSpace(i: number): number {
    let j = i
    while (j < this.#tokens.length && this.#tokens[j]!.kind === 'space') j++
    return j
  }
}
