import { significant, tokenize, wordOf, type Token } from './lexer.js'

/**
 * A handler's first statement: an error that ended, or tried to end, the
 * transaction inside a subtransaction becomes an emulator limit.
 */
export const GUARDED_LIMIT =
  'PERFORM redshift_local.guarded_limit(SQLSTATE, SQLERRM);'

/** One `BEGIN ... [EXCEPTION ...] END` block of a PL/pgSQL body, by token index. */
export interface ProcedureBlock {
  readonly begin: number
  /** The EXCEPTION that starts the block's handlers, if it has any. */
  readonly exception: number | undefined
  readonly end: number
  /** Each `WHEN ... THEN` of the handlers: the condition words and the THEN. */
  readonly handlers: readonly {
    readonly conditions: readonly string[]
    readonly then: number
  }[]
}

/** The blocks of a body and the statements whose place in them matters. */
export interface ProcedureShape {
  readonly tokens: readonly Token[]
  readonly blocks: readonly ProcedureBlock[]
  /** Every COMMIT, ROLLBACK and TRUNCATE statement. */
  readonly transactionControl: readonly number[]
  /** COMMIT, ROLLBACK or TRUNCATE in the guarded part of a block with handlers. */
  readonly guardedTransactionControl: readonly number[]
  /** `RAISE;` with nothing after it (re-throw). */
  readonly bareRaises: readonly number[]
  /**
   * The first token of each RAISE argument that is not a variable: an
   * expression, a literal (c_PLpgSQL-statements.html: "optional arguments
   * must be simple variables, not expressions").
   */
  readonly raiseExpressions: readonly number[]
  /**
   * The `;` ending each COMMIT, ROLLBACK or TRUNCATE inside a FOR loop over
   * a query or cursor, unless EXIT or RETURN follows it.
   */
  readonly loopTransactionControl: readonly number[]
}

interface Frame {
  readonly kind: 'begin' | 'case'
  readonly begin: number
  exception: number | undefined
  readonly handlers: { conditions: string[]; then: number }[]
}

/** Words after which a PL/pgSQL statement starts. */
const STATEMENT_START = new Set(['begin', 'then', 'else', 'loop'])

/**
 * The block structure of a PL/pgSQL body, read from its tokens: each
 * BEGIN (or CASE) opens a frame that the next END not followed by IF or
 * LOOP closes, and an EXCEPTION right after a statement starts the
 * enclosing block's handlers. Enough to find the handlers and what runs
 * inside their guarded parts; PostgreSQL checks the rest of the grammar.
 *
 * @example
 * ```ts
 * procedureShape('begin x := 1; exception when others then null; end').blocks[0]?.handlers[0]?.conditions // ['others']
 * ```
 */
export function procedureShape(body: string): ProcedureShape {
  const tokens = significant(tokenize(body))
  const stack: Frame[] = []
  const found: ProcedureBlock[] = []
  const controls: number[] = []
  const bareRaises: number[] = []
  const raiseExpressions: number[] = []
  const loops: boolean[] = []
  const loopControls: number[] = []
  let forAt: number | undefined
  for (let i = 0; i < tokens.length; i++) {
    const word = wordOf(body, tokens[i])
    const previous = tokens[i - 1]
    const startsStatement =
      previous === undefined ||
      previous.kind === 'semicolon' ||
      STATEMENT_START.has(wordOf(body, previous))
    const top = stack.at(-1)
    switch (word) {
      case 'begin':
      case 'case':
        stack.push({ kind: word, begin: i, exception: undefined, handlers: [] })
        break
      case 'exception':
        if (
          top?.kind === 'begin' &&
          top.exception === undefined &&
          (previous?.kind === 'semicolon' || wordOf(body, previous) === 'begin')
        )
          top.exception = i
        break
      case 'when':
        if (top?.kind === 'begin' && top.exception !== undefined) {
          const conditions: string[] = []
          let j = i + 1
          for (; j < tokens.length && wordOf(body, tokens[j]) !== 'then'; j++)
            if (wordOf(body, tokens[j]) !== 'or')
              conditions.push(body.slice(tokens[j]!.start, tokens[j]!.end))
          top.handlers.push({ conditions, then: j })
          i = j
        }
        break
      case 'end': {
        const next = wordOf(body, tokens[i + 1])
        if (next === 'if' || next === 'loop') break
        const frame = stack.pop()
        if (frame?.kind === 'begin') found.push({ ...frame, end: i })
        break
      }
      case 'for':
        if (
          startsStatement ||
          body.slice(previous?.start, previous?.end) === '>>'
        )
          forAt = i
        break
      case 'while':
        forAt = undefined
        break
      case 'loop':
        if (wordOf(body, previous) === 'end') loops.pop()
        else {
          // A FOR over a range has `..` between IN and LOOP.
          const header =
            forAt === undefined
              ? ''
              : tokens
                  .slice(forAt, i)
                  .filter((t) => t.kind !== 'string')
                  .map((t) => body.slice(t.start, t.end))
                  .join('')
          loops.push(forAt !== undefined && !header.includes('..'))
          forAt = undefined
        }
        break
      case 'commit':
      case 'rollback':
      case 'truncate':
        if (startsStatement) {
          controls.push(i)
          const end = tokens.findIndex(
            (t, j) => j > i && t.kind === 'semicolon',
          )
          const next = wordOf(body, tokens[end + 1])
          if (
            loops.includes(true) &&
            end > 0 &&
            next !== 'exit' &&
            next !== 'return'
          )
            loopControls.push(end)
        }
        break
      case 'raise':
        if (startsStatement && tokens[i + 1]?.kind === 'semicolon')
          bareRaises.push(i)
        else if (startsStatement) {
          const bad = raiseExpression(body, tokens, i + 1)
          if (bad !== undefined) raiseExpressions.push(bad)
        }
        break
    }
  }
  // Inside the guarded part (BEGIN to EXCEPTION) of a block with handlers.
  const guarded = (from: number, to: number) =>
    found.some(
      (b) => b.exception !== undefined && b.begin < from && to < b.exception,
    )
  return {
    tokens,
    blocks: found,
    transactionControl: controls,
    guardedTransactionControl: controls.filter((at) => guarded(at, at)),
    bareRaises,
    raiseExpressions,
    loopTransactionControl: loopControls,
  }
}

/** Words that are values, not variables. */
const VALUE_WORDS = new Set(['null', 'true', 'false'])

/**
 * The first token of a RAISE argument (after the format string) that is not
 * a variable, `name`, `record.field` or `$n`; undefined when every one is.
 * `at` is the token after RAISE.
 */
function raiseExpression(
  body: string,
  tokens: readonly Token[],
  at: number,
): number | undefined {
  let i = at
  // PostgreSQL's USING options are not arguments: the check stops there.
  const using = (k: number) => wordOf(body, tokens[k]) === 'using'
  while (i < tokens.length && tokens[i]!.kind !== 'string') {
    if (tokens[i]!.kind === 'semicolon' || using(i)) return undefined
    i++
  }
  i++
  while (i < tokens.length && tokens[i]!.kind === 'comma') {
    const first = i + 1
    let j = first
    const name = (k: number) =>
      tokens[k]?.kind === 'quoted' ||
      (tokens[k]?.kind === 'word' && !VALUE_WORDS.has(wordOf(body, tokens[k])))
    if (tokens[j]?.kind === 'param') j++
    else if (name(j)) {
      j++
      while (tokens[j]?.kind === 'dot' && name(j + 1)) j += 2
    }
    const next = tokens[j]?.kind
    if (j === first || (next !== 'comma' && next !== 'semicolon' && !using(j)))
      return j
    i = j
  }
  return undefined
}
