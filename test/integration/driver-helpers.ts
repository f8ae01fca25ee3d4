import { Kysely, type Dialect } from 'kysely'

import {
  parseRedshiftConfig,
  type RedshiftConfig,
  type RedshiftConfigInput,
} from '../../src/config/index.js'
import { RedshiftAdapter } from '../../src/dialect/redshift-adapter.js'
import { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import { RedshiftIntrospector } from '../../src/dialect/redshift-introspector.js'
import { RedshiftQueryCompiler } from '../../src/dialect/redshift-query-compiler.js'

/**
 * A Kysely instance on the driver under test, with the package's compiler,
 * adapter and introspector.
 */
export function createKysely<DB = any>(
  input: RedshiftConfigInput,
): { db: Kysely<DB>; driver: RedshiftDriver; config: RedshiftConfig } {
  const config = parseRedshiftConfig({ tls: 'disable', ...input })
  const driver = new RedshiftDriver(config)
  const dialect: Dialect = {
    createAdapter: () => new RedshiftAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new RedshiftIntrospector(db),
    createQueryCompiler: () => new RedshiftQueryCompiler(),
  }
  return { db: new Kysely<DB>({ dialect }), driver, config }
}
