import { reject } from '../errors/reject.js'
import { decodeCopyLiteral } from '../load/copy-literal.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { foldQuotedIdentifiers } from './fold-identifiers.js'
import { tokenize, type Token } from './lexer.js'
import { quoteLiteral } from './quote.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'

/** What CREATE EXTERNAL FUNCTION becomes: the statement PostgreSQL runs, or a refusal. */
export type ExternalFunctionPlan =
  { readonly text: string } | { readonly error: ErrorFields }

/** MAX_BATCH_SIZE's bounds in KB (r_CREATE_EXTERNAL_FUNCTION.html: 1 KB to 5 MB). */
const MAX_BATCH_KB = 5 * 1024
const INT_MAX = 2147483647
/** As for any UDF (r_CREATE_FUNCTION.html). */
const MAX_ARGUMENTS = 32

/** Words that end a multi-word RETURNS type (double precision, character varying). */
const RETURNS_END = new Set([
  'volatile',
  'stable',
  'immutable',
  'lambda',
  'sagemaker',
  'iam_role',
])

/** Token kinds a type list may hold: names, modifiers, commas and parentheses. */
const TYPE_TOKENS = new Set<Token['kind']>([
  'word',
  'quoted',
  'number',
  'comma',
  'open',
  'close',
  'dot',
])

/**
 * CREATE [ OR REPLACE ] EXTERNAL FUNCTION (r_CREATE_EXTERNAL_FUNCTION.html):
 * the Lambda (or SageMaker) form, checked against the page's synopsis
 * (VOLATILE only, one of LAMBDA / SAGEMAKER, IAM_ROLE, and RETRY_TIMEOUT,
 * MAX_BATCH_ROWS and MAX_BATCH_SIZE in their ranges), becomes a call of
 * `redshift_local.create_external_function` with a CREATE FUNCTION in the
 * `exfunc` language whose body refuses every call: the emulator cannot call
 * AWS Lambda, so a query that calls the function fails with 0A000 (an
 * emulator limit), while the DDL itself, DROP FUNCTION, GRANT / REVOKE
 * EXECUTE and the catalog views work as on Redshift. `tokens` are the
 * statement's significant tokens; `fold` folds quoted identifiers.
 *
 * @example
 * ```ts
 * planExternalFunction(text, tokens, true)
 * // { text: "CALL redshift_local.create_external_function('CREATE FUNCTION exfunc_sum(INT,INT) ...')" }
 * ```
 */
export function planExternalFunction(
  text: string,
  tokens: readonly Token[],
  fold: boolean,
): ExternalFunctionPlan {
  let at = 0
  const word = (offset = 0): string => {
    const token = tokens[at + offset]
    return token?.kind === 'word'
      ? text.slice(token.start, token.end).toLowerCase()
      : ''
  }
  const near = (): ErrorFields => {
    const token = tokens[at]
    const hint =
      'CREATE EXTERNAL FUNCTION name ( [type, ...] ) RETURNS type VOLATILE LAMBDA ' +
      "'lambda_fn_name' IAM_ROLE { default | 'arn' } [ RETRY_TIMEOUT ms ] " +
      '[ MAX_BATCH_ROWS n ] [ MAX_BATCH_SIZE n [ KB | MB ] ]'
    return token === undefined
      ? reject.other('42601', 'syntax error at end of input', undefined, hint)
      : reject.syntax(text.slice(token.start, token.end), hint)
  }
  at++ // create
  const replace = word() === 'or' && word(1) === 'replace'
  if (replace) at += 2
  at += 2 // external function

  // The name: a possibly qualified identifier, as written.
  const nameStart = tokens[at]
  if (nameStart?.kind !== 'word' && nameStart?.kind !== 'quoted')
    return { error: near() }
  let nameEnd = nameStart.end
  at++
  while (
    tokens[at]?.kind === 'dot' &&
    (tokens[at + 1]?.kind === 'word' || tokens[at + 1]?.kind === 'quoted')
  ) {
    nameEnd = tokens[at + 1]!.end
    at += 2
  }
  const name = text.slice(nameStart.start, nameEnd)

  // The argument types, as written: only names, modifiers and commas.
  if (tokens[at]?.kind !== 'open') return { error: near() }
  const argsStart = tokens[at]!.end
  let depth = 0
  /** Commas between arguments, not inside a type's modifiers (numeric(10,2)). */
  let commas = 0
  for (; at < tokens.length; at++) {
    const token = tokens[at]!
    if (!TYPE_TOKENS.has(token.kind)) return { error: near() }
    if (token.kind === 'open') depth++
    if (token.kind === 'comma' && depth === 1) commas++
    if (token.kind === 'close' && --depth === 0) break
  }
  if (depth !== 0) return { error: near() }
  const args = text.slice(argsStart, tokens[at]!.start)
  at++
  if (args.trim() !== '' && commas + 1 > MAX_ARGUMENTS)
    return {
      error: reject.other(
        '54023',
        `functions cannot have more than ${MAX_ARGUMENTS} arguments`,
      ),
    }

  if (word() !== 'returns') return { error: near() }
  at++
  const returnsStart = tokens[at]
  if (returnsStart?.kind !== 'word' && returnsStart?.kind !== 'quoted')
    return { error: near() }
  let returnsEnd = returnsStart.end
  at++
  // Multi-word types (double precision, character varying) and a modifier.
  while (tokens[at]?.kind === 'word' && !RETURNS_END.has(word())) {
    returnsEnd = tokens[at]!.end
    at++
  }
  if (tokens[at]?.kind === 'open') {
    for (; at < tokens.length; at++) {
      const token = tokens[at]!
      if (!TYPE_TOKENS.has(token.kind)) return { error: near() }
      if (token.kind === 'close') break
    }
    if (tokens[at]?.kind !== 'close') return { error: near() }
    returnsEnd = tokens[at]!.end
    at++
  }
  const returns = text.slice(returnsStart.start, returnsEnd)

  const volatility = word()
  if (volatility === 'stable' || volatility === 'immutable')
    return {
      error: reject.unsupported(
        `${volatility.toUpperCase()} for an external function`,
        'Lambda UDFs are VOLATILE',
      ),
    }
  if (volatility !== 'volatile') return { error: near() }
  at++

  const service = word()
  if (service !== 'lambda' && service !== 'sagemaker') return { error: near() }
  at++
  const target = stringAt(text, tokens[at])
  if (target === undefined) return { error: near() }
  at++

  if (word() !== 'iam_role') return { error: near() }
  at++
  if (word() === 'default') at++
  else if (stringAt(text, tokens[at]) !== undefined) at++
  else return { error: near() }

  const seen = new Set<string>()
  while (at < tokens.length) {
    const option = word()
    if (
      service !== 'lambda' ||
      !['retry_timeout', 'max_batch_rows', 'max_batch_size'].includes(option) ||
      seen.has(option)
    )
      return { error: near() }
    seen.add(option)
    at++
    const value = integerAt(text, tokens[at])
    if (value === undefined) return { error: near() }
    at++
    if (option === 'retry_timeout' && value < 0)
      return { error: outOfRange('RETRY_TIMEOUT', 'at least 0 milliseconds') }
    if (option === 'max_batch_rows' && (value < 1 || value > INT_MAX))
      return { error: outOfRange('MAX_BATCH_ROWS', `1 to ${INT_MAX}`) }
    if (option === 'max_batch_size') {
      let kb = value
      if (word() === 'kb') at++
      else if (word() === 'mb') {
        kb = value * 1024
        at++
      }
      if (kb < 1 || kb > MAX_BATCH_KB)
        return { error: outOfRange('MAX_BATCH_SIZE', '1 KB to 5 MB') }
    }
  }

  const what = service === 'lambda' ? 'AWS Lambda' : 'Amazon SageMaker'
  const refusal = emulatorLimit(
    // The message is text (quoted below with the body): the name as given.
    `calling the external function ${name} (${what} '${target}')`,
    'the local emulator cannot call AWS Lambda or SageMaker; use a SQL UDF in tests',
  )
  const body = `begin raise exception using errcode = '0A000', message = ${quoteLiteral(
    refusal.message,
  )}, hint = ${quoteLiteral(refusal.hint ?? '')}; end`
  const create = `CREATE ${replace ? 'OR REPLACE ' : ''}FUNCTION ${name}(${args}) RETURNS ${returns} VOLATILE LANGUAGE exfunc AS ${quoteLiteral(body)}`
  const folded = fold
    ? (foldQuotedIdentifiers(create, tokenize(create)) ?? create)
    : create
  return {
    text: `CALL redshift_local.create_external_function(${quoteLiteral(folded)})`,
  }
}

/** A '...' literal's value, read as Redshift reads it (backslash escapes too). */
function stringAt(text: string, token: Token | undefined): string | undefined {
  if (token?.kind !== 'string') return undefined
  return decodeCopyLiteral(text.slice(token.start, token.end))
}

function integerAt(text: string, token: Token | undefined): number | undefined {
  if (token?.kind !== 'number') return undefined
  const raw = text.slice(token.start, token.end)
  return /^\d+$/.test(raw) ? Number(raw) : undefined
}

function outOfRange(option: string, range: string): ErrorFields {
  return reject.other('22023', `${option} is out of range: it takes ${range}`)
}
