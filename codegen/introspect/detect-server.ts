import { sql, type Kysely } from 'kysely'

import { CodegenError } from '../errors/codegen-error.js'
import type { SchemaModel } from '../model/schema-model.js'
import { toCodegenError } from './catalog-error.js'

/** What kind of server codegen reads: `source.kind` of the schema model. */
export type ServerKind = SchemaModel['source']['kind']

/** What {@link detectServer} found. */
export interface ServerInfo {
  readonly kind: ServerKind
  /** The database the connection is on (`current_database()`). */
  readonly database: string
  /** Redshift's `1.0.NNNNN` build, as version() ends. */
  readonly version: string
}

export interface DetectServerOptions {
  /**
   * The host the connection goes to. Redshift documents no SQL that tells a
   * Serverless workgroup from a provisioned cluster (version() reads the
   * same, and SYS_SERVERLESS_USAGE, the one Serverless-only view, is
   * superuser-only), but Serverless endpoints are named
   * `<workgroup>.<account>.<region>.redshift-serverless.amazonaws.com`; without
   * a host, Redshift reads as `redshift`.
   */
  readonly host?: string
}

// The emulator's marker: a function in pg_catalog, where Redshift lets no one
// create one (src/local/catalog/emulator-marker.ts). Codegen does not import
// the emulator, so the name is repeated here.
const EMULATOR_MARKER = 'redshift_local_version'

const REDSHIFT_VERSION = /\bRedshift (\d+(?:\.\d+)+)/
const SERVERLESS_HOST = /\.redshift-serverless\.amazonaws\.com(?:\.cn)?\.?$/i

/**
 * Finds out what `db` is connected to: Redshift (provisioned or Serverless)
 * or the local emulator, the database, and Redshift's version. Any other
 * server is refused with `CodegenError('unsupported-database')` naming it,
 * since codegen reads Redshift's own catalog.
 *
 * Each statement runs alone: version() and current_database() are
 * leader-node functions, which Redshift refuses next to anything else.
 *
 * @example
 * ```ts
 * const db = createRedshift('redshift://user:pw@localhost:5439/dev')
 * const server = await detectServer(db)
 * // { kind: 'emulator', database: 'dev', version: '1.0.77467' }
 * ```
 */
export async function detectServer(
  db: Kysely<any>,
  options: DetectServerOptions = {},
): Promise<ServerInfo> {
  const versionText = await read('version()', async () => {
    const { rows } = await sql<{
      version: string
    }>`select version() as version`.execute(db)
    return String(rows[0]?.version ?? '')
  })
  const redshift = REDSHIFT_VERSION.exec(versionText)
  if (!redshift) {
    throw new CodegenError(
      'unsupported-database',
      `${describeServer(versionText)}, not Amazon Redshift or the kysely-redshift emulator: ` +
        "codegen reads Redshift's own catalog (SVV_REDSHIFT_TABLES, SVV_REDSHIFT_COLUMNS, " +
        'PG_GET_LATE_BINDING_VIEW_COLS...). Point --url at a Redshift cluster, a Serverless ' +
        'workgroup or the local emulator.',
    )
  }

  const emulator = await read('pg_proc', async () => {
    const { rows } = await sql<{ proname: string }>`
      select p.proname from pg_catalog.pg_proc p
      join pg_catalog.pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'pg_catalog' and p.proname = ${EMULATOR_MARKER}`.execute(
      db,
    )
    return rows.length > 0
  })

  const database = await read('current_database()', async () => {
    const { rows } = await sql<{
      database: string
    }>`select current_database() as database`.execute(db)
    return String(rows[0]?.database ?? '')
  })

  const kind: ServerKind = emulator
    ? 'emulator'
    : options.host !== undefined && SERVERLESS_HOST.test(options.host)
      ? 'redshift-serverless'
      : 'redshift'
  return Object.freeze({ kind, database, version: redshift[1]! })
}

/** "PostgreSQL 17.2 on x86_64-pc-linux-gnu, ..." -> "PostgreSQL 17.2". */
function describeServer(versionText: string): string {
  const words = /^\s*(\S+)(?:\s+v?(\d[\w.-]*))?/.exec(versionText)
  if (!words) return 'A server that reports no version'
  return words[2] ? `${words[1]} ${words[2]}` : words[1]!
}

async function read<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw toCodegenError(error, what)
  }
}
