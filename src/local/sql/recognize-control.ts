import { significant, tokenize, type Token } from './lexer.js'
import { TokenCursor } from './token-cursor.js'

/** The marker that makes a statement an emulator control statement. */
export const CONTROL_MARKER = '/*redshift-local*/'

/** A parsed `FAULT ...` control statement (grammar: see runtime/faults.ts). */
export type FaultCommand =
  | {
      readonly kind: 'fail'
      readonly count: number
      readonly pattern?: string
      readonly code?: string
      readonly message?: string
    }
  | { readonly kind: 'latency'; readonly ms: number; readonly pattern?: string }
  | {
      readonly kind: 'drop'
      readonly pattern?: string
      /** Closed instead of sending the statement (`BEFORE SEND`). */
      readonly beforeSend: boolean
    }
  | { readonly kind: 'refuse'; readonly forMs: number }
  | { readonly kind: 'refuse-next'; readonly count: number }
  | { readonly kind: 'reset' }

/**
 * Recognises `/*redshift-local*\/ FAULT ...`. Returns `null` when the
 * statement is not a control statement, and an `Error` (with the reason) when
 * it is one but malformed.
 *
 * @example
 * ```ts
 * recognizeControl(`/*redshift-local*\/ FAULT FAIL NEXT 2 MATCHING 'insert'`, tokens)
 * // { kind: 'fail', count: 2, pattern: 'insert' }
 * ```
 */
export function recognizeControl(
  text: string,
  tokens: readonly Token[] = tokenize(text),
): FaultCommand | Error | null {
  const first = tokens.find((t) => t.kind !== 'space')
  if (
    first?.kind !== 'comment' ||
    text.slice(first.start, first.end).replace(/\s+/g, '').toLowerCase() !==
      CONTROL_MARKER
  ) {
    return null
  }
  const c = new TokenCursor(text, significant(tokens))
  if (!c.word('fault'))
    return new Error('expected FAULT after /*redshift-local*/')
  let command: FaultCommand | Error
  if (c.word('fail', 'next')) {
    const count = c.integer() ?? 1
    let pattern: string | undefined
    let code: string | undefined
    let message: string | undefined
    for (;;) {
      if (c.word('matching')) pattern = c.string() ?? ''
      else if (c.word('with', 'sqlstate')) code = c.string() ?? ''
      else if (c.word('message')) message = c.string() ?? ''
      else break
    }
    if (pattern === '' || message === '') {
      return new Error("MATCHING and MESSAGE take a non-empty 'string'")
    }
    if (code !== undefined && !/^[0-9A-Z]{5}$/.test(code)) {
      return new Error(
        "WITH SQLSTATE takes a five-character code such as 'XX000'",
      )
    }
    command = {
      kind: 'fail',
      count,
      ...(pattern !== undefined ? { pattern } : {}),
      ...(code !== undefined ? { code } : {}),
      ...(message !== undefined ? { message } : {}),
    }
  } else if (c.word('latency')) {
    const ms = c.integer()
    if (ms === undefined) return new Error('FAULT LATENCY needs milliseconds')
    const pattern = c.word('matching') ? (c.string() ?? '') : undefined
    if (pattern === '') return new Error("MATCHING takes a non-empty 'string'")
    command = {
      kind: 'latency',
      ms,
      ...(pattern !== undefined ? { pattern } : {}),
    }
  } else if (c.word('drop', 'connection')) {
    const beforeSend = c.word('before', 'send')
    const pattern = c.word('matching') ? (c.string() ?? '') : undefined
    if (pattern === '') return new Error("MATCHING takes a non-empty 'string'")
    command = {
      kind: 'drop',
      beforeSend,
      ...(pattern !== undefined ? { pattern } : {}),
    }
  } else if (c.word('refuse', 'connections', 'for')) {
    const forMs = c.integer()
    if (forMs === undefined)
      return new Error('FAULT REFUSE CONNECTIONS FOR needs milliseconds')
    command = { kind: 'refuse', forMs }
  } else if (c.word('refuse', 'connections', 'next')) {
    const count = c.integer()
    if (count === undefined || count < 1)
      return new Error('FAULT REFUSE CONNECTIONS NEXT needs a count >= 1')
    command = { kind: 'refuse-next', count }
  } else if (c.word('reset')) {
    command = { kind: 'reset' }
  } else {
    return new Error(
      'expected FAIL NEXT, LATENCY, DROP CONNECTION, REFUSE CONNECTIONS or RESET',
    )
  }
  if (!c.done) return new Error('unexpected text after the FAULT statement')
  return command
}
