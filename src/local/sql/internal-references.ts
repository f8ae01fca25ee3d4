import type { ErrorFields } from '../protocol/error-fields.js'
import { reject } from '../errors/reject.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'
import { significant, tokenize, wordOf, type Token } from './lexer.js'

/**
 * The schemas that hold the emulator's own functions, procedures, tables and
 * types. Redshift has no such schemas, so a client can name nothing in them:
 * the system views reach them, the client never does (a `redshift_local`
 * procedure that is SECURITY DEFINER would otherwise run with the emulator's
 * rights for anyone who calls it).
 */
const INTERNAL_SCHEMAS: ReadonlySet<string> = new Set([
  'redshift_local',
  'redshift_local_types',
])

/** Statements whose string bodies run as SQL: functions and procedures. */
const CREATES_ROUTINE =
  /^\s*create\s+(?:or\s+replace\s+)?(?:function|procedure)\b/i

/** Statements that can change the search path or a parameter by value. */
const SETS_SEARCH_PATH = /^\s*set\s+(?:(?:session|local)\s+)?search_path\b/i
const CALLS_SET_CONFIG = /\bset_config\s*\(/i

/** An internal schema's name as a word of a string (`'redshift_local, public'`). */
const NAMES_INTERNAL =
  /(?:^|[^a-z0-9_$])redshift_local(?:_types)?(?![a-z0-9_$])/i

/**
 * Functions and casts that read an object's name from a string
 * (`has_table_privilege('s.t', 'select')`, `'s.t'::regclass`).
 */
const RESOLVES_NAMES =
  /\b(?:has_[a-z_]+_privilege|to_reg[a-z]+|reg(?:class|procedure|proc|type|namespace|operator|oper|config|dictionary|collation|role))\b/i

/** Those that read a schema's name alone. */
const RESOLVES_SCHEMAS =
  /\b(?:has_schema_privilege|to_regnamespace|regnamespace)\b/i

/**
 * Refuses a client statement that names one of the emulator's internal
 * schemas: as a qualifier (`redshift_local.f()`, `redshift_local.settings`),
 * in a string an object name is read from (`has_table_privilege`,
 * `::regclass`, `to_regclass`; the schema alone for `has_schema_privilege`),
 * inside the body of a function or procedure it creates, as a `redshift_local.*`
 * parameter, or in its search path. Every statement a client sends is judged
 * here before anything rewrites it, so the emulator's own rewrites (which call
 * `redshift_local` functions) are never mistaken for the client's.
 *
 * @example
 * ```ts
 * const text = "call redshift_local.record_role_owner('x')"
 * internalReference(text, tokenize(text))?.code // '3F000'
 * internalReference("select 'redshift_local.x'", tokenize("select 'redshift_local.x'")) // null
 * ```
 */
export function internalReference(
  text: string,
  tokens: readonly Token[],
): ErrorFields | null {
  const words = significant(tokens)
  const named = qualifiedInternal(text, words)
  if (named !== null) return named
  const parameter = setConfigParameter(text, words)
  if (parameter !== null) return reject.unknownParameter(parameter)
  if (SETS_SEARCH_PATH.test(text) || CALLS_SET_CONFIG.test(text)) {
    for (const token of words) {
      const value =
        token.kind === 'string'
          ? stringBody(text.slice(token.start, token.end))
          : unquoted(text, token)
      if (INTERNAL_SCHEMAS.has(value) || NAMES_INTERNAL.test(value))
        return emulatorLimit(
          'A setting that names the schema redshift_local',
          'redshift_local is the emulator’s internal schema; Redshift has none of that name',
        )
    }
  }
  if (RESOLVES_NAMES.test(text)) {
    const schemas = RESOLVES_SCHEMAS.test(text)
    for (const token of words) {
      if (token.kind !== 'string') continue
      const body = stringBody(text.slice(token.start, token.end))
      // A schema's name alone is read as written, not folded.
      const name = INTERNAL_SCHEMAS.has(body) ? body : qualifier(body)
      if (name === null || (name === body && !schemas)) continue
      return reject.other('3F000', `schema "${name}" does not exist`)
    }
  }
  if (CREATES_ROUTINE.test(text)) {
    for (const token of words) {
      if (token.kind !== 'string') continue
      const body = stringBody(text.slice(token.start, token.end))
      const inner = qualifiedInternal(body, significant(tokenize(body)))
      if (inner !== null) return inner
    }
  }
  return null
}

/** The first `schema.name` of `words` whose schema is internal, as PostgreSQL reports an unknown schema. */
function qualifiedInternal(
  text: string,
  words: readonly Token[],
): ErrorFields | null {
  for (let i = 0; i + 1 < words.length; i++) {
    const token = words[i]!
    const name = unquoted(text, token)
    if (!INTERNAL_SCHEMAS.has(name)) continue
    const next = words[i + 1]!
    // A parameter name (`set redshift_local.in_block = ...`) reads the same way.
    if (next.kind !== 'dot') continue
    const member = words[i + 2]
    const memberName = member === undefined ? '' : unquoted(text, member)
    if (isSetting(text, words, i))
      return reject.unknownParameter(`${name}.${memberName}`)
    if (words[i + 3]?.kind === 'open')
      return reject.other('3F000', `schema "${name}" does not exist`)
    return reject.other(
      '42P01',
      `relation "${name}.${memberName}" does not exist`,
    )
  }
  return null
}

/**
 * The internal schema that qualifies an object name written in a string,
 * as PostgreSQL folds it (`'"redshift_local".x'`, `'Redshift_Local.x'`), or null.
 */
function qualifier(body: string): string | null {
  const match = /^\s*(?:"((?:[^"]|"")*)"|([a-z_][a-z0-9_$]*))\s*\./i.exec(body)
  if (match === null) return null
  const schema =
    match[1] !== undefined
      ? match[1].replace(/""/g, '"')
      : match[2]!.toLowerCase()
  return INTERNAL_SCHEMAS.has(schema) ? schema : null
}

/** The `redshift_local.*` parameter a SET_CONFIG call names first, if any. */
function setConfigParameter(
  text: string,
  words: readonly Token[],
): string | null {
  for (let i = 0; i + 2 < words.length; i++) {
    if (wordOf(text, words[i]) !== 'set_config') continue
    const name = words[i + 2]!
    if (words[i + 1]!.kind !== 'open' || name.kind !== 'string') continue
    const value = stringBody(text.slice(name.start, name.end))
    const prefix = value.split('.')[0]!.toLowerCase()
    if (value.includes('.') && INTERNAL_SCHEMAS.has(prefix)) return value
  }
  return null
}

/** Whether the qualified name at `i` is the parameter of SET, RESET or SHOW. */
function isSetting(text: string, words: readonly Token[], i: number): boolean {
  let j = i - 1
  const before = wordOf(text, words[j])
  if (before === 'session' || before === 'local') j--
  const verb = wordOf(text, words[j])
  return verb === 'set' || verb === 'reset' || verb === 'show'
}

/** A word's name as PostgreSQL folds it, or a quoted identifier's exact name. */
function unquoted(text: string, token: Token): string {
  const raw = text.slice(token.start, token.end)
  if (token.kind === 'word') return raw.toLowerCase()
  if (token.kind === 'quoted') return raw.slice(1, -1).replace(/""/g, '"')
  return ''
}

/** The content of a string literal token: `'..'`, `E'..'` or `$tag$..$tag$`. */
function stringBody(raw: string): string {
  const dollar = /^\$[^$]*\$/.exec(raw)
  if (dollar !== null)
    return raw.slice(dollar[0].length, raw.length - dollar[0].length)
  const open = raw.indexOf("'")
  return raw.slice(open + 1, -1).replace(/''/g, "'")
}
