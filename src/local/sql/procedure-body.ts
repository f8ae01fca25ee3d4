import type { ErrorFields } from '../protocol/error-fields.js'
import { REDSHIFT_ONLY_PARAMETERS } from '../session/redshift-parameters.js'
import { reject } from '../errors/reject.js'
import { significant, tokenize, wordOf, type Token } from './lexer.js'
import { quoteLiteral } from './quote.js'
import type { PgNode } from './parse-tree.js'
import {
  GUARDED_LIMIT,
  procedureShape,
  type ProcedureShape,
} from './procedure-blocks.js'
import { keptSource } from './procedure-source.js'
import { declaredVariableCount } from './procedure-variables.js'
import { checkLoopQueries } from './procedure-loop-queries.js'
import {
  rewriteBodyStatements,
  type BodyStatementPlanner,
} from './procedure-statements.js'
import { guardTruncates } from './procedure-truncate.js'
import {
  checkNonatomic,
  isNonatomicBody,
  NONATOMIC_MARKER,
  rewriteNestedHandlers,
  rewriteNonatomicBody,
} from './procedure-nonatomic.js'

/** Whether the session's transaction block is open (the planner marks BEGIN). */
const IN_BLOCK = 'redshift_local.in_transaction_block()'

/**
 * Redshift's limits on a procedure
 * (https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-constraints.html).
 */
const MAX_INPUT_ARGUMENTS = 32
const MAX_OUTPUT_ARGUMENTS = 32
const MAX_BODY_BYTES = 2 * 1024 * 1024
const MAX_VARIABLES = 1024

const LIMIT_HINT =
  'an emulator limit: PostgreSQL cannot run it with Redshift semantics'

/** A CREATE PROCEDURE's language, body, whether it has SET options and whether it is SECURITY DEFINER. */
interface ProcedureSource {
  readonly language: string
  readonly body: string | undefined
  readonly setsOptions: boolean
  readonly definer: boolean
}

function procedureSource(node: PgNode): ProcedureSource {
  let language = ''
  let body: string | undefined
  let setsOptions = false
  let definer = false
  for (const option of (Array.isArray(node['options'])
    ? node['options']
    : []) as { DefElem?: PgNode }[]) {
    const def = option.DefElem
    if (def?.['defname'] === 'language')
      language = String(
        (def['arg'] as { String?: { sval?: string } } | undefined)?.String
          ?.sval ?? '',
      ).toLowerCase()
    else if (def?.['defname'] === 'set') setsOptions = true
    else if (def?.['defname'] === 'security')
      definer =
        (def['arg'] as { Boolean?: { boolval?: boolean } } | undefined)?.Boolean
          ?.boolval === true
    else if (def?.['defname'] === 'as') {
      const items = (def['arg'] as { List?: { items?: unknown[] } } | undefined)
        ?.List?.items
      body = (items?.[0] as { String?: { sval?: string } } | undefined)?.String
        ?.sval
    }
  }
  return { language, body, setsOptions, definer }
}

/**
 * What Redshift refuses in a stored procedure that PostgreSQL's CREATE
 * PROCEDURE accepts (stored-procedure-constraints.html,
 * stored-procedure-trapping-errors.html, c_PLpgSQL-statements.html): more
 * than 32 input or 32 output arguments, a body over 2 MB, more than 1,024
 * variables declared (DECLARE sections; loop variables not counted), an exception
 * handler for any condition but OTHERS, `RAISE;` (a re-throw, which
 * only NONATOMIC procedures have), and SECURITY DEFINER or SET options on
 * a NONATOMIC procedure (r_CREATE_PROCEDURE.html). Redshift's SQLSTATEs and words for these
 * are not documented; the codes are PostgreSQL's for the same kind of
 * refusal. COMMIT, ROLLBACK or TRUNCATE in the guarded part of a block with
 * an exception handler is an emulator limit: PostgreSQL runs that part as a
 * subtransaction, which cannot commit, and Redshift has none.
 *
 * @example
 * ```ts
 * checkProcedure(node) // { code: '0A000', message: 'exception condition "division_by_zero" is not supported', ... }
 * ```
 */
export function checkProcedure(node: PgNode): ErrorFields | undefined {
  const parameters = (
    Array.isArray(node['parameters']) ? node['parameters'] : []
  ) as { FunctionParameter?: PgNode }[]
  const modes = parameters.map((p) => String(p.FunctionParameter?.['mode']))
  const inputs = modes.filter((m) => m !== 'FUNC_PARAM_OUT').length
  const outputs = modes.filter(
    (m) => m === 'FUNC_PARAM_OUT' || m === 'FUNC_PARAM_INOUT',
  ).length
  if (inputs > MAX_INPUT_ARGUMENTS)
    return reject.other(
      '54023',
      `procedures cannot have more than ${MAX_INPUT_ARGUMENTS} input arguments`,
    )
  if (outputs > MAX_OUTPUT_ARGUMENTS)
    return reject.other(
      '54023',
      `procedures cannot have more than ${MAX_OUTPUT_ARGUMENTS} output arguments`,
    )
  const { language, body } = procedureSource(node)
  if (language !== 'plpgsql' || body === undefined) return undefined
  if (Buffer.byteLength(body) > MAX_BODY_BYTES)
    return reject.other(
      '54000',
      'the source code of a stored procedure cannot be larger than 2 MB',
    )
  if (declaredVariableCount(body) > MAX_VARIABLES)
    return reject.other(
      '54000',
      `a stored procedure cannot declare more than ${MAX_VARIABLES} variables`,
    )
  const shape = procedureShape(body)
  for (const block of shape.blocks)
    for (const handler of block.handlers)
      for (const condition of handler.conditions)
        if (condition.toLowerCase() !== 'others')
          return reject.unsupported(
            `exception condition "${condition}"`,
            'Redshift exception blocks catch only WHEN OTHERS',
          )
  const expression = shape.raiseExpressions[0]
  if (expression !== undefined) {
    const token = shape.tokens[expression]
    const near =
      token === undefined
        ? 'end of input'
        : `"${body.slice(token.start, token.end)}"`
    return reject.other(
      '42601',
      `syntax error at or near ${near}`,
      undefined,
      "RAISE's arguments after the format are variables, not expressions (c_PLpgSQL-statements.html)",
    )
  }
  if (isNonatomicBody(body)) {
    // r_CREATE_PROCEDURE.html: the SECURITY DEFINER option and SET
    // configuration_parameter option are not supported when creating a
    // procedure in NONATOMIC mode. Redshift's SQLSTATE is not documented.
    const { setsOptions, definer } = procedureSource(node)
    if (definer)
      return reject.other(
        '0A000',
        'the SECURITY DEFINER option is not supported when NONATOMIC is specified',
      )
    if (setsOptions)
      return reject.other(
        '0A000',
        'the SET configuration_parameter option is not supported when NONATOMIC is specified',
      )
    return checkNonatomic(body)
  }
  if (shape.bareRaises.length > 0)
    return reject.unsupported(
      'RAISE without a level in a procedure that is not NONATOMIC',
      'a default-mode procedure re-throws the error itself after its exception handler',
    )
  const control = shape.guardedTransactionControl[0]
  if (control !== undefined)
    return reject.other(
      '0A000',
      `${wordOf(body, shape.tokens[control]).toUpperCase()} inside a block with an exception handler in the local emulator is not supported`,
      undefined,
      LIMIT_HINT,
    )
  return undefined
}

/**
 * The body PostgreSQL runs for a Redshift stored procedure
 * (`CREATE PROCEDURE ... LANGUAGE plpgsql`): TRUNCATE commits (see
 * `guardTruncates`), PREPARE and SET LOCAL are refused when they run
 * (stored-procedure-constraints.html: commands that need their own
 * transaction context), the call nesting is checked against Redshift's 16
 * levels, and an exception handler works as on Redshift
 * (stored-procedure-trapping-errors.html): the current transaction is rolled
 * back, the handler runs in a new one, which commits, and the error is
 * thrown again. PostgreSQL instead rolls back to the block's start and
 * swallows the error. Inside an explicit transaction block, or in a
 * procedure created with SET options, there is no transaction to end: the
 * handler runs and the error is thrown again. A bound cursor's portal takes
 * the cursor's name, as in the PostgreSQL 8.0 PL/pgSQL Redshift's is based
 * on (stored-procedure-transaction-management.html: `cursor "cur1" does not
 * exist`; PostgreSQL 16 and later leave it unnamed), and a FOR loop over a
 * query stops at a COMMIT, ROLLBACK or TRUNCATE in its body, which closes
 * its cursor on Redshift (PostgreSQL keeps it open). Returns the statement with the
 * new body, or null for anything else.
 *
 * @example
 * ```ts
 * rewriteProcedureBody(text, tree) // ... AS $rs$ DECLARE ... begin ... exception when others then IF NOT ... THEN ROLLBACK; ... RAISE; end $rs$ ...
 * ```
 */
export function rewriteProcedureBody(
  text: string,
  node: PgNode,
  plan?: BodyStatementPlanner,
): string | ErrorFields | null {
  if (node['is_procedure'] !== true) return null
  const { language, body: written, setsOptions } = procedureSource(node)
  if (language !== 'plpgsql' || written === undefined) return null
  // Its SQL in the form a client's statement takes, before the rewrites
  // below add PL/pgSQL of their own.
  const body =
    plan === undefined
      ? written
      : rewriteBodyStatements(
          written,
          parameterNames(node),
          plan,
          parameterNames(node, 'super'),
          procedureName(node),
        )
  if (typeof body !== 'string') return body
  const shape = procedureShape(body)
  const nonatomic = isNonatomicBody(body)
  const declarations = [
    `redshift_local_depth$ int := redshift_local.procedure_depth(${nonatomic});`,
    maskGuard(written),
  ]
  const outs = outArguments(node)
  if (outs > 0)
    declarations.push(
      `redshift_local_out$ boolean := redshift_local.procedure_out_arguments(${outs});`,
    )
  // The body is the one string literal after AS.
  const tokens = significant(tokenize(text))
  // PostgreSQL's SECURITY DEFINER procedures cannot end a transaction: one
  // that may (COMMIT, ROLLBACK, TRUNCATE, EXECUTE) runs as
  // SECURITY INVOKER (a word of the same length, so the offsets below still
  // hold). That changes nothing when its owner calls it (CURRENT_USER is the
  // owner either way, and the emulator's users are superusers); called by
  // another user, where Redshift would run it as the owner, it fails when it
  // starts, as an emulator limit (redshift_local.definer_as_invoker).
  const definer = tokens.findIndex(
    (t, i) =>
      wordOf(text, t) === 'security' &&
      wordOf(text, tokens[i + 1]) === 'definer',
  )
  const asInvoker =
    definer >= 0 &&
    (shape.transactionControl.length > 0 || /\bexecute\b/i.test(written))
  if (asInvoker) {
    declarations.push(
      'redshift_local_owner$ boolean := redshift_local.definer_as_invoker();',
    )
    text = `${text.slice(0, tokens[definer + 1]!.start)}INVOKER${text.slice(tokens[definer + 1]!.end)}`
  }
  let rewritten = nonatomic
    ? rewriteNonatomicBody(body, declarations)
    : atomicBody(body, shape, setsOptions, declarations)
  rewritten = guardStatements(rewritten)
  rewritten = checkLoopQueries(rewritten)
  rewritten = checkOpenedCursors(rewritten)
  rewritten = readContextVariables(rewritten)
  rewritten = judgeSetConfigCalls(rewritten)
  rewritten = nameBoundCursors(rewritten)
  rewritten = declareFirst(rewritten, declarations)
  // SHOW PROCEDURE shows the body as written, without the NONATOMIC marker.
  rewritten += keptSource(
    nonatomic ? written.slice(NONATOMIC_MARKER.length) : written,
  )
  const asAt = tokens.findIndex(
    (t, i) => wordOf(text, t) === 'as' && tokens[i + 1]?.kind === 'string',
  )
  if (asAt < 0) return null
  const literal = tokens[asAt + 1]!
  let tag = '$rs$'
  while (rewritten.includes(tag)) tag = `$rs${tag.length}$`
  return `${procedureParameters(text.slice(0, literal.start))}${tag}${rewritten}${tag}${procedureParameters(text.slice(literal.end))}`
}

/** The procedure's name without its schema, as its body qualifies its parameters with it. */
function procedureName(node: PgNode): string | undefined {
  const names = Array.isArray(node['funcname']) ? node['funcname'] : []
  const last = (names.at(-1) as { String?: { sval?: string } } | undefined)
    ?.String?.sval
  return typeof last === 'string' ? last : undefined
}

/**
 * The names of a procedure's parameters, as its body refers to them (of
 * those whose type is `type`, when it is given).
 */
/**
 * The procedure's OUT arguments: those PostgreSQL keeps as INOUT with a
 * default (`ddl-procedure-out.ts`; Redshift's arguments have none).
 */
function outArguments(node: PgNode): number {
  const parameters = (
    Array.isArray(node['parameters']) ? node['parameters'] : []
  ) as { FunctionParameter?: PgNode }[]
  return parameters.filter(
    (p) =>
      p.FunctionParameter?.['mode'] === 'FUNC_PARAM_OUT' ||
      p.FunctionParameter?.['defexpr'] !== undefined,
  ).length
}

function parameterNames(node: PgNode, type?: string): string[] {
  const parameters = (
    Array.isArray(node['parameters']) ? node['parameters'] : []
  ) as { FunctionParameter?: PgNode }[]
  return parameters.flatMap((p) => {
    const name = p.FunctionParameter?.['name']
    const names = (
      p.FunctionParameter?.['argType'] as { names?: unknown[] } | undefined
    )?.names
    const last = (names?.at(-1) as { String?: { sval?: string } } | undefined)
      ?.String?.sval
    if (type !== undefined && last !== type) return []
    return typeof name === 'string' ? [name] : []
  })
}

/**
 * The declaration that refuses the call when the body may read a table
 * with masking policies that apply to the caller (`masking-catalog.ts`): a
 * procedure's queries are not rewritten to read masked rows. The body names
 * every table its static SQL reads; EXECUTE may read any.
 */
function maskGuard(body: string): string {
  const names = new Set<string>()
  for (const token of tokenize(body)) {
    const raw = body.slice(token.start, token.end)
    if (token.kind === 'word') names.add(raw.toLowerCase())
    else if (token.kind === 'quoted')
      names.add(raw.slice(1, -1).replace(/""/g, '"'))
  }
  const list = [...names].map(quoteLiteral).join(', ')
  return `redshift_local_masks$ boolean := redshift_local.mask_call_guard(${/\bexecute\b/i.test(body)}, array[${list}]::text[]);`
}

/** A default-mode (atomic) body: handlers, loop cursors and TRUNCATE as on Redshift. */
function atomicBody(
  body: string,
  shape: ProcedureShape,
  setsOptions: boolean,
  declarations: string[],
): string {
  // A handler nested in the guarded part of another block cannot end the
  // transaction inside PostgreSQL's subtransaction: the guarded parts run
  // statement by statement instead, where that is sound.
  const nested = rewriteNestedHandlers(body, declarations, !setsOptions)
  if (nested !== null) return guardTruncates(nested) ?? nested
  const rewritten = applyEdits(body, [
    ...handlerEdits(shape, !setsOptions),
    ...shape.loopTransactionControl.map((at) => ({
      at: shape.tokens[at]!.end,
      text: ' PERFORM redshift_local.loop_cursor_closed();',
    })),
  ])
  return guardTruncates(rewritten) ?? rewritten
}

/**
 * `body` with `declarations` in a DECLARE section of its outer block, after
 * a leading `<<label>>` (PL/pgSQL takes several DECLARE keywords in a row).
 *
 * @example
 * ```ts
 * declareFirst('begin null; end', ['x int;']) // ' DECLARE x int; begin null; end'
 * ```
 */
export function declareFirst(
  body: string,
  declarations: readonly string[],
): string {
  const tokens = significant(tokenize(body))
  let at = 0
  if (body.slice(tokens[0]?.start, tokens[0]?.end) === '<<')
    at =
      tokens.find((t, i) => i > 0 && body.slice(t.start, t.end) === '>>')
        ?.end ?? 0
  return `${body.slice(0, at)} DECLARE ${declarations.join(' ')}${body.slice(at)}`
}

/**
 * Each WHEN OTHERS handler rolls back first, then commits and re-throws. A
 * handler nested in the guarded part of another block does the same: its
 * ROLLBACK fails there (PostgreSQL's enclosing subtransaction is open), and
 * the enclosing handler turns that failure into an emulator limit (see
 * `GUARDED_LIMIT`) rather than commit less than Redshift would.
 */
function handlerEdits(
  shape: ProcedureShape,
  mayEndTransactions: boolean,
): { at: number; text: string }[] {
  const edits: { at: number; text: string }[] = []
  for (const block of shape.blocks) {
    const handler = block.handlers[0]
    if (block.exception === undefined || handler === undefined) continue
    edits.push({
      at: shape.tokens[handler.then]!.end,
      text: mayEndTransactions
        ? ` ${GUARDED_LIMIT} IF NOT ${IN_BLOCK} THEN ROLLBACK; END IF;`
        : ` ${GUARDED_LIMIT}`,
    })
    edits.push({
      at: shape.tokens[block.end]!.start,
      text: mayEndTransactions
        ? `IF NOT ${IN_BLOCK} THEN COMMIT; END IF; RAISE; `
        : 'RAISE; ',
    })
  }
  return edits
}

/**
 * The statement standing in for one a procedure cannot run: a SELECT, so
 * the error's CONTEXT says `at SQL statement` as for the statement itself
 * (a PERFORM would say `at PERFORM`). The function always raises, before
 * PL/pgSQL would ask where the SELECT's row goes.
 */
const refusal = (statement: string): string =>
  `SELECT redshift_local.refuse_in_procedure(${quoteLiteral(statement)})`

/**
 * PREPARE, SET LOCAL, ALTER TABLE APPEND and CREATE EXTERNAL TABLE
 * statements fail when they run, as on Redshift (stored-procedure-constraints.html:
 * commands that need their own transaction context); a SET or RESET first
 * judges its parameter as the statement-level SET does
 * (`redshift_local.procedure_setting`). The last two are Redshift's own
 * syntax, which PL/pgSQL could not compile: the refusal stands in their place.
 */
function guardStatements(body: string): string {
  const tokens = significant(tokenize(body))
  let out = ''
  let from = 0
  for (let i = 0; i < tokens.length; i++) {
    const previous = tokens[i - 1]
    const word = wordOf(body, tokens[i])
    const starts =
      previous === undefined ||
      previous.kind === 'semicolon' ||
      ['begin', 'then', 'else', 'loop'].includes(wordOf(body, previous))
    if (!starts) continue
    const own = ownContextStatement(body, tokens, i)
    if (own !== undefined) {
      const end = tokens.findIndex((t, k) => k > i && t.kind === 'semicolon')
      const stop = end < 0 ? body.length : tokens[end]!.start
      const lines = body.slice(tokens[i]!.start, stop).split('\n').length - 1
      out += `${body.slice(from, tokens[i]!.start)}${refusal(own)}${'\n'.repeat(lines)}`
      from = stop
      continue
    }
    const statement =
      word === 'prepare'
        ? 'PREPARE'
        : word === 'set' && wordOf(body, tokens[i + 1]) === 'local'
          ? 'SET LOCAL'
          : undefined
    const setting =
      word === 'set' || word === 'reset'
        ? settingName(body, tokens, i + 1)
        : undefined
    if (statement === undefined && setting === undefined) continue
    out += `${body.slice(from, tokens[i]!.start)}${
      statement === undefined
        ? `PERFORM redshift_local.procedure_setting(${quoteLiteral(setting!)});`
        : `${refusal(statement)};`
    } `
    from = tokens[i]!.start
  }
  return out + body.slice(from)
}

/**
 * ALTER TABLE APPEND or CREATE EXTERNAL TABLE when the statement at token
 * `at` is one, else undefined.
 */
function ownContextStatement(
  body: string,
  tokens: readonly Token[],
  at: number,
): string | undefined {
  const word = (k: number) => wordOf(body, tokens[at + k])
  if (word(0) === 'create' && word(1) === 'external' && word(2) === 'table')
    return 'CREATE EXTERNAL TABLE'
  if (word(0) !== 'alter' || word(1) !== 'table') return undefined
  // The table's name, schema-qualified or not, then APPEND.
  let k = 3
  while (tokens[at + k]?.kind === 'dot') k += 2
  return word(k) === 'append' ? 'ALTER TABLE APPEND' : undefined
}

/** Words after SET or RESET that name no parameter of their own. */
const NOT_PARAMETERS: ReadonlySet<string> = new Set([
  'transaction',
  'all',
  'characteristics',
  'authorization',
  'local',
])

/**
 * The parameter a SET or RESET whose name starts at token `at` sets, as the
 * statement-level SET judges it (`SET SESSION x`, `SET TIME ZONE`), or
 * undefined when it sets none (SET TRANSACTION, RESET ALL) or a context
 * variable (a dotted name, which PostgreSQL keeps as Redshift does).
 */
function settingName(
  body: string,
  tokens: readonly Token[],
  at: number,
): string | undefined {
  if (wordOf(body, tokens[at]) === 'session') at++
  const token = tokens[at]
  const next = tokens[at + 1]
  if (token === undefined || body.slice(next?.start, next?.end) === '.')
    return undefined
  const text = body.slice(token.start, token.end)
  // Parameter names are case-insensitive, quoted or not.
  const name =
    token.kind === 'word'
      ? text.toLowerCase()
      : token.kind === 'quoted' && text.startsWith('"')
        ? text.slice(1, -1).replaceAll('""', '"').toLowerCase()
        : undefined
  if (name === undefined || NOT_PARAMETERS.has(name)) return undefined
  return name === 'time' && wordOf(body, next) === 'zone' ? 'timezone' : name
}

/**
 * Each SET_CONFIG call of the body (`set_config(` or
 * `pg_catalog.set_config(`) goes through
 * `redshift_local.procedure_set_config`, which judges the parameter as SET
 * does before it sets it (r_SET_CONFIG.html: SET in a function's form).
 */
function judgeSetConfigCalls(body: string): string {
  const tokens = significant(tokenize(body))
  const edits: { at: number; end: number }[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (
      wordOf(body, tokens[i]) !== 'set_config' ||
      tokens[i + 1]!.kind !== 'open'
    )
      continue
    const dot = body.slice(tokens[i - 1]?.start, tokens[i - 1]?.end) === '.'
    if (dot && wordOf(body, tokens[i - 2]) !== 'pg_catalog') continue
    edits.push({ at: tokens[dot ? i - 2 : i]!.start, end: tokens[i]!.end })
  }
  let out = ''
  let from = 0
  for (const edit of edits) {
    out += `${body.slice(from, edit.at)}redshift_local.procedure_set_config`
    from = edit.end
  }
  return out + body.slice(from)
}

/**
 * After each `OPEN cursor ...;`, the check that it is the session's only
 * open cursor (declare.html; stored-procedure-result-set.html: a cursor a
 * procedure returns is held to DECLARE's rules). A FOR loop's own cursor is
 * not counted.
 */
function checkOpenedCursors(body: string): string {
  const tokens = significant(tokenize(body))
  const edits: { at: number; text: string }[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const previous = tokens[i - 1]
    if (
      wordOf(body, tokens[i]) !== 'open' ||
      tokens[i + 1]!.kind !== 'word' ||
      !(
        previous === undefined ||
        previous.kind === 'semicolon' ||
        ['begin', 'then', 'else', 'loop'].includes(wordOf(body, previous))
      )
    )
      continue
    const end = tokens.findIndex((t, j) => j > i && t.kind === 'semicolon')
    if (end < 0) continue
    const cursor = body.slice(tokens[i + 1]!.start, tokens[i + 1]!.end)
    // The cursor a rewritten FOR loop reads its query through (see
    // procedure-nonatomic.ts) is the loop's own: not counted.
    if (cursor.startsWith('redshift_local_')) continue
    edits.push({
      at: tokens[end]!.end,
      text: ` PERFORM redshift_local.check_one_cursor(${cursor});`,
    })
  }
  return applyEdits(body, edits)
}

/**
 * `current_setting('app.name' ...)` of a session context variable reads it
 * through `redshift_local.context_setting`, NULL after RESET as in a
 * statement (see context-variables.ts).
 */
function readContextVariables(body: string): string {
  const tokens = significant(tokenize(body))
  const edits: { at: number; end: number }[] = []
  for (let i = 0; i + 2 < tokens.length; i++) {
    const name = tokens[i + 2]!
    if (
      wordOf(body, tokens[i]) === 'current_setting' &&
      body.slice(tokens[i - 1]?.start, tokens[i - 1]?.end) !== '.' &&
      tokens[i + 1]!.kind === 'open' &&
      name.kind === 'string' &&
      body.slice(name.start, name.end).includes('.')
    )
      edits.push({ at: tokens[i]!.start, end: tokens[i]!.end })
  }
  let out = ''
  let from = 0
  for (const edit of edits) {
    out += `${body.slice(from, edit.at)}redshift_local.context_setting`
    from = edit.end
  }
  return out + body.slice(from)
}

/**
 * `name CURSOR [(args)] FOR query` declarations: the block they belong to
 * sets `name := 'name'` first, so the portal is called `name`.
 */
function nameBoundCursors(body: string): string {
  const tokens = significant(tokenize(body))
  const edits: { at: number; text: string }[] = []
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.kind !== 'word') continue
    let k = i + 1
    while (['no', 'scroll'].includes(wordOf(body, tokens[k]))) k++
    const after = tokens[k + 1]
    if (
      wordOf(body, tokens[k]) !== 'cursor' ||
      !(after?.kind === 'open' || ['for', 'is'].includes(wordOf(body, after)))
    )
      continue
    const begin = tokens.findIndex(
      (t, j) => j > k && wordOf(body, t) === 'begin',
    )
    if (begin < 0) continue
    const name = wordOf(body, tokens[i])
    edits.push({ at: tokens[begin]!.end, text: ` ${name} := '${name}';` })
  }
  return applyEdits(body, edits)
}

/** `body` with each text inserted at its offset. */
function applyEdits(
  body: string,
  edits: readonly { readonly at: number; readonly text: string }[],
): string {
  let out = ''
  let from = 0
  for (const edit of [...edits].sort((a, b) => a.at - b.at)) {
    out += body.slice(from, edit.at) + edit.text
    from = edit.at
  }
  return out + body.slice(from)
}

/** Where the SET options of Redshift-only parameters keep their values. */
export const PROCEDURE_PARAMETER_PREFIX = 'redshift_local.'

/**
 * `SET stored_proc_log_min_messages = NOTICE` and the other Redshift-only
 * parameters in a procedure's SET options (r_SVL_STORED_PROC_MESSAGES.html)
 * become PostgreSQL placeholders, `redshift_local.<name>`, which the
 * procedure sets and restores as Redshift does; PostgreSQL knows no such
 * parameter. `text` is the statement before or after the body.
 */
function procedureParameters(text: string): string {
  const tokens = significant(tokenize(text))
  let out = ''
  let from = 0
  for (let i = 0; i + 1 < tokens.length; i++) {
    const name = wordOf(text, tokens[i + 1])
    if (
      wordOf(text, tokens[i]) !== 'set' ||
      !REDSHIFT_ONLY_PARAMETERS.has(name)
    )
      continue
    out += `${text.slice(from, tokens[i + 1]!.start)}${PROCEDURE_PARAMETER_PREFIX}${name}`
    from = tokens[i + 1]!.end
  }
  return out + text.slice(from)
}
