import { names, type PgNode } from './parse-tree.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'

/** The statement PostgreSQL runs instead, with the tag the client sees. */
export interface ProcedureDdl {
  readonly text: string
  readonly tag: string
}

/**
 * `DROP PROCEDURE name (types)` and `ALTER PROCEDURE name (types) RENAME TO
 * | OWNER TO ...` find the procedure by its input argument types alone, as
 * Redshift does (r_DROP_PROCEDURE.html: OUT arguments are optional;
 * r_ALTER_PROCEDURE.html: `ALTER PROCEDURE first_quarter_revenue(bigint,
 * numeric) RENAME TO quarterly_revenue` of a procedure with an OUT third
 * argument). The emulator's procedures keep OUT arguments as trailing INOUT
 * ones with a default (see `rewriteProcedureOut`; Redshift's arguments have
 * no defaults), which PostgreSQL counts in the signature:
 * `redshift_local.procedure_ddl` looks the procedure up with or without
 * them and runs the statement on it. Null for any other statement, several
 * procedures at once, IF EXISTS or no argument list.
 *
 * @example
 * ```ts
 * procedureDdl('DropStmt', tree)
 * // { text: "CALL redshift_local.procedure_ddl('DROP', NULL, 'q', ARRAY['\"pg_catalog\".\"int8\"']::text[], '')", tag: 'DROP PROCEDURE' }
 * ```
 */
export function procedureDdl(type: string, node: PgNode): ProcedureDdl | null {
  let object: unknown
  let verb: 'DROP' | 'ALTER'
  let rest: string
  switch (type) {
    case 'DropStmt': {
      const objects = Array.isArray(node['objects']) ? node['objects'] : []
      if (
        node['removeType'] !== 'OBJECT_PROCEDURE' ||
        objects.length !== 1 ||
        node['missing_ok'] === true
      )
        return null
      object = objects[0]
      verb = 'DROP'
      rest = node['behavior'] === 'DROP_CASCADE' ? 'CASCADE' : ''
      break
    }
    case 'RenameStmt':
      if (node['renameType'] !== 'OBJECT_PROCEDURE') return null
      object = node['object']
      verb = 'ALTER'
      rest = `RENAME TO ${quoteIdentifier(String(node['newname']))}`
      break
    case 'AlterOwnerStmt': {
      if (node['objectType'] !== 'OBJECT_PROCEDURE') return null
      const owner = roleSpec(node['newowner'])
      if (owner === null) return null
      object = node['object']
      verb = 'ALTER'
      rest = `OWNER TO ${owner}`
      break
    }
    default:
      return null
  }
  const signature = (object as { ObjectWithArgs?: PgNode } | undefined)
    ?.ObjectWithArgs
  if (signature === undefined || signature['args_unspecified'] === true)
    return null
  const name = names(signature['objname'])
  const types: string[] = []
  for (const arg of (Array.isArray(signature['objargs'])
    ? signature['objargs']
    : []) as { TypeName?: PgNode }[]) {
    const typeName = arg.TypeName
    if (typeName === undefined || typeName['arrayBounds'] !== undefined)
      return null
    types.push(names(typeName['names']).map(quoteIdentifier).join('.'))
  }
  if (name.length === 0 || name.length > 2) return null
  const schema = name.length === 2 ? quoteLiteral(name[0]!) : 'NULL'
  const array =
    types.length === 0
      ? "'{}'::text[]"
      : `ARRAY[${types.map(quoteLiteral).join(', ')}]::text[]`
  return {
    text: `CALL redshift_local.procedure_ddl('${verb}', ${schema}, ${quoteLiteral(name.at(-1)!)}, ${array}, ${quoteLiteral(rest)})`,
    tag: `${verb} PROCEDURE`,
  }
}

function roleSpec(spec: unknown): string | null {
  const role = spec as { roletype?: string; rolename?: string } | undefined
  switch (role?.roletype) {
    case 'ROLESPEC_CSTRING':
      return quoteIdentifier(String(role.rolename))
    case 'ROLESPEC_CURRENT_USER':
      return 'CURRENT_USER'
    case 'ROLESPEC_SESSION_USER':
      return 'SESSION_USER'
    default:
      return null
  }
}
