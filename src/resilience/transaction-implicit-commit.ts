/**
 * The statements that end the open transaction on Redshift with a COMMIT of
 * their own (`r_TRUNCATE.md`, `r_ALTER_TABLE_APPEND.md`): whatever the
 * transaction wrote before them is committed even when it fails afterwards.
 */
export type ImplicitCommitStatement = 'TRUNCATE' | 'ALTER TABLE APPEND'

// Literals, quoted identifiers and comments say nothing about the statement
// kind and may contain `;` or keywords, so they are blanked out first.
const NOISE =
  /'(?:[^'\\]|\\.|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\$\d+/g

const TRUNCATE = /^truncate\b/i
const APPEND = /^alter\s+table\s+[\s\S]+?\s+append\s+from\b/i

/**
 * The first statement in `sql` that commits the transaction it runs in, or
 * `undefined`. Every statement of a multi-statement text is checked.
 * Backslash escapes count inside literals, as on Redshift (trap T4).
 *
 * ```ts
 * implicitCommitOf('insert into t values (1); truncate t') // 'TRUNCATE'
 * implicitCommitOf("select 'truncate t'") // undefined
 * ```
 */
export function implicitCommitOf(
  sql: string,
): ImplicitCommitStatement | undefined {
  const text = sql.replace(NOISE, (match) =>
    match.startsWith('"') ? 'x' : ' ',
  )
  for (const part of text.split(';')) {
    const statement = part.trim()
    if (TRUNCATE.test(statement)) return 'TRUNCATE'
    if (APPEND.test(statement)) return 'ALTER TABLE APPEND'
  }
  return undefined
}
