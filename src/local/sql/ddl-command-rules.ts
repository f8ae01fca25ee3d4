import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { significant, tokenize, wordOf } from './lexer.js'
import { names, type PgNode } from './parse-tree.js'

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

/** CREATE DATABASE options PostgreSQL reads that Redshift's page has (r_CREATE_DATABASE.html). */
const CREATE_DATABASE_OPTIONS: ReadonlySet<string> = new Set([
  'owner',
  'connection_limit',
])

/** Clauses a SQL UDF's SELECT cannot have (r_CREATE_FUNCTION.html). */
const SQL_UDF_CLAUSES: readonly (readonly [string, string])[] = [
  ['fromClause', 'FROM'],
  ['intoClause', 'INTO'],
  ['whereClause', 'WHERE'],
  ['groupClause', 'GROUP BY'],
  ['havingClause', 'HAVING'],
  ['sortClause', 'ORDER BY'],
  ['limitCount', 'LIMIT'],
  ['limitOffset', 'OFFSET'],
]

/**
 * Clauses of the DDL and access-control commands that PostgreSQL runs and
 * Redshift's grammar does not have, judged on the client's parse tree:
 *
 * - ALTER TABLE IF EXISTS, ALTER ... SET SCHEMA, RENAME CONSTRAINT, ALTER
 *   VIEW (Redshift renames a view and changes its owner with ALTER TABLE,
 *   r_ALTER_TABLE.html), and RENAME TO a `#` name (r_ALTER_TABLE.html: that
 *   would name a temporary table);
 * - ADD COLUMN with UNIQUE, PRIMARY KEY or REFERENCES, ADD COLUMN IF NOT
 *   EXISTS, DROP COLUMN IF EXISTS and ALTER COLUMN ... TYPE ... USING
 *   (r_ALTER_TABLE.html);
 * - RENAME of a column without the word COLUMN (r_ALTER_TABLE.html);
 * - CREATE TABLE IF NOT EXISTS ... AS and CREATE TABLE AS ... WITH NO DATA
 *   (r_CREATE_TABLE_AS.html),
 *   DEALLOCATE ALL (r_DEALLOCATE.html) and DECLARE ... CURSOR WITHOUT HOLD
 *   (declare.html);
 * - UNIQUE NULLS NOT DISTINCT;
 * - CREATE DATABASE's TEMPLATE, ENCODING, LOCALE ... and ALTER DATABASE's
 *   WITH options other than CONNECTION LIMIT (r_CREATE_DATABASE.html,
 *   r_ALTER_DATABASE.html), and DROP DATABASE ... WITH (FORCE), which
 *   Redshift spells `DROP DATABASE name FORCE`;
 * - CREATE MATERIALIZED VIEW IF NOT EXISTS, ... WITH NO DATA, and REFRESH
 *   MATERIALIZED VIEW CONCURRENTLY / WITH NO DATA
 *   (materialized-view-create-sql-command.html,
 *   materialized-view-refresh-sql-command.html);
 * - TRUNCATE of several tables, ONLY, RESTART IDENTITY, CASCADE
 *   (r_TRUNCATE.html: `TRUNCATE [ TABLE ] table_name`);
 * - a role or user name with the `sys:` or `ds:` prefix (r_roles-default.html);
 * - CREATE GROUP with options other than USER, a group name beginning with
 *   two underscores, and DROP GROUP IF EXISTS or of several groups
 *   (r_CREATE_GROUP.html, r_ALTER_GROUP.html, r_DROP_GROUP.html:
 *   `DROP GROUP name`);
 * - GRANT ... WITH GRANT OPTION to PUBLIC, GRANTED BY, the TRIGGER
 *   privilege, and default privileges ON TYPES or SCHEMAS (r_GRANT.html,
 *   r_ALTER_DEFAULT_PRIVILEGES.html);
 * - ALTER FUNCTION / PROCEDURE other than RENAME TO and OWNER TO
 *   (r_ALTER_FUNCTION.html, r_ALTER_PROCEDURE.html);
 * - a SQL UDF whose body is not one SELECT without FROM, WHERE, GROUP BY,
 *   ORDER BY or LIMIT, or that names its arguments (r_CREATE_FUNCTION.html:
 *   SQL UDFs read them as $1, $2 ...).
 *
 * Redshift's own wording for these refusals is not documented; they are
 * syntax errors at the word (42601) where the grammar lacks it. `text` is
 * the statement's text, for what the tree does not keep (`TO GROUP`);
 * `parseBody` parses a UDF's body.
 *
 * @example
 * ```ts
 * checkDdlCommand('TruncateStmt', parseSync('truncate a, b').stmts[0].stmt.TruncateStmt, '...')
 * // { code: '42601', message: 'syntax error at or near ","', ... }
 * ```
 */
export function checkDdlCommand(
  type: string,
  node: PgNode,
  text: string,
  parseBody: (sql: string) => unknown,
): ErrorFields | undefined {
  switch (type) {
    case 'RenameStmt':
      if (node['missing_ok'] === true) return reject.syntax('EXISTS')
      if (node['renameType'] === 'OBJECT_COLUMN') {
        // RENAME COLUMN column_name TO new_name (r_ALTER_TABLE.html): the
        // word COLUMN is not optional there.
        const tokens = significant(tokenize(text))
        const at = tokens.findIndex((t) => wordOf(text, t) === 'rename')
        const next = tokens[at + 1]
        if (at > 0 && next !== undefined && wordOf(text, next) !== 'column')
          return reject.syntax(text.slice(next.start, next.end))
      }
      if (
        node['renameType'] === 'OBJECT_ROLE' &&
        /^\s*alter\s+group\b/i.test(text)
      )
        return reservedGroupName(node['newname'])
      if (node['renameType'] === 'OBJECT_TABCONSTRAINT')
        return reject.syntax(
          'CONSTRAINT',
          'drop the constraint and add it again',
        )
      if (node['renameType'] === 'OBJECT_VIEW') return alterView()
      if (
        node['renameType'] === 'OBJECT_TABLE' &&
        String(node['newname'] ?? '').startsWith('#') &&
        !String(
          (node['relation'] as PgNode | undefined)?.['relname'] ?? '',
        ).startsWith('#')
      )
        return reject.other(
          '42602',
          `invalid table name "${String(node['newname'])}": a name beginning with "#" is a temporary table's`,
          undefined,
          'you cannot rename a permanent table to a name that begins with #',
        )
      return undefined
    case 'AlterObjectSchemaStmt':
      return reject.syntax(
        'SCHEMA',
        'Redshift cannot move an object to another schema',
      )
    case 'AlterTableStmt':
      if (node['missing_ok'] === true) return reject.syntax('EXISTS')
      if (node['objtype'] === 'OBJECT_VIEW') return alterView()
      return addColumnConstraint(node)
    case 'CreateStmt':
      return nullsNotDistinct(node['tableElts'])
    case 'CreatedbStmt':
      for (const option of defElems(node['options'])) {
        if (!CREATE_DATABASE_OPTIONS.has(option))
          return reject.syntax(
            option.toUpperCase(),
            `CREATE DATABASE takes [ WITH ] [ OWNER [=] owner ] [ CONNECTION LIMIT { limit | UNLIMITED } ] ... (${DG}r_CREATE_DATABASE.html)`,
          )
      }
      return undefined
    case 'AlterDatabaseStmt':
      for (const option of defElems(node['options'])) {
        if (option !== 'connection_limit')
          return reject.syntax(option.toUpperCase())
      }
      return undefined
    case 'DropdbStmt':
      return defElems(node['options']).length > 0
        ? reject.syntax('WITH', 'write DROP DATABASE name FORCE')
        : undefined
    case 'DeclareCursorStmt': {
      // DECLARE cursor_name CURSOR FOR query (declare.html): no WITHOUT
      // HOLD, which PostgreSQL's tree does not keep.
      const tokens = significant(tokenize(text))
      const at = tokens.findIndex((t) => wordOf(text, t) === 'cursor')
      const next = tokens[at + 1]
      return at > 0 && next !== undefined && wordOf(text, next) !== 'for'
        ? reject.syntax(
            text.slice(next.start, next.end),
            'write DECLARE name CURSOR FOR query',
          )
        : undefined
    }
    case 'DeallocateStmt':
      // DEALLOCATE [ PREPARE ] plan_name (r_DEALLOCATE.html).
      return node['isall'] === true ? reject.syntax('ALL') : undefined
    case 'CreateTableAsStmt': {
      const into = node['into'] as PgNode | undefined
      if (node['objtype'] !== 'OBJECT_MATVIEW') {
        // r_CREATE_TABLE_AS.html: CREATE [ TEMP ] TABLE table_name ... AS
        // query, with no IF NOT EXISTS (CREATE TABLE's) and no WITH [ NO ] DATA.
        if (node['if_not_exists'] === true) return reject.syntax('NOT')
        return into?.['skipData'] === true ? reject.syntax('WITH') : undefined
      }
      if (node['if_not_exists'] === true) return reject.syntax('NOT')
      if (into?.['skipData'] === true) return reject.syntax('NO')
      return matviewClauses(node['query'])
    }
    case 'RefreshMatViewStmt':
      if (node['concurrent'] === true) return reject.syntax('CONCURRENTLY')
      if (node['skipData'] === true) return reject.syntax('WITH')
      return undefined
    case 'TruncateStmt': {
      const relations = Array.isArray(node['relations'])
        ? node['relations']
        : []
      if (relations.length > 1)
        return reject.syntax(',', 'TRUNCATE takes one table')
      const relation = (relations[0] as { RangeVar?: PgNode } | undefined)
        ?.RangeVar
      if (relation !== undefined && relation['inh'] !== true)
        return reject.syntax('ONLY')
      if (node['restart_seqs'] === true) return reject.syntax('RESTART')
      if (node['behavior'] === 'DROP_CASCADE') return reject.syntax('CASCADE')
      return undefined
    }
    case 'GrantStmt':
      return checkGrant(node, text)
    case 'CreateRoleStmt':
      return (
        reservedPrefix(node['role']) ??
        (node['stmt_type'] === 'ROLESTMT_GROUP'
          ? checkCreateGroup(node)
          : undefined)
      )
    case 'DropRoleStmt':
      if (!/^\s*drop\s+group\b/i.test(text)) return undefined
      if (node['missing_ok'] === true) return reject.syntax('EXISTS')
      return Array.isArray(node['roles']) && node['roles'].length > 1
        ? reject.syntax(',', 'DROP GROUP takes one group')
        : undefined
    case 'AlterDefaultPrivilegesStmt': {
      const action = node['action'] as PgNode | undefined
      const objtype = String(action?.['objtype'] ?? '')
      if (objtype === 'OBJECT_TYPE') return reject.syntax('TYPES')
      if (objtype === 'OBJECT_SCHEMA') return reject.syntax('SCHEMAS')
      return action === undefined ? undefined : checkGrant(action, text)
    }
    case 'AlterFunctionStmt':
      return reject.syntax(
        firstActionWord(node['actions']),
        node['objtype'] === 'OBJECT_PROCEDURE'
          ? 'ALTER PROCEDURE takes RENAME TO or OWNER TO'
          : 'ALTER FUNCTION takes RENAME TO or OWNER TO',
      )
    case 'CreateFunctionStmt':
      return node['is_procedure'] === true
        ? undefined
        : checkSqlUdf(node, parseBody)
    default:
      return undefined
  }
}

/**
 * A materialized view's query may not have ORDER BY, LIMIT or OFFSET
 * (materialized-view-create-sql-command.html, Limitations). The page names
 * the clauses, not where they sit: the query's own are refused, a subquery's
 * are left to PostgreSQL.
 */
function matviewClauses(query: unknown): ErrorFields | undefined {
  const select = (query as { SelectStmt?: PgNode } | undefined)?.SelectStmt
  if (select === undefined) return undefined
  for (const [field, clause] of [
    ['sortClause', 'ORDER BY'],
    ['limitCount', 'LIMIT'],
    ['limitOffset', 'OFFSET'],
  ] as const) {
    if (select[field] !== undefined)
      return reject.unsupported(
        `${clause} in a materialized view's query`,
        `${DG}materialized-view-create-sql-command.html`,
      )
  }
  return undefined
}

function alterView(): ErrorFields {
  return reject.syntax(
    'VIEW',
    'Redshift has no ALTER VIEW: rename a view or change its owner with ALTER TABLE',
  )
}

/** The word an ALTER FUNCTION action starts with (IMMUTABLE, STRICT, COST ...). */
function firstActionWord(actions: unknown): string {
  const first = defElemNodes(actions).values().next().value
  const sval = (
    (first?.['arg'] as PgNode | undefined)?.['String'] as PgNode | undefined
  )?.['sval']
  return String(
    typeof sval === 'string' ? sval : (first?.['defname'] ?? 'ALTER'),
  ).toUpperCase()
}

function defElems(value: unknown): string[] {
  return Array.isArray(value)
    ? value.map((o) =>
        String((o as { DefElem?: PgNode }).DefElem?.['defname'] ?? ''),
      )
    : []
}

function nullsNotDistinct(elements: unknown): ErrorFields | undefined {
  if (!Array.isArray(elements)) return undefined
  for (const element of elements as PgNode[]) {
    const constraints = [
      element['Constraint'],
      ...(
        ((element['ColumnDef'] as PgNode | undefined)?.['constraints'] as
          PgNode[] | undefined) ?? []
      ).map((c) => c['Constraint']),
    ] as (PgNode | undefined)[]
    if (constraints.some((c) => c?.['nulls_not_distinct'] === true))
      return reject.syntax('NULLS')
  }
  return undefined
}

function addColumnConstraint(node: PgNode): ErrorFields | undefined {
  const cmds = Array.isArray(node['cmds']) ? node['cmds'] : []
  for (const cmd of cmds as { AlterTableCmd?: PgNode }[]) {
    const alter = cmd.AlterTableCmd
    if (alter?.['subtype'] === 'AT_AddConstraint') {
      const constraint = (alter['def'] as PgNode | undefined)?.[
        'Constraint'
      ] as PgNode | undefined
      if (constraint?.['nulls_not_distinct'] === true)
        return reject.syntax('NULLS')
    }
    // ADD [ COLUMN ] name type ..., DROP [ COLUMN ] name [ RESTRICT |
    // CASCADE ] and ALTER COLUMN name TYPE new_type (r_ALTER_TABLE.html):
    // no IF [ NOT ] EXISTS, no USING.
    const subtype = alter?.['subtype']
    if (
      alter?.['missing_ok'] === true &&
      (subtype === 'AT_AddColumn' || subtype === 'AT_DropColumn')
    )
      return reject.syntax(subtype === 'AT_AddColumn' ? 'NOT' : 'EXISTS')
    if (subtype === 'AT_AlterColumnType') {
      const def = (alter?.['def'] as PgNode | undefined)?.['ColumnDef'] as
        PgNode | undefined
      if (def?.['raw_default'] !== undefined) return reject.syntax('USING')
    }
    if (alter?.['subtype'] !== 'AT_AddColumn') continue
    const def = (alter['def'] as PgNode | undefined)?.['ColumnDef'] as
      PgNode | undefined
    const constraints = (def?.['constraints'] ?? []) as {
      Constraint?: PgNode
    }[]
    for (const c of constraints) {
      const kind = c.Constraint?.['contype']
      const word =
        kind === 'CONSTR_UNIQUE'
          ? 'UNIQUE'
          : kind === 'CONSTR_PRIMARY'
            ? 'PRIMARY'
            : kind === 'CONSTR_FOREIGN'
              ? 'REFERENCES'
              : undefined
      if (word !== undefined)
        return reject.other(
          '0A000',
          `ALTER TABLE ADD COLUMN cannot add a ${word === 'PRIMARY' ? 'PRIMARY KEY' : word} constraint`,
          undefined,
          'add the column, then ALTER TABLE ... ADD the table constraint',
        )
    }
  }
  return undefined
}

/**
 * `CREATE GROUP name [ [ WITH ] [ USER username ] [, ...] ]`
 * (r_CREATE_GROUP.html): PostgreSQL's CREATE GROUP takes every role option
 * (SUPERUSER, LOGIN, SYSID ...), Redshift's only the users.
 */
function checkCreateGroup(node: PgNode): ErrorFields | undefined {
  for (const option of defElems(node['options'])) {
    if (option !== 'rolemembers')
      return reject.syntax(ROLE_OPTION_WORDS[option] ?? option.toUpperCase())
  }
  return reservedGroupName(node['role'])
}

/** The word PostgreSQL's role options are written with, by their parse-tree names. */
const ROLE_OPTION_WORDS: Readonly<Record<string, string>> = {
  canlogin: 'LOGIN',
  isreplication: 'REPLICATION',
  connectionlimit: 'CONNECTION',
  validUntil: 'VALID',
  addroleto: 'IN',
  adminmembers: 'ADMIN',
}

/**
 * "Group names beginning with two underscores are reserved for Amazon
 * Redshift internal use" (r_CREATE_GROUP.html, r_ALTER_GROUP.html). The
 * wording of Redshift's refusal is not documented; 42939 is PostgreSQL's
 * code for a reserved role name.
 */
function reservedGroupName(name: unknown): ErrorFields | undefined {
  return typeof name === 'string' && name.startsWith('__')
    ? reject.other(
        '42939',
        `group name "${name}" is reserved: names beginning with two underscores are for Amazon Redshift's internal use`,
      )
    : undefined
}

/**
 * "You can't use the sys: prefix for a custom system-defined role", nor the
 * ds: prefix for a role or a user (r_roles-default.html). The wording of
 * Redshift's refusal is not documented.
 */
function reservedPrefix(name: unknown): ErrorFields | undefined {
  const prefix = typeof name === 'string' ? /^(sys|ds):/i.exec(name) : null
  return prefix === null
    ? undefined
    : reject.other(
        '42939',
        `role name "${String(name)}" is reserved: the ${prefix[1]!.toLowerCase()}: prefix is Amazon Redshift's`,
      )
}

function checkGrant(node: PgNode, text: string): ErrorFields | undefined {
  if (node['grantor'] !== undefined) return reject.syntax('GRANTED')
  const privileges = (
    Array.isArray(node['privileges']) ? node['privileges'] : []
  ) as { AccessPriv?: PgNode }[]
  if (privileges.some((p) => p.AccessPriv?.['priv_name'] === 'trigger'))
    return reject.syntax('TRIGGER')
  if (node['grant_option'] === true && node['is_grant'] === true) {
    const grantees = (
      Array.isArray(node['grantees']) ? node['grantees'] : []
    ) as { RoleSpec?: PgNode }[]
    const toGroup = () => {
      const tokens = significant(tokenize(text))
      return tokens.some(
        (t, i) =>
          wordOf(text, t) === 'group' &&
          (wordOf(text, tokens[i - 1]) === 'to' ||
            tokens[i - 1]?.kind === 'comma'),
      )
    }
    const isPublic = grantees.some(
      (g) => g.RoleSpec?.['roletype'] === 'ROLESPEC_PUBLIC',
    )
    if (isPublic || toGroup())
      return reject.other(
        '0LP01',
        `WITH GRANT OPTION cannot be granted to ${isPublic ? 'PUBLIC' : 'a group'}`,
        undefined,
        'r_GRANT.html: WITH GRANT OPTION is for users only',
      )
  }
  return undefined
}

/**
 * A SQL UDF is `SELECT expression` over its `$n` arguments
 * (r_CREATE_FUNCTION.html, udf-creating-a-scalar-sql-udf.html).
 */
function checkSqlUdf(
  node: PgNode,
  parseBody: (sql: string) => unknown,
): ErrorFields | undefined {
  const options = defElemNodes(node['options'])
  const language = String(
    (
      (options.get('language')?.['arg'] as PgNode | undefined)?.['String'] as
        PgNode | undefined
    )?.['sval'] ?? 'sql',
  ).toLowerCase()
  if (language !== 'sql') return undefined
  const parameters = (
    Array.isArray(node['parameters']) ? node['parameters'] : []
  ) as { FunctionParameter?: PgNode }[]
  if (parameters.some((p) => p.FunctionParameter?.['name'] !== undefined))
    return reject.other(
      '42601',
      'SQL functions cannot have named arguments',
      undefined,
      'refer to the arguments as $1, $2 ... in the body',
    )
  const arg = options.get('as')?.['arg'] as PgNode | undefined
  const as = names(
    (arg?.['List'] as PgNode | undefined)?.['items'] ?? (arg ? [arg] : []),
  )
  if (as.length !== 1) return undefined
  const tree = parseBody(as[0]!)
  const select = (tree as { SelectStmt?: PgNode } | undefined)?.SelectStmt
  if (select === undefined)
    return reject.other(
      '42601',
      'the body of a SQL function must be a single SELECT',
      undefined,
      'SQL UDFs are one SELECT expression over $1, $2 ...',
    )
  for (const [key, clause] of SQL_UDF_CLAUSES) {
    const value = select[key]
    if (value !== undefined && !(Array.isArray(value) && value.length === 0))
      return reject.other(
        '42601',
        `a SQL function's SELECT cannot have ${/^[AEIOU]/.test(clause) ? 'an' : 'a'} ${clause} clause`,
        undefined,
        'SQL UDFs are one SELECT expression over $1, $2 ...',
      )
  }
  return undefined
}

function defElemNodes(value: unknown): Map<string, PgNode> {
  const map = new Map<string, PgNode>()
  if (!Array.isArray(value)) return map
  for (const o of value as { DefElem?: PgNode }[]) {
    if (o.DefElem) map.set(String(o.DefElem['defname']), o.DefElem)
  }
  return map
}
