import {
  SUPER_COLUMN,
  type ColumnSource,
  type ColumnType,
  type RelationColumns,
} from '../sql/column-scopes.js'
import { decimal } from '../sql/numeric-types.js'
import type { Planner } from '../sql/planner.js'
import type { StatementPlan } from '../sql/statement-plan.js'
import { AheadLookups, type AheadLookup } from './ahead-lookups.js'

/** Resolves relation keys (`relationKey`) to their columns in one database. */
export type ColumnTypeLookup = AheadLookup<RelationColumns>

/** Plans typed per database before the memo is cleared. */
const MAX_PLANS = 4096
/** Longest text whose typed plan is kept (as the planner's own cache). */
const MAX_TEXT = 64 * 1024

/**
 * The column types of the tables statements compute DECIMALs over, so that
 * `price / qty` gets Redshift's DECIMAL result type
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html)
 * where only the catalog knows the operands' types. The planner is
 * synchronous and runs before the statement reaches PostgreSQL, so the
 * types are looked up ahead on the emulator's own connection (the first
 * statement over a table waits for it once) and kept per database until
 * DDL the emulator sees there; the plans typed with them are kept alike.
 *
 * @example
 * ```ts
 * const types = new ColumnTypes(lookup)
 * await types.note('dev', plan.columnRelations!)
 * types.typedPlan('dev', text, true, planner)
 * ```
 */
export class ColumnTypes {
  readonly #columns: AheadLookups<RelationColumns>
  readonly #plans = new Map<string, TypedPlans>()

  constructor(lookup: ColumnTypeLookup) {
    this.#columns = new AheadLookups(lookup)
  }

  /** Looks up the relations not known yet; see {@link AheadLookups.note}. */
  note(database: string, keys: readonly string[]): Promise<void> | undefined {
    return this.#columns.note(database, keys)
  }

  /** Whether every one of `keys` was looked up in `database`. */
  known(database: string, keys: readonly string[]): boolean {
    return keys.every((key) => this.#columns.get(database, key) !== undefined)
  }

  /** The columns of `key` in `database`, once looked up (undefined: not known or no such relation). */
  columnsOf(database: string, key: string): RelationColumns | undefined {
    return this.#columns.get(database, key) ?? undefined
  }

  /** `text` planned with the column types known in `database`. */
  typedPlan(
    database: string,
    text: string,
    fold: boolean,
    planner: Pick<Planner, 'plan'>,
  ): StatementPlan {
    const generation = this.#columns.generation(database)
    let memo = this.#plans.get(database)
    if (memo === undefined || memo.generation !== generation) {
      memo = { generation, folding: new Map(), sensitive: new Map() }
      this.#plans.set(database, memo)
    }
    const plans = fold ? memo.folding : memo.sensitive
    let plan = plans.get(text)
    if (plan === undefined) {
      plan = planner.plan(text, fold, this.#source(database, fold))
      if (text.length <= MAX_TEXT) {
        if (plans.size >= MAX_PLANS) plans.clear()
        plans.set(text, plan)
      }
    }
    return plan
  }

  /** DDL ran in `database`: its column types are looked up again. */
  forget(database: string): void {
    this.#columns.forget(database)
    this.#plans.delete(database)
  }

  #source(database: string, fold: boolean): ColumnSource {
    return {
      fold,
      columnsOf: (key) => this.#columns.get(database, key) ?? undefined,
    }
  }
}

interface TypedPlans {
  readonly generation: number
  readonly folding: Map<string, StatementPlan>
  readonly sensitive: Map<string, StatementPlan>
}

/**
 * The lookup's SQL on the emulator's own connection: `$1` the schemas
 * (null for a bare name), `$2` the names; one row per column, `i` the
 * relation's 1-based position. A bare name is answered only when exactly
 * one relation of the database has it (whatever the schema, temporary
 * schemas too): then it names that one whatever the session's search_path
 * and temporary tables, or fails in PostgreSQL. A name shared by several
 * schemas is not answered (its expressions keep PostgreSQL's types).
 *
 * @example
 * ```ts
 * const { rows } = await client.query(COLUMN_TYPES_SQL, [[null, 'etl'], ['sales', 'staging']])
 * ```
 */
export const COLUMN_TYPES_SQL = `with found as (
  select r.i, min(c.oid) as oid, count(*) as n,
    bool_and(c.relkind in ('r', 'p', 'v', 'm', 'f')) as selectable
  from unnest($1::text[], $2::text[]) with ordinality as r(schema, name, i)
  join pg_catalog.pg_class c on c.relname = r.name
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where r.schema is null or n.nspname = r.schema
  group by r.i
)
select f.i::int4 as i, a.attname as name,
  -- A column of the pg_catalog.super domain (over json) is SUPER too.
  (case when a.atttypid = pg_catalog.to_regtype('pg_catalog.super') then 114 else a.atttypid end)::int4 as type, a.atttypmod as typmod,
  case when a.atttypid in (17, 25) then redshift_local.redshift_column_type(a.atttypid, a.atttypmod, f.oid, a.attnum::int4) end as redshift_type,
  v.reads_no_table
from found f
-- A view (not a late-binding one, whose reads the catalog does not keep)
-- that reads, itself or through other such views of user schemas, no
-- relation outside the catalog schemas, no system view (STL_ ...) and no
-- table's row type (the emulator's reads of external tables).
left join lateral (
  select not exists (
    with recursive reads(oid) as (
      select f.oid
      union
      select case when d.refclassid = 'pg_catalog.pg_type'::regclass then t.typrelid else d.refobjid end
      from reads r
      join pg_catalog.pg_class rc on rc.oid = r.oid and rc.relkind = 'v'
      join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
        and rn.nspname not in ('pg_catalog', 'information_schema', 'redshift_local')
      join pg_catalog.pg_rewrite w on w.ev_class = r.oid
      join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass
        and d.objid = w.oid and d.refobjid <> r.oid
      left join pg_catalog.pg_type t on d.refclassid = 'pg_catalog.pg_type'::regclass and t.oid = d.refobjid
      where d.refclassid = 'pg_catalog.pg_class'::regclass or t.typrelid <> 0
    )
    select 1 from reads r
    join pg_catalog.pg_class rc on rc.oid = r.oid
    join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
    where rc.relname ~ '^(stl|stv|svl|svcs|sys|svv)_'
      or exists (select 1 from redshift_local.late_binding_views l where l.relid = r.oid)
      or (rn.nspname not in ('pg_catalog', 'information_schema', 'redshift_local')
        and rc.relkind <> 'v')
  ) as reads_no_table
  from pg_catalog.pg_class c where c.oid = f.oid and c.relkind = 'v'
) v on true
join pg_catalog.pg_attribute a on a.attrelid = f.oid and a.attnum > 0 and not a.attisdropped
where f.n = 1 and f.selectable
order by f.i, a.attnum`

/** One row of {@link COLUMN_TYPES_SQL}. */
export interface ColumnTypeRow {
  readonly i: number
  readonly name: string
  readonly type: number
  readonly typmod: number
  /** A VARBYTE, GEOMETRY, GEOGRAPHY or HLLSKETCH column's Redshift type, as CREATE TABLE recorded it; null for other types. */
  readonly redshift_type?: string | null
  /** The relation is a view that reads no table (`RelationColumns.readsNoTable`); null for other relations. */
  readonly reads_no_table?: boolean | null
}

/**
 * The lookup's parameters for relation keys, and the answer from its rows.
 *
 * @example
 * ```ts
 * const [schemas, names] = columnTypeParameters(['sales'])
 * const columns = columnTypesOf(['sales'], rows)
 * ```
 */
export function columnTypeParameters(
  keys: readonly string[],
): [(string | null)[], string[]] {
  const split = keys.map((key) => key.split('\u0000'))
  return [
    split.map((parts) => (parts.length === 2 ? parts[0]! : null)),
    split.map((parts) => parts.at(-1)!),
  ]
}

/** See {@link columnTypeParameters}. */
export function columnTypesOf(
  keys: readonly string[],
  rows: readonly ColumnTypeRow[],
): ReadonlyMap<string, RelationColumns> {
  const out = new Map<string, Map<string, ColumnType>>()
  for (const row of rows) {
    const key = keys[row.i - 1]
    if (key === undefined) continue
    let columns = out.get(key)
    if (columns === undefined) {
      columns = new Map()
      out.set(
        key,
        row.reads_no_table === true
          ? Object.assign(columns, { readsNoTable: true })
          : columns,
      )
    }
    columns.set(
      row.name,
      columnType(row.type, row.typmod, row.redshift_type ?? null),
    )
  }
  return out
}

const INTEGER_OIDS: Readonly<Record<number, ColumnType>> = {
  21: { kind: 'int2' },
  23: { kind: 'int4' },
  20: { kind: 'int8' },
  700: { kind: 'float4' },
  701: { kind: 'float8' },
}

/** Columns whose stored string literals are checked, by PostgreSQL type OID. */
const STORED_OIDS: Readonly<Record<number, ColumnType>> = {
  16: Object.freeze({ kind: 'stored', type: 'boolean' }),
  1082: Object.freeze({ kind: 'stored', type: 'date' }),
  1114: Object.freeze({ kind: 'stored', type: 'timestamp' }),
  1184: Object.freeze({ kind: 'stored', type: 'timestamptz' }),
  1083: Object.freeze({ kind: 'stored', type: 'time' }),
  1266: Object.freeze({ kind: 'stored', type: 'timetz' }),
}

const TEXT_STORED: Readonly<Record<string, ColumnType>> = {
  geometry: Object.freeze({ kind: 'stored', type: 'geometry' }),
  geography: Object.freeze({ kind: 'stored', type: 'geography' }),
  hllsketch: Object.freeze({ kind: 'stored', type: 'hllsketch' }),
}

/**
 * PostgreSQL's type OID and modifier as Redshift computes with it; a VARBYTE
 * column (bytea) has its length from `redshiftType` (`varbyte(10)`).
 */
function columnType(
  oid: number,
  typmod: number,
  redshiftType: string | null,
): ColumnType {
  // SUPER columns are PostgreSQL json (src/local/sql/ddl-types.ts).
  if (oid === 114) return SUPER_COLUMN
  const stored = STORED_OIDS[oid]
  if (stored !== undefined) return stored
  // GEOMETRY, GEOGRAPHY and HLLSKETCH are text (user tables have no TEXT column).
  if (oid === 25) return TEXT_STORED[redshiftType ?? ''] ?? null
  if (oid === 17) {
    const length = /^varbyte\((\d+)\)$/.exec(redshiftType ?? '')?.[1]
    return length === undefined
      ? null
      : Object.freeze({
          kind: 'stored',
          type: 'varbyte',
          length: Number(length),
        })
  }
  if (oid !== 1700) return INTEGER_OIDS[oid] ?? null
  // NUMERIC without a modifier has no Redshift type (no precision, no scale).
  if (typmod < 4) return null
  const precision = ((typmod - 4) >> 16) & 0xffff
  const scale = (typmod - 4) & 0xffff
  if (precision < 1 || precision > 38 || scale > precision) return null
  return decimal(precision, scale)
}
