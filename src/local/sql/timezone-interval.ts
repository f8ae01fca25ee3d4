import { wordOf, type Token } from './lexer.js'

/**
 * `SET timezone INTERVAL '-8 hours'`, one word and neither TO nor `=`, as
 * r_timezone_config.html's example sets PST: PostgreSQL's grammar takes an
 * INTERVAL only after `SET TIME ZONE`, so this returns the statement so
 * spelled, or null for any other statement. `tokens` are the statement's
 * significant tokens.
 *
 * @example
 * ```ts
 * timezoneInterval("set timezone interval '-8 hours'", significant(tokenize(text)))
 * // "set TIME ZONE interval '-8 hours'"
 * ```
 */
export function timezoneInterval(
  text: string,
  tokens: readonly Token[],
): string | null {
  if (wordOf(text, tokens[0]) !== 'set') return null
  let at = 1
  const scope = wordOf(text, tokens[1])
  if (scope === 'session' || scope === 'local') at = 2
  const name = tokens[at]
  if (
    wordOf(text, name) !== 'timezone' ||
    wordOf(text, tokens[at + 1]) !== 'interval'
  )
    return null
  return `${text.slice(0, name!.start)}TIME ZONE${text.slice(name!.end)}`
}
