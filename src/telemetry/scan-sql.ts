/**
 * One token of a scanned statement: a bare word (keyword or name, as
 * written), a quoted identifier (its name, unquoted), a value (a literal,
 * always `?`, or a bind parameter `$n`), or one punctuation character.
 */
export interface SqlToken {
  readonly kind: 'word' | 'quoted' | 'value' | 'punct'
  readonly text: string
}

/** A statement as telemetry may show it, and its tokens for the summary. */
export interface ScannedSql {
  /** The text with every literal replaced by `?`, comments removed, spaces collapsed. */
  readonly text: string
  readonly tokens: readonly SqlToken[]
}

/**
 * Past this many characters of output the scan stops: the text shown is
 * bounded (a batch insert or an UNLOAD can be megabytes), and what a summary
 * needs is at the start.
 */
export const MAX_SCANNED_TEXT = 4096

const VALUE: SqlToken = Object.freeze({ kind: 'value', text: '?' })

// Letters that may prefix a string literal: E'..' (escapes), X'..' (hex),
// B'..' (bits), N'..' (national). The prefix is part of the value.
const LITERAL_PREFIXES = new Set(['e', 'E', 'x', 'X', 'b', 'B', 'n', 'N'])

/**
 * Scans a Redshift statement once: its text with no value in it, and its
 * tokens. Every string literal (quotes doubled or backslash-escaped, as
 * Redshift reads them), dollar-quoted string and number becomes `?`; bind
 * parameters (`$1`) stay; comments go (they can carry anything). Secrets in
 * COPY / UNLOAD / CREATE USER (CREDENTIALS, ACCESS_KEY_ID, SECRET_ACCESS_KEY,
 * SESSION_TOKEN, MASTER_SYMMETRIC_KEY, KMS_KEY_ID, IAM_ROLE, PASSWORD) are
 * all literals there, so none survives. An unterminated literal swallows the
 * rest of the text, so a cut never shows half a value.
 *
 * ```ts
 * scanSql("select * from sales where note = 'it''s' and id > 42").text
 * // 'select * from sales where note = ? and id > ?'
 * ```
 */
export function scanSql(sql: string): ScannedSql {
  const tokens: SqlToken[] = []
  let out = ''
  let space = false
  const length = sql.length
  let i = 0
  const emit = (piece: string) => {
    if (space && out.length > 0) out += ' '
    space = false
    out += piece
  }
  while (i < length && out.length < MAX_SCANNED_TEXT) {
    const c = sql.charCodeAt(i)
    // whitespace
    if (c === 32 || (c >= 9 && c <= 13)) {
      space = true
      i++
      continue
    }
    // -- line comment
    if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      const end = sql.indexOf('\n', i + 2)
      i = end < 0 ? length : end + 1
      space = true
      continue
    }
    // /* block comment */, nested as PostgreSQL reads them
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      i = skipBlockComment(sql, i)
      space = true
      continue
    }
    // 'string literal'
    if (c === 39) {
      i = skipStringLiteral(sql, i)
      emit('?')
      tokens.push(VALUE)
      continue
    }
    // "quoted identifier"
    if (c === 34) {
      const [name, end] = readQuotedIdentifier(sql, i)
      emit(sql.slice(i, end))
      tokens.push({ kind: 'quoted', text: name })
      i = end
      continue
    }
    // $1 parameter, or $$dollar quoted$$ / $tag$dollar quoted$tag$
    if (c === 36) {
      const end = scanDollar(sql, i)
      const text = end.kind === 'literal' ? '?' : sql.slice(i, end.at)
      emit(text)
      tokens.push(
        end.kind === 'literal'
          ? VALUE
          : { kind: end.kind === 'parameter' ? 'value' : 'punct', text },
      )
      i = end.at
      continue
    }
    // number: 42, 4.2, .5, 1e-3
    if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      i = skipNumber(sql, i)
      emit('?')
      tokens.push(VALUE)
      continue
    }
    if (isWordStart(c)) {
      let end = i + 1
      while (end < length && isWordPart(sql.charCodeAt(end))) end++
      const word = sql.slice(i, end)
      if (
        end === i + 1 &&
        sql.charCodeAt(end) === 39 &&
        LITERAL_PREFIXES.has(word)
      ) {
        i = skipStringLiteral(sql, end)
        emit('?')
        tokens.push(VALUE)
        continue
      }
      emit(word)
      tokens.push({ kind: 'word', text: word })
      i = end
      continue
    }
    const char = sql[i]!
    emit(char)
    tokens.push({ kind: 'punct', text: char })
    i++
  }
  if (i < length) out += ' ...'
  return { text: out, tokens }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 36
}

/** Index after a literal opened at `start`: `''` and `\x` escape. */
function skipStringLiteral(sql: string, start: number): number {
  const length = sql.length
  let j = start + 1
  while (j < length) {
    const c = sql.charCodeAt(j)
    if (c === 92) {
      j += 2
    } else if (c === 39) {
      if (sql.charCodeAt(j + 1) !== 39) return j + 1
      j += 2
    } else {
      j++
    }
  }
  return length
}

function skipBlockComment(sql: string, start: number): number {
  const length = sql.length
  let depth = 1
  let j = start + 2
  while (j < length && depth > 0) {
    const c = sql.charCodeAt(j)
    if (c === 42 && sql.charCodeAt(j + 1) === 47) {
      depth--
      j += 2
    } else if (c === 47 && sql.charCodeAt(j + 1) === 42) {
      depth++
      j += 2
    } else {
      j++
    }
  }
  return j
}

function readQuotedIdentifier(sql: string, start: number): [string, number] {
  const length = sql.length
  let name = ''
  let j = start + 1
  while (j < length) {
    const c = sql.charCodeAt(j)
    if (c === 34) {
      if (sql.charCodeAt(j + 1) !== 34) return [name, j + 1]
      name += '"'
      j += 2
    } else {
      name += sql[j]
      j++
    }
  }
  return [name, length]
}

function scanDollar(
  sql: string,
  start: number,
): { readonly kind: 'parameter' | 'literal' | 'lone'; readonly at: number } {
  let j = start + 1
  if (isDigit(sql.charCodeAt(j))) {
    while (isDigit(sql.charCodeAt(j))) j++
    return { kind: 'parameter', at: j }
  }
  // A tag is empty or a word; anything else is a lone `$`, kept as it is.
  while (j < sql.length && isWordPart(sql.charCodeAt(j))) {
    if (sql.charCodeAt(j) === 36) break
    j++
  }
  if (sql.charCodeAt(j) !== 36) {
    return { kind: 'lone', at: start + 1 }
  }
  const tag = sql.slice(start, j + 1)
  const close = sql.indexOf(tag, j + 1)
  return { kind: 'literal', at: close < 0 ? sql.length : close + tag.length }
}

function skipNumber(sql: string, start: number): number {
  let j = start
  while (isDigit(sql.charCodeAt(j))) j++
  if (sql.charCodeAt(j) === 46) {
    j++
    while (isDigit(sql.charCodeAt(j))) j++
  }
  const e = sql.charCodeAt(j)
  if (e === 101 || e === 69) {
    let k = j + 1
    const sign = sql.charCodeAt(k)
    if (sign === 43 || sign === 45) k++
    if (isDigit(sql.charCodeAt(k))) {
      j = k
      while (isDigit(sql.charCodeAt(j))) j++
    }
  }
  return j
}
