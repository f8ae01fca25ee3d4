/**
 * Text made safe inside a doc comment: the two characters that would end
 * the comment early (a star followed by a slash) get a backslash between
 * them, line endings become `\n`, trailing spaces go, and empty lines at
 * either end are dropped.
 *
 * ```ts
 * docText('a\r\nb  ') // 'a\nb'
 * ```
 */
export function docText(text: string): string {
  // Most texts (every column's definition) need none of it: skip the copies.
  if (!NEEDS_CLEANING.test(text)) {
    return text
  }
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
}

// What docText changes: a line ending, `*/`, whitespace ending a line, or a
// line feed at either end.
const NEEDS_CLEANING = /[\r\u2028\u2029]|\*\/|[^\S\n]\n|[^\S\n]$|^\n|\n$/

/**
 * Inline code in a doc comment: backticks around `text`, with enough of them
 * that a backtick inside does not end it (CommonMark's rule).
 *
 * ```ts
 * docCode('numeric(12,2)') // '`numeric(12,2)`'
 * ```
 */
export function docCode(text: string): string {
  const runs = text.match(/`+/g) ?? []
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return docText(`${fence}${pad}${text.replace(/\s+/g, ' ')}${pad}${fence}`)
}
