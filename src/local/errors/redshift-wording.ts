import type { ErrorFields } from '../protocol/error-fields.js'

/** PostgreSQL 9.x+ names the type; Redshift (PostgreSQL 8.0) says "for integer". */
const INTEGER_INPUT = /^invalid input syntax for type (?:integer|smallint): /

/** PostgreSQL's json input failing on a value it was given as JSON text. */
const JSON_INPUT = 'invalid input syntax for type json'

/** A pseudocolumn of an external table, which PostgreSQL's tables lack. */
const PSEUDO_COLUMN = /^column (?:\S+\.)?"?\$spectrum_oid"? does not exist$/

/**
 * PostgreSQL names an external table's one partition (`external_<oid>`)
 * where a column clash is found in it first (RENAME COLUMN).
 */
/** PostgreSQL's refusal to drop or alter the column a partitioned table is keyed on. */
const PARTITION_KEY_COLUMN =
  /^cannot (drop|alter) column "(.*)" because it is part of the partition key of relation "(.*)"$/

const EXTERNAL_PARTITION_CLASH =
  /^(column "(?:[^"]|"")*" of relation )"external_\d+"( already exists)$/

/** The table an ALTER TABLE statement names, its last name part. */
const ALTERED_TABLE =
  /^\s*alter\s+table\s+(?:if\s+exists\s+)?(?:(?:"(?:[^"]|"")*"|[^\s."]+)\.)*("(?:[^"]|"")*"|[^\s."]+)/i

/** PostgreSQL's answer to any use of an external table's rows. */
const SPECTRUM_READ = 'foreign-data wrapper "redshift_spectrum" has no handler'

/** PostgreSQL's MERGE whose target row matched a second source row. */
const MERGE_TWICE = 'MERGE command cannot affect row a second time'

/** PostgreSQL's answer to a name of another database (`db1.public.t`). */
const CROSS_DATABASE = /^cross-database references are not implemented: (.*)$/

/** PostgreSQL's INSERT of a value into a GENERATED ALWAYS identity column. */
const IDENTITY_INSERT =
  /^cannot insert (?:a non-DEFAULT value )?into column "(?:[^"]|"")*"$/

/** PostgreSQL's UPDATE (or MERGE's) of a GENERATED ALWAYS identity column to a value. */
const IDENTITY_UPDATE = /^column "(?:[^"]|"")*" can only be updated to DEFAULT$/

/** PostgreSQL's TRUNCATE of a table another table's FOREIGN KEY references. */
const TRUNCATE_REFERENCED =
  'cannot truncate a table referenced in a foreign key constraint'

/** PostgreSQL's DROP VIEW of a view another object depends on. */
const DROP_VIEW = /^cannot (drop view .* because other objects depend on it)$/

/** PostgreSQL names the relation's kind; Redshift (PostgreSQL 8.0) says "relation". */
const RELATION_DENIED =
  /^permission denied for (?:table|view|materialized view|sequence|foreign table) /

/** PostgreSQL's refusal of a role grant that would make a cycle (or grant a role to itself). */
const CIRCULAR_ROLE = /^role "(?:[^"]|"")*" is a member of role "(?:[^"]|"")*"$/

/** PostgreSQL's refusal of CREATE ROLE / USER / GROUP to a user without CREATEROLE. */
const CREATE_ROLE_DENIED = 'permission denied to create role'

/** Who may create roles and users on Redshift (r_CREATE_ROLE.html, r_CREATE_USER.html). */
const MAY_CREATE: Readonly<Record<string, string>> = {
  role: 'Only a superuser or a user with the CREATE ROLE privilege may create roles.',
  user: 'Only a superuser or a user with the CREATE USER privilege may create users.',
}

const DROP_ROLE =
  /^role "((?:[^"]|"")*)" cannot be dropped because some objects depend on it$/

/**
 * PostgreSQL errors whose condition Redshift reports in other words, in
 * Redshift's words (undefined: Redshift says what PostgreSQL says):
 *
 * - `invalid input syntax for type integer: "x"` -> `invalid input syntax
 *   for integer: "x"` (22P02; SMALLINT too, as PostgreSQL 8.0 words it);
 * - `division by zero` -> `Divide by zero` (22012);
 * - CREATE ROLE / CREATE USER by a user who may not: PostgreSQL's detail
 *   names its CREATEROLE attribute -> `Only a superuser or a user with the
 *   CREATE ROLE privilege may create roles.` (CREATE USER: users), the
 *   rule r_CREATE_ROLE.html and r_CREATE_USER.html give; CREATE GROUP by a
 *   user who is not a superuser, whom alone r_CREATE_GROUP.html lets create
 *   a group -> `must be superuser to create groups`, as PostgreSQL 8.0
 *   words it, without a detail;
 * - `permission denied for table t` (or view, materialized view ...) ->
 *   `permission denied for relation t` (42501), as r_GRANT.html's examples
 *   print it;
 * - a role grant that would make a cycle: `role "a" is a member of role
 *   "b"` -> `cannot grant this role, a circular dependency was detected
 *   between these roles` (0LP01 kept: the page gives no SQLSTATE);
 * - `numeric field overflow` -> `Numeric data overflow (result precision)`
 *   (22003), without PostgreSQL's detail;
 * - DROP USER of a user that owns objects or holds privileges: 2BP01 `role
 *   "u" cannot be dropped because some objects depend on it` -> 55006 `user
 *   "u" can't be dropped because the user owns some object` (or `... has a
 *   privilege on some object`), as r_DROP_USER.html lists them, and DROP
 *   GROUP's `group "g" can't be dropped because the group has a privilege
 *   on some object` (r_DROP_GROUP.html, which gives no SQLSTATE: 55006 as
 *   for a user), and DROP ROLE's `role "r" cannot be dropped because the
 *   role has a privilege on some object` (55006, as Redshift reports it:
 *   amazon-redshift-utils issue 654; r_DROP_ROLE.html lists only the
 *   refusals for granted roles);
 * - ALTER DATABASE ... RENAME TO of the connected database: `current
 *   database cannot be renamed` -> `current database may not be renamed`,
 *   as r_ALTER_DATABASE.html shows it;
 * - TRUNCATE of a table that another table's FOREIGN KEY references:
 *   r_TRUNCATE.html truncates it ("including tables that are referenced in
 *   foreign-key constraints"), PostgreSQL checks the key even where the
 *   emulator switched its triggers off -> 0A000, an emulator limit;
 * - DROP VIEW of a view another view depends on: `cannot drop view v
 *   because other objects depend on it` -> `can't drop view v because other
 *   objects depend on it`, as r_DROP_VIEW.html shows it (its HINT kept;
 *   DROP TABLE's stays PostgreSQL's, as r_DROP_TABLE.html shows that);
 * - MERGE where a target row matches more than one source row: PostgreSQL's
 *   `MERGE command cannot affect row a second time` (and its hint) ->
 *   `Found multiple matches to update the same tuple.`, as r_MERGE.html's
 *   usage notes show it for both WHEN MATCHED actions; its SQLSTATE is not
 *   documented, so PostgreSQL's 21000 stays;
 * - INSERT of a value into an IDENTITY column (which the emulator makes a
 *   GENERATED ALWAYS identity): PostgreSQL's `cannot insert a non-DEFAULT
 *   value into column "c"`, its detail and its OVERRIDING SYSTEM VALUE hint
 *   (Redshift's INSERT has no OVERRIDING) -> `cannot set an identity column
 *   to a value`, as Redshift says it; its SQLSTATE is not documented, so
 *   PostgreSQL's 428C9 stays. An UPDATE that sets one to a value
 *   (PostgreSQL's `column "c" can only be updated to DEFAULT`) likewise:
 *   r_UPDATE.html lets only a GENERATED BY DEFAULT AS IDENTITY column take
 *   supplied values;
 * - DROP / ALTER COLUMN of an external table's first column (which keys
 *   its partition in PostgreSQL) -> 0A000, an emulator limit; a RENAME
 *   COLUMN clash names the external table, not its partition;
 * - a read or write of an external table, or of its pseudocolumns `$path`,
 *   `$size` and `$spectrum_oid` -> 0A000, an emulator limit;
 * - a string literal that is not JSON text, given where a SUPER value goes
 *   (`INSERT INTO t VALUES ('abc')` into a SUPER column) -> 0A000, an
 *   emulator limit: Redshift stores such a literal as a string scalar
 *   (parse_json.html), but the backing PostgreSQL reads it as JSON text and
 *   the emulator cannot tell from the statement which columns are SUPER.
 *   Only an error PostgreSQL places at the literal is such a case: one of
 *   JSON_PARSE has no position, one of a bind parameter none either.
 *
 * - a three-part name of another database of the emulator
 *   (`db1.public.table1`) where the emulator does not read it through a
 *   foreign table (see `sql/three-part-names.ts`): DDL (CREATE TABLE there,
 *   a view over it, which Redshift has neither of:
 *   cross-database_limitation.html), EXPLAIN, a routine's body -> 0A000, an
 *   emulator limit (Redshift's own wording is not documented);
 * - an error of the other database that postgres_fdw passes on (a missing
 *   privilege there, 42501) keeps its code and words without postgres_fdw's
 *   `remote SQL command` context.
 *
 * @example
 * ```ts
 * redshiftWording({ severity: 'ERROR', code: '22012', message: 'division by zero' }, 'select 1/0')
 * // { severity: 'ERROR', code: '22012', message: 'Divide by zero' }
 * ```
 */
export function redshiftWording(
  error: ErrorFields,
  statement: string | undefined,
): ErrorFields | undefined {
  if (error.where?.startsWith('remote SQL command: ') === true) {
    const { where: _remote, ...rest } = error
    return relationDenied(rest) ?? rest
  }
  switch (error.code) {
    case '42501':
      return relationDenied(error) ?? createDenied(error, statement)
    case '0LP01':
      // r_GRANT.html's examples: GRANT ROLE r3 TO ROLE r2 where r2 is granted to r3.
      return CIRCULAR_ROLE.test(error.message)
        ? {
            severity: error.severity,
            code: error.code,
            message:
              'cannot grant this role, a circular dependency was detected between these roles',
          }
        : undefined
    case '22P02':
      if (error.message === JSON_INPUT && error.position !== undefined)
        return {
          severity: error.severity,
          code: '0A000',
          message:
            'a string literal stored as SUPER is read as JSON text by the local emulator (an emulator limit), where Redshift stores it as a string',
          hint: "write JSON_PARSE('...') to store JSON, or '...'::varchar to store a string",
          position: error.position,
        }
      return INTEGER_INPUT.test(error.message)
        ? {
            ...error,
            message: error.message.replace(
              INTEGER_INPUT,
              'invalid input syntax for integer: ',
            ),
          }
        : undefined
    case '22012':
      return error.message === 'division by zero'
        ? { ...error, message: 'Divide by zero' }
        : undefined
    case '22003':
      // A value that does not fit its DECIMAL (r_numeric_computations201.html).
      return error.message === 'numeric field overflow'
        ? {
            severity: error.severity,
            code: error.code,
            message: 'Numeric data overflow (result precision)',
          }
        : undefined
    case '21000':
      return error.message === MERGE_TWICE
        ? {
            severity: error.severity,
            code: error.code,
            message: 'Found multiple matches to update the same tuple.',
          }
        : undefined
    case '428C9':
      return IDENTITY_INSERT.test(error.message) ||
        IDENTITY_UPDATE.test(error.message)
        ? {
            severity: error.severity,
            code: error.code,
            message: 'cannot set an identity column to a value',
            ...(error.position !== undefined
              ? { position: error.position }
              : {}),
          }
        : undefined
    case '2BP01':
      return dropUser(error, statement) ?? dropView(error)
    case '0A000': {
      // r_ALTER_DATABASE.html: "ERROR:  current database may not be renamed".
      if (error.message === 'current database cannot be renamed')
        return { ...error, message: 'current database may not be renamed' }
      if (error.message === TRUNCATE_REFERENCED)
        return {
          severity: error.severity,
          code: '0A000',
          message:
            'TRUNCATE of a table that a FOREIGN KEY references is not supported by the local emulator (an emulator limit): Redshift truncates it, its constraints being informational',
          hint: 'DELETE FROM the table empties it in the emulator',
        }
      const name = CROSS_DATABASE.exec(error.message)?.[1]
      return name === undefined
        ? undefined
        : {
            severity: error.severity,
            code: '0A000',
            message: `this reference to an object of another database (${name}) is not supported by the local emulator (an emulator limit): it reads another database's tables and views in queries only, as Redshift does`,
            hint: 'connect to that database to change its objects; read them as database.schema.object in the FROM clause of a query',
            ...(error.position !== undefined
              ? { position: error.position }
              : {}),
          }
    }
    case '42703':
      // "$spectrum_oid" (enable_spectrum_oid) is not emulated. "$path" and
      // "$size" are read with the files (spectrum/read-external-tables.ts):
      // with spectrum_enable_pseudo_columns off, or on a local table, they
      // are missing columns, as on Redshift.
      return PSEUDO_COLUMN.test(error.message)
        ? {
            severity: error.severity,
            code: '0A000',
            message:
              'the pseudocolumn "$spectrum_oid" of external tables is not supported by the local emulator (an emulator limit)',
          }
        : undefined
    case '42P16': {
      // Only external tables are partitioned tables in the emulator (see
      // catalog/spectrum-catalog.ts): their first partition column, or their
      // first column when they have none, keys the one partition, so DROP
      // COLUMN / ALTER COLUMN of it fails in PostgreSQL. Redshift refuses to
      // drop a partition column (r_ALTER_TABLE.html); the emulator drops
      // another key column by building the table again, for the statement
      // form sql/spectrum/drop-external-column.ts recognises only.
      const key = PARTITION_KEY_COLUMN.exec(error.message)
      if (key === null) return undefined
      return {
        severity: error.severity,
        code: '0A000',
        message:
          key[1] === 'drop'
            ? `cannot drop column "${key[2]}" of external table "${key[3]}": a partition column cannot be dropped, and the local emulator drops this column only when the statement is ALTER TABLE schema.table DROP [COLUMN] name [RESTRICT | CASCADE] (an emulator limit)`
            : 'this ALTER TABLE on an external table is not supported by the local emulator (an emulator limit)',
      }
    }
    case '42701': {
      const clash = EXTERNAL_PARTITION_CLASH.exec(error.message)
      const table = clash && ALTERED_TABLE.exec(statement ?? '')?.[1]
      if (!clash || table === undefined || table === null) return undefined
      const name = table.startsWith('"')
        ? table.slice(1, -1).replace(/""/g, '"')
        : table.toLowerCase()
      return {
        ...error,
        message: `${clash[1]}"${name}"${clash[2]}`,
      }
    }
    case '55000':
      // The external table itself holds no rows (see
      // catalog/spectrum-catalog.ts): a query that names it schema-qualified,
      // or a late-binding view over it, reads its files instead
      // (spectrum/read-external-tables.ts); writes, routine bodies and names
      // found through search_path reach the table.
      return error.message === SPECTRUM_READ
        ? {
            severity: error.severity,
            code: '0A000',
            message:
              'writing the rows of an external table, or reading them by a name without its schema or inside a routine, is not supported by the local emulator (an emulator limit)',
            hint: 'the emulator reads an external table in a query that names it with its schema (schema.table) or a late-binding view over it; search_path does not apply to external schemas on Redshift',
          }
        : undefined
    default:
      return undefined
  }
}

function dropUser(
  error: ErrorFields,
  statement: string | undefined,
): ErrorFields | undefined {
  const match = DROP_ROLE.exec(error.message)
  const kind = /^\s*drop\s+(user|group|role)\b/i
    .exec(statement ?? '')?.[1]
    ?.toLowerCase()
  if (match === null || kind === undefined) return undefined
  // PostgreSQL's detail lists "owner of table t" and "privileges for table t".
  const owns = /^owner of /m.test(error.detail ?? '')
  return {
    severity: error.severity,
    code: '55006',
    // The user and group wording is r_DROP_USER.html's; the role's is as
    // Redshift reports it (no page gives it).
    message: `${kind} "${match[1]}" ${kind === 'role' ? 'cannot' : "can't"} be dropped because the ${kind} ${
      owns ? 'owns some object' : 'has a privilege on some object'
    }`,
  }
}

function dropView(error: ErrorFields): ErrorFields | undefined {
  const match = DROP_VIEW.exec(error.message)
  return match === null ? undefined : { ...error, message: `can't ${match[1]}` }
}

/**
 * CREATE ROLE, USER or GROUP by a user who may not: PostgreSQL's detail
 * speaks of its CREATEROLE attribute, which Redshift has not; Redshift's
 * rule is a superuser or the CREATE ROLE (CREATE USER) privilege, and for a
 * group a superuser only.
 */
function createDenied(
  error: ErrorFields,
  statement: string | undefined,
): ErrorFields | undefined {
  if (error.message !== CREATE_ROLE_DENIED) return undefined
  const kind = /^\s*create\s+(role|user|group)\b/i
    .exec(statement ?? '')?.[1]
    ?.toLowerCase()
  if (kind === undefined) return undefined
  if (kind === 'group') {
    const { detail: _detail, ...rest } = error
    return { ...rest, message: 'must be superuser to create groups' }
  }
  return {
    ...error,
    message: `permission denied to create ${kind}`,
    detail: MAY_CREATE[kind]!,
  }
}

/** `permission denied for table t` in Redshift's words, `... for relation t` (r_GRANT.html's examples). */
function relationDenied(error: ErrorFields): ErrorFields | undefined {
  if (error.code !== '42501' || !RELATION_DENIED.test(error.message))
    return undefined
  return {
    ...error,
    message: error.message.replace(
      RELATION_DENIED,
      'permission denied for relation ',
    ),
  }
}
