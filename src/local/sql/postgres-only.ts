import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { PgNode } from './parse-tree.js'

/**
 * PostgreSQL object kinds Redshift has no such object for, as the words its
 * statements name them (`DROP INDEX`, `GRANT ... ON SEQUENCE`): indexes,
 * sequences, triggers, rules, types and domains, extensions, SQL/MED objects,
 * text search objects, tablespaces and the rest of what the "Unsupported
 * PostgreSQL features" page
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html)
 * and the SQL commands reference leave out.
 */
const POSTGRES_ONLY_OBJECTS: Readonly<Record<string, string>> = {
  OBJECT_INDEX: 'INDEX',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_TRIGGER: 'TRIGGER',
  OBJECT_EVENT_TRIGGER: 'EVENT TRIGGER',
  OBJECT_RULE: 'RULE',
  OBJECT_TYPE: 'TYPE',
  OBJECT_DOMAIN: 'DOMAIN',
  OBJECT_EXTENSION: 'EXTENSION',
  OBJECT_COLLATION: 'COLLATION',
  OBJECT_CONVERSION: 'CONVERSION',
  OBJECT_AGGREGATE: 'AGGREGATE',
  OBJECT_OPERATOR: 'OPERATOR',
  OBJECT_OPCLASS: 'OPERATOR CLASS',
  OBJECT_OPFAMILY: 'OPERATOR FAMILY',
  OBJECT_CAST: 'CAST',
  OBJECT_TRANSFORM: 'TRANSFORM',
  OBJECT_ACCESS_METHOD: 'ACCESS METHOD',
  OBJECT_STATISTIC_EXT: 'STATISTICS',
  OBJECT_PUBLICATION: 'PUBLICATION',
  OBJECT_SUBSCRIPTION: 'SUBSCRIPTION',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_FOREIGN_SERVER: 'SERVER',
  OBJECT_FDW: 'FOREIGN DATA WRAPPER',
  OBJECT_USER_MAPPING: 'USER MAPPING',
  OBJECT_TSCONFIGURATION: 'TEXT SEARCH CONFIGURATION',
  OBJECT_TSDICTIONARY: 'TEXT SEARCH DICTIONARY',
  OBJECT_TSPARSER: 'TEXT SEARCH PARSER',
  OBJECT_TSTEMPLATE: 'TEXT SEARCH TEMPLATE',
  OBJECT_TABLESPACE: 'TABLESPACE',
  OBJECT_LARGEOBJECT: 'LARGE OBJECT',
  OBJECT_PARAMETER_ACL: 'PARAMETER',
  OBJECT_POLICY: 'POLICY',
}

/**
 * Object kinds Redshift has only in some statements: GRANT USAGE ON LANGUAGE
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html) is Redshift's,
 * DROP LANGUAGE is not.
 */
const GRANT_OBJECTS_REDSHIFT_HAS: ReadonlySet<string> = new Set([
  'OBJECT_LANGUAGE',
])

/** What `CREATE <kind>` a DefineStmt is. */
const DEFINE_KINDS: Readonly<Record<string, string>> = {
  OBJECT_AGGREGATE: 'AGGREGATE',
  OBJECT_OPERATOR: 'OPERATOR',
  OBJECT_TYPE: 'TYPE',
  OBJECT_COLLATION: 'COLLATION',
  OBJECT_TSCONFIGURATION: 'TEXT SEARCH CONFIGURATION',
  OBJECT_TSDICTIONARY: 'TEXT SEARCH DICTIONARY',
  OBJECT_TSPARSER: 'TEXT SEARCH PARSER',
  OBJECT_TSTEMPLATE: 'TEXT SEARCH TEMPLATE',
}

/**
 * Refuses a statement about an object kind Redshift does not have (DROP
 * INDEX IF EXISTS, ALTER INDEX, GRANT ON SEQUENCE, COMMENT ON TRIGGER, DROP
 * TYPE, CREATE AGGREGATE ...), which PostgreSQL would run or, with IF
 * EXISTS, quietly skip. Redshift's own wording for these is not documented.
 *
 * @example
 * ```ts
 * postgresOnlyObject('DropStmt', { removeType: 'OBJECT_INDEX' })
 * // { code: '0A000', message: 'DROP INDEX is not supported', ... }
 * ```
 */
export function postgresOnlyObject(
  type: string,
  node: PgNode,
): ErrorFields | undefined {
  const refuse = (verb: string, kind: unknown, grant = false) => {
    const words = POSTGRES_ONLY_OBJECTS[String(kind)]
    if (words === undefined) return undefined
    if (grant && GRANT_OBJECTS_REDSHIFT_HAS.has(String(kind))) return undefined
    return reject.unsupported(`${verb} ${words}`)
  }
  switch (type) {
    case 'DefineStmt': {
      const kind = DEFINE_KINDS[String(node['kind'])]
      return reject.unsupported(`CREATE ${kind ?? 'object'}`)
    }
    case 'DropStmt':
      return refuse('DROP', node['removeType']) ?? dropFunctionSignature(node)
    case 'RenameStmt':
      return refuse('ALTER', node['renameType'])
    case 'AlterOwnerStmt':
    case 'AlterObjectSchemaStmt':
      return refuse('ALTER', node['objectType'])
    case 'AlterTableStmt':
      return refuse('ALTER', node['objtype'])
    case 'CommentStmt':
      return refuse('COMMENT ON', node['objtype']) ?? commentObject(node)
    case 'GrantStmt':
      return refuse(
        node['is_grant'] === false ? 'REVOKE ON' : 'GRANT ON',
        node['objtype'],
        true,
      )
    default:
      return undefined
  }
}

/**
 * DROP FUNCTION and DROP PROCEDURE name the routine's argument types: "The
 * function's signature, or list of argument data types, must be specified"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_FUNCTION.html); "To
 * drop a procedure, both the procedure name and input argument data types
 * (signature), are required"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_PROCEDURE.html).
 * PostgreSQL drops a routine named alone when its name is unique.
 */
function dropFunctionSignature(node: PgNode): ErrorFields | undefined {
  const kind =
    node['removeType'] === 'OBJECT_FUNCTION'
      ? 'FUNCTION'
      : node['removeType'] === 'OBJECT_PROCEDURE'
        ? 'PROCEDURE'
        : undefined
  if (kind === undefined) return undefined
  const objects = (Array.isArray(node['objects']) ? node['objects'] : []) as {
    ObjectWithArgs?: PgNode
  }[]
  const routine = kind.toLowerCase()
  return objects.some((o) => o.ObjectWithArgs?.['args_unspecified'] === true)
    ? reject.other(
        '42601',
        `DROP ${kind} needs the ${routine}'s argument types`,
        undefined,
        `DROP ${kind} name ( [arg_type, ...] ) [ CASCADE | RESTRICT ]`,
      )
    : undefined
}

/**
 * The objects Redshift's COMMENT takes
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_COMMENT.html): of the
 * ones Redshift has, a schema, function, procedure, materialized view or role
 * takes no comment.
 */
const COMMENT_OBJECTS: ReadonlySet<string> = new Set([
  'OBJECT_TABLE',
  'OBJECT_COLUMN',
  'OBJECT_TABCONSTRAINT',
  'OBJECT_DATABASE',
  'OBJECT_VIEW',
])

/** Refuses COMMENT ON an object Redshift has but does not comment on. */
function commentObject(node: PgNode): ErrorFields | undefined {
  const kind = String(node['objtype'])
  if (COMMENT_OBJECTS.has(kind)) return undefined
  const words =
    kind === 'OBJECT_MATVIEW'
      ? 'MATERIALIZED VIEW'
      : kind.replace(/^OBJECT_/, '').replace(/_/g, ' ')
  return reject.unsupported(
    `COMMENT ON ${words}`,
    'Redshift comments on a TABLE, COLUMN, CONSTRAINT, DATABASE or VIEW',
  )
}

/**
 * PostgreSQL's pseudo-types (anyarray, record, void, trigger ...): the
 * data-types page lists them as unsupported. ANYELEMENT is left out: Redshift
 * UDFs take it (https://docs.aws.amazon.com/redshift/latest/dg/udf-data-types.html).
 *
 * @example
 * ```ts
 * PSEUDO_TYPES.has('void') // true
 * ```
 */
export const PSEUDO_TYPES: ReadonlySet<string> = new Set([
  'any',
  'anyarray',
  'anynonarray',
  'anyenum',
  'anyrange',
  'anymultirange',
  'anycompatible',
  'anycompatiblearray',
  'anycompatiblenonarray',
  'anycompatiblerange',
  'anycompatiblemultirange',
  'cstring',
  'internal',
  'language_handler',
  'fdw_handler',
  'index_am_handler',
  'table_am_handler',
  'tsm_handler',
  'record',
  'trigger',
  'event_trigger',
  'pg_ddl_command',
  'void',
])

/**
 * Redshift's own functions whose names start like PostgreSQL's json and
 * jsonb functions: the JSON functions on VARCHAR
 * (https://docs.aws.amazon.com/redshift/latest/dg/json-functions.html) and
 * the SUPER ones (JSON_PARSE, JSON_SERIALIZE, JSON_SIZE, JSON_TYPEOF).
 */
const REDSHIFT_JSON_FUNCTIONS: ReadonlySet<string> = new Set([
  'json_array_length',
  'json_extract_array_element_text',
  'json_extract_path_text',
  'json_parse',
  'json_serialize',
  'json_serialize_to_varbyte',
  'json_size',
  'json_typeof',
])

/**
 * Whether `name` (lower case) is one of PostgreSQL's json / jsonb functions,
 * none of which Redshift has: its JSON is text or SUPER.
 *
 * @example
 * ```ts
 * isPostgresJsonFunction('jsonb_set') // true
 * isPostgresJsonFunction('json_extract_path_text') // false
 * ```
 */
export function isPostgresJsonFunction(name: string): boolean {
  return (
    (name.startsWith('json_') || name.startsWith('jsonb_')) &&
    !REDSHIFT_JSON_FUNCTIONS.has(name)
  )
}

/**
 * PostgreSQL's SQL/JSON syntax (PostgreSQL 16 and later), by parse node, as
 * the function it reads like. JSON_SERIALIZE is not here: it is Redshift's
 * SUPER function, and the emulator runs it.
 *
 * @example
 * ```ts
 * SQL_JSON_NODES.get('JsonArrayConstructor') // 'json_array'
 * ```
 */
export const SQL_JSON_NODES: ReadonlyMap<string, string> = new Map([
  ['JsonObjectConstructor', 'json_object'],
  ['JsonArrayConstructor', 'json_array'],
  ['JsonArrayQueryConstructor', 'json_array'],
  ['JsonObjectAgg', 'json_objectagg'],
  ['JsonArrayAgg', 'json_arrayagg'],
  ['JsonParseExpr', 'json'],
  ['JsonScalarExpr', 'json_scalar'],
])

/** The function a JsonFuncExpr (JSON_EXISTS, JSON_QUERY, JSON_VALUE) reads like. */
export function sqlJsonFunction(node: PgNode): string {
  return String(node['op'] ?? 'JSON_VALUE_OP')
    .replace(/_OP$/, '')
    .toLowerCase()
}

/** DECLARE options Redshift's `DECLARE name CURSOR FOR query` has no word for. */
const CURSOR_WORDS: readonly (readonly [number, string])[] = [
  [0x1, 'BINARY'],
  [0x2, 'SCROLL'],
  [0x4, 'NO'],
  [0x8, 'INSENSITIVE'],
  [0x10, 'ASENSITIVE'],
]

/**
 * Refuses the cursor options and directions Redshift's DECLARE and FETCH
 * lack (https://docs.aws.amazon.com/redshift/latest/dg/declare.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/fetch.html): FETCH takes
 * NEXT, ALL, FORWARD [n | ALL] only, and MOVE does not exist.
 * `direction` is the word after FETCH as written (the tree cannot tell PRIOR
 * from BACKWARD 1).
 *
 * @example
 * ```ts
 * cursorError('FetchStmt', { direction: 'FETCH_BACKWARD' }, 'PRIOR')
 * // { code: '42601', message: 'syntax error at or near "PRIOR"', ... }
 * ```
 */
export function cursorError(
  type: string,
  node: PgNode,
  direction: string,
): ErrorFields | undefined {
  if (type === 'DeclareCursorStmt') {
    const options = Number(node['options'] ?? 0)
    for (const [bit, word] of CURSOR_WORDS)
      if ((options & bit) !== 0)
        return reject.syntax(word, 'write DECLARE name CURSOR FOR query')
    return undefined
  }
  if (type !== 'FetchStmt') return undefined
  if (node['ismove'] === true)
    return reject.unsupported('MOVE', 'FETCH the rows and discard them')
  const forward = (node['direction'] ?? 'FETCH_FORWARD') === 'FETCH_FORWARD'
  return forward
    ? undefined
    : reject.syntax(direction, 'FETCH takes NEXT, ALL or FORWARD [n | ALL]')
}
