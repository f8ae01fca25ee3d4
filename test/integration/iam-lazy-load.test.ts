// `import('kysely-redshift')` must not load the AWS SDK: a fresh Node process
// imports the package's entry point and lists the modules it loaded; then,
// as the control that the listing sees them, an IAM login loads them.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

import { expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const url = (file: string) => pathToFileURL(path.join(ROOT, file)).href

const SCRIPT = `
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const loaded = () => {
  const names = new Set()
  for (const key of Object.keys(require.cache)) {
    const match = /node_modules[\\\\/]@aws-sdk[\\\\/]([^\\\\/]+)/.exec(key)
    if (match) names.add(match[1])
  }
  return [...names].sort()
}
const started = performance.now()
await import(${JSON.stringify(url('src/index.ts'))})
const importMs = performance.now() - started
const afterImport = loaded()
const { createIamLoginProvider } = await import(${JSON.stringify(url('src/auth/index.ts'))})
const { parseRedshiftConfig } = await import(${JSON.stringify(url('src/config/index.ts'))})
const provider = createIamLoginProvider(parseRedshiftConfig({
  host: '127.0.0.1', user: 'etl',
  iam: { clusterIdentifier: 'c', region: 'us-east-1', endpoint: 'http://127.0.0.1:9', profile: 'no-such-profile' },
}))
const afterConfig = loaded()
await provider.login().catch(() => {})
console.log(JSON.stringify({ importMs, afterImport, afterConfig, afterLogin: loaded() }))
`

it('loads no AWS SDK module on import, nor on building an IAM provider; the first IAM login does', async () => {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', SCRIPT],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      },
      timeout: 60_000,
    },
  )
  const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    afterImport: string[]
    afterConfig: string[]
    afterLogin: string[]
  }
  expect(report.afterImport).toEqual([])
  expect(report.afterConfig).toEqual([])
  expect(report.afterLogin).toEqual(
    expect.arrayContaining(['client-redshift', 'credential-providers']),
  )
  expect(report.afterLogin).not.toContain('client-redshift-serverless')
})
