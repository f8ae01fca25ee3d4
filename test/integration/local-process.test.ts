import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  holdPort,
  localEntry,
  portAnswers,
  portIn,
  reachableTempDir,
  repoRoot,
  runChild,
  runScript,
  startChild,
} from './process-helpers.js'

// Every child gets a TMPDIR of its own, so what a run leaves there is seen
// exactly; PostgreSQL's binaries are then copied once per folder when the
// suite runs as root from a folder the `postgres` user cannot reach.
let tmp: string
const leftovers = () =>
  fs.readdirSync(tmp).filter((name) => name.startsWith('redshift-local-pg-'))

beforeAll(() => {
  tmp = reachableTempDir('local-process-')
})
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

const START = `
const { startLocalRedshift } = await import(__LOCAL__)
const local = await startLocalRedshift({ port: 0 })
console.log('PG ' + local.pgUrl)
`

describe(
  'a process that starts the emulator keeps its exit code',
  { timeout: 120_000 },
  () => {
    it('exits with the exitCode it set after stopping the emulator', async () => {
      const result = await runScript(
        `${START}
await local.stop()
process.exitCode = 3`,
        { env: { TMPDIR: tmp } },
      )
      expect(result.stderr).toBe('')
      expect(result.code).toBe(3)
      expect(leftovers()).toEqual([])
    })

    it('stops its PostgreSQL and removes its cluster on process.exit() without stop()', async () => {
      const result = await runScript(`${START}\nprocess.exit(4)`, {
        env: { TMPDIR: tmp },
      })
      expect(result.code).toBe(4)
      expect(await portAnswers(portIn(result.stdout, 'PG '))).toBe(false)
      expect(leftovers()).toEqual([])
    })

    it('stops its PostgreSQL on SIGTERM and ends by that signal', async () => {
      const result = await runScript(`${START}\nsetInterval(() => {}, 1000)`, {
        env: { TMPDIR: tmp },
        signal: 'SIGTERM',
        signalWhen: 'PG ',
      })
      expect(result.signal).toBe('SIGTERM')
      expect(await portAnswers(portIn(result.stdout, 'PG '))).toBe(false)
      expect(leftovers()).toEqual([])
    })

    // Run by the test runner (`node --test`, in a child of its own) and
    // directly (`node file`, where the tests run in this very process).
    it.each([
      ['node --test', ['--test']],
      ['node', []],
    ])(
      'leaves a failing node:test file failing (%s)',
      async (_how: string, flags: string[]) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-test-'))
        const file = path.join(dir, 'failing.test.mts')
        fs.writeFileSync(
          file,
          `import { test, after } from 'node:test'
import assert from 'node:assert'
const { startLocalRedshift } = await import(${JSON.stringify(localEntry)})
const local = await startLocalRedshift({ port: 0 })
after(() => local.stop())
test('fails on purpose', () => { assert.strictEqual(1, 2) })
`,
        )
        try {
          const result = await runChild(process.execPath, {
            args: ['--import', 'tsx', ...flags, file],
            env: { TMPDIR: tmp },
          })
          expect(result.stdout).toMatch(/# fail 1/)
          expect(result.code).toBe(1)
          expect(leftovers()).toEqual([])
        } finally {
          fs.rmSync(dir, { recursive: true, force: true })
        }
      },
    )

    it('leaves a failing vitest run whose globalSetup starts the emulator failing', async () => {
      // Inside the checkout (git-ignored .tmp), so the test file resolves vitest.
      fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true })
      const dir = fs.mkdtempSync(path.join(repoRoot, '.tmp', 'vitest-'))
      fs.writeFileSync(
        path.join(dir, 'setup.mts'),
        `import { startLocalRedshift } from ${JSON.stringify(localEntry)}
export async function setup() {
  const local = await startLocalRedshift({ port: 0 })
  return () => local.stop()
}
`,
      )
      fs.writeFileSync(
        path.join(dir, 'failing.test.mts'),
        `import { expect, it } from 'vitest'
it('fails on purpose', () => { expect(1).toBe(2) })
`,
      )
      fs.writeFileSync(
        path.join(dir, 'vitest.config.mts'),
        `export default { test: { root: ${JSON.stringify(dir)}, include: ['failing.test.mts'], globalSetup: ['setup.mts'] } }\n`,
      )
      try {
        const result = await runChild(
          path.join(repoRoot, 'node_modules/.bin/vitest'),
          {
            args: ['run', '--config', path.join(dir, 'vitest.config.mts')],
            cwd: dir,
            env: { TMPDIR: tmp },
          },
        )
        expect(result.stdout).toMatch(/1 failed/)
        expect(result.code).toBe(1)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })
  },
)

describe(
  'a checkout in a folder the postgres user cannot reach',
  { timeout: 120_000 },
  () => {
    // As root the embedded PostgreSQL runs as `postgres`, which cannot enter a
    // mode-700 folder such as /root or one from mktemp -d. The checkout is seen
    // through a link inside such a folder, with symlinks preserved, so that
    // node_modules' binaries are reached through that path exactly as in a
    // clone there.
    it('starts, runs a query and stops the emulator from there', async () => {
      const hidden = fs.mkdtempSync(path.join(os.tmpdir(), 'private-'))
      expect(fs.statSync(hidden).mode & 0o777).toBe(0o700)
      fs.symlinkSync(repoRoot, path.join(hidden, 'checkout'))
      // A TMPDIR of its own: the copy of the binaries is seen there alone.
      const own = reachableTempDir('unreachable-checkout-')
      try {
        const result = await runScript(
          `import { createRequire } from 'node:module'
const pg = createRequire(__LOCAL__)('pg')
${START}
const client = new pg.Client(local.url)
await client.connect()
const { rows } = await client.query('select 1 as one')
await client.end()
await local.stop()
console.log('one=' + rows[0].one)
process.exitCode = 5`,
          {
            dir: hidden,
            local: path.join(hidden, 'checkout/src/local/index.ts'),
            nodeArgs: ['--preserve-symlinks', '--preserve-symlinks-main'],
            env: { TMPDIR: own },
          },
        )
        expect(result.stderr).toBe('')
        expect(result.stdout).toContain('one=1')
        expect(result.code).toBe(5)
        const copies = fs
          .readdirSync(own)
          .filter((name) => name.startsWith('kysely-redshift-postgres-'))
        if (process.getuid?.() === 0) {
          // The binaries were copied where `postgres` can reach them: root's, read-only to others.
          expect(copies).toHaveLength(1)
          const stat = fs.statSync(path.join(own, copies[0]!))
          expect([stat.uid, stat.mode & 0o777]).toEqual([0, 0o755])
        } else {
          expect(copies).toEqual([])
        }
        expect(
          fs.readdirSync(own).filter((n) => n.startsWith('redshift-local-pg-')),
        ).toEqual([])
      } finally {
        fs.rmSync(hidden, { recursive: true, force: true })
        fs.rmSync(own, { recursive: true, force: true })
      }
    })
  },
)

describe('kysely-redshift local', { timeout: 120_000 }, () => {
  const cli = path.join(repoRoot, 'bin/kysely-redshift.js')
  const runCli = (
    args: readonly string[],
    extra: Parameters<typeof runChild>[1] = {},
  ) =>
    runChild(process.execPath, {
      ...extra,
      args: [cli, 'local', ...args],
      env: { TMPDIR: tmp, ...extra.env },
    })

  it('prints both URLs, and exits 0 after a clean stop on SIGINT', async () => {
    const result = await runCli(['--port', '0'], {
      signal: 'SIGINT',
      signalWhen: 'PostgreSQL behind it',
    })
    expect(result.stdout).toMatch(
      /Local Redshift listening on postgres:\/\/awsuser@127\.0\.0\.1:\d+\/dev/,
    )
    expect(result.stdout).toMatch(
      /PostgreSQL behind it: postgres:\/\/rdsdb:postgres@127\.0\.0\.1:\d+\/postgres/,
    )
    expect(result.code).toBe(0)
    expect(await portAnswers(portIn(result.stdout, 'behind it: '))).toBe(false)
    expect(leftovers()).toEqual([])
  })

  it('exits 1 when the data directory is in use by another emulator', async () => {
    const dataDir = path.join(tmp, 'cluster')
    // One emulator holds the folder while a second one tries it.
    const holder = startChild(process.execPath, {
      args: [cli, 'local', '--port', '0', '--data-dir', dataDir],
      env: { TMPDIR: tmp },
    })
    try {
      await holder.printed('PostgreSQL behind it')
      const inUse = await runCli(['--port', '0', '--data-dir', dataDir])
      expect(inUse.code).toBe(1)
      expect(inUse.stderr).toMatch(
        /data directory .*cluster is in use by another local Redshift \(process \d+\)/,
      )
    } finally {
      holder.kill('SIGINT')
      expect((await holder.result).code).toBe(0)
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('exits 1 naming a port already in use', async () => {
    const { port, close } = await holdPort()
    try {
      const busy = await runCli(['--port', String(port)])
      expect(busy.code).toBe(1)
      expect(busy.stderr).toContain(
        `port ${port} on 127.0.0.1 is already in use`,
      )
      expect(leftovers()).toEqual([])
    } finally {
      await close()
    }
  })

  it('exits 1 when the PostgreSQL it is given does not answer, without printing its password', async () => {
    const unreachable = await runCli([
      '--port',
      '0',
      '--pg-url',
      'postgres://nobody:secret@127.0.0.1:1/postgres',
    ])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/ECONNREFUSED/)
    expect(unreachable.stderr).not.toContain('secret')
  })

  it('exits 1 on a bad option', async () => {
    const badFlag = await runCli(['--isolation', 'chaos'])
    expect(badFlag.code).toBe(1)
    expect(badFlag.stderr).toMatch(
      /--isolation must be serializable or snapshot/,
    )
  })
})
