import type { Token } from './lexer.js'
import { quoteLiteral } from './quote.js'
import type { RecognizedStatement } from './recognize-redshift.js'
import { SpectrumCursor } from './spectrum/spectrum-cursor.js'

/**
 * `DROP ROLE role_name [ FORCE | RESTRICT ]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_ROLE.html) as the
 * call of `redshift_local.drop_role`, which refuses under RESTRICT (the
 * default) a role that is granted or holds a grant, as Redshift does;
 * PostgreSQL's DROP ROLE would revoke those grants silently. One role, no
 * IF EXISTS: Redshift's grammar has neither. A system role may be written
 * unquoted (`sys:dba`). Null for any statement that is not DROP ROLE.
 *
 * @example
 * ```ts
 * recognizeDropRole('drop role analyst force', tokens, true)
 * // { kind: 'statement', text: "CALL redshift_local.drop_role('analyst', true)", tag: 'DROP ROLE', ... }
 * ```
 */
export function recognizeDropRole(
  text: string,
  tokens: readonly Token[],
  fold: boolean,
): RecognizedStatement | null {
  const c = new SpectrumCursor(text, tokens, fold)
  if (!c.word('drop', 'role')) return null
  let name: string | undefined
  if (
    c.peekWord() === 'sys' &&
    c.peekText(1) === ':' &&
    c.peekKind(2) === 'word'
  ) {
    // An unquoted system role (sys:dba) reads as word, operator, word.
    name = `sys:${c.peekWord(2)}`
    c.word('sys')
    c.take('operator')
    c.name()
  } else name = c.name()
  if (name === undefined)
    return { kind: 'reject', error: c.syntaxError().fields }
  const force = c.word('force')
  if (!force) c.word('restrict')
  if (!c.done) return { kind: 'reject', error: c.syntaxError().fields }
  return {
    kind: 'statement',
    text: `CALL redshift_local.drop_role(${quoteLiteral(name)}, ${force})`,
    tag: 'DROP ROLE',
    usesWlm: false,
  }
}
