import { createHash } from 'node:crypto'

import type { ErrorFields } from '../protocol/error-fields.js'
import type { Token } from './lexer.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'
import { applyEdits, type TextEdit } from './text-edits.js'

/** PostgreSQL keeps NAMEDATALEN - 1 = 63 bytes of an identifier. */
export const PG_MAX_IDENTIFIER_BYTES = 63

/** Redshift keeps 127 bytes of an identifier and truncates longer ones (r_CREATE_TABLE_NEW.md). */
export const REDSHIFT_MAX_IDENTIFIER_BYTES = 127

/** Bytes of the long name kept at the front of its short name, so that PostgreSQL's own messages stay readable. */
const PREFIX_BYTES = 40

/** `$` and 16 hex digits of SHA-256 end every short name; nothing else the emulator writes looks like it. */
const HASH_LENGTH = 16
const SUFFIX = /\$[0-9a-f]{16}/g

/** One long identifier and the PostgreSQL name that stands for it. */
export interface LongName {
  /** The name as Redshift keeps it: folded, at most 127 bytes. */
  readonly long: string
  /** What PostgreSQL holds: at most 57 bytes, ends in `$` and 16 hex digits. */
  readonly short: string
}

/**
 * The long identifiers (64..127 bytes) the emulator has met, by the hash that
 * ends their short PostgreSQL names. A short name is a pure function of the
 * long one (a prefix of it, `$`, and 16 hex digits of its SHA-256), so the
 * forward direction needs no lookup and every session and emulator computes
 * the same name; this registry serves the way back: result column names,
 * error messages. The catalog views read the same pairs from
 * `redshift_local.long_names`.
 *
 * @example
 * ```ts
 * const names = new LongNames()
 * const short = names.shorten('x'.repeat(100))
 * names.restore(`relation "${short}" does not exist`) // relation "xxx…x" does not exist
 * ```
 */
export class LongNames {
  readonly #byHash = new Map<string, LongName>()

  /** How many long names are known; 0 keeps every response on its fast path. */
  get size(): number {
    return this.#byHash.size
  }

  /** The short PostgreSQL name of a (folded, truncated) long name, remembered for the way back. */
  shorten(long: string): string {
    const hash = createHash('sha256')
      .update(long, 'utf8')
      .digest('hex')
      .slice(0, HASH_LENGTH)
    const known = this.#byHash.get(hash)
    if (known !== undefined && known.long === long) return known.short
    const short = `${truncateUtf8(long, PREFIX_BYTES)}$${hash}`
    this.#byHash.set(hash, { long, short })
    return short
  }

  /** Remembers a pair read back from `redshift_local.long_names` (names an earlier emulator created). */
  add(pair: LongName): void {
    const hash = pair.short.slice(-HASH_LENGTH)
    if (!this.#byHash.has(hash)) this.#byHash.set(hash, pair)
  }

  /** The long name behind `short`, or undefined when it is not a short name. */
  lookup(short: string): string | undefined {
    const pair = this.#byHash.get(short.slice(-HASH_LENGTH))
    return pair?.short === short ? pair.long : undefined
  }

  /** `text` with every short name in it replaced by its long name (the same string when none occurs). */
  restore(text: string): string {
    if (this.#byHash.size === 0 || !text.includes('$')) return text
    let out = text
    for (const match of text.matchAll(SUFFIX)) {
      const pair = this.#byHash.get(match[0].slice(1))
      if (pair !== undefined) out = out.split(pair.short).join(pair.long)
    }
    return out
  }
}

const NAMED_FIELDS = [
  'message',
  'detail',
  'hint',
  'where',
  'schema',
  'table',
  'column',
  'constraint',
] as const

/**
 * An error with the short names in its text fields replaced by the long
 * names the client wrote (the same object when none occurs).
 *
 * @example
 * ```ts
 * restoreErrorNames(fields, names).message // relation "<127-byte name>" does not exist
 * ```
 */
export function restoreErrorNames(
  fields: ErrorFields,
  names: LongNames,
): ErrorFields {
  if (names.size === 0) return fields
  let out: Record<string, unknown> | null = null
  for (const key of NAMED_FIELDS) {
    const value = fields[key]
    if (value === undefined) continue
    const restored = names.restore(value)
    if (restored !== value) (out ??= { ...fields })[key] = restored
  }
  return (out as ErrorFields | null) ?? fields
}

/** What {@link shortenLongIdentifiers} did to a statement. */
export interface ShortenedText {
  readonly text: string
  /** Each long name once, in order of appearance. */
  readonly names: readonly LongName[]
}

/**
 * Replaces every identifier longer than PostgreSQL's 63 bytes by its short
 * name (see {@link LongNames}), after folding it as Redshift does (unquoted
 * names always, quoted ones when `fold`) and truncating it to Redshift's
 * 127 bytes. Only word and `"quoted"` tokens are read, so string literals,
 * comments and dollar-quoted bodies keep their text. Returns null when the
 * statement has no long identifier, which is decided from token lengths
 * alone for ASCII text.
 *
 * @example
 * ```ts
 * const text = `select 1 as "${'a'.repeat(70)}"`
 * shortenLongIdentifiers(text, tokenize(text), true, names)?.text
 * // select 1 as "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa$1f0c…"
 * ```
 */
export function shortenLongIdentifiers(
  text: string,
  tokens: readonly Token[],
  fold: boolean,
  names: LongNames,
): ShortenedText | null {
  let edits: TextEdit[] | null = null
  let found: LongName[] | null = null
  for (const token of tokens) {
    const length = token.end - token.start
    // A UTF-16 unit is at most 3 UTF-8 bytes: 21 units cannot exceed 63 bytes.
    if (length <= PG_MAX_IDENTIFIER_BYTES / 3) continue
    let name: string
    if (token.kind === 'word') {
      name = foldAscii(text.slice(token.start, token.end))
    } else if (
      token.kind === 'quoted' &&
      text.charCodeAt(token.start) === 34 &&
      length >= 2 &&
      text.charCodeAt(token.end - 1) === 34
    ) {
      name = text.slice(token.start + 1, token.end - 1).replace(/""/g, '"')
      if (fold) name = name.toLowerCase()
    } else continue
    if (Buffer.byteLength(name) <= PG_MAX_IDENTIFIER_BYTES) continue
    const long = truncateUtf8(name, REDSHIFT_MAX_IDENTIFIER_BYTES)
    const short = names.shorten(long)
    ;(edits ??= []).push({
      start: token.start,
      end: token.end,
      insert: quoteIdentifier(short),
    })
    found ??= []
    if (!found.some((n) => n.long === long)) found.push({ long, short })
  }
  return edits === null
    ? null
    : { text: applyEdits(text, edits), names: found ?? [] }
}

/**
 * The statement that records long names in `redshift_local.long_names`, run
 * by the session right after the DDL that created them (same transaction).
 *
 * @example
 * ```ts
 * recordLongNamesSql([{ long, short }]) // call redshift_local.record_long_names('[{"long":…}]')
 * ```
 */
export function recordLongNamesSql(names: readonly LongName[]): string {
  const rows = names.map((n) => ({ short_name: n.short, long_name: n.long }))
  return `call redshift_local.record_long_names(${quoteLiteral(JSON.stringify(rows))})`
}

/** The longest prefix of `text` of at most `max` UTF-8 bytes that ends on a character boundary. */
export function truncateUtf8(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length <= max) return text
  let cut = max
  // Never split a multibyte character: back up to the start of the one cut.
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--
  return bytes.toString('utf8', 0, cut)
}

/** Redshift folds only ASCII letters of identifiers to lower case (r_names.md). */
function foldAscii(word: string): string {
  return word.replace(/[A-Z]+/g, (s) => s.toLowerCase())
}
