/**
 * DECIMAL results with Redshift's precision and scale.
 *
 * ## Design
 *
 * Redshift fixes the type of every DECIMAL computation from its operands'
 * types (r_numeric_computations201.html): `+ -` keep the larger scale, `*`
 * adds the scales, `/` gives `max(4, s1 + p2 - s2 + 1)` digits, set
 * operations, CASE and COALESCE / NVL promote to the largest scale and the
 * most integer digits, AVG and SUM of DECIMAL(p,s) are DECIMAL(38,s), and a
 * bare `DECIMAL` is DECIMAL(18,0). PostgreSQL instead keeps an unbounded
 * NUMERIC whose scale follows the values (1.00 / 3.00 is
 * 0.33333333333333333333), reports no type modifier for the result and
 * creates CREATE TABLE AS columns as bare `numeric`.
 *
 * PostgreSQL reports a result's precision and scale only for an explicit
 * cast, so the rewrite must know each operand's type before the statement
 * runs, and PostgreSQL's functions and operators cannot give their results a
 * type modifier. The types known are those the text fixes, integer
 * constants (INTEGER, or BIGINT when larger) and casts (`x::decimal(8,2)`,
 * `CAST(x AS int)`, whatever `x` is), and, given a {@link ColumnSource}, the
 * catalog types of table columns: the planner first plans the statement
 * with a source that only collects the relations whose columns an operator,
 * CASE, COALESCE, NVL, AVG, SUM, MIN, MAX or set operation would read
 * (`columnRelations`); the session has their column types looked up ahead
 * on the emulator's own connection (once per table and database, until DDL)
 * and plans the statement again with them (`column-scopes.ts` resolves each
 * reference as PostgreSQL would, where it can be certain). Every operator,
 * CASE, COALESCE, NVL, AVG, SUM, MIN and MAX over typed operands is rewritten, in
 * place, by text edits at token boundaries:
 *
 * - `a + b`, `a - b`, `a * b` -> `(a + b)::numeric(p,s)`: PostgreSQL's value
 *   is already Redshift's (its scale rules for these match when the operands
 *   carry their declared scale); the cast gives the type and raises the
 *   overflow Redshift raises past 38 digits;
 * - `a / b` -> `redshift_local.decimal_div(a, b, s)::numeric(p,s)`: the
 *   quotient computed exactly to `s` digits and rounded half away from zero,
 *   as Redshift rounds a fractional part it cannot keep
 *   (r_Type_conversion.html);
 * - `sum(x)` -> `(sum(x))::numeric(38,s)`, `avg(x)` -> `(avg(x))::numeric(38,s)`
 *   (AVG keeps its argument's scale in `redshift_local.avg`, also where the
 *   argument is a column), `max(x)` -> `(max(x))::numeric(p,s)` (MIN and MAX
 *   keep their argument's type);
 * - CASE, COALESCE, NVL and the columns of a set operation whose inputs are
 *   DECIMALs of different types -> each cast to the promoted type;
 * - `::decimal` without precision -> `::decimal(18,0)`;
 * - `n IS [NOT] TRUE | FALSE` of a number -> `(n <> 0) IS ...`, which
 *   PostgreSQL takes of a Boolean only (the typing knows which operand is a
 *   number, so the test rides on it).
 *
 * A wrapped select-list item without an alias keeps the name PostgreSQL gave
 * it (`?column?`, `avg`). An operand whose type is not known (a function
 * result, a decimal literal, a column whose reference does not resolve for
 * certain) leaves the expression to PostgreSQL: its value and scale are
 * PostgreSQL's. That is the emulator limit the README states; refusing such
 * statements would refuse ordinary arithmetic over integers too, since the
 * text cannot tell them apart. A type Redshift cannot hold (a scale over
 * 37, a set operation needing more digits than its inputs' width allows) is
 * refused as an emulator limit rather than approximated.
 *
 * Statements that name no DECIMAL type and compute nothing over columns
 * never pay for any of this: a regular expression test, before any parse,
 * once per text (plans are cached).
 */
import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import {
  ColumnScopes,
  figureColumnName,
  numericColumn,
  type ColumnSource,
} from './column-scopes.js'
import { ExpressionSpans } from './expression-spans.js'
import {
  arithmeticType,
  commonDecimal,
  decimal,
  sqlType,
  type NumericLimit,
  type NumericType,
} from './numeric-types.js'
import {
  names,
  nodeType,
  parseOneStatement,
  type PgNode,
} from './parse-tree.js'
import { quoteIdentifier } from './quote.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'
import { COMPUTING_STATEMENTS } from './computing-statements.js'

/** Only a statement naming a DECIMAL type has a DECIMAL the text can type. */
const TRIGGER = /\b(?:numeric|decimal|dec)\b/i

/** IS [NOT] TRUE / FALSE, which takes a number on Redshift. */
const TRUTH_TEST = /\bis\s+(?:not\s+)?(?:true|false)\b/i

/** Without one, no expression over columns has a type of its own to fix. */
const COLUMN_TRIGGER =
  /[-+*/%]|\b(?:avg|sum|min|max|case|coalesce|nvl|greatest|least|abs|sign|mod|union|intersect|except|to_char)\b/i

/** Fields of a query level typed before the rest: the FROM items its expressions name. */
const FIRST_FIELDS = ['withClause', 'fromClause'] as const

/** Math functions typed by {@link NumericTyping}'s `#math`. */
const SCALAR_MATH = new Set([
  'abs',
  'sign',
  'mod',
  'round',
  'trunc',
  'ceil',
  'ceiling',
  'floor',
])

const INT4_MAX = 2147483647n
const INT8_MAX = 9223372036854775807n

const TYPE_NAMES: Readonly<
  Record<string, 'int2' | 'int4' | 'int8' | 'float4' | 'float8'>
> = {
  int2: 'int2',
  int4: 'int4',
  int8: 'int8',
  float4: 'float4',
  float8: 'float8',
}

/** One insertion or replacement; insertions at one offset are ordered by `rank`. */
interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly rank: number
}

type Typed = NumericType | undefined

/**
 * The statement with Redshift's DECIMAL result types made explicit, null
 * when nothing changes, or the emulator-limit error for a type Redshift
 * cannot hold.
 *
 * @example
 * ```ts
 * rewriteNumeric('select 1.00::decimal(5,2) / 3', 'SelectStmt')
 * // 'select redshift_local.decimal_div(1.00::decimal(5,2) , 3, 13)::numeric(16,13) AS "?column?"'
 * ```
 */
export function rewriteNumeric(
  text: string,
  type: string,
  columns?: ColumnSource,
): string | ErrorFields | null {
  if (!COMPUTING_STATEMENTS.has(type)) return null
  const withColumns =
    columns !== undefined &&
    (COLUMN_TRIGGER.test(text) || TRUTH_TEST.test(text))
  if (!withColumns && !TRIGGER.test(text) && !TRUTH_TEST.test(text)) return null
  const tree = parseOneStatement(text)
  if (tree === undefined) return null
  const typing = new NumericTyping(text)
  if (withColumns) typing.readColumns(tree, columns)
  typing.visit(tree, 0)
  if (typing.error !== undefined) return typing.error
  if (typing.limit !== undefined) return emulatorLimit(typing.limit.limit)
  return typing.apply()
}

class NumericTyping {
  readonly #text: string
  readonly #spans: ExpressionSpans
  readonly #types = new Map<PgNode, Typed>()
  readonly #edits: Edit[] = []
  /** Operators rewritten so that PostgreSQL would name their select-list item otherwise. */
  readonly #renamed = new Set<PgNode>()
  #scopes: ColumnScopes | undefined
  limit: NumericLimit | undefined
  /** A combination of operand types Redshift refuses (MOD of a SMALLINT and a BIGINT). */
  error: ErrorFields | undefined

  constructor(text: string) {
    this.#text = text
    this.#spans = new ExpressionSpans(text)
  }

  /** Column references are typed from `source`'s catalog types where they resolve for certain. */
  readColumns(tree: unknown, source: ColumnSource): void {
    this.#scopes = new ColumnScopes(source, (wrapped) => this.#typeOf(wrapped))
    this.#scopes.build(tree)
  }

  apply(): string | null {
    if (this.#edits.length === 0) return null
    const sorted = [...this.#edits].sort(
      (a, b) => a.start - b.start || a.rank - b.rank,
    )
    let out = ''
    let at = 0
    for (const edit of sorted) {
      if (edit.start < at) return null
      out += this.#text.slice(at, edit.start) + edit.text
      at = edit.end
    }
    return out + this.#text.slice(at)
  }

  /** Types every expression below `value`, children first, and records the edits. */
  visit(value: unknown, depth: number): void {
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, depth)
      return
    }
    const fields = value as PgNode
    for (const key of FIRST_FIELDS) this.visit(fields[key], depth + 1)
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'withClause' && key !== 'fromClause') {
        this.visit(child, depth + 1)
      }
    }
    const typed = nodeType(value)
    if (typed === undefined) return
    const [type, node] = typed
    switch (type) {
      case 'A_Const':
      case 'TypeCast':
      case 'A_Expr':
      case 'FuncCall':
      case 'CaseExpr':
      case 'CoalesceExpr':
      case 'MinMaxExpr':
        this.#types.set(node, this.#type(type, node, value, depth))
        break
      case 'BooleanTest':
        this.#truthTest(node, depth)
        break
      case 'ResTarget':
        this.#keepName(node, depth)
        break
      case 'SelectStmt':
        this.#setOperation(node, depth)
        break
    }
  }

  #typeOf(wrapped: unknown): Typed {
    const typed = nodeType(wrapped)
    if (typed === undefined) return undefined
    if (typed[0] === 'ColumnRef') {
      // A SUPER (or BOOLEAN, date, VARBYTE) column has no numeric type of its own.
      return numericColumn(this.#scopes?.typeOfColumn(typed[1]))
    }
    return this.#types.get(typed[1])
  }

  #type(type: string, node: PgNode, wrapped: unknown, depth: number): Typed {
    switch (type) {
      case 'A_Const':
        return constType(node)
      case 'TypeCast':
        return this.#cast(node, depth)
      case 'A_Expr':
        return this.#operator(node, wrapped, depth)
      case 'FuncCall':
        return this.#call(node, wrapped, depth)
      default:
        return this.#branches(type, node, wrapped, depth)
    }
  }

  #cast(node: PgNode, depth: number): Typed {
    const typeName = node['typeName'] as PgNode | undefined
    if (typeName === undefined || typeName['arrayBounds'] !== undefined) {
      return undefined
    }
    const name = names(typeName['names']).at(-1)
    if (name !== 'numeric') {
      const kind = name === undefined ? undefined : TYPE_NAMES[name]
      return kind === undefined ? undefined : ({ kind } as NumericType)
    }
    const mods = Array.isArray(typeName['typmods']) ? typeName['typmods'] : []
    const values = mods.map(typmod)
    if (values.some((v) => v === undefined)) return undefined
    if (values.length === 0) {
      // Redshift's DECIMAL defaults to DECIMAL(18,0); PostgreSQL's is unbounded.
      const at = this.#spans.tokenAt(typeName['location'])
      const token = at === undefined ? undefined : this.#spans.token(at)
      if (token === undefined || this.#spans.token(at! + 1)?.kind === 'dot') {
        return undefined
      }
      this.#edits.push(insert(token.end, '(18,0)', depth))
      return decimal(18, 0)
    }
    return decimal(values[0]!, values[1] ?? 0)
  }

  #operator(node: PgNode, wrapped: unknown, depth: number): Typed {
    if (node['kind'] !== 'AEXPR_OP') return undefined
    const op = names(node['name']).join('.')
    if (op === '%' && node['lexpr'] !== undefined) {
      return this.#modulo(node['lexpr'], node['rexpr'], wrapped, depth)
    }
    if (op !== '+' && op !== '-' && op !== '*' && op !== '/') return undefined
    const right = this.#typeOf(node['rexpr'])
    if (node['lexpr'] === undefined) {
      return op === '+' || op === '-' ? right : undefined
    }
    const left = this.#typeOf(node['lexpr'])
    if (left === undefined || right === undefined) return undefined
    const result = arithmeticType(op, left, right)
    if ('limit' in result) {
      this.limit ??= result
      return undefined
    }
    if (result.kind !== 'decimal') return result
    const span = this.#spans.span(wrapped)
    const operator = this.#spans.tokenAt(node['location'])
    if (span === undefined || operator === undefined) return undefined
    const cast = `::${sqlType(result)}`
    if (op === '/') {
      const token = this.#spans.token(operator)!
      this.#edits.push(
        open(span.start, 'redshift_local.decimal_div(', depth),
        { start: token.start, end: token.end, text: ',', rank: 0 },
        close(span.end, `, ${result.scale})${cast}`, depth),
      )
    } else {
      this.#edits.push(
        open(span.start, '(', depth),
        close(span.end, `)${cast}`, depth),
      )
    }
    this.#renamed.add(node)
    return result
  }

  #call(node: PgNode, wrapped: unknown, depth: number): Typed {
    const name = names(node['funcname'])
    const fn = name.at(-1)
    const schema = name.length === 2 ? name[0] : undefined
    const args = Array.isArray(node['args']) ? node['args'] : []
    const builtin = schema === undefined || schema === 'pg_catalog'
    if (fn === 'nvl' && builtin) {
      return this.#branches('nvl', node, wrapped, depth)
    }
    if (builtin && fn !== undefined && SCALAR_MATH.has(fn)) {
      return this.#math(fn, node, wrapped, depth)
    }
    if (fn === 'to_char' && (builtin || schema === 'redshift_local')) {
      this.#toChar(args)
      return undefined
    }
    const extreme = fn === 'min' || fn === 'max'
    if (fn !== 'avg' && fn !== 'sum' && !extreme) return undefined
    if (schema !== undefined && schema !== 'redshift_local') return undefined
    if (args.length !== 1 || node['agg_star'] === true) return undefined
    if (node['agg_order'] !== undefined) return undefined
    const arg = this.#typeOf(args[0])
    if (arg === undefined) return undefined
    // MIN and MAX return their argument's type (r_MIN.html, r_MAX.html).
    if (extreme && arg.kind !== 'decimal') return arg
    if (arg.kind !== 'decimal') {
      // AVG and SUM of integers are BIGINT, of floats DOUBLE PRECISION (rewrite-aggregates.ts).
      return arg.kind.startsWith('float')
        ? { kind: 'float8' }
        : { kind: 'int8' }
    }
    const result = extreme ? arg : decimal(38, arg.scale)
    const span = this.#spans.span(wrapped)
    if (span === undefined) return undefined
    this.#edits.push(
      open(span.start, '(', depth),
      close(span.end, `)::${sqlType(result)}`, depth),
    )
    return result
  }

  /**
   * TO_CHAR of a 128-bit DECIMAL (precision above 19) is refused: "TO_CHAR
   * does not support 128-bit DECIMAL values" (r_TO_CHAR.html). Only an
   * argument whose type is known can be judged; PostgreSQL's values carry
   * no precision at run time.
   */
  #toChar(args: readonly unknown[]): void {
    const arg = args.length === 2 ? this.#typeOf(args[0]) : undefined
    if (arg?.kind !== 'decimal' || arg.precision <= 19) return
    this.error ??= reject.unsupported(
      `TO_CHAR of a 128-bit DECIMAL (DECIMAL(${arg.precision},${arg.scale}))`,
      'TO_CHAR takes DECIMAL values of precision 19 or less: cast the value to a smaller DECIMAL or to VARCHAR',
    )
  }

  /**
   * The math functions whose result type their pages give
   * (r_SIGN.html, r_ABS.html, r_MOD.html, r_ROUND.html, r_TRUNC.html,
   * r_CEILING_FLOOR.html, r_FLOOR.html). Integer and floating-point
   * arguments keep their type (the catalog's overloads make PostgreSQL's
   * answer so); a DECIMAL argument is typed only where the page gives the
   * result's precision and scale:
   *
   * - SIGN of a DECIMAL is DECIMAL(1,0), ABS keeps the argument's DECIMAL;
   * - ROUND, TRUNC, CEILING and FLOOR of a DECIMAL(p,s) "return the same
   *   numeric data type", but the pages' examples show the scale becoming
   *   the number of places (`ROUND(commission, 1)` of a DECIMAL(8,2) is
   *   `28.1`, `CEILING(commission)` is `29`) and give no precision: the
   *   result keeps PostgreSQL's value (which matches those examples) and
   *   type, an emulator limit the README states;
   * - MOD of two DECIMALs of one type is that type ("the same numeric type
   *   as the input parameters, if both input parameters are the same
   *   type", r_MOD.html); of two DECIMAL types the page gives no precision
   *   or scale, and PostgreSQL's is kept; of integers, an INTEGER operand
   *   makes the result an INTEGER, and a SMALLINT with a BIGINT is refused.
   */
  #math(fn: string, node: PgNode, wrapped: unknown, depth: number): Typed {
    const args = Array.isArray(node['args']) ? node['args'] : []
    if (node['over'] !== undefined || node['agg_star'] === true) {
      return undefined
    }
    if (fn === 'mod') {
      return args.length === 2
        ? this.#modulo(args[0], args[1], wrapped, depth)
        : undefined
    }
    const one = fn === 'sign' || fn === 'abs'
    if (args.length !== 1 && (one || args.length !== 2)) return undefined
    // ROUND / TRUNC places: INTEGER, as the catalog's overloads take it.
    if (args.length === 2 && this.#typeOf(args[1])?.kind !== 'int4') {
      return undefined
    }
    const arg = this.#typeOf(args[0])
    if (arg === undefined) return undefined
    if (arg.kind !== 'decimal') {
      return fn === 'sign' && arg.kind === 'float4' ? { kind: 'float8' } : arg
    }
    if (!one) return undefined
    return this.#wrap(wrapped, fn === 'sign' ? decimal(1, 0) : arg, depth)
  }

  /**
   * `a % b` and MOD(a, b) (r_MOD.html): over integers the same type when
   * both are, and INTEGER when either is an INTEGER, where PostgreSQL gives
   * the wider type (the remainder's magnitude is below the INTEGER
   * operand's, so the cast cannot overflow); "one parameter cannot be a
   * SMALLINT if the other is a BIGINT", refused in PostgreSQL's words for a
   * missing overload (Redshift's are not documented). Over two DECIMALs of
   * one type, that type: the remainder is smaller than the divisor and has
   * no more fractional digits.
   */
  #modulo(
    left: unknown,
    right: unknown,
    wrapped: unknown,
    depth: number,
  ): Typed {
    const a = this.#typeOf(left)
    const b = this.#typeOf(right)
    if (a === undefined || b === undefined) return undefined
    const operator = nodeType(wrapped)
    if (a.kind === 'decimal' && b.kind === 'decimal') {
      if (sqlType(a) !== sqlType(b)) return undefined
      if (operator?.[0] === 'A_Expr') this.#renamed.add(operator[1])
      return this.#wrap(wrapped, a, depth)
    }
    const ints = ['int2', 'int4', 'int8']
    if (!ints.includes(a.kind) || !ints.includes(b.kind)) return undefined
    if (a.kind === b.kind) return a
    if (a.kind !== 'int4' && b.kind !== 'int4') {
      const names = { int2: 'smallint', int8: 'bigint' } as const
      const [x, y] = [
        names[a.kind as 'int2' | 'int8'],
        names[b.kind as 'int2' | 'int8'],
      ]
      this.error ??=
        operator?.[0] === 'A_Expr'
          ? reject.other(
              '42883',
              `operator does not exist: ${x} % ${y}`,
              undefined,
              'MOD of a SMALLINT and a BIGINT: cast one to the other type',
            )
          : reject.other(
              '42883',
              `function mod(${x}, ${y}) does not exist`,
              undefined,
              'MOD of a SMALLINT and a BIGINT: cast one to the other type',
            )
      return undefined
    }
    // int2 with int4 is already PostgreSQL's INTEGER.
    if (a.kind === 'int2' || b.kind === 'int2') return { kind: 'int4' }
    const span = this.#spans.span(wrapped)
    if (span === undefined) return undefined
    this.#edits.push(
      open(span.start, '(', depth),
      close(span.end, ')::int4', depth),
    )
    if (operator?.[0] === 'A_Expr') this.#renamed.add(operator[1])
    return { kind: 'int4' }
  }

  /**
   * `n IS [NOT] TRUE | FALSE` of a number -> `(n <> 0) IS ...`:
   * r_comparison_condition.html, "Non-zero values equate to TRUE, 0 equates
   * to FALSE, and null equates to UNKNOWN" (IS UNKNOWN is IS NULL, from
   * `rewrite-functions.ts`). An operand whose type is not known is left to
   * PostgreSQL, which takes a Boolean only.
   */
  #truthTest(node: PgNode, depth: number): void {
    if (node['booltesttype'] === 'IS_UNKNOWN') return
    if (node['booltesttype'] === 'IS_NOT_UNKNOWN') return
    if (this.#typeOf(node['arg']) === undefined) return
    const span = this.#spans.span(node['arg'])
    if (span === undefined) return
    this.#edits.push(
      open(span.start, '(', depth),
      close(span.end, ' <> 0)', depth),
    )
  }

  /** `(expr)::type` for a wrapped expression; undefined when its span is not known. */
  #wrap(wrapped: unknown, type: NumericType, depth: number): Typed {
    const span = this.#spans.span(wrapped)
    if (span === undefined) return undefined
    this.#edits.push(
      open(span.start, '(', depth),
      close(span.end, `)::${sqlType(type)}`, depth),
    )
    return type
  }

  /**
   * CASE, COALESCE and NVL: the common type of their results. GREATEST and
   * LEAST take "a common data type" of their arguments (r_GREATEST_LEAST.html,
   * which does not give its precision and scale): the promotion of CASE and
   * COALESCE, so a DECIMAL(8,2) and a DECIMAL(20,5) give DECIMAL(20,5).
   */
  #branches(
    type: string,
    node: PgNode,
    wrapped: unknown,
    depth: number,
  ): Typed {
    const inputs: unknown[] = []
    if (type === 'CaseExpr') {
      for (const when of Array.isArray(node['args']) ? node['args'] : []) {
        inputs.push((when as { CaseWhen?: PgNode }).CaseWhen?.['result'])
      }
      if (node['defresult'] !== undefined) inputs.push(node['defresult'])
    } else {
      inputs.push(...(Array.isArray(node['args']) ? node['args'] : []))
    }
    const types = inputs.map((i) => this.#typeOf(i))
    if (types.some((t) => t === undefined)) return undefined
    const common = commonDecimal(types as NumericType[])
    if (common === undefined) return undefined
    if ('limit' in common) {
      this.limit ??= common
      return undefined
    }
    const span = this.#spans.span(wrapped)
    if (span === undefined) return undefined
    this.#edits.push(
      open(span.start, '(', depth),
      close(span.end, `)::${sqlType(common)}`, depth),
    )
    return common
  }

  /**
   * A UNION, INTERSECT or EXCEPT: each column whose inputs are DECIMALs of
   * different types is cast to the promoted type in every input.
   */
  #setOperation(node: PgNode, depth: number): void {
    if (node['op'] === undefined || node['op'] === 'SETOP_NONE') return
    const leaves: PgNode[] = []
    const collect = (select: PgNode | undefined): void => {
      if (select === undefined) return
      if (select['op'] !== undefined && select['op'] !== 'SETOP_NONE') {
        collect(select['larg'] as PgNode | undefined)
        collect(select['rarg'] as PgNode | undefined)
      } else leaves.push(select)
    }
    collect(node)
    const lists = leaves.map((leaf) =>
      (Array.isArray(leaf['targetList']) ? leaf['targetList'] : []).map(
        (t) => (t as { ResTarget?: PgNode }).ResTarget,
      ),
    )
    const width = lists[0]?.length ?? 0
    if (lists.some((list) => list.length !== width)) return
    for (let column = 0; column < width; column++) {
      const values = lists.map((list) => list[column]?.['val'])
      const types = values.map((v) => this.#typeOf(v))
      if (types.some((t) => t?.kind !== 'decimal')) continue
      const decimals = types as NumericType[]
      const common = commonDecimal(decimals)
      if (common === undefined) continue
      if ('limit' in common) {
        this.limit ??= common
        continue
      }
      if (decimals.every((t) => sqlType(t) === sqlType(decimals[0]!))) {
        continue
      }
      values.forEach((value, i) => {
        const span = this.#spans.span(value)
        if (span === undefined) return
        this.#edits.push(
          open(span.start, '(', depth),
          close(span.end, `)::${sqlType(common)}`, depth),
        )
        const target = lists[i]![column]!
        const renamed = this.#renamed.has(nodeType(value)![1])
        if (i === 0 && target['name'] === undefined && !renamed) {
          const at = this.#spans.widen(span, target['location']).end
          this.#edits.push(
            close(at, ` AS ${quoteIdentifier(figureColumnName(value))}`, -1),
          )
        }
      })
    }
  }

  /** An unnamed select-list item whose rewrite would change PostgreSQL's name for it. */
  #keepName(target: PgNode, depth: number): void {
    if (target['name'] !== undefined) return
    const value = nodeType(target['val'])
    if (value === undefined || !this.#renamed.has(value[1])) return
    const span = this.#spans.span(target['val'])
    if (span === undefined) return
    const at = this.#spans.widen(span, target['location']).end
    this.#edits.push(close(at, ` AS ${quoteIdentifier('?column?')}`, depth))
  }
}

/** INTEGER constants (BIGINT past 2^31); decimal literals are left untyped. */
function constType(node: PgNode): NumericType | undefined {
  if (node['ival'] !== undefined) return { kind: 'int4' }
  const fval = (node['fval'] as { fval?: string } | undefined)?.fval
  if (fval === undefined || !/^-?\d+$/.test(fval)) return undefined
  const big = BigInt(fval)
  const magnitude = big < 0n ? -big : big
  if (magnitude <= INT4_MAX) return { kind: 'int4' }
  return magnitude <= INT8_MAX ? { kind: 'int8' } : undefined
}

/** The integer of a type modifier (`5` of `decimal(5,2)`). */
function typmod(wrapped: unknown): number | undefined {
  const c = nodeType(wrapped)
  if (c?.[0] !== 'A_Const') return undefined
  const ival = c[1]['ival'] as { ival?: number } | undefined
  return ival === undefined ? undefined : (ival.ival ?? 0)
}

/** An insertion opening a wrap: outer wraps (smaller depth) first. */
function open(at: number, text: string, depth: number): Edit {
  return { start: at, end: at, text, rank: -1_000_000 + depth }
}

/** An insertion closing a wrap: inner wraps (greater depth) first, names last. */
function close(at: number, text: string, depth: number): Edit {
  return { start: at, end: at, text, rank: -2_000_000 - depth }
}

/** The `(18,0)` after a bare DECIMAL. */
function insert(at: number, text: string, depth: number): Edit {
  return close(at, text, depth + 1)
}
