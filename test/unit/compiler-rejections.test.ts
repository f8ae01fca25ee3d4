import { sql, type Compilable } from 'kysely'
import {
  jsonArrayFrom,
  jsonBuildObject,
  jsonObjectFrom,
  mergeAction,
} from 'kysely/helpers/postgres'
import { describe, expect, it } from 'vitest'

import { RedshiftQueryCompiler } from '../../src/dialect/redshift-query-compiler.js'
import { RedshiftUnsupportedError } from '../../src/errors/index.js'
import { compileOnlyDb } from '../setup/schema-database.js'

const db = compileOnlyDb()

interface Rejection {
  readonly name: string
  readonly build: () => Compilable
  /** Text the `feature` must contain. */
  readonly feature: RegExp
  /** Text the `alternative` must contain. */
  readonly alternative: RegExp
}

const cases: Rejection[] = [
  // ----------------------------------------------------------- RETURNING
  {
    name: 'insert ... returning',
    build: () =>
      db
        .insertInto('person')
        .values({ id: 1, first_name: 'a' })
        .returning('id'),
    feature: /RETURNING/,
    alternative: /SELECT afterwards.*not contiguous/,
  },
  {
    name: 'update ... returningAll',
    build: () =>
      db.updateTable('person').set({ first_name: 'b' }).returningAll(),
    feature: /RETURNING/,
    alternative: /natural key/,
  },
  {
    name: 'delete ... returning',
    build: () => db.deleteFrom('person').where('id', '=', 1).returning('id'),
    feature: /RETURNING/,
    alternative: /staging table/,
  },
  {
    name: 'merge ... returning',
    build: () =>
      db
        .mergeInto('person')
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenMatched()
        .thenUpdateSet({ first_name: 'x' })
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' })
        .returning('person.id'),
    feature: /RETURNING/,
    alternative: /SELECT afterwards/,
  },
  {
    name: 'output (mssql)',
    build: () =>
      db
        .insertInto('person')
        .values({ id: 1, first_name: 'a' })
        .output('inserted.id'),
    feature: /OUTPUT/,
    alternative: /SELECT afterwards/,
  },
  // ---------------------------------------------------------------- upsert
  {
    name: 'on conflict do nothing',
    build: () =>
      db
        .insertInto('person')
        .values({ id: 1, first_name: 'a' })
        .onConflict((oc) => oc.column('id').doNothing()),
    feature: /ON CONFLICT/,
    alternative: /MERGE.*staging table/,
  },
  {
    name: 'on conflict do update',
    build: () =>
      db
        .insertInto('person')
        .values({ id: 1, first_name: 'a' })
        .onConflict((oc) => oc.column('id').doUpdateSet({ first_name: 'b' })),
    feature: /ON CONFLICT/,
    alternative: /MERGE/,
  },
  {
    name: 'on duplicate key update',
    build: () =>
      db
        .insertInto('person')
        .values({ id: 1, first_name: 'a' })
        .onDuplicateKeyUpdate({ first_name: 'b' }),
    feature: /ON DUPLICATE KEY/,
    alternative: /MERGE/,
  },
  {
    name: 'insert or ignore',
    build: () =>
      db.insertInto('person').orIgnore().values({ id: 1, first_name: 'a' }),
    feature: /INSERT OR IGNORE/,
    alternative: /MERGE/,
  },
  {
    name: 'insert ignore',
    build: () =>
      db.insertInto('person').ignore().values({ id: 1, first_name: 'a' }),
    feature: /INSERT (OR )?IGNORE/,
    alternative: /MERGE/,
  },
  // ---------------------------------------------------------------- SELECT
  {
    name: 'distinct on',
    build: () => db.selectFrom('person').distinctOn('manager_id').selectAll(),
    feature: /DISTINCT ON/,
    alternative: /ROW_NUMBER\(\) OVER.*QUALIFY/,
  },
  ...(
    [
      ['forUpdate', 'FOR UPDATE'],
      ['forShare', 'FOR SHARE'],
      ['forNoKeyUpdate', 'FOR NO KEY UPDATE'],
      ['forKeyShare', 'FOR KEY SHARE'],
    ] as const
  ).map(([method, text]): Rejection => ({
    name: method,
    build: () => db.selectFrom('person').selectAll()[method](),
    feature: new RegExp(text),
    alternative: /LOCK table/,
  })),
  {
    name: 'nowait',
    build: () => db.selectFrom('person').selectAll().noWait(),
    feature: /NOWAIT/,
    alternative: /LOCK table/,
  },
  {
    name: 'skip locked',
    build: () => db.selectFrom('person').selectAll().skipLocked(),
    feature: /SKIP LOCKED/,
    alternative: /LOCK table/,
  },
  {
    name: 'inner join lateral',
    build: () =>
      db
        .selectFrom('person')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('sales')
              .select('qty')
              .whereRef('sales.person_id', '=', 'person.id')
              .as('s'),
          (join) => join.onTrue(),
        )
        .selectAll(),
    feature: /INNER JOIN LATERAL/,
    alternative: /grouped subquery|QUALIFY/,
  },
  {
    name: 'left join lateral',
    build: () =>
      db
        .selectFrom('person')
        .leftJoinLateral(
          (eb) => eb.selectFrom('sales').select('qty').as('s'),
          (join) => join.onTrue(),
        )
        .selectAll(),
    feature: /LEFT JOIN LATERAL/,
    alternative: /subquery/,
  },
  {
    name: 'cross join lateral',
    build: () =>
      db
        .selectFrom('person')
        .crossJoinLateral((eb) => eb.selectFrom('sales').select('qty').as('s'))
        .selectAll(),
    feature: /CROSS JOIN LATERAL/,
    alternative: /subquery/,
  },
  {
    name: 'cross apply',
    build: () =>
      db
        .selectFrom('person')
        .crossApply((eb) => eb.selectFrom('sales').select('qty').as('s'))
        .selectAll(),
    feature: /CROSS APPLY/,
    alternative: /subquery/,
  },
  {
    name: 'fetch first',
    build: () =>
      db.selectFrom('person').selectAll().orderBy('id').offset(0).fetch(5),
    feature: /FETCH/,
    alternative: /LIMIT/,
  },
  {
    name: 'top with distinct',
    build: () => db.selectFrom('person').top(3).distinct().select('first_name'),
    feature: /TOP together with DISTINCT/,
    alternative: /LIMIT/,
  },
  {
    name: 'top percent',
    build: () => db.selectFrom('person').top(10, 'percent').selectAll(),
    feature: /TOP \.\.\. PERCENT/,
    alternative: /LIMIT/,
  },
  {
    name: 'top in delete',
    build: () => db.deleteFrom('person').top(1).where('id', '>', 0),
    feature: /TOP outside SELECT/,
    alternative: /WHERE/,
  },
  {
    name: 'intersect all',
    build: () =>
      db
        .selectFrom('person')
        .select('id')
        .intersectAll(db.selectFrom('person_stage').select('id')),
    feature: /INTERSECT ALL/,
    alternative: /INTERSECT \(without ALL\)/,
  },
  {
    name: 'except all',
    build: () =>
      db
        .selectFrom('person')
        .select('id')
        .exceptAll(db.selectFrom('person_stage').select('id')),
    feature: /EXCEPT ALL/,
    alternative: /EXCEPT \(without ALL\)/,
  },
  {
    name: 'collate in order by',
    build: () =>
      db
        .selectFrom('person')
        .selectAll()
        .orderBy('first_name', (ob) => ob.collate('C')),
    feature: /COLLATE/,
    alternative: /case_insensitive/,
  },
  // ------------------------------------------------------------ operators
  {
    name: 'is distinct from',
    build: () =>
      db
        .selectFrom('person')
        .selectAll()
        .where('manager_id', 'is distinct from', 1),
    feature: /IS DISTINCT FROM/,
    alternative: /a <> b/,
  },
  {
    name: 'is not distinct from',
    build: () =>
      db
        .selectFrom('person')
        .selectAll()
        .where('manager_id', 'is not distinct from', 1),
    feature: /IS NOT DISTINCT FROM/,
    alternative: /\(a = b or \(a is null and b is null\)\)/,
  },
  {
    name: 'array containment @>',
    build: () =>
      db
        .selectFrom('person')
        .selectAll()
        .where(sql.ref('first_name'), '@>', sql.lit('a')),
    feature: /@>/,
    alternative: /SUPER|comparisons/,
  },
  {
    name: 'jsonb key exists ?',
    build: () =>
      db
        .selectFrom('person')
        .selectAll()
        .where(sql.ref('first_name'), '?', 'a'),
    feature: /the \? operator/,
    alternative: /SUPER navigation/,
  },
  {
    name: 'between symmetric',
    build: () =>
      db
        .selectFrom('person')
        .selectAll()
        .where((eb) => eb.betweenSymmetric('id', 3, 1)),
    feature: /BETWEEN SYMMETRIC/,
    alternative: /BETWEEN/,
  },
  {
    name: 'json reference ->',
    build: () =>
      db.selectFrom('person').select((eb) =>
        eb
          .ref('first_name', '->')
          .key('a' as never)
          .as('x'),
      ),
    feature: /JSON operators/,
    alternative: /SUPER navigation|JSON_EXTRACT_PATH_TEXT/,
  },
  {
    name: 'json path ->$',
    build: () =>
      db.selectFrom('person').select((eb) =>
        eb
          .ref('first_name', '->$')
          .key('a' as never)
          .as('x'),
      ),
    feature: /JSON operators/,
    alternative: /JSON_EXTRACT_PATH_TEXT/,
  },
  // ------------------------------------------------------------ functions
  ...(
    [
      ['json_agg', /LISTAGG|SUPER/],
      ['jsonb_agg', /LISTAGG|SUPER/],
      ['to_json', /OBJECT/],
      ['to_jsonb', /OBJECT/],
      ['json_build_object', /OBJECT/],
      ['jsonb_build_object', /OBJECT/],
      ['array_agg', /LISTAGG/],
      ['string_agg', /LISTAGG/],
      ['generate_series', /numbers table|recursive CTE/],
      ['regexp_matches', /REGEXP_SUBSTR/],
      ['format', /\|\|/],
      ['pg_sleep', /application/],
      ['clock_timestamp', /GETDATE/],
      ['now', /GETDATE|SYSDATE/],
    ] as const
  ).map(([fn, alternative]): Rejection => ({
    name: `${fn}()`,
    build: () =>
      db.selectFrom('person').select((eb) => eb.fn(fn, ['first_name']).as('x')),
    feature: new RegExp(`${fn.toUpperCase()}\\(\\)`),
    alternative,
  })),
  {
    name: 'aggregate form of string_agg',
    build: () =>
      db
        .selectFrom('person')
        .select((eb) =>
          eb.fn.agg('string_agg', ['first_name', sql.lit(',')]).as('x'),
        ),
    feature: /STRING_AGG\(\)/,
    alternative: /LISTAGG/,
  },
  {
    name: 'jsonArrayFrom',
    build: () =>
      db
        .selectFrom('person')
        .select((eb) =>
          jsonArrayFrom(
            eb
              .selectFrom('sales')
              .select('qty')
              .whereRef('sales.person_id', '=', 'person.id'),
          ).as('sales'),
        ),
    feature: /jsonArrayFrom/,
    alternative: /LISTAGG|ARRAY/,
  },
  {
    name: 'jsonObjectFrom',
    build: () =>
      db
        .selectFrom('person')
        .select((eb) =>
          jsonObjectFrom(
            eb
              .selectFrom('sales')
              .select('qty')
              .whereRef('sales.person_id', '=', 'person.id'),
          ).as('sale'),
        ),
    feature: /jsonObjectFrom/,
    alternative: /OBJECT/,
  },
  {
    name: 'jsonBuildObject',
    build: () =>
      db
        .selectFrom('person')
        .select((eb) =>
          jsonBuildObject({ first: eb.ref('first_name') }).as('obj'),
        ),
    feature: /jsonBuildObject/,
    alternative: /OBJECT/,
  },
  {
    name: 'mergeAction',
    build: () => db.selectNoFrom(mergeAction().as('a')),
    feature: /mergeAction/,
    alternative: /separate statements/,
  },
  {
    name: 'aggregate window with ORDER BY and no frame',
    build: () =>
      db.selectFrom('sales').select((eb) =>
        eb.fn
          .sum('qty')
          .over((ob) => ob.partitionBy('person_id').orderBy('sold_on'))
          .as('running'),
      ),
    feature: /aggregate window function with ORDER BY and no frame/,
    alternative: /rows between unbounded preceding and current row/,
  },
  {
    name: 'first_value window with ORDER BY and no frame',
    build: () =>
      db.selectFrom('sales').select((eb) =>
        eb.fn
          .agg('first_value', ['qty'])
          .over((ob) => ob.orderBy('sold_on'))
          .as('first'),
      ),
    feature: /no frame/,
    alternative: /rows between/,
  },
  {
    name: 'aggregate FILTER',
    build: () =>
      db
        .selectFrom('sales')
        .select((eb) => eb.fn.sum('qty').filterWhere('qty', '>', 1).as('big')),
    feature: /FILTER/,
    alternative: /sum\(case when/,
  },
  {
    name: 'ORDER BY inside an aggregate',
    build: () =>
      db
        .selectFrom('person')
        .select((eb) =>
          eb.fn
            .agg('listagg', ['first_name'])
            .orderBy('first_name')
            .as('names'),
        ),
    feature: /ORDER BY inside an aggregate/,
    alternative: /WITHIN GROUP/,
  },
  // ------------------------------------------------------------------- CTEs
  {
    name: 'recursive CTE without a column list',
    build: () =>
      db
        .withRecursive('chain', (qb) =>
          qb
            .selectFrom('person')
            .select(['id', 'manager_id'])
            .where('id', '=', 1)
            .unionAll((qb) =>
              qb
                .selectFrom('person')
                .innerJoin('chain', 'chain.id', 'person.manager_id')
                .select(['person.id', 'person.manager_id']),
            ),
        )
        .selectFrom('chain')
        .selectAll(),
    feature: /recursive CTE without a column list/,
    alternative: /column list on the CTE/,
  },
  {
    name: 'WITH nested inside a CTE',
    build: () =>
      db
        .with('outer_cte', (qb) =>
          qb
            .with('inner_cte', (qb) => qb.selectFrom('person').select('id'))
            .selectFrom('inner_cte')
            .select('id'),
        )
        .selectFrom('outer_cte')
        .selectAll(),
    feature: /WITH clause nested inside a CTE/,
    alternative: /one WITH clause at the top/,
  },
  {
    name: 'WITH RECURSIVE inside a subquery',
    build: () =>
      db
        .selectFrom('person')
        .select('id')
        .where(
          'id',
          'in',
          db
            .withRecursive('r(n)', (qb) =>
              qb.selectNoFrom(sql<number>`1`.as('n')),
            )
            .selectFrom('r')
            .select('n'),
        ),
    feature: /WITH RECURSIVE inside a subquery/,
    alternative: /top of the statement/,
  },
  {
    name: 'MATERIALIZED CTE',
    build: () =>
      db
        .with(
          (cte) => cte('m').materialized(),
          (qb) => qb.selectFrom('person').select('id'),
        )
        .selectFrom('m')
        .selectAll(),
    feature: /MATERIALIZED CTEs/,
    alternative: /plain CTE/,
  },
  // --------------------------------------------------- INSERT/UPDATE/DELETE
  {
    name: 'WITH before INSERT',
    build: () =>
      db
        .with('src', (qb) => qb.selectFrom('person_stage').selectAll())
        .insertInto('person')
        .expression((eb) => eb.selectFrom('src').selectAll()),
    feature: /WITH before INSERT/,
    alternative: /WITH clause inside the SELECT/,
  },
  {
    name: 'subquery in a multi-row VALUES',
    build: () =>
      db.insertInto('person').values([
        { id: 1, first_name: 'a' },
        {
          id: 2,
          first_name: (eb) =>
            eb.selectFrom('person_stage').select('first_name').limit(1),
        },
      ]),
    feature: /subqueries in a multi-row VALUES/,
    alternative: /INSERT \.\.\. SELECT/,
  },
  {
    name: 'update ... limit',
    build: () => db.updateTable('person').set({ first_name: 'a' }).limit(1),
    feature: /LIMIT in UPDATE/,
    alternative: /WHERE/,
  },
  {
    name: 'update ... from ... left join',
    build: () =>
      db
        .updateTable('person')
        .from('person_stage')
        .leftJoin('sales', 'sales.person_id', 'person_stage.id')
        .set({ first_name: 'a' })
        .whereRef('person.id', '=', 'person_stage.id'),
    feature: /outer joins in the FROM clause of UPDATE/,
    alternative: /subquery in the WHERE/,
  },
  {
    name: 'delete with an aliased target',
    build: () => db.deleteFrom('person as p').where('p.id', '=', 1),
    feature: /alias on the DELETE target/,
    alternative: /table name itself/,
  },
  {
    name: 'delete with joins',
    build: () =>
      db
        .deleteFrom('person')
        .using('person_stage')
        .innerJoin('sales', 'sales.person_id', 'person_stage.id')
        .whereRef('person.id', '=', 'person_stage.id'),
    feature: /joins in DELETE/,
    alternative: /\.using\(/,
  },
  {
    name: 'delete ... limit',
    build: () => db.deleteFrom('person').orderBy('id').limit(1),
    feature: /LIMIT in DELETE/,
    alternative: /WHERE/,
  },
  {
    name: 'replace into',
    build: () => db.replaceInto('person').values({ id: 1, first_name: 'a' }),
    feature: /REPLACE INTO/,
    alternative: /MERGE/,
  },
  {
    name: 'array parameter',
    build: () =>
      db
        .selectFrom('person')
        .selectAll()
        .where(sql.ref('id'), '=', sql`any(${[1, 2]})`),
    feature: /array parameters/,
    alternative: /IN list/,
  },
  // ------------------------------------------------------------------ MERGE
  {
    name: 'merge ... when not matched by source',
    build: () =>
      db
        .mergeInto('person')
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenMatched()
        .thenUpdateSet({ first_name: 'x' })
        .whenNotMatchedBySource()
        .thenDelete(),
    feature: /WHEN NOT MATCHED BY SOURCE/,
    alternative: /separate DELETE/,
  },
  {
    name: 'merge with a WITH clause',
    build: () =>
      db
        .with('src', (qb) => qb.selectFrom('person_stage').selectAll())
        .mergeInto('person')
        .using('src', 'src.id', 'person.id')
        .whenMatched()
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /MERGE with a WITH clause/,
    alternative: /staging table/,
  },
  {
    name: 'merge with two WHEN MATCHED clauses',
    build: () =>
      db
        .mergeInto('person')
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenMatched()
        .thenUpdateSet({ first_name: 'x' })
        .whenMatched()
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /more than one WHEN MATCHED clause/,
    alternative: /CASE/,
  },
  {
    name: 'merge with two WHEN NOT MATCHED clauses',
    build: () =>
      db
        .mergeInto('person')
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenMatched()
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' })
        .whenNotMatched()
        .thenInsertValues({ id: 2, first_name: 'y' }),
    feature: /more than one WHEN NOT MATCHED clause/,
    alternative: /CASE/,
  },
  {
    name: 'merge WHEN MATCHED AND condition',
    build: () =>
      db
        .mergeInto('person')
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenMatchedAnd('person.id', '>', 1)
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /WHEN \.\.\. AND <condition>/,
    alternative: /filter the staging table/,
  },
  {
    name: 'merge THEN DO NOTHING',
    build: () =>
      db
        .mergeInto('person')
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenMatched()
        .thenDoNothing()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /DO NOTHING/,
    alternative: /filtering the source/,
  },
  {
    name: 'merge with only WHEN NOT MATCHED',
    build: () =>
      db
        .mergeInto('person')
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /exactly WHEN MATCHED followed by WHEN NOT MATCHED/,
    alternative: /both clauses/,
  },
  {
    name: 'merge with an aliased target',
    build: () =>
      db
        .mergeInto('person as p')
        .using('person_stage', 'person_stage.id', 'p.id')
        .whenMatched()
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /alias on the MERGE target/,
    alternative: /target table name/,
  },
  {
    name: 'merge using a subquery',
    build: () =>
      db
        .mergeInto('person')
        .using(
          db.selectFrom('person_stage').selectAll().as('s'),
          's.id',
          'person.id',
        )
        .whenMatched()
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /USING a subquery/,
    alternative: /staging table/,
  },
  {
    name: 'merge top',
    build: () =>
      db
        .mergeInto('person')
        .top(1)
        .using('person_stage', 'person_stage.id', 'person.id')
        .whenMatched()
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /TOP outside SELECT/,
    alternative: /WHERE/,
  },
  {
    name: 'merge with the same table as source and target',
    build: () =>
      db
        .mergeInto('person')
        .using('person', 'person.id', 'person.id')
        .whenMatched()
        .thenDelete()
        .whenNotMatched()
        .thenInsertValues({ id: 1, first_name: 'x' }),
    feature: /same table as source and target/,
    alternative: /temporary staging table/,
  },
  // ------------------------------------------------------- identifier case
  {
    name: 'camelCase alias',
    build: () => db.selectFrom('person').select('first_name as firstName'),
    feature: /"firstName" comes back as "firstname"/,
    alternative: /CamelCasePlugin.*caseSensitiveIdentifiers/,
  },
  {
    name: 'upper-case column reference in the select list',
    build: () =>
      db
        .selectFrom('person')
        .select(db.dynamic.ref<'first_name'>('person.Total')),
    feature: /"Total" comes back as "total"/,
    alternative: /snake_case/,
  },
  // -------------------------------------------------------------------- DDL
  {
    name: 'varchar longer than 65535 bytes',
    build: () => db.schema.createTable('t').addColumn('c', 'varchar(70000)'),
    feature: /VARCHAR longer than 65535 bytes/,
    alternative: /varchar\(max\)/,
  },
  {
    name: 'char longer than 4096 bytes',
    build: () => db.schema.createTable('t').addColumn('c', 'char(5000)'),
    feature: /CHAR longer than 4096 bytes/,
    alternative: /varchar\(n\)/,
  },
  {
    name: 'decimal precision above 38',
    build: () => db.schema.createTable('t').addColumn('c', 'decimal(40, 2)'),
    feature: /DECIMAL precision above 38/,
    alternative: /decimal\(38, s\)/,
  },
  {
    name: 'more than 1600 columns',
    build: () => {
      let table = db.schema.createTable('wide').addColumn('c0', 'integer')
      for (let i = 1; i <= 1600; i++) {
        table = table.addColumn(`c${i}`, 'integer')
      }
      return table
    },
    feature: /more than 1600 columns \(1601\)/,
    alternative: /SUPER/,
  },
  {
    name: 'create index',
    build: () =>
      db.schema.createIndex('person_name').on('person').column('first_name'),
    feature: /indexes/,
    alternative: /SORTKEY.*DISTKEY/,
  },
  {
    name: 'drop index',
    build: () => db.schema.dropIndex('person_name'),
    feature: /indexes/,
    alternative: /SORTKEY/,
  },
  {
    name: 'alter table add index',
    build: () => db.schema.alterTable('person').addIndex('i').column('id'),
    feature: /indexes/,
    alternative: /SORTKEY/,
  },
  {
    name: 'create type as enum',
    build: () => db.schema.createType('mood').asEnum(['happy', 'sad']),
    feature: /CREATE TYPE/,
    alternative: /varchar/,
  },
  {
    name: 'drop type',
    build: () => db.schema.dropType('mood'),
    feature: /DROP TYPE/,
    alternative: /no user-defined types/,
  },
  ...(
    [
      ['serial', /IDENTITY/],
      ['bigserial', /IDENTITY/],
      ['json', /SUPER/],
      ['jsonb', /SUPER/],
      ['uuid', /char\(36\)/],
      ['bytea', /VARBYTE/],
      ['text', /varchar\(max\).*VARCHAR\(256\)/],
      ['datetime', /timestamp/],
      ['tstzrange', /bounds/],
    ] as const
  ).map(([type, alternative]): Rejection => ({
    name: `${type} column`,
    build: () => db.schema.createTable('t').addColumn('c', type),
    feature: new RegExp(`the ${type.toUpperCase()} data type`),
    alternative,
  })),
  {
    name: 'array column type',
    build: () => db.schema.createTable('t').addColumn('c', sql`integer[]`),
    feature: /array column types/,
    alternative: /SUPER/,
  },
  {
    name: 'interval column type',
    build: () => db.schema.createTable('t').addColumn('c', sql`interval`),
    feature: /INTERVAL data type/,
    alternative: /INTERVAL YEAR TO MONTH/,
  },
  {
    name: 'cast to jsonb',
    build: () =>
      db
        .selectFrom('person')
        .select((eb) => eb.cast('first_name', 'jsonb').as('j')),
    feature: /JSONB data type/,
    alternative: /SUPER/,
  },
  {
    name: 'generated always as identity',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('id', 'integer', (col) => col.generatedAlwaysAsIdentity()),
    feature: /GENERATED ALWAYS AS IDENTITY/,
    alternative: /generatedByDefaultAsIdentity/,
  },
  {
    name: 'generated column',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('a', 'integer')
        .addColumn('b', 'integer', (col) =>
          col.generatedAlwaysAs(sql`a * 2`).stored(),
        ),
    feature: /generated \(computed\) columns/,
    alternative: /view/,
  },
  {
    name: 'bare identity',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('id', 'integer', (col) => col.identity()),
    feature: /bare IDENTITY/,
    alternative: /generatedByDefaultAsIdentity/,
  },
  {
    name: 'auto_increment',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('id', 'integer', (col) => col.autoIncrement()),
    feature: /AUTO_INCREMENT/,
    alternative: /IDENTITY\(1, 1\)/,
  },
  {
    name: 'unsigned',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('id', 'integer', (col) => col.unsigned()),
    feature: /UNSIGNED/,
    alternative: /signed type/,
  },
  {
    name: 'column CHECK',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('qty', 'integer', (col) => col.check(sql`qty > 0`)),
    feature: /CHECK constraints/,
    alternative: /application/,
  },
  {
    name: 'table CHECK constraint',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('qty', 'integer')
        .addCheckConstraint('positive', sql`qty > 0`),
    feature: /CHECK constraints/,
    alternative: /application/,
  },
  {
    name: 'references ... on delete cascade',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('person_id', 'integer', (col) =>
          col.references('person.id').onDelete('cascade'),
        ),
    feature: /ON DELETE \/ ON UPDATE/,
    alternative: /informational/,
  },
  {
    name: 'foreign key constraint ... on update',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('person_id', 'integer')
        .addForeignKeyConstraint('fk', ['person_id'], 'person', ['id'], (fk) =>
          fk.onUpdate('cascade'),
        ),
    feature: /ON DELETE \/ ON UPDATE/,
    alternative: /informational/,
  },
  {
    name: 'deferrable constraint',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('id', 'integer')
        .addPrimaryKeyConstraint('pk', ['id'], (pk) => pk.deferrable()),
    feature: /DEFERRABLE/,
    alternative: /does not enforce/,
  },
  {
    name: 'unique nulls not distinct',
    build: () =>
      db.schema
        .createTable('t')
        .addColumn('id', 'integer', (col) => col.unique().nullsNotDistinct()),
    feature: /NULLS NOT DISTINCT/,
    alternative: /UNIQUE/,
  },
  {
    name: 'temporary table on commit drop',
    build: () =>
      db.schema
        .createTable('t')
        .temporary()
        .onCommit('drop')
        .addColumn('id', 'integer'),
    feature: /ON COMMIT/,
    alternative: /end of the session/,
  },
  {
    name: 'create table if not exists as',
    build: () =>
      db.schema
        .createTable('t')
        .ifNotExists()
        .as(db.selectFrom('person').selectAll()),
    feature: /IF NOT EXISTS \.\.\. AS/,
    alternative: /INSERT \.\.\. SELECT/,
  },
  {
    name: 'alter table set schema',
    build: () => db.schema.alterTable('person').setSchema('archive'),
    feature: /SET SCHEMA/,
    alternative: /LIKE/,
  },
  {
    name: 'several changes in one alter table',
    build: () =>
      db.schema
        .alterTable('person')
        .addColumn('a', 'integer')
        .addColumn('b', 'integer'),
    feature: /several changes in one ALTER TABLE/,
    alternative: /one ALTER TABLE statement per column change/,
  },
  {
    name: 'alter column set not null',
    build: () =>
      db.schema
        .alterTable('person')
        .alterColumn('last_name', (col) => col.setNotNull()),
    feature: /SET\/DROP NOT NULL/,
    alternative: /new column/,
  },
  {
    name: 'alter column set default',
    build: () =>
      db.schema
        .alterTable('person')
        .alterColumn('last_name', (col) => col.setDefault('x')),
    feature: /SET\/DROP DEFAULT/,
    alternative: /new column/,
  },
  {
    name: 'modify column',
    build: () =>
      db.schema.alterTable('person').modifyColumn('last_name', 'varchar(100)'),
    feature: /MODIFY COLUMN/,
    alternative: /ALTER COLUMN \.\.\. TYPE varchar/,
  },
  {
    name: 'rename constraint',
    build: () => db.schema.alterTable('person').renameConstraint('a', 'b'),
    feature: /RENAME CONSTRAINT/,
    alternative: /DROP CONSTRAINT then ADD CONSTRAINT/,
  },
  {
    name: 'drop constraint if exists',
    build: () => db.schema.alterTable('person').dropConstraint('a').ifExists(),
    feature: /DROP CONSTRAINT IF EXISTS/,
    alternative: /table_constraints/,
  },
  {
    name: 'add column if not exists',
    build: () =>
      db.schema
        .alterTable('person')
        .addColumn('a', 'integer', (col) => col.ifNotExists()),
    feature: /ADD COLUMN IF NOT EXISTS/,
    alternative: /introspection/,
  },
  {
    name: 'temporary view',
    build: () =>
      db.schema
        .createView('v')
        .temporary()
        .as(db.selectFrom('person').selectAll()),
    feature: /temporary views/,
    alternative: /temporary table/,
  },
  {
    name: 'create view if not exists',
    build: () =>
      db.schema
        .createView('v')
        .ifNotExists()
        .as(db.selectFrom('person').selectAll()),
    feature: /CREATE VIEW IF NOT EXISTS/,
    alternative: /orReplace/,
  },
  {
    name: 'create or replace materialized view',
    build: () =>
      db.schema
        .createView('v')
        .materialized()
        .orReplace()
        .as(db.selectFrom('person').selectAll()),
    feature: /OR REPLACE MATERIALIZED VIEW/,
    alternative: /DROP MATERIALIZED VIEW IF EXISTS/,
  },
  {
    name: 'refresh materialized view concurrently',
    build: () => db.schema.refreshMaterializedView('v').concurrently(),
    feature: /CONCURRENTLY/,
    alternative: /without blocking/,
  },
  {
    name: 'refresh materialized view with no data',
    build: () => db.schema.refreshMaterializedView('v').withNoData(),
    feature: /WITH NO DATA/,
    alternative: /REFRESH MATERIALIZED VIEW/,
  },
]

describe('RedshiftQueryCompiler refuses what Redshift cannot run', () => {
  it.each(cases)('$name', ({ build, feature, alternative }) => {
    let caught: unknown
    try {
      build().compile()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(RedshiftUnsupportedError)
    const error = caught as RedshiftUnsupportedError
    expect(error.feature).toMatch(feature)
    expect(error.alternative).toMatch(alternative)
    // The message names both, so a log line alone says what to do.
    expect(error.message).toContain(error.feature)
    expect(error.message).toContain(error.alternative)
  })

  it('explain with a format or options', () => {
    const query = db.selectFrom('person').selectAll()
    // `explain()` executes; compile its node the way the executor does.
    const node = {
      ...query.toOperationNode(),
      explain: { kind: 'ExplainNode' as const, format: 'json' as const },
    }
    let caught: unknown
    try {
      db.getExecutor().compileQuery(node, { queryId: 'explain' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(RedshiftUnsupportedError)
    expect((caught as RedshiftUnsupportedError).feature).toMatch(/EXPLAIN/)
    expect((caught as RedshiftUnsupportedError).alternative).toMatch(
      /EXPLAIN \[VERBOSE\]/,
    )
  })

  it('accepts upper-case output names when the cluster is case-sensitive', () => {
    const compiler = new RedshiftQueryCompiler({
      caseSensitiveIdentifiers: true,
    })
    const node = db
      .selectFrom('person')
      .select('first_name as firstName')
      .toOperationNode()
    expect(compiler.compileQuery(node, { queryId: 'q' }).sql).toBe(
      'select "first_name" as "firstName" from "person"',
    )
    // Subqueries, CTE columns and lower-case output names are never refused.
    expect(
      db
        .selectFrom(
          db.selectFrom('person').select('first_name as firstName').as('P'),
        )
        .select('P.firstName as first_name')
        .compile().sql,
    ).toBe(
      'select "P"."firstName" as "first_name" from (select "first_name" as "firstName" from "person") as "P"',
    )
  })

  it('refuses statements larger than 16 MB', () => {
    const big = 'x'.repeat(17 * 1024 * 1024)
    let caught: unknown
    try {
      db.selectNoFrom(sql.lit(big).as('v')).compile()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(RedshiftUnsupportedError)
    expect((caught as RedshiftUnsupportedError).feature).toMatch(/16 MB/)
    expect((caught as RedshiftUnsupportedError).alternative).toMatch(/COPY/)
  })

  it('refuses inlined non-finite numbers, NUL in literals and over-long names', () => {
    expect(() =>
      db.selectNoFrom(sql.lit(Number.NaN).as('v')).compile(),
    ).toThrow(RangeError)
    expect(() => db.selectNoFrom(sql.lit('a\0b').as('v')).compile()).toThrow(
      /NUL/,
    )
    expect(() =>
      db
        .selectFrom('person')
        .select(sql.ref('x'.repeat(128)).as('v'))
        .compile(),
    ).toThrow(/127 bytes/)
  })
})
