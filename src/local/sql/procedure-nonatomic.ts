import type { ErrorFields } from '../protocol/error-fields.js'
import { reject } from '../errors/reject.js'
import { significant, tokenize, wordOf, type Token } from './lexer.js'
import { GUARDED_LIMIT } from './procedure-blocks.js'
import { commandEnd } from './procedure-truncate.js'

/**
 * What `CREATE PROCEDURE ... NONATOMIC` leaves at the start of the body it
 * hands on (see `redshift-ddl-extras.ts`): PostgreSQL has no NONATOMIC
 * clause, and the body is what the later steps read.
 */
export const NONATOMIC_MARKER = '/*redshift_local:nonatomic*/'

const LIMIT_HINT =
  'an emulator limit: PostgreSQL cannot run it with Redshift semantics'

/** Whether the session's transaction block is open (BEGIN or START TRANSACTION). */
const IN_BLOCK = 'redshift_local.in_transaction_block()'

/** First words of the statements that commit on their own in a NONATOMIC procedure. */
const SQL_WORDS: ReadonlySet<string> = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'select',
  'with',
  'values',
  'table',
  'create',
  'drop',
  'alter',
  'grant',
  'revoke',
  'comment',
  'execute',
  'call',
  'perform',
  'copy',
  'unload',
  'lock',
  'analyze',
  'vacuum',
  'refresh',
  'truncate',
  'set',
  'reset',
  'show',
])

/** Statements that cannot fail or end the transaction themselves: never wrapped. */
const UNWRAPPED: ReadonlySet<string> = new Set([
  'null',
  'return',
  'exit',
  'continue',
  'commit',
  'rollback',
  'start',
])

/** Words that end a list of statements. */
const STOPS: ReadonlySet<string> = new Set([
  'end',
  'elsif',
  'elseif',
  'else',
  'when',
  'exception',
])

interface Simple {
  readonly kind: 'simple'
  readonly from: number
  readonly to: number
  /** Index of the statement's first word, after any `<<label>>`. */
  readonly at: number
}

interface Handler {
  readonly continues: boolean
  readonly body: readonly Statement[]
  readonly count: number
}

interface Block {
  readonly kind: 'block'
  readonly from: number
  readonly to: number
  readonly begin: number
  readonly declares: boolean
  readonly body: readonly Statement[]
  readonly handler: Handler | undefined
  /** The END token. */
  readonly end: number
}

interface Compound {
  readonly kind: 'compound'
  readonly from: number
  readonly to: number
  readonly word: string
  /** The token of `word`, after any `<<label>>`. */
  readonly at: number
  /** Each list of statements, with the token indices it spans. */
  readonly lists: readonly {
    readonly from: number
    readonly to: number
    readonly body: readonly Statement[]
    /** IF's, ELSIF's, CASE's WHEN's or WHILE's condition tokens (none for ELSE). */
    readonly condition?: { readonly from: number; readonly to: number }
  }[]
  /** A simple CASE's subject tokens. */
  readonly subject?: { readonly from: number; readonly to: number }
  /** A FOR loop over a query or a cursor (its cursor closes at a commit). */
  readonly queryLoop: boolean
}

type Statement = Simple | Block | Compound

class Unreadable extends Error {}

/** A PL/pgSQL body read into its statements, enough to rewrite it. */
class BodyReader {
  readonly #body: string
  readonly tokens: readonly Token[]

  constructor(body: string) {
    this.#body = body
    this.tokens = significant(tokenize(body))
  }

  word(at: number): string {
    return wordOf(this.#body, this.tokens[at])
  }

  text(at: number): string {
    const t = this.tokens[at]
    return t === undefined ? '' : this.#body.slice(t.start, t.end)
  }

  /** The body's text between two character offsets. */
  chars(start: number, end: number): string {
    return this.#body.slice(start, end)
  }

  /** The text from token `from` to token `to`, both included. */
  span(from: number, to: number): string {
    if (to < from) return ''
    return this.#body.slice(this.tokens[from]!.start, this.tokens[to]!.end)
  }

  /** The outer block: the whole body. */
  read(): Block {
    const statement = this.#statement(0)
    if (statement.kind !== 'block' || statement.to + 1 < this.tokens.length)
      throw new Unreadable()
    return statement
  }

  #list(at: number): { body: Statement[]; next: number } {
    const body: Statement[] = []
    while (at < this.tokens.length && !STOPS.has(this.word(at))) {
      const statement = this.#statement(at)
      body.push(statement)
      at = statement.to + 1
    }
    return { body, next: at }
  }

  #expect(at: number, word: string): number {
    if (this.word(at) !== word) throw new Unreadable()
    return at
  }

  /** The next token at or after `at` that is `word`, outside SQL CASE ... END. */
  #find(at: number, ...words: string[]): number {
    let depth = 0
    for (let i = at; i < this.tokens.length; i++) {
      const w = this.word(i)
      if (depth === 0 && words.includes(w)) return i
      if (w === 'case') depth++
      else if (w === 'end' && depth > 0) depth--
    }
    throw new Unreadable()
  }

  /** `END <word> [label] ;` from `end`: the `;`. */
  #close(end: number, word: string | undefined): number {
    let at = end + 1
    if (word !== undefined) at = this.#expect(at, word) + 1
    if (this.tokens[at]?.kind === 'word') at++
    if (this.tokens[at]?.kind !== 'semicolon' && at < this.tokens.length)
      throw new Unreadable()
    return Math.min(at, this.tokens.length - 1)
  }

  #statement(from: number): Statement {
    let at = from
    if (this.text(at) === '<<') {
      while (at < this.tokens.length && this.text(at) !== '>>') at++
      at++
    }
    const word = this.word(at)
    if (word === 'declare' || word === 'begin') return this.#block(from, at)
    if (word === 'if') return this.#branches(from, at, at, 'if', 'elsif')
    if (word === 'case')
      return this.#branches(
        from,
        at,
        this.#find(at + 1, 'when'),
        'case',
        'when',
      )
    if (['loop', 'while', 'for', 'foreach'].includes(word))
      return this.#loop(from, at, word)
    let to = at
    while (to < this.tokens.length && this.tokens[to]!.kind !== 'semicolon')
      to++
    if (to >= this.tokens.length) throw new Unreadable()
    return { kind: 'simple', from, to, at }
  }

  #block(from: number, at: number): Block {
    const declares = this.word(at) === 'declare'
    const begin = declares ? this.#find(at, 'begin') : at
    const { body, next } = this.#list(begin + 1)
    let handler: Handler | undefined
    let end = next
    if (this.word(next) === 'exception') {
      let k = next + 1
      const kind = this.word(k)
      const continues = kind === 'continue_handler'
      if (continues || kind === 'exit_handler') k++
      const handlers: Statement[][] = []
      while (this.word(k) === 'when') {
        const then = this.#find(k + 1, 'then')
        const list = this.#list(then + 1)
        handlers.push(list.body)
        k = list.next
      }
      if (handlers.length === 0) throw new Unreadable()
      handler = { continues, body: handlers[0]!, count: handlers.length }
      end = k
    }
    this.#expect(end, 'end')
    return {
      kind: 'block',
      from,
      to: this.#close(end, undefined),
      begin,
      declares,
      body,
      handler,
      end,
    }
  }

  /**
   * IF's or CASE's statement lists, from its first condition at `head`:
   * each `branch ... THEN` or ELSE opens one, up to `END word`.
   */
  #branches(
    from: number,
    at: number,
    head: number,
    word: 'if' | 'case',
    branch: 'elsif' | 'when',
  ): Compound {
    const lists: Compound['lists'][number][] = []
    for (;;) {
      const otherwise = this.word(head) === 'else'
      const then = otherwise ? head : this.#find(head + 1, 'then')
      const list = this.#list(then + 1)
      lists.push({
        from: then + 1,
        to: list.next - 1,
        body: list.body,
        ...(otherwise ? {} : { condition: { from: head + 1, to: then - 1 } }),
      })
      head = list.next
      if (this.word(head) === 'end') break
      // ELSIF is also spelled ELSEIF (c_PLpgSQL-statements.html).
      const next = this.word(head)
      if (
        next !== branch &&
        next !== 'else' &&
        !(branch === 'elsif' && next === 'elseif')
      )
        throw new Unreadable()
    }
    return {
      kind: 'compound',
      from,
      to: this.#close(head, word),
      word,
      at,
      lists,
      queryLoop: false,
      ...(word === 'case' && this.word(at + 1) !== 'when'
        ? { subject: { from: at + 1, to: this.#find(at + 1, 'when') - 1 } }
        : {}),
    }
  }

  #loop(from: number, at: number, word: string): Compound {
    const loop = word === 'loop' ? at : this.#find(at + 1, 'loop')
    const list = this.#list(loop + 1)
    this.#expect(list.next, 'end')
    // A FOR over a range has `..` between IN and LOOP.
    let header = ''
    for (let i = at; i < loop; i++)
      if (this.tokens[i]!.kind !== 'string') header += this.text(i)
    return {
      kind: 'compound',
      from,
      to: this.#close(list.next, 'loop'),
      word,
      at,
      lists: [
        {
          from: loop + 1,
          to: list.next - 1,
          body: list.body,
          ...(word === 'while'
            ? { condition: { from: at + 1, to: loop - 1 } }
            : {}),
        },
      ],
      queryLoop: word === 'for' && !header.includes('..'),
    }
  }
}

/** Where a statement runs: the handler guarding it, the FOR loops around it. */
interface Context {
  readonly guard: Guard | undefined
  readonly loops: readonly number[]
}

interface Guard {
  readonly label: string
  readonly handler: Handler
  /** Where the handler itself runs. */
  readonly outer: Context
}

/**
 * Why a NONATOMIC procedure's body cannot run soundly here, or undefined.
 * PostgreSQL runs a block with an exception handler as a subtransaction,
 * which cannot commit; the rewrite (see `rewriteNonatomicBody`) gives each
 * statement of the guarded part a subtransaction of its own instead, which
 * needs every error of that part to come from a statement. The conditions
 * of IF, CASE, WHILE and EXIT / CONTINUE WHEN, a FOR loop's bounds, the
 * opening of its query and each fetch, and a nested block's initial values
 * are evaluated in a guarded statement of their own. What stays refused
 * there: FOREACH (its array cannot be held in a variable of a known type),
 * a FOR loop over a bound cursor (its record is declared by the loop), and
 * a nested block declaring a CONSTANT or NOT NULL variable (its value
 * cannot be assigned after the declaration).
 *
 * @example
 * ```ts
 * checkNonatomic('begin foreach x in array a loop null; end loop; exception when others then null; end')
 * // { code: '0A000', message: 'FOREACH in the guarded part of an exception block of a NONATOMIC procedure in the local emulator is not supported', ... }
 * ```
 */
export function checkNonatomic(body: string): ErrorFields | undefined {
  const reader = new BodyReader(stripMarker(body))
  let outer: Block
  try {
    outer = reader.read()
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error
    return limit('this NONATOMIC procedure body (the emulator cannot read it)')
  }
  const refuse = (what: string) =>
    limit(
      `${what} in the guarded part of an exception block of a NONATOMIC procedure`,
    )
  // The rewrite runs a guarding handler's statements where the error
  // happened: a name declared there would hide the one the handler means.
  const hides = (names: readonly string[], handlers: readonly Handler[]) =>
    handlers.some((h) => {
      const words = handlerWords(reader, h)
      return names.some((name) => words.has(name))
    })
  const walk = (
    list: readonly Statement[],
    handlers: readonly Handler[],
  ): ErrorFields | undefined => {
    const guarded = handlers.length > 0
    for (const s of list) {
      let found: ErrorFields | undefined
      if (s.kind === 'simple') {
        // EXIT / CONTINUE WHEN: the condition is guarded (see rewriteNonatomicBody).
        // c_PLpgSQL-statements.html: the PL/pgSQL START TRANSACTION takes
        // no isolation level or access keywords.
        if (
          reader.word(s.at) === 'start' &&
          reader.word(s.at + 1) === 'transaction' &&
          s.at + 2 < s.to
        )
          found = reject.other(
            '42601',
            `syntax error at or near "${reader.text(s.at + 2)}"`,
            undefined,
            'START TRANSACTION in a stored procedure takes no isolation level or access mode',
          )
      } else if (s.kind === 'block') {
        if (guarded && s.declares) {
          const declared = declarations(reader, s)
          if (declared.some((d) => d.fixed))
            found = refuse(
              'a nested block declaring a CONSTANT or NOT NULL variable',
            )
          else if (
            hides(
              declared.map((d) => d.name.toLowerCase()),
              handlers,
            )
          )
            found = refuse(
              'a nested block declaring a name its exception handler uses',
            )
        }
        found ??= walk(
          s.body,
          s.handler === undefined ? handlers : [...handlers, s.handler],
        )
        if (s.handler !== undefined) found ??= walk(s.handler.body, handlers)
      } else {
        if (guarded && s.word === 'foreach') found = refuse('FOREACH')
        if (guarded && s.word === 'for') {
          const header = forHeader(reader, s)
          if (header === undefined)
            found = refuse('a FOR loop over a bound cursor')
          else if (
            header.kind === 'range' &&
            hides([header.target.toLowerCase()], handlers)
          )
            found = refuse(
              'a FOR loop whose variable its exception handler uses',
            )
        }
        for (const l of s.lists) found ??= walk(l.body, handlers)
      }
      if (found !== undefined) return found
    }
    return undefined
  }
  return walk([outer], [])
}

/**
 * The body PostgreSQL runs for a NONATOMIC procedure
 * (stored-procedure-transaction-management.html, stored-procedure-trapping-errors.html):
 *
 * - each SQL statement commits after it runs unless a transaction block is
 *   open (the caller's BEGIN, or a START TRANSACTION of the procedure, which
 *   opens one; inside an open block it does nothing);
 * - COMMIT and ROLLBACK end that block; called inside the caller's own
 *   transaction block, where Redshift ends the caller's transaction,
 *   PostgreSQL's CALL cannot, so they fail there as an emulator limit;
 * - an exception handler catches an error without undoing the statements
 *   before it (they committed) and without throwing it again; the failing
 *   statement alone is undone. Each statement of the guarded part runs in
 *   a block of its own whose handler is the original one (followed by an
 *   EXIT from the guarded part, unless it is a CONTINUE_HANDLER), so the
 *   commits between statements happen outside any subtransaction;
 * - a FOR loop over a query stops with an error at its next fetch after a
 *   commit in its body, as Redshift closes the cursor.
 *
 * Redshift does not document what an exception handler undoes inside an
 * open transaction block: here the failing statement alone, PostgreSQL's
 * savepoint behaviour. `declare` receives the variables the body needs.
 *
 * @example
 * ```ts
 * rewriteNonatomicBody('begin insert into t values (1); end', [])
 * // ' begin insert into t values (1); IF NOT redshift_local.in_transaction_block() THEN COMMIT; END IF; end;'
 * ```
 */
export function rewriteNonatomicBody(body: string, declare: string[]): string {
  return rewriteGuardedParts(body, declare, undefined)
}

/**
 * A default-mode (atomic) body in which an exception handler is nested in
 * the guarded part of another block, rewritten as a NONATOMIC body's guarded
 * parts are (see `rewriteNonatomicBody`), or null when that cannot be done
 * soundly (see `checkNonatomic`) or there is no such handler. Each statement
 * of a guarded part runs in a block of its own, so no subtransaction is open
 * when a handler runs, and it works as on Redshift
 * (stored-procedure-trapping-errors.html): outside a transaction block it
 * rolls back, runs, commits and throws the error again, which the handler
 * around it catches in turn. `mayEndTransactions` is false in a procedure
 * created with SET options (the handler runs and throws the error again).
 *
 * @example
 * ```ts
 * rewriteNestedHandlers('begin begin perform 1/0; exception when others then null; end; exception when others then null; end', [], true)
 * // ' begin <<redshift_local_guard1$>> BEGIN ... ROLLBACK ... COMMIT ... RAISE; ...'
 * ```
 */
export function rewriteNestedHandlers(
  body: string,
  declare: string[],
  mayEndTransactions: boolean,
): string | null {
  const reader = new BodyReader(body)
  let outer: Block
  try {
    outer = reader.read()
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error
    return null
  }
  const nested = (list: readonly Statement[], guarded: boolean): boolean =>
    list.some((s) =>
      s.kind === 'block'
        ? (guarded && s.handler !== undefined) ||
          nested(s.body, guarded || s.handler !== undefined) ||
          (s.handler !== undefined && nested(s.handler.body, guarded))
        : s.kind === 'compound' && s.lists.some((l) => nested(l.body, guarded)),
    )
  if (!nested([outer], false) || checkNonatomic(body) !== undefined) return null
  return rewriteGuardedParts(body, declare, { mayEndTransactions })
}

/** How a default-mode procedure's handlers end (see `rewriteNestedHandlers`). */
interface Atomic {
  readonly mayEndTransactions: boolean
}

function rewriteGuardedParts(
  body: string,
  declare: string[],
  atomic: Atomic | undefined,
): string {
  const reader = new BodyReader(stripMarker(body))
  const outer = reader.read()
  let guards = 0
  let loops = 0
  let picks = 0
  let ranges = 0
  let cursors = 0
  const closed = (n: number) => `redshift_local_closed${n}$`
  const pick = (n: number) => `redshift_local_pick${n}$`

  const afterCommit = (ctx: Context) =>
    ctx.loops.map((n) => ` ${closed(n)} := true;`).join('')

  const list = (statements: readonly Statement[], ctx: Context): string =>
    statements.map((s) => statement(s, ctx)).join(' ')

  const between = (from: number, to: number) => reader.span(from, to)

  const statement = (s: Statement, ctx: Context): string => {
    if (s.kind === 'simple') return simple(s, ctx)
    if (s.kind === 'block') return block(s, ctx)
    return compound(s, ctx)
  }

  const simple = (s: Simple, ctx: Context): string => {
    const word = reader.word(s.at)
    const text = between(s.from, s.to)
    if (atomic !== undefined && (word === 'commit' || word === 'rollback'))
      return `${text}${afterCommit(ctx)}`
    if (atomic === undefined && word === 'start')
      return 'PERFORM redshift_local.nonatomic_start_transaction();'
    if (atomic === undefined && (word === 'commit' || word === 'rollback'))
      return `PERFORM redshift_local.nonatomic_transaction_control('${word.toUpperCase()}'); ${text}${afterCommit(ctx)}`
    if (
      ctx.guard !== undefined &&
      (word === 'exit' || word === 'continue') &&
      hasWord(reader, s.at, s.to, 'when')
    ) {
      // EXIT / CONTINUE [label] WHEN condition: the condition is guarded.
      let when = s.at
      while (reader.word(when) !== 'when') when++
      const n = ++picks
      return `${guarded(choose(n, [between(when + 1, s.to - 1)]), ctx)} IF ${pick(n)} = 1 THEN ${between(s.at, when - 1)}; END IF;`
    }
    if (atomic !== undefined)
      // No statement commits by itself; TRUNCATE and EXECUTE are guarded
      // afterwards, as in any default-mode body (guardTruncates).
      return ctx.guard === undefined || UNWRAPPED.has(word)
        ? text
        : guarded(text, ctx)
    if (UNWRAPPED.has(word)) return text
    let inner = text
    let after = ''
    if (word === 'truncate') {
      inner = `PERFORM redshift_local.nonatomic_truncate_check(); ${text}`
      after = ` COMMIT;${afterCommit(ctx)}`
    } else if (word === 'execute') {
      const command = commandEnd(
        reader.span(s.at + 1, s.to),
        significant(tokenize(reader.span(s.at + 1, s.to))),
        0,
      )
      const rest = reader.span(s.at + 1, s.to)
      const cut = command?.start ?? rest.length
      inner = `EXECUTE redshift_local.nonatomic_dynamic_sql(${rest.slice(0, cut).trimEnd()}) ${rest.slice(cut)}`
      after = ` IF redshift_local.dynamic_truncated() OR NOT ${IN_BLOCK} THEN COMMIT;${afterCommit(ctx)} END IF;`
    } else if (SQL_WORDS.has(word) && !isAssignment(reader, s.at)) {
      after = ` IF NOT ${IN_BLOCK} THEN COMMIT;${afterCommit(ctx)} END IF;`
    }
    if (ctx.guard === undefined) return `${inner}${after}`
    return `${guarded(inner, ctx)}${after}`
  }

  /** `inner` in a block of its own whose handler is the guarding one. */
  const guarded = (inner: string, ctx: Context): string => {
    const guard = ctx.guard!
    const handler = list(guard.handler.body, {
      guard: guard.outer.guard,
      loops: ctx.loops,
    })
    if (atomic !== undefined) {
      // Roll back, run the handler, commit, throw again (to the handler
      // around this one, if any).
      const outerCtx: Context = { guard: guard.outer.guard, loops: ctx.loops }
      const rethrow =
        outerCtx.guard === undefined ? 'RAISE;' : guarded('RAISE;', outerCtx)
      return atomic.mayEndTransactions
        ? `BEGIN ${inner} EXCEPTION WHEN OTHERS THEN ${GUARDED_LIMIT} IF NOT ${IN_BLOCK} THEN ROLLBACK; END IF; ${handler} IF NOT ${IN_BLOCK} THEN COMMIT; END IF; ${rethrow} END;`
        : `BEGIN ${inner} EXCEPTION WHEN OTHERS THEN ${GUARDED_LIMIT} ${handler} ${rethrow} END;`
    }
    const exit = guard.handler.continues ? '' : ` EXIT ${guard.label};`
    return `BEGIN ${inner} EXCEPTION WHEN OTHERS THEN ${GUARDED_LIMIT} ${handler}${exit} END;`
  }

  /**
   * `pick(n) := ` the number of the first condition that holds, 0 if none
   * (-1 first, which a CONTINUE_HANDLER leaves when a condition fails, so
   * the statement is skipped). A simple CASE's subject is read once, and
   * each WHEN's values are its IN list, as PL/pgSQL reads them.
   */
  const choose = (
    n: number,
    conditions: readonly string[],
    subject?: string,
  ): string => {
    const arms = conditions
      .map(
        (c, i) =>
          ` WHEN ${subject === undefined ? `(${c})` : `redshift_local_subject$.v IN (${c})`} THEN ${i + 1}`,
      )
      .join('')
    const value =
      subject === undefined
        ? `CASE${arms} ELSE 0 END`
        : `(SELECT CASE${arms} ELSE 0 END FROM (SELECT (${subject}) AS v) AS redshift_local_subject$)`
    return `${pick(n)} := -1; ${pick(n)} := ${value};`
  }

  const block = (s: Block, ctx: Context): string => {
    let head = between(s.from, s.begin)
    let close = ''
    if (ctx.guard !== undefined && s.declares) {
      // In a guarded part, the initial values are assigned in a guarded
      // statement of their own, in order; under a CONTINUE_HANDLER a
      // failure there skips the block.
      const declared = declarations(reader, s)
      const n = ++picks
      const inits = declared
        .flatMap((d) =>
          d.init === undefined ? [] : [`${d.name} := ${d.init};`],
        )
        .join(' ')
      const label =
        reader.text(s.from) === '<<' ? between(s.from, s.from + 2) : ''
      head = `${label} DECLARE ${declared.map((d) => d.declare).join(' ')} BEGIN ${guarded(`${pick(n)} := -1; ${inits} ${pick(n)} := 1;`, ctx)} IF ${pick(n)} = 1 THEN`
      close = ' END IF;'
    }
    const tail = between(s.end, s.to)
    if (s.handler === undefined)
      return `${head} ${list(s.body, ctx)}${close} ${tail}`
    const guard: Guard = {
      label: `redshift_local_guard${++guards}$`,
      handler: s.handler,
      outer: ctx,
    }
    return `${head} <<${guard.label}>> BEGIN ${list(s.body, { guard, loops: ctx.loops })} END;${close} ${tail}`
  }

  /**
   * A FOR loop in a guarded part: its bounds, or its query's opening and
   * each fetch, run in guarded statements of their own (an error there
   * reaches the handler; under a CONTINUE_HANDLER the loop is left), and
   * each statement of its body is guarded as anywhere else. A loop over a
   * query reads it through a cursor of its own, one row per fetch, so an
   * error in a later row reaches the handler after the rows before it went
   * through the body.
   */
  const guardedFor = (s: Compound, ctx: Context): string => {
    const header = forHeader(reader, s)!
    const body = s.lists[0]!
    const label = between(s.from, s.at - 1)
    const tail = between(body.to + 1, s.to)
    const n = ++picks
    if (header.kind === 'range') {
      const r = ++ranges
      const [lower, upper, by] = ['lower', 'upper', 'by'].map(
        (part) => `redshift_local_${part}${r}$`,
      ) as [string, string, string]
      const notNull = (name: string, what: string) =>
        ` IF ${name} IS NULL THEN RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = '${what} of FOR loop cannot be null'; END IF;`
      const bounds =
        `${pick(n)} := -1; ${lower} := ${header.lower};${notNull(lower, 'lower bound')}` +
        ` ${upper} := ${header.upper};${notNull(upper, 'upper bound')}` +
        ` ${by} := ${header.step ?? '1'};${notNull(by, 'BY value')}` +
        ` IF ${by} <= 0 THEN RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'BY value of FOR loop must be greater than zero'; END IF; ${pick(n)} := 1;`
      declare.push(`${lower} int;`, `${upper} int;`, `${by} int;`)
      return `${guarded(bounds, ctx)} IF ${pick(n)} = 1 THEN ${label} FOR ${header.target} IN ${header.reverse ? 'REVERSE ' : ''}${lower} .. ${upper} BY ${by} LOOP ${list(body.body, ctx)} ${tail} END IF;`
    }
    const l = ++loops
    const c = ++cursors
    const cursor = `redshift_local_cursor${c}$`
    const seen = `redshift_local_seen${c}$`
    declare.push(`${cursor} refcursor;`, `${seen} boolean;`)
    const open =
      header.kind === 'query'
        ? `OPEN ${cursor} FOR ${header.query};`
        : `OPEN ${cursor} FOR EXECUTE redshift_local.${atomic === undefined ? 'nonatomic_' : ''}dynamic_sql(${header.command})${header.using === undefined ? '' : ` USING ${header.using}`};`
    const opened = guarded(
      `${pick(n)} := -1; ${cursor} := NULL; ${open} ${pick(n)} := 1;`,
      ctx,
    )
    const fetch = guarded(
      `${pick(n)} := -1; IF ${closed(l)} THEN PERFORM redshift_local.loop_cursor_closed(); END IF; FETCH ${cursor} INTO ${header.target}; ${pick(n)} := CASE WHEN FOUND THEN 1 ELSE 0 END;`,
      ctx,
    )
    const inner: Context = { guard: ctx.guard, loops: [...ctx.loops, l] }
    // FOUND after the loop: whether it went round once, as PL/pgSQL sets it.
    return `${closed(l)} := false; ${seen} := false; ${opened} IF ${pick(n)} = 1 THEN ${label} LOOP ${fetch} IF ${pick(n)} <> 1 THEN EXIT; END IF; ${seen} := true; ${list(body.body, inner)} ${tail} IF NOT ${closed(l)} THEN CLOSE ${cursor}; END IF; FOUND := ${seen}; END IF;`
  }

  const compound = (s: Compound, ctx: Context): string => {
    if (ctx.guard !== undefined && s.word === 'for') return guardedFor(s, ctx)
    if (ctx.guard !== undefined && ['if', 'case', 'while'].includes(s.word))
      return guardedCompound(s, ctx)
    const n = s.queryLoop ? ++loops : 0
    const inner: Context = s.queryLoop
      ? { guard: ctx.guard, loops: [...ctx.loops, n] }
      : ctx
    const check = s.queryLoop
      ? ` IF ${closed(n)} THEN PERFORM redshift_local.loop_cursor_closed(); END IF; `
      : ' '
    let out = s.queryLoop ? `${closed(n)} := false; ` : ''
    let at = s.from
    for (const l of s.lists) {
      out += `${between(at, l.from - 1)}${check}${list(l.body, inner)}${check}`
      at = l.to + 1
    }
    return out + between(at, s.to)
  }

  /**
   * IF, CASE or WHILE in a guarded part: its conditions are chosen in one
   * guarded assignment (an error there reaches the handler, as an error in
   * a statement does), then an IF on the number chosen runs the branch.
   */
  const guardedCompound = (s: Compound, ctx: Context): string => {
    const n = ++picks
    const conditions = s.lists.flatMap((l) =>
      l.condition === undefined
        ? []
        : [between(l.condition.from, l.condition.to)],
    )
    const subject =
      s.subject === undefined
        ? undefined
        : between(s.subject.from, s.subject.to)
    const chosen = guarded(choose(n, conditions, subject), ctx)
    if (s.word === 'while') {
      const body = s.lists[0]!
      return `${between(s.from, s.at - 1)} LOOP ${chosen} IF ${pick(n)} <> 1 THEN EXIT; END IF; ${list(body.body, ctx)} ${between(body.to + 1, s.to)}`
    }
    let out = `${chosen} IF ${pick(n)} < 0 THEN NULL;`
    let k = 0
    let otherwise = false
    for (const l of s.lists) {
      if (l.condition === undefined) {
        otherwise = true
        out += ` ELSE ${list(l.body, ctx)}`
      } else out += ` ELSIF ${pick(n)} = ${++k} THEN ${list(l.body, ctx)}`
    }
    // A CASE no WHEN matches fails, as PL/pgSQL's does.
    if (s.word === 'case' && !otherwise)
      out += ` ELSE ${guarded("RAISE EXCEPTION USING ERRCODE = '20000', MESSAGE = 'case not found', HINT = 'CASE statement is missing ELSE part.';", ctx)}`
    return `${out} END IF;`
  }

  const text = statement(outer, { guard: undefined, loops: [] })
  for (let n = 1; n <= loops; n++) declare.push(`${closed(n)} boolean;`)
  for (let n = 1; n <= picks; n++) declare.push(`${pick(n)} int;`)
  return ` ${text}`
}

/** A FOR loop's header: over an integer range, a query or EXECUTE's text. */
type ForHeader =
  | {
      readonly kind: 'range'
      readonly target: string
      readonly reverse: boolean
      readonly lower: string
      readonly upper: string
      readonly step: string | undefined
    }
  | { readonly kind: 'query'; readonly target: string; readonly query: string }
  | {
      readonly kind: 'execute'
      readonly target: string
      readonly command: string
      readonly using: string | undefined
    }

/** First words of a FOR loop's query (any other word names a bound cursor). */
const QUERY_WORDS: ReadonlySet<string> = new Set([
  'select',
  'with',
  'values',
  'table',
])

/**
 * The parts of the header of the FOR loop `s`, or undefined for a loop over
 * a bound cursor. A range's `..` is found in the text at parenthesis depth
 * 0 outside literals (the lexer reads `1..3` as one number).
 */
function forHeader(reader: BodyReader, s: Compound): ForHeader | undefined {
  const { tokens } = reader
  const loop = s.lists[0]!.from - 1
  let inAt = s.at + 1
  while (inAt < loop && reader.word(inAt) !== 'in') inAt++
  const target = reader.span(s.at + 1, inAt - 1)
  let first = inAt + 1
  const reverse = reader.word(first) === 'reverse'
  if (reverse) first++
  const start = tokens[first]!.start
  let mask = ''
  let by: number | undefined
  let depth = 0
  for (let i = first; i < loop; i++) {
    const t = tokens[i]!
    mask = mask.padEnd(t.start - start)
    if (t.kind === 'open') depth++
    else if (t.kind === 'close') depth--
    const plain = depth === 0 && t.kind !== 'string' && t.kind !== 'quoted'
    mask += plain ? reader.chars(t.start, t.end) : ' '.repeat(t.end - t.start)
    if (plain && mask.includes('..') && reader.word(i) === 'by') {
      by = i
      break
    }
  }
  const dots = mask.indexOf('..')
  const end = tokens[by ?? loop]!.start
  if (dots >= 0)
    return {
      kind: 'range',
      target,
      reverse,
      lower: reader.chars(start, start + dots),
      upper: reader.chars(start + dots + 2, end),
      step:
        by === undefined
          ? undefined
          : reader.chars(tokens[by]!.end, tokens[loop]!.start),
    }
  if (reader.word(first) === 'execute') {
    let using: number | undefined
    depth = 0
    for (let i = first + 1; i < loop && using === undefined; i++) {
      const t = tokens[i]!
      if (t.kind === 'open') depth++
      else if (t.kind === 'close') depth--
      else if (depth === 0 && reader.word(i) === 'using') using = i
    }
    return {
      kind: 'execute',
      target,
      command: reader.span(first + 1, (using ?? loop) - 1),
      using: using === undefined ? undefined : reader.span(using + 1, loop - 1),
    }
  }
  if (tokens[first]!.kind !== 'open' && !QUERY_WORDS.has(reader.word(first)))
    return undefined
  return { kind: 'query', target, query: reader.span(first, loop - 1) }
}

/** One declaration of a nested block, its initial value taken apart. */
interface Declaration {
  /** The declaration as written, without its initial value. */
  readonly declare: string
  /** The name it declares. */
  readonly name: string
  readonly init: string | undefined
  /** CONSTANT or NOT NULL: it cannot be assigned after it is declared. */
  readonly fixed: boolean
}

/** The declarations of block `s`, from DECLARE to BEGIN. */
function declarations(reader: BodyReader, s: Block): Declaration[] {
  let at = s.from
  if (reader.text(at) === '<<') {
    while (at < s.begin && reader.text(at) !== '>>') at++
    at++
  }
  const out: Declaration[] = []
  let from = at + 1
  for (let i = from; i < s.begin; i++) {
    if (i === from && reader.word(i) === 'declare') {
      from = i + 1
      continue
    }
    if (reader.tokens[i]!.kind !== 'semicolon') continue
    out.push(declaration(reader, from, i))
    from = i + 1
  }
  return out
}

function declaration(
  reader: BodyReader,
  from: number,
  semicolon: number,
): Declaration {
  const whole = reader.span(from, semicolon)
  const after = [1, 2, 3].map((k) => reader.word(from + k))
  if (after.includes('cursor') || after[0] === 'alias')
    return {
      declare: whole,
      name: reader.text(from),
      init: undefined,
      fixed: false,
    }
  let fixed = after[0] === 'constant'
  let depth = 0
  for (let i = from + 1; i < semicolon; i++) {
    const t = reader.tokens[i]!
    const text = reader.text(i)
    if (t.kind === 'open') depth++
    else if (t.kind === 'close') depth--
    else if (depth > 0) continue
    else if (reader.word(i) === 'not' && reader.word(i + 1) === 'null')
      fixed = true
    else if (
      reader.word(i) === 'default' ||
      (t.kind === 'operator' && (text.startsWith(':=') || text.startsWith('=')))
    ) {
      // `:=-1` is one operator token: the value starts after `:=` or `=`.
      const skip =
        t.kind !== 'operator' ? text.length : text.startsWith(':=') ? 2 : 1
      return {
        declare: `${reader.span(from, i - 1)};`,
        name: reader.text(from),
        init: reader.chars(t.start + skip, reader.tokens[semicolon]!.start),
        fixed,
      }
    }
  }
  return { declare: whole, name: reader.text(from), init: undefined, fixed }
}

/** The words of a handler's statements, lower-cased. */
function handlerWords(reader: BodyReader, handler: Handler): Set<string> {
  const words = new Set<string>()
  const first = handler.body[0]
  const last = handler.body[handler.body.length - 1]
  if (first === undefined || last === undefined) return words
  for (let i = first.from; i <= last.to; i++) {
    const t = reader.tokens[i]!
    if (t.kind === 'word') words.add(reader.word(i))
    else if (t.kind === 'quoted') words.add(reader.text(i).toLowerCase())
  }
  return words
}

/** Whether the statement at `at` assigns (`x := ...`, `rec.f = ...`). */
function isAssignment(reader: BodyReader, at: number): boolean {
  const next = reader.text(at + 1)
  return next === ':=' || next === '=' || next === '.' || next === '['
}

function hasWord(
  reader: BodyReader,
  from: number,
  to: number,
  word: string,
): boolean {
  for (let i = from; i <= to; i++) if (reader.word(i) === word) return true
  return false
}

function stripMarker(body: string): string {
  return body.startsWith(NONATOMIC_MARKER)
    ? body.slice(NONATOMIC_MARKER.length)
    : body
}

/** Whether a procedure body came from `CREATE PROCEDURE ... NONATOMIC`. */
export function isNonatomicBody(body: string): boolean {
  return body.startsWith(NONATOMIC_MARKER)
}

function limit(what: string): ErrorFields {
  return reject.other(
    '0A000',
    `${what} in the local emulator is not supported`,
    undefined,
    LIMIT_HINT,
  )
}

/** One simple statement of a body, as character offsets into it. */
export interface SimpleStatementSpan {
  /** Offset of its first word (after any `<<label>>`). */
  readonly start: number
  /** Offset of the `;` that ends it. */
  readonly end: number
  /** Its first word, lower-cased. */
  readonly word: string
  /**
   * A query inside another statement (a FOR loop's, an OPEN's), which no
   * statement can follow.
   */
  readonly query?: true
  /**
   * A PL/pgSQL expression rather than a statement: an assignment's value,
   * an IF, ELSIF, WHILE or CASE condition, a CASE subject, the condition of
   * EXIT or CONTINUE WHEN (`end` is then the offset just past it).
   */
  readonly expression?: true
}

/**
 * Every simple statement of a PL/pgSQL body (those of nested blocks,
 * branches, loops and handlers included), and the query of each FOR loop
 * over a query and each `OPEN cursor FOR query`, in the order they are
 * written, or undefined when the body cannot be read (PostgreSQL then reports what
 * is wrong with it when the procedure is created).
 *
 * @example
 * ```ts
 * simpleStatements('begin insert into t values (1); end')
 * // [{ start: 6, end: 30, word: 'insert' }]
 * ```
 */
export function simpleStatements(
  body: string,
): readonly SimpleStatementSpan[] | undefined {
  const reader = new BodyReader(body)
  let outer: Block
  try {
    outer = reader.read()
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error
    return undefined
  }
  const found: SimpleStatementSpan[] = []
  const isQuery = (at: number) => ['select', 'with'].includes(reader.word(at))
  /** The query from token `from` up to token `to`, excluded. */
  const query = (from: number, to: number) => {
    if (from < to && isQuery(from))
      found.push({
        start: reader.tokens[from]!.start,
        end: reader.tokens[to - 1]!.end,
        word: reader.word(from),
        query: true,
      })
  }
  /** The expression from token `from` to token `to`, both included. */
  const expression = (from: number, to: number) => {
    if (from <= to)
      found.push({
        start: reader.tokens[from]!.start,
        end: reader.tokens[to]!.end,
        word: '',
        expression: true,
      })
  }
  const visit = (statements: readonly Statement[]): void => {
    for (const s of statements) {
      if (s.kind === 'simple') {
        const word = reader.word(s.at)
        const value = expressionStart(reader, s)
        if (value !== undefined) expression(value, s.to - 1)
        else if (word !== 'open')
          found.push({
            start: reader.tokens[s.at]!.start,
            end: reader.tokens[s.to]!.start,
            word,
          })
        else
          for (let i = s.at + 1; i < s.to; i++)
            if (reader.word(i) === 'for') {
              query(i + 1, s.to)
              break
            }
      } else if (s.kind === 'block') {
        visit(s.body)
        if (s.handler !== undefined) visit(s.handler.body)
      } else {
        if (s.queryLoop) {
          let i = s.at + 1
          while (i < s.lists[0]!.from && reader.word(i) !== 'in') i++
          query(i + 1, s.lists[0]!.from - 1)
        }
        if (s.word === 'for' && !s.queryLoop)
          for (const bound of rangeBounds(reader, s))
            found.push({ ...bound, word: '', expression: true })
        if (s.subject !== undefined) expression(s.subject.from, s.subject.to)
        for (const l of s.lists) {
          if (l.condition !== undefined)
            expression(l.condition.from, l.condition.to)
          visit(l.body)
        }
      }
    }
  }
  visit([outer])
  return found
}

/**
 * The bounds (and BY step) of `FOR name IN [REVERSE] low .. high [BY step]
 * LOOP`, as character offsets: the lexer reads `1..` as one number, so
 * the `..` is found in the text.
 */
function rangeBounds(
  reader: BodyReader,
  s: Compound,
): { start: number; end: number }[] {
  const loop = s.lists[0]!.from - 1
  let i = s.at + 1
  while (i < loop && reader.word(i) !== 'in') i++
  i++
  if (reader.word(i) === 'reverse') i++
  if (i >= loop) return []
  const cuts: number[] = []
  let dots: number | undefined
  let depth = 0
  for (let k = i; k < loop; k++) {
    const token = reader.tokens[k]!
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    if (depth !== 0 || token.kind === 'string') continue
    const at = reader.text(k).indexOf('..')
    if (dots === undefined && at >= 0) {
      dots = token.start + at
      cuts.push(dots, dots + 2)
    } else if (
      dots === undefined &&
      token.kind === 'dot' &&
      reader.tokens[k + 1]?.kind === 'dot' &&
      reader.tokens[k + 1]!.start === token.end
    ) {
      dots = token.start
      cuts.push(dots, dots + 2)
      k++
    } else if (dots !== undefined && reader.word(k) === 'by')
      cuts.push(token.start, token.end)
  }
  if (dots === undefined) return []
  const edges = [reader.tokens[i]!.start, ...cuts, reader.tokens[loop]!.start]
  const spans: { start: number; end: number }[] = []
  for (let k = 0; k + 1 < edges.length; k += 2) {
    const text = reader.chars(edges[k]!, edges[k + 1]!)
    const start = edges[k]! + (text.length - text.trimStart().length)
    const end = edges[k + 1]! - (text.length - text.trimEnd().length)
    if (start < end) spans.push({ start, end })
  }
  return spans
}

/**
 * The first token of the expression of an assignment (`target := value`,
 * or `=`; the target a name, a record's field or an array element) or of
 * `EXIT | CONTINUE [label] WHEN condition`, or undefined when the
 * statement is neither.
 */
function expressionStart(reader: BodyReader, s: Simple): number | undefined {
  const word = reader.word(s.at)
  if (word === 'exit' || word === 'continue') {
    for (let i = s.at + 1; i < s.to && i <= s.at + 2; i++)
      if (reader.word(i) === 'when') return i + 1
    return undefined
  }
  const kind = (i: number) => reader.tokens[i]?.kind
  const name = (i: number) => kind(i) === 'word' || kind(i) === 'quoted'
  if (!name(s.at)) return undefined
  let i = s.at + 1
  for (;;) {
    if (kind(i) === 'dot' && name(i + 1)) i += 2
    else if (reader.text(i) === '[') {
      let depth = 0
      for (; i < s.to; i++) {
        if (reader.text(i) === '[') depth++
        else if (reader.text(i) === ']' && --depth === 0) break
      }
      if (i >= s.to) return undefined
      i++
    } else break
  }
  const operator = reader.text(i)
  return (operator === ':=' || operator === '=') && i + 1 < s.to
    ? i + 1
    : undefined
}
