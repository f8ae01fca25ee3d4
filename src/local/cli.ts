import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import type { LocalRedshiftOptions } from './local-redshift-options.js'
import { startLocalRedshift } from './start-local-redshift.js'

const HELP = `Usage: kysely-redshift local [options]

Starts a local Amazon Redshift emulator: a PostgreSQL wire-protocol server
that makes a PostgreSQL behind it look like Redshift. Prints the connection
URL (and the PostgreSQL behind it) and runs until Ctrl-C / SIGTERM.

Options:
  --port <n>          port to listen on (default 5439; 0 picks a free port)
  --host <address>    interface to listen on (default 127.0.0.1)
  --pg-url <url>      PostgreSQL to run on (default: start an embedded one)
  --data-dir <dir>    keep the embedded PostgreSQL's files here between runs
  --s3-dir <dir>      folder standing in for S3 (s3://bucket/key -> <dir>/bucket/key)
  --s3-endpoint <url> S3-compatible endpoint standing in for S3 (path-style; keys from
                      the statement or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)
  --s3-region <name>  region that signs requests to --s3-endpoint (default us-east-1)
  --isolation <mode>  serializable or snapshot (default serializable; snapshot with --serverless)
  --serverless        behave as Redshift Serverless: STL/STV/SVL views refused
                      (permission denied), SYS views only, snapshot isolation
  --user <name>       user clients log in as (default awsuser)
  --password <pw>     require this password (MD5); without it any login is accepted
  --database <name>   database to create and print in the URL (default dev)
  --tls               accept TLS with a self-signed certificate made at start
                      (printed, for clients' sslrootcert / tls.ca)
  --tls-cert <file>   accept TLS with this certificate (PEM; needs --tls-key)
  --tls-key <file>    the private key of --tls-cert (PEM)
  --tls-host <name>   another name for the self-signed certificate (repeatable)
  --require-ssl       refuse connections without TLS (Redshift's require_ssl)
  --aws-api-port <n>  serve the Redshift and Serverless credential APIs
                      (GetClusterCredentials[WithIAM], GetCredentials) on this
                      HTTP port (0 picks a free one); any SigV4 signature
  --iam-credential-ttl <seconds>
                      lifetime of issued IAM passwords (default: the
                      DurationSeconds asked for, or 900)
  --cluster-identifier <id>  cluster the credential API answers for (default local)
  --workgroup-name <name>    workgroup the credential API answers for (default local)
  -h, --help          show this help

Without --tls, clients connect without TLS (sslmode=disable or prefer).`

/**
 * `kysely-redshift local`: starts the emulator from the command line.
 *
 * @example
 * ```ts
 * await runLocalCli(['--port', '5439', '--data-dir', '.redshift-local'])
 * ```
 */
export async function runLocalCli(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'pg-url': { type: 'string' },
      'data-dir': { type: 'string' },
      's3-dir': { type: 'string' },
      's3-endpoint': { type: 'string' },
      's3-region': { type: 'string' },
      isolation: { type: 'string' },
      serverless: { type: 'boolean' },
      user: { type: 'string' },
      password: { type: 'string' },
      database: { type: 'string' },
      tls: { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-host': { type: 'string', multiple: true },
      'require-ssl': { type: 'boolean' },
      'aws-api-port': { type: 'string' },
      'iam-credential-ttl': { type: 'string' },
      'cluster-identifier': { type: 'string' },
      'workgroup-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(`${HELP}\n`)
    return
  }
  const port = values.port === undefined ? 5439 : portOf('--port', values.port)
  const isolation =
    values.isolation ??
    (values.serverless === true ? 'snapshot' : 'serializable')
  if (isolation !== 'serializable' && isolation !== 'snapshot') {
    throw new Error(
      `--isolation must be serializable or snapshot, got ${isolation}`,
    )
  }
  const awsApiPort =
    values['aws-api-port'] === undefined
      ? undefined
      : portOf('--aws-api-port', values['aws-api-port'])
  const ttl =
    values['iam-credential-ttl'] === undefined
      ? undefined
      : Number(values['iam-credential-ttl'])
  if (ttl !== undefined && !(ttl > 0)) {
    throw new Error(
      `--iam-credential-ttl must be a number of seconds > 0, got ${values['iam-credential-ttl']}`,
    )
  }
  if (
    (values['tls-cert'] === undefined) !==
    (values['tls-key'] === undefined)
  ) {
    throw new Error('--tls-cert and --tls-key go together')
  }
  const tls =
    values['tls-cert'] !== undefined && values['tls-key'] !== undefined
      ? {
          cert: readFileSync(values['tls-cert']),
          key: readFileSync(values['tls-key']),
        }
      : values.tls === true
        ? true
        : undefined
  const options: LocalRedshiftOptions = {
    port,
    isolation,
    ...(values.serverless === true ? { serverless: true } : {}),
    ...(tls !== undefined ? { tls } : {}),
    ...(values['tls-host'] !== undefined
      ? { tlsHostNames: values['tls-host'] }
      : {}),
    ...(values['require-ssl'] === true ? { requireSsl: true } : {}),
    ...(awsApiPort !== undefined ? { awsApiPort } : {}),
    ...(ttl !== undefined ? { iamCredentialTtlSeconds: ttl } : {}),
    ...(values['cluster-identifier'] !== undefined
      ? { clusterIdentifier: values['cluster-identifier'] }
      : {}),
    ...(values['workgroup-name'] !== undefined
      ? { workgroupName: values['workgroup-name'] }
      : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['pg-url'] !== undefined ? { pgUrl: values['pg-url'] } : {}),
    ...(values['data-dir'] !== undefined
      ? { dataDir: values['data-dir'] }
      : {}),
    ...(values['s3-dir'] !== undefined ? { s3Dir: values['s3-dir'] } : {}),
    ...(values['s3-endpoint'] !== undefined
      ? { s3Endpoint: values['s3-endpoint'] }
      : {}),
    ...(values['s3-region'] !== undefined
      ? { s3Region: values['s3-region'] }
      : {}),
    ...(values.user !== undefined ? { user: values.user } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    ...(values.database !== undefined ? { database: values.database } : {}),
  }
  const local = await startLocalRedshift(options)
  // The URL carries the password when one is set: it is the user's own.
  process.stdout.write(`Local Redshift listening on ${local.url}\n`)
  if (local.awsApi !== undefined) {
    process.stdout.write(
      `AWS credential API on ${local.awsApi.url} (cluster ${local.awsApi.clusterIdentifier}, workgroup ${local.awsApi.workgroupName})\n`,
    )
  }
  if (local.tls !== undefined && tls === true) {
    process.stdout.write(
      `TLS certificate (trust it as the CA):\n${local.tls.ca}`,
    )
  }
  process.stdout.write(
    `PostgreSQL behind it: ${
      options.pgUrl === undefined ? local.pgUrl : withoutPassword(local.pgUrl)
    }\n`,
  )
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void local.stop().finally(resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

function portOf(flag: string, value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be an integer from 0 to 65535, got ${value}`)
  }
  return port
}

/**
 * A URL the user gave, printed without its password: unlike the embedded
 * server's fixed local one, it may be a real secret.
 */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable URL)'
  }
}
