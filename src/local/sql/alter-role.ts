import type { Token } from './lexer.js'
import { quoteLiteral } from './quote.js'
import type { RecognizedStatement } from './recognize-redshift.js'
import { externalIdText } from './redshift-user-options.js'
import { SpectrumCursor } from './spectrum/spectrum-cursor.js'

/**
 * `ALTER ROLE role [ WITH ] { RENAME TO role | OWNER TO user_name } [, ...]
 * [ EXTERNALID TO external_id ]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_ROLE.html) as the
 * call of `redshift_local.alter_role` (`catalog/role-views.ts`), which
 * records the owner and external ID where SVV_ROLES reads them and renames
 * the role. Anything else after ALTER ROLE is refused: PostgreSQL's ALTER
 * ROLE would make a role a superuser or a login (`WITH SUPERUSER`,
 * `LOGIN`), or set its parameters, which Redshift's roles have no words for.
 * Null for any statement that is not ALTER ROLE.
 *
 * @example
 * ```ts
 * recognizeAlterRole('alter role r with owner to bob', tokens, true)
 * // { kind: 'statement', text: "CALL redshift_local.alter_role('r', NULL, 'bob', NULL)", tag: 'ALTER ROLE', ... }
 * ```
 */
export function recognizeAlterRole(
  text: string,
  tokens: readonly Token[],
  fold: boolean,
): RecognizedStatement | null {
  const c = new SpectrumCursor(text, tokens, fold)
  if (!c.word('alter', 'role')) return null
  const role = systemRoleName(c) ?? c.name()
  if (role === undefined) return reject(c)
  c.word('with')
  let rename: string | undefined
  let owner: string | undefined
  for (;;) {
    if (c.word('rename', 'to')) {
      rename = systemRoleName(c) ?? c.name()
      if (rename === undefined) return reject(c)
    } else if (c.word('owner', 'to')) {
      owner = c.name()
      if (owner === undefined) return reject(c)
    } else break
    if (!c.take('comma')) break
  }
  let externalId: string | undefined
  if (c.word('externalid', 'to')) {
    externalId = externalIdText(c.peekText(), c.peekKind())
    if (externalId === undefined || !c.take(c.peekKind()!)) return reject(c)
  }
  if (
    !c.done ||
    (rename === undefined && owner === undefined && externalId === undefined)
  )
    return reject(c)
  const value = (v: string | undefined) =>
    v === undefined ? 'NULL' : quoteLiteral(v)
  return {
    kind: 'statement',
    text: `CALL redshift_local.alter_role(${quoteLiteral(role)}, ${value(rename)}, ${value(owner)}, ${value(externalId)})`,
    tag: 'ALTER ROLE',
    usesWlm: false,
  }
}

/** A system role written unquoted (`sys:dba` reads as word, operator, word). */
function systemRoleName(c: SpectrumCursor): string | undefined {
  if (
    c.peekWord() !== 'sys' ||
    c.peekText(1) !== ':' ||
    c.peekKind(2) !== 'word'
  )
    return undefined
  const name = `sys:${c.peekWord(2)}`
  c.word('sys')
  c.take('operator')
  c.name()
  return name
}

function reject(c: SpectrumCursor): RecognizedStatement {
  return {
    kind: 'reject',
    error: c.syntaxError(
      'ALTER ROLE takes RENAME TO, OWNER TO and EXTERNALID TO',
    ).fields,
  }
}
