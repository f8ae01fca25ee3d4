import tls from 'node:tls'

import { loadModule } from 'libpg-query'
import pg from 'pg'

import { AwsApiServer } from './aws-api/aws-api-server.js'
import { CredentialsApi } from './aws-api/credentials-api.js'
import { IamCredentialStore } from './aws-api/iam-credential-store.js'
import type { LocalAwsApi } from './aws-api/local-aws-api.js'
import { postgresIamRoles } from './aws-api/postgres-iam-roles.js'

import { LocalRedshiftStartError } from './errors/local-start-error.js'
import type { LocalRedshiftOptions } from './local-redshift-options.js'
import { backendUrl, parseBackendUrl } from './protocol/backend-target.js'
import { DatabaseAdmins } from './runtime/database-admin.js'
import { otherDatabaseRows } from './runtime/other-database-rows.js'
import {
  findCrossDatabaseLink,
  OtherDatabaseTables,
} from './runtime/other-database-tables.js'
import { TABLE_IDS_SQL } from './runtime/table-ids.js'
import type { WriteLocks } from './runtime/write-locks.js'
import { BLOCKING_PIDS_SQL } from './runtime/mixed-deadlocks.js'
import { buildWriteLockWaitsReplace } from './catalog/write-lock-waits.js'
import { BACKING_DATABASE } from './catalog/client-catalog-views.js'
import {
  DEFAULT_SEARCH_PATH_SQL,
  WRITTEN_NAME_OIDS_SQL,
} from './runtime/write-lock-tables.js'
import {
  RESULT_SOURCES_SQL,
  resultSourcesOf,
  type ResultSourceRow,
} from './runtime/result-sources.js'
import {
  COLUMN_TYPES_SQL,
  columnTypeParameters,
  columnTypesOf,
  type ColumnTypeRow,
} from './runtime/column-types.js'
import {
  startEmbeddedPostgres,
  type EmbeddedPostgresServer,
} from './runtime/embedded-postgres.js'
import type { Faults } from './runtime/faults.js'
import { LocalRuntime } from './runtime/local-runtime.js'
import { QueryLog } from './runtime/query-log.js'
import { DEFAULT_WLM, WlmScheduler } from './runtime/wlm.js'
import { probePort } from './server/port-probe.js'
import { LocalServer } from './server/local-server.js'
import { selfSignedCertificate } from './server/self-signed-certificate.js'
import { LONG_NAMES_SQL } from './catalog/long-names.js'
import {
  EXTERNAL_SCHEMA_NAMES_SQL,
  EXTERNAL_VIEW_NAMES_SQL,
} from './catalog/spectrum-catalog.js'
import { LongNames } from './sql/long-identifiers.js'
import { Planner } from './sql/planner.js'
import { ExternalSchemaNames } from './sql/spectrum/external-reads.js'
import { MaskedTableNames } from './sql/masked-reads.js'
import { SchemaAliases } from './sql/schema-aliases.js'
import { SCHEMA_ALIASES_SQL } from './catalog/schema-alias-catalog.js'
import { MASKED_TABLE_NAMES_SQL } from './catalog/masking-catalog.js'
import { quoteIdentifier } from './sql/quote.js'
import { createCatalogBridge } from './catalog-bridge.js'
import {
  createStorageProvider,
  type StorageProvider,
} from './storage/storage-provider.js'

/** A running emulator. */
export interface LocalRedshift {
  /** Connection URL for clients (`postgres://user[:password]@127.0.0.1:port/dev`). */
  readonly url: string
  readonly port: number
  /** The PostgreSQL behind the emulator (for tests that want to look underneath). */
  readonly pgUrl: string
  /**
   * The S3 that COPY and UNLOAD use (`s3Dir` or `s3Endpoint`), for tests that
   * put or look at objects; `undefined` when neither option is set.
   */
  readonly storage: StorageProvider | undefined
  /** Fault injection (also reachable with the FAULT control statement). */
  readonly faults: Faults
  /**
   * With `tls`: the certificate clients should trust (PEM), e.g. as
   * `tls: { mode: 'verify-full', ca: local.tls.ca }`.
   */
  readonly tls: { readonly ca: string } | undefined
  /** With `awsApiPort`: the credential API endpoint, its call counts and controls. */
  readonly awsApi: LocalAwsApi | undefined
  /** The options the emulator runs with (defaults filled in). */
  readonly options: Readonly<
    Required<
      Pick<
        LocalRedshiftOptions,
        'port' | 'host' | 'isolation' | 'user' | 'database' | 'serverless'
      >
    >
  > &
    Pick<
      LocalRedshiftOptions,
      's3Dir' | 's3Endpoint' | 's3Region' | 'dataDir' | 'wlm'
    >
  /** Writes the pending query log (normally written in the background). */
  flushQueryLog(): Promise<void>
  /** Closes every connection, stops the server and any PostgreSQL it started. */
  stop(): Promise<void>
}

/**
 * Starts a local Amazon Redshift emulator: a PostgreSQL wire-protocol server
 * that makes a real PostgreSQL behind it look like Redshift to any client
 * (`pg`, `psql`, this SDK). It refuses what Redshift refuses, answers
 * Redshift-only statements and parameters itself, reshapes errors the way
 * Redshift sends them, logs every statement for the system views, accounts
 * WLM slots, and can inject faults.
 *
 * Clients connect without TLS (an SSLRequest is answered 'N') unless `tls`
 * is set; with `password` set they authenticate with MD5, otherwise any user
 * is trusted. With `awsApiPort` the Redshift and Serverless credential APIs
 * are served too, and `IAM:` users log in with the temporary passwords they
 * issue.
 *
 * @example
 * ```ts
 * import { startLocalRedshift } from 'kysely-redshift/local'
 *
 * const local = await startLocalRedshift({ port: 0 })
 * const client = new pg.Client(local.url)
 * await client.connect()
 * await client.query('select version()') // PostgreSQL 8.0.2 on i686-pc-linux-gnu, ... Redshift 1.0.77467
 * await client.end()
 * await local.stop()
 * ```
 */
export async function startLocalRedshift(
  options: LocalRedshiftOptions = {},
): Promise<LocalRedshift> {
  const serverless = options.serverless === true
  const isolation =
    options.isolation ?? (serverless ? 'snapshot' : 'serializable')
  const user = options.user ?? 'awsuser'
  const database = options.database ?? 'dev'
  if (database === BACKING_DATABASE) {
    throw new LocalRedshiftStartError(
      `The local Redshift cannot serve a database named ${BACKING_DATABASE}: that is the backing PostgreSQL's own, hidden from clients as Redshift has none. Choose another database.`,
    )
  }
  const host = options.host ?? '127.0.0.1'
  // Before anything starts, so that bad storage options fail at once.
  const storage = createStorageProvider(options)
  const certificate = certificateOf(options)
  if (options.requireSsl === true && certificate === undefined) {
    throw new LocalRedshiftStartError(
      'The local Redshift cannot require SSL without a certificate: set tls too.',
    )
  }
  if (
    options.iamCredentialTtlSeconds !== undefined &&
    !(options.iamCredentialTtlSeconds > 0)
  ) {
    throw new LocalRedshiftStartError(
      `iamCredentialTtlSeconds must be a number of seconds > 0, got ${options.iamCredentialTtlSeconds}.`,
    )
  }
  const wantedPort = options.port ?? 5439
  await probePort(host, wantedPort).catch((error: unknown) => {
    throw listenError(error, host, wantedPort)
  })
  if (options.awsApiPort !== undefined && options.awsApiPort !== 0) {
    const apiPort = options.awsApiPort
    await probePort(host, apiPort).catch((error: unknown) => {
      throw listenError(error, host, apiPort)
    })
  }
  await loadModule()

  let embedded: EmbeddedPostgresServer | undefined
  const pgUrl =
    options.pgUrl ??
    (embedded = await startEmbeddedPostgres(
      options.dataDir !== undefined ? { dataDir: options.dataDir } : {},
    )).url
  const cleanups: (() => Promise<void>)[] = []
  try {
    const target = parseBackendUrl(pgUrl)
    await prepareCluster(backendUrl(target, target.database), database, user)

    const wlm = new WlmScheduler(options.wlm ?? DEFAULT_WLM)
    const catalog = createCatalogBridge({ wlm, isolation })
    const longNames = new LongNames()
    const externalSchemas = new ExternalSchemaNames()
    const maskedTables = new MaskedTableNames()
    const schemaAliases = new SchemaAliases()
    const admins = new DatabaseAdmins(target, async (client, db, use) => {
      await catalog.prepare(client, db, use)
      // Long names an earlier emulator recorded in this database.
      const { rows } = await client.query<{ short: string; long: string }>(
        LONG_NAMES_SQL,
      )
      for (const row of rows) longNames.add(row)
      // External schemas an earlier emulator created in this database.
      const external = await client.query<{ name: string }>(
        EXTERNAL_SCHEMA_NAMES_SQL,
      )
      for (const row of external.rows) externalSchemas.add(row.name)
      // Other databases' schemas an earlier emulator gave aliases here.
      const aliases = await client.query<{
        alias: string
        database: string
        schema: string
      }>(SCHEMA_ALIASES_SQL)
      for (const row of aliases.rows)
        schemaAliases.set(db, row.alias, {
          database: row.database,
          schema: row.schema,
        })
      // Tables an earlier emulator attached masking policies to.
      const masked = await client.query<{ name: string }>(
        MASKED_TABLE_NAMES_SQL,
      )
      for (const row of masked.rows) maskedTables.add(row.name)
      if (external.rows.length > 0) {
        const views = await client.query<{ name: string }>(
          EXTERNAL_VIEW_NAMES_SQL,
        )
        for (const row of views.rows) externalSchemas.addView(row.name)
      }
    })
    cleanups.push(() => admins.closeAll())
    // The write locks' waits go with each write of the query log (see
    // write-lock-waits.ts); the runtime that keeps them comes after the log.
    let writeLocks: WriteLocks | undefined
    const waitsShown = new Set<string>()
    const log = new QueryLog({
      write: async (db, finished, inflight, connections) => {
        const client = await admins.get(db)
        await catalog.writeQueryLog(client, db, finished, inflight, connections)
        const waits = writeLocks?.waits(db) ?? []
        // Nothing waits now nor did at the last write: nothing to replace.
        if (waits.length === 0 && !waitsShown.has(db)) return
        const replace = buildWriteLockWaitsReplace(waits)
        await client.query(replace.text, [...replace.values])
        if (waits.length > 0) waitsShown.add(db)
        else waitsShown.delete(db)
      },
    })
    const planner = new Planner({
      isolation,
      serverless,
      rewrites: catalog.rewrites,
      longNames,
      externalSchemas,
      maskedTables,
      schemaAliases,
    })
    // Reads of another database by three-part name need the cluster's
    // trusted private socket (the embedded PostgreSQL has one).
    const link = await findCrossDatabaseLink(await admins.get(database))
    const runtime = new LocalRuntime({
      target,
      planner,
      wlm,
      log,
      isolation,
      releaseDatabase: async (db) => {
        await log.flush(db).catch(() => {})
        await admins.close(db)
      },
      firstQueryId: await catalog.lastQueryId(await admins.get(database)),
      ...(storage !== undefined ? { storage } : {}),
      // COPY and UNLOAD records go on the emulator's own connection, so they
      // outlive the client's transaction.
      records: {
        write: async (db, statements) => {
          const client = await admins.get(db)
          for (const s of statements) await client.query(s.text, [...s.values])
        },
      },
      tableIds: async (db, names) => {
        const client = await admins.get(db)
        const { rows } = await client.query<{ name: string; id: string }>(
          TABLE_IDS_SQL,
          [names],
        )
        return new Map(rows.map((row) => [row.name, Number(row.id)]))
      },
      blockingPids: async (db, pids) => {
        const client = await admins.get(db)
        const { rows } = await client.query<{
          pid: number
          blockers: number[]
        }>(BLOCKING_PIDS_SQL, [pids])
        return new Map(rows.map((row) => [row.pid, row.blockers]))
      },
      writtenNames: {
        defaultPath: async (db, user) => {
          const client = await admins.get(db)
          const { rows } = await client.query<{ path: string }>(
            DEFAULT_SEARCH_PATH_SQL,
            [user],
          )
          return rows[0]?.path ?? ''
        },
        oids: async (db, query) => {
          const client = await admins.get(db)
          const { rows } = await client.query<{ id: string | null }>(
            WRITTEN_NAME_OIDS_SQL,
            [
              query.schemas,
              query.user,
              query.names.map((n) => n[0]),
              query.names.map((n) => n[1]),
            ],
          )
          return rows.map((row) => (row.id === null ? null : Number(row.id)))
        },
      },
      columnTypes: async (db, keys) => {
        const client = await admins.get(db)
        const { rows } = await client.query<ColumnTypeRow>(
          COLUMN_TYPES_SQL,
          columnTypeParameters(keys),
        )
        return columnTypesOf(keys, rows)
      },
      otherDatabaseRows: otherDatabaseRows(target, admins),
      ...(link === undefined
        ? {}
        : {
            otherDatabaseTables: new OtherDatabaseTables(link, target, admins),
          }),
      resultSources: async (db, oids) => {
        const client = await admins.get(db)
        const { rows } = await client.query<ResultSourceRow>(
          RESULT_SOURCES_SQL,
          [oids],
        )
        return resultSourcesOf(rows)
      },
    })
    writeLocks = runtime.writeLocks
    const iam =
      options.awsApiPort === undefined
        ? undefined
        : {
            store: new IamCredentialStore(
              options.iamCredentialTtlSeconds === undefined
                ? {}
                : { ttlSeconds: options.iamCredentialTtlSeconds },
            ),
            roles: postgresIamRoles(() => admins.get(database)),
          }
    const server = new LocalServer(runtime, target, {
      host,
      port: options.port ?? 5439,
      user: options.password !== undefined ? user : undefined,
      password: options.password,
      isolation,
      prepareDatabase: async (db) => {
        await admins.get(db)
      },
      ...(iam === undefined ? {} : { iam }),
      ...(certificate === undefined
        ? {}
        : { tls: tls.createSecureContext(certificate) }),
      ...(options.requireSsl === true ? { requireSsl: true } : {}),
      failureLogDatabase: (db) => (admins.has(db) ? db : database),
    })
    const port = await server.listen().catch((error: unknown) => {
      throw listenError(error, host, wantedPort)
    })
    cleanups.unshift(async () => {
      await server.close()
      await log.flushAll().catch(() => {})
    })
    let awsApi: LocalAwsApi | undefined
    if (iam !== undefined) {
      const names = {
        clusterIdentifier: (options.clusterIdentifier ?? 'local').toLowerCase(),
        workgroupName: options.workgroupName ?? 'local',
      }
      const apiServer = new AwsApiServer(
        new CredentialsApi(iam.store, iam.roles, names),
      )
      const apiUrl = await apiServer
        .listen(options.awsApiPort as number, host)
        .catch((error: unknown) => {
          throw listenError(error, host, options.awsApiPort as number)
        })
      cleanups.unshift(() => apiServer.close())
      awsApi = Object.freeze({
        url: apiUrl,
        ...names,
        calls: (action?: string) => apiServer.calls(action),
        expireCredentials: () => iam.store.expireAll(),
        get logins() {
          return iam.store.stats
        },
      })
    }
    const auth =
      encodeURIComponent(user) +
      (options.password !== undefined
        ? `:${encodeURIComponent(options.password)}`
        : '')
    const url = `postgres://${auth}@${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/${encodeURIComponent(database)}`
    let stopping: Promise<void> | undefined
    return {
      url,
      port,
      pgUrl,
      storage,
      faults: runtime.faults,
      tls:
        certificate === undefined
          ? undefined
          : Object.freeze({ ca: certificate.cert.toString() }),
      awsApi,
      options: Object.freeze({
        port,
        host,
        isolation,
        serverless,
        user,
        database,
        ...(options.s3Dir !== undefined ? { s3Dir: options.s3Dir } : {}),
        ...(options.s3Endpoint !== undefined
          ? { s3Endpoint: options.s3Endpoint }
          : {}),
        ...(options.s3Region !== undefined
          ? { s3Region: options.s3Region }
          : {}),
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        ...(options.wlm !== undefined ? { wlm: options.wlm } : {}),
      }),
      flushQueryLog: () => log.flushAll(),
      stop: () =>
        (stopping ??= (async () => {
          for (const cleanup of cleanups) await cleanup().catch(() => {})
          await embedded?.stop()
        })()),
    }
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => {})
    await embedded?.stop().catch(() => {})
    throw error
  }
}

/** The certificate and key the `tls` option asks for, made now when `true`. */
function certificateOf(
  options: LocalRedshiftOptions,
):
  | { readonly cert: string | Buffer; readonly key: string | Buffer }
  | undefined {
  const { tls: wanted } = options
  if (wanted === undefined || wanted === false) return undefined
  if (wanted === true) return selfSignedCertificate(options.tlsHostNames ?? [])
  try {
    // Checked at start, so a wrong pair fails here and not at each connect.
    tls.createSecureContext(wanted)
  } catch (error) {
    throw new LocalRedshiftStartError(
      `The local Redshift's tls certificate or key is not usable: ${(error as Error).message}`,
      { cause: error },
    )
  }
  return wanted
}

/** A listen failure that says which address and what to do. */
function listenError(
  error: unknown,
  host: string,
  port: number,
): LocalRedshiftStartError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use: stop what listens there or choose another port (0 picks a free one)`
      : code === 'EACCES'
        ? `listening on port ${port} of ${host} is not permitted (ports below 1024 need privileges)`
        : code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine`
          : String((error as Error).message ?? error)
  return new LocalRedshiftStartError(
    `The local Redshift could not listen: ${reason}.`,
    { cause: error },
  )
}

/**
 * Creates the emulator's database and its user (a superuser, like the admin
 * user a cluster is created with) when they do not exist yet.
 */
async function prepareCluster(
  adminUrl: string,
  database: string,
  user: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  // Another emulator may create the same object at the same moment.
  const tolerateDuplicate = (error: { code?: string }) => {
    if (
      error.code !== '42P04' &&
      error.code !== '42710' &&
      error.code !== '23505'
    )
      throw error
  }
  try {
    const db = await client.query(
      'select 1 from pg_database where datname = $1',
      [database],
    )
    if (db.rowCount === 0) {
      await client
        .query(`create database ${quoteIdentifier(database)}`)
        .catch(tolerateDuplicate)
    }
    // A user, not a role: PG_USER, SVV_USER_INFO and PG_USER_INFO list it,
    // and SVV_ROLES does not (the emulator itself connects as its own
    // PostgreSQL user and switches to this one).
    const role = await client.query<{ login: boolean }>(
      'select rolcanlogin as login from pg_roles where rolname = $1',
      [user],
    )
    if (role.rowCount === 0) {
      await client
        .query(`create role ${quoteIdentifier(user)} superuser login`)
        .catch(tolerateDuplicate)
    } else if (role.rows[0]?.login === false) {
      await client.query(`alter role ${quoteIdentifier(user)} login`)
    }
  } finally {
    await client.end()
  }
}
