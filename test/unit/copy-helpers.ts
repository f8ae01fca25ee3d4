import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'

/** The schema the COPY tests are typed by. */
export interface CopyTestDB {
  sales: { id: number; qty: number; note: string | null }
  'analytics.events': { ts: string; payload: string }
}

/** A Kysely instance that compiles but never connects. */
export function offlineDb(): Kysely<CopyTestDB> {
  return new Kysely<CopyTestDB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
}
