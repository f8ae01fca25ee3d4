// `kysely-redshift local --tls --aws-api-port 0 --iam-credential-ttl 5`: the
// CLI prints the credential endpoint and the certificate; an SDK client
// verifies the certificate and logs in with IAM through that endpoint.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { sql } from 'kysely'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'

import { createIamLoginProvider } from '../../src/auth/iam-login-provider.js'
import { createRedshift } from '../../src/client.js'
import { parseRedshiftConfig } from '../../src/config/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true'

let db: TestDatabase
let child: ChildProcess
let stdout = ''

beforeAll(async () => {
  db = await createTestDatabase('local_cli_iam')
  child = spawn(
    process.execPath,
    [
      path.resolve('bin/kysely-redshift.js'),
      'local',
      '--port',
      '0',
      '--pg-url',
      inject('databaseUrl'),
      '--database',
      db.name,
      '--tls',
      '--tls-host',
      'warehouse.test',
      '--aws-api-port',
      '0',
      '--iam-credential-ttl',
      '5',
      '--cluster-identifier',
      'cli-cluster',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.includes('PostgreSQL behind it')) resolve()
    })
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code}: ${stdout}`)),
    )
  })
})
afterAll(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  await db?.drop()
})

it('serves TLS with the printed certificate and IAM logins through the printed endpoint', async () => {
  const port = Number(
    /Local Redshift listening on postgres:\/\/[^@]+@127\.0\.0\.1:(\d+)\//.exec(
      stdout,
    )![1],
  )
  const api =
    /AWS credential API on (http:\/\/127\.0\.0\.1:\d+) \(cluster cli-cluster, workgroup local\)/.exec(
      stdout,
    )![1]!
  const ca =
    /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/.exec(
      stdout,
    )![0]
  const input = {
    host: '127.0.0.1',
    port,
    database: db.name,
    user: 'etl',
    tls: { mode: 'verify-full', ca, servername: 'warehouse.test' },
    iam: {
      clusterIdentifier: 'cli-cluster',
      region: 'eu-central-1',
      endpoint: api,
      autoCreate: true,
      credentials: { accessKeyId: 'AKIACLI', secretAccessKey: 'cli-secret' },
    },
  } as const
  const login = await createIamLoginProvider(parseRedshiftConfig(input)).login()
  expect(login.user).toBe('IAMA:etl')
  const client = createRedshift<object>(input)
  try {
    const { rows } = await sql<{ u: string }>`select current_user as u`.execute(
      client,
    )
    expect(rows).toEqual([{ u: 'etl' }])
  } finally {
    await client.close()
  }
})
