// The codegen command as a real process: --help, --print and --verify's
// exit codes, and each error case's message and exit code, with the URL's
// password never printed. The rest runs in-process in
// codegen-cli-generate.test.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { EXIT_CODES } from '../../codegen/errors/codegen-error.js'
import { generate } from '../../codegen/generate/index.js'
import {
  openEmulatorDatabase,
  startOwnEmulator,
  type EmulatorDatabase,
  type OwnEmulator,
} from './local-test-helpers.js'
import {
  PROCESS_TEST_TIMEOUT_MS,
  repoRoot,
  runChild,
  type ChildResult,
} from './process-helpers.js'

const PASSWORD = 'Cg-S3cret%pw'
const ENCODED = encodeURIComponent(PASSWORD)
const MAIN = path.join(repoRoot, 'codegen/cli/main.ts')
const SDK_CLI = path.join(repoRoot, 'src/cli.ts')
// By path: the children run in folders with no node_modules of their own.
const TSX = pathToFileURL(
  path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs'),
).href

/** Runs `codegen` from the sources with no URL in its environment. */
function codegen(
  args: readonly string[],
  options: { cwd?: string; entry?: string } = {},
): Promise<ChildResult> {
  return runChild(process.execPath, {
    args: ['--import', TSX, options.entry ?? MAIN, ...args],
    cwd: options.cwd ?? repoRoot,
    env: { REDSHIFT_URL: undefined, DATABASE_URL: undefined },
  })
}

/** `url` with the test password set. */
function withPassword(url: string): string {
  const parsed = new URL(url)
  parsed.password = ENCODED
  return parsed.toString()
}

function expectNoSecret(result: ChildResult): void {
  const postgres = decodeURIComponent(new URL(inject('databaseUrl')).password)
  const secrets = [PASSWORD, ENCODED, postgres].filter((s) => s !== '')
  for (const text of [result.stdout, result.stderr]) {
    for (const secret of secrets) expect(text).not.toContain(secret)
  }
}

// Independent child processes: run side by side. Each starts tsx, so on a
// loaded machine they need the process tests' timeout, not vitest's default.
describe.concurrent(
  'codegen, as a process',
  { timeout: PROCESS_TEST_TIMEOUT_MS },
  () => {
    let emulator: EmulatorDatabase
    let guarded: OwnEmulator
    let dir: string

    beforeAll(async () => {
      ;[emulator, guarded] = await Promise.all([
        openEmulatorDatabase('codegen_cli', [
          'create table public.items (id integer not null, label varchar(20))',
        ]),
        startOwnEmulator('codegen_cli_auth', { password: 'the-right-one' }),
      ])
      dir = await mkdtemp(path.join(tmpdir(), 'codegen-cli-'))
      await writeFile(
        path.join(dir, 'bad-snapshot.json'),
        JSON.stringify({
          version: 1,
          source: { kind: 'mysql', database: 'dev' },
          relations: [],
        }),
      )
    })
    afterAll(async () => {
      await Promise.all([emulator?.close(), guarded?.stop()])
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    it('--help lists every option with its default, also as kysely-redshift codegen', async () => {
      const [help, alias] = await Promise.all([
        codegen(['--help']),
        codegen(['codegen', '--help'], { entry: SDK_CLI }),
      ])
      expect(help.code).toBe(0)
      for (const option of [
        '--url <url>',
        '--out-file <file>',
        '--include-pattern <glob>',
        '--exclude-pattern <glob>',
        '--default-schema <name>',
        '--camel-case',
        '--no-camel-case',
        '--type-only-imports',
        '--no-type-only-imports',
        '--int8 <bigint|string>',
        '--numeric <string|number>',
        '--import-from <module>',
        '--print',
        '--verify',
        '--snapshot <file>',
        '--from-snapshot <file>',
        '--config <file>',
        '--log-level <level>',
        '--help',
      ]) {
        expect(help.stdout).toContain(option)
      }
      for (const fallback of [
        'env REDSHIFT_URL, then env DATABASE_URL',
        'default: generated/db.ts',
        'default: public',
        'default: bigint',
        'default: string',
        'default: info',
        'codegen.config.json',
      ]) {
        expect(help.stdout).toContain(fallback)
      }
      expect(alias).toEqual(help)
    })

    it('--print writes the types to stdout and nothing else', async () => {
      const result = await codegen(['--url', emulator.url, '--print'], {
        cwd: dir,
      })
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('export interface DB')
      expect(result.stdout).toContain('items')
    })

    it(
      '--verify exits 0 when fresh and 1 with a diff when stale',
      async () => {
        // Written in-process (writing is tested in codegen-cli-generate.test.ts);
        // the two checks run side by side on folders of their own.
        const [fresh, edited] = await Promise.all([
          mkdtemp(path.join(dir, 'fresh-')),
          mkdtemp(path.join(dir, 'stale-')),
        ])
        const written = await generate({
          url: emulator.url,
          cwd: fresh,
          outFile: 'db.ts',
        })
        await writeFile(
          path.join(edited, 'db.ts'),
          `// edited by hand\n${written.output}`,
        )
        const args = ['--url', emulator.url, '--out-file', 'db.ts', '--verify']
        const [ok, stale] = await Promise.all([
          codegen(args, { cwd: fresh }),
          codegen(args, { cwd: edited }),
        ])
        expect(ok).toMatchObject({
          code: 0,
          stdout: '',
          stderr: 'db.ts is up to date\n',
        })
        expect(stale.code).toBe(EXIT_CODES.stale)
        expect(stale.stdout).toMatch(
          /^--- db\.ts\t\(on disk\)\n\+\+\+ db\.ts\t\(generated\)\n@@ -1,\d+ \+1,\d+ @@\n-\/\/ edited by hand\n/,
        )
        expect(stale.stderr).toContain('codegen: db.ts is stale')
      },
      PROCESS_TEST_TIMEOUT_MS,
    )

    it.each([
      [
        'an unreachable host',
        () => ['--url', `redshift://awsuser:${ENCODED}@127.0.0.1:1/dev`],
        'unreachable',
        'Cannot reach 127.0.0.1:1/dev: connect ECONNREFUSED 127.0.0.1:1',
      ],
      [
        'bad credentials',
        () => ['--url', withPassword(guarded.local.url)],
        'authentication',
        'refused the login',
      ],
      [
        'plain PostgreSQL',
        // Its own password: a wrong one would be refused before the check.
        () => ['--url', inject('databaseUrl')],
        'unsupported-database',
        'PostgreSQL',
      ],
      [
        'a pattern that matches nothing',
        () => [
          '--url',
          withPassword(emulator.url),
          '--include-pattern',
          'nope.*',
        ],
        'no-match',
        'No relation matches --include-pattern "nope.*"',
      ],
      [
        'an unwritable out file',
        () => [
          '--url',
          withPassword(emulator.url),
          '--out-file',
          'package.json/db.ts',
        ],
        'write',
        'package.json/db.ts: ENOTDIR',
      ],
      [
        'a bad snapshot',
        () => ['--from-snapshot', path.join(dir, 'bad-snapshot.json')],
        'snapshot',
        'bad-snapshot.json is not a valid schema model (1 issue):\n  - source.kind: ',
      ],
      [
        'bad usage',
        () => ['--url', withPassword(emulator.url), '--int8', 'number'],
        'usage',
        '--int8 must be bigint or string, not "number"',
      ],
    ] as const)(
      '%s: its message and exit code, no password',
      async (_, args, code, message) => {
        const result = await codegen(args(), { cwd: repoRoot })
        expect(result.stderr).toContain(message)
        expect(result.stderr).toMatch(/^codegen: /)
        expect(result.stdout).toBe('')
        expect(result.code).toBe(EXIT_CODES[code])
        expectNoSecret(result)
      },
    )
  },
)
