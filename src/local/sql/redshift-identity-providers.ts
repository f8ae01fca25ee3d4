import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'

/** What an identity provider statement becomes: a call into the catalog. */
export interface IdentityProviderRewrite {
  readonly sql: string
  readonly tag: string
}

/**
 * CREATE / ALTER / DESC / DROP IDENTITY PROVIDER, with `c.pos` on the
 * first word (r_CREATE_IDENTITY_PROVIDER.html,
 * r_ALTER_IDENTITY_PROVIDER.html, r_DESC_IDENTITY_PROVIDER.html,
 * r_DROP_IDENTITY_PROVIDER.html). Each becomes a call of a
 * `redshift_local.identity_provider_*` procedure (see
 * `catalog/identity-provider-catalog.ts`), which checks the rules and
 * records the provider where SVV_IDENTITY_PROVIDERS reads it; DESC reads
 * that view. Null when the statement is not about an identity provider.
 *
 * @example
 * ```ts
 * // "drop identity provider p" -> call redshift_local.identity_provider_drop('p', false)
 * ```
 */
export function rewriteIdentityProvider(
  c: DdlCursor,
): IdentityProviderRewrite | null {
  if (c.kw(c.pos + 1) !== 'IDENTITY' || c.kw(c.pos + 2) !== 'PROVIDER')
    return null
  const verb = c.kw()
  if (
    verb !== 'CREATE' &&
    verb !== 'ALTER' &&
    verb !== 'DROP' &&
    verb !== 'DESC'
  )
    return null
  c.pos += 3
  const provider = quoteLiteral(c.name())
  switch (verb) {
    case 'CREATE':
      return create(c, provider)
    case 'ALTER':
      return alter(c, provider)
    case 'DROP': {
      const cascade = c.accept('CASCADE')
      return done(
        c,
        `call redshift_local.identity_provider_drop(${provider}, ${cascade})`,
        'DROP IDENTITY PROVIDER',
      )
    }
    default:
      return done(
        c,
        `select uid, name, type, instanceid, namespc, params, enabled
from pg_catalog.svv_identity_providers
where uid = redshift_local.identity_provider_described(${provider})`,
        'SELECT',
      )
  }
}

/** `CREATE IDENTITY PROVIDER name TYPE type NAMESPACE 'ns' PARAMETERS 'json'`. */
function create(c: DdlCursor, provider: string): IdentityProviderRewrite {
  if (!c.accept('TYPE')) throw c.syntaxError()
  const type = quoteLiteral(c.name())
  if (!c.accept('NAMESPACE')) throw c.syntaxError()
  const namespace = string(c)
  if (!c.accept('PARAMETERS')) throw c.syntaxError()
  const parameters = string(c)
  return done(
    c,
    `call redshift_local.identity_provider_create(${provider}, ${type}, ${namespace}, ${parameters})`,
    'CREATE IDENTITY PROVIDER',
  )
}

/**
 * `ALTER IDENTITY PROVIDER name` with `PARAMETERS 'json'` (which replaces
 * every parameter set before), `NAMESPACE 'ns'`, and `DISABLE` or `ENABLE`,
 * each at most once and at least one of them.
 */
function alter(c: DdlCursor, provider: string): IdentityProviderRewrite {
  let parameters: string | undefined
  let namespace: string | undefined
  let enable: string | undefined
  while (c.pos < c.tokens.length && !c.is(';')) {
    if (parameters === undefined && c.accept('PARAMETERS'))
      parameters = string(c)
    else if (namespace === undefined && c.accept('NAMESPACE'))
      namespace = string(c)
    else if (enable === undefined && c.accept('DISABLE')) enable = 'false'
    else if (enable === undefined && c.accept('ENABLE')) enable = 'true'
    else throw c.syntaxError()
  }
  if (parameters === undefined && namespace === undefined && !enable)
    throw c.syntaxError()
  return done(
    c,
    `call redshift_local.identity_provider_alter(${provider}, ${parameters ?? 'null'}, ${namespace ?? 'null'}, ${enable ?? 'null'})`,
    'ALTER IDENTITY PROVIDER',
  )
}

/** The statement must end here: the rewrite, or a syntax error at what follows. */
function done(c: DdlCursor, sql: string, tag: string): IdentityProviderRewrite {
  c.end()
  return { sql, tag }
}

/** A plain string literal ('...'), quoted again for the call. */
function string(c: DdlCursor): string {
  return quoteLiteral(c.plainString())
}
