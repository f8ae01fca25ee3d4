// generate() and the CLI run in-process against the suite's emulator, for
// what a child process would add nothing to: writing, --verify, snapshots,
// patterns, config files and the file errors. The exit codes of a real
// process are in codegen-cli.test.ts.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCodegenCli } from '../../codegen/cli/run-codegen-cli.js'
import { CodegenError } from '../../codegen/errors/codegen-error.js'
import { generate } from '../../codegen/generate/index.js'
import { stableJson } from '../../codegen/snapshot/index.js'
import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

const SETUP = [
  'create schema analytics',
  'create table public.sales (id bigint identity(1,1), qty integer not null, note varchar(40))',
  'create table public.users (id integer not null, name varchar(20))',
  'create table analytics.events (id integer not null, kind varchar(10))',
  'create table analytics.tmp_scratch (a integer)',
  'create view public.big_sales as select id, qty from public.sales where qty > 10',
]

/** Runs the CLI in-process and collects what it printed. */
async function cli(
  argv: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCodegenCli(argv, {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  })
  return { code, stdout, stderr }
}

async function codegenError(promise: Promise<unknown>): Promise<CodegenError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(CodegenError)
    return error as CodegenError
  }
  throw new Error('expected a CodegenError')
}

describe('generate', () => {
  let emulator: EmulatorDatabase
  let dir: string

  beforeAll(async () => {
    emulator = await openEmulatorDatabase('codegen_cli_gen', SETUP)
    dir = await mkdtemp(path.join(tmpdir(), 'codegen-generate-'))
  })
  afterAll(async () => {
    await emulator?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const project = () => mkdtemp(path.join(dir, 'p-'))

  it('writes the out file, then leaves the same bytes alone', async () => {
    const cwd = await project()
    const first = await generate({ url: emulator.url, cwd, env: {} })
    expect(first.action).toBe('written')
    expect(first.changed).toBe(true)
    expect(first.outFile).toBe(path.join(cwd, 'generated/db.ts'))
    expect(await readFile(first.outFile, 'utf8')).toBe(first.output)
    expect(first.relations).toBe(5)
    expect(first.columns).toBe(10)
    expect(first.output).toContain('export interface DB')
    expect(first.output).toMatch(/['"]analytics\.events['"]: /)

    const again = await generate({ url: emulator.url, cwd, env: {} })
    expect(again.action).toBe('unchanged')
    expect(again.changed).toBe(false)
    expect(again.output).toBe(first.output)
  })

  it('reads the URL from REDSHIFT_URL, then DATABASE_URL', async () => {
    const cwd = await project()
    const viaRedshift = await generate({
      cwd,
      print: true,
      env: {
        REDSHIFT_URL: emulator.url,
        DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
      },
    })
    const viaDatabase = await generate({
      cwd,
      print: true,
      env: { DATABASE_URL: emulator.url },
    })
    expect(viaDatabase.output).toBe(viaRedshift.output)
    const none = await codegenError(generate({ cwd, env: {} }))
    expect(none.code).toBe('usage')
    expect(none.message).toContain(
      'pass --url, set REDSHIFT_URL or DATABASE_URL',
    )
  })

  it('keeps the relations the patterns select', async () => {
    const cwd = await project()
    const kept = await generate({
      url: emulator.url,
      cwd,
      print: true,
      includePattern: ['public.*', 'analytics.*'],
      excludePattern: '*.tmp_*',
    })
    expect(kept.model.relations.map((r) => `${r.schema}.${r.name}`)).toEqual([
      'analytics.events',
      'public.big_sales',
      'public.sales',
      'public.users',
    ])
    expect(kept.output).not.toContain('tmp_scratch')
    const error = await codegenError(
      generate({ url: emulator.url, cwd, includePattern: 'sales.*' }),
    )
    expect(error.code).toBe('no-match')
    expect(error.message).toContain(
      'No relation matches --include-pattern "sales.*"',
    )
  })

  it('passes the type options on to rendering', async () => {
    const cwd = await project()
    const base = {
      url: emulator.url,
      cwd,
      print: true,
      includePattern: ['public.sales', 'analytics.events'],
    }
    const plain = await generate(base)
    expect(plain.output).toMatch(
      /^import type \{[^}]*\} from 'kysely-redshift';?$/m,
    )
    expect(plain.output).toMatch(/'analytics\.events': /)
    const tuned = await cli(
      [
        '--url',
        emulator.url,
        '--print',
        '--include-pattern',
        'public.sales',
        '--include-pattern',
        'analytics.events',
        '--no-type-only-imports',
        '--import-from',
        '../src/index.js',
        '--default-schema',
        'public',
        '--default-schema',
        'analytics',
      ],
      { cwd },
    )
    expect(tuned.code).toBe(0)
    expect(tuned.stdout).toMatch(
      /^import \{[^}]*\} from '\.\.\/src\/index\.js';?$/m,
    )
    expect(tuned.stdout).toMatch(/^\s+events: /m)
    expect(tuned.stdout).not.toContain("'analytics.events'")
  })

  it('--verify: fresh, then stale with a diff after ALTER TABLE ... ADD COLUMN', async () => {
    const cwd = await project()
    const options = { url: emulator.url, cwd, includePattern: 'public.users' }
    await generate(options)
    const fresh = await generate({ ...options, verify: true })
    expect(fresh).toMatchObject({
      action: 'verified',
      changed: false,
      diff: null,
    })

    await emulator.client.query(
      'alter table public.users add column email varchar(80)',
    )
    try {
      const stale = await generate({ ...options, verify: true })
      expect(stale.action).toBe('verified')
      expect(stale.changed).toBe(true)
      expect(stale.diff).toContain('--- generated/db.ts\t(on disk)')
      expect(stale.diff).toContain('+++ generated/db.ts\t(generated)')
      expect(stale.diff).toMatch(/^\+.*email/m)
      // Verifying writes nothing.
      const onDisk = await readFile(path.join(cwd, 'generated/db.ts'), 'utf8')
      expect(onDisk).not.toContain('email')

      const run = await cli(
        [
          '--url',
          emulator.url,
          '--include-pattern',
          'public.users',
          '--verify',
        ],
        { cwd },
      )
      expect(run.code).toBe(1)
      expect(run.stdout).toBe(stale.diff)
      expect(run.stderr).toContain('generated/db.ts is stale')
    } finally {
      await emulator.client.query('alter table public.users drop column email')
    }
  })

  it('--snapshot then --from-snapshot gives the same bytes with no database', async () => {
    const cwd = await project()
    const live = await generate({
      url: emulator.url,
      cwd,
      snapshot: 'schema/model.json',
      camelCase: true,
    })
    expect(live.snapshotFile).toBe(path.join(cwd, 'schema/model.json'))
    const text = await readFile(live.snapshotFile!, 'utf8')
    expect(text).toBe(stableJson(live.model))
    expect(text.endsWith('}\n')).toBe(true)

    // No URL anywhere: the environment is empty.
    const offline = await generate({
      fromSnapshot: 'schema/model.json',
      cwd,
      env: {},
      camelCase: true,
      verify: true,
    })
    expect(offline.changed).toBe(false)
    expect(offline.output).toBe(live.output)

    const run = await cli(
      ['--from-snapshot', 'schema/model.json', '--camel-case', '--print'],
      { cwd },
    )
    expect(run).toEqual({ code: 0, stdout: live.output, stderr: '' })
  })

  it('reads codegen.config.json, and a codegen key in package.json', async () => {
    const withFile = await project()
    await writeFile(
      path.join(withFile, 'codegen.config.json'),
      JSON.stringify({
        url: emulator.url,
        outFile: 'src/db.ts',
        includePattern: 'analytics.*',
        excludePattern: ['*.tmp_*'],
        types: { int8: 'string' },
      }),
    )
    const run = await cli([], { cwd: withFile })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('Wrote src/db.ts (1 relation, 2 columns)\n')
    const written = await readFile(path.join(withFile, 'src/db.ts'), 'utf8')
    expect(written).toMatch(/['"]analytics\.events['"]: /)
    expect(written).not.toContain('tmp_scratch')

    const withPackage = await project()
    await writeFile(
      path.join(withPackage, 'package.json'),
      JSON.stringify({
        name: 'app',
        codegen: {
          url: emulator.url,
          includePattern: 'public.sales',
          outFile: 'db.ts',
        },
      }),
    )
    // Options on the command line win over the file's.
    const fromPackage = await cli(['--print', '--int8', 'string'], {
      cwd: withPackage,
    })
    expect(fromPackage.code).toBe(0)
    const direct = await generate({
      url: emulator.url,
      includePattern: 'public.sales',
      int8: 'string',
      print: true,
      cwd: withPackage,
    })
    expect(fromPackage.stdout).toBe(direct.output)
    const bigint = await generate({
      url: emulator.url,
      includePattern: 'public.sales',
      print: true,
      cwd: withPackage,
    })
    expect(bigint.output).not.toBe(direct.output)

    const bad = await project()
    await writeFile(
      path.join(bad, 'codegen.config.json'),
      '{"outfile": "x", "int8": 1}',
    )
    const refused = await cli([], { cwd: bad })
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain(
      'outfile: is not a codegen option (did you mean "outFile"?)',
    )
    expect(refused.stderr).toContain("int8: expected 'bigint' | 'string'")
  })

  it('names a bad option of generate() itself', async () => {
    const error = await codegenError(
      generate({
        url: emulator.url,
        int8: 'number' as 'string',
        camelCase: 1 as unknown as boolean,
      }),
    )
    expect(error.code).toBe('config')
    expect(error.message).toContain(
      'Invalid codegen config in the options of generate() (2 issues)',
    )
    expect(error.message).toContain("int8: expected 'bigint' | 'string'")
    expect(error.message).toContain('camelCase: expected true | false')
  })

  it('shows progress on a TTY only, and nothing at all when silent', async () => {
    const cwd = await project()
    const run = async (isTTY: boolean, argv: readonly string[]) => {
      let stderr = ''
      const code = await runCodegenCli(
        ['--url', emulator.url, '--print', ...argv],
        {
          cwd,
          env: {},
          stdout: { write: () => true },
          stderr: { isTTY, write: (text: string) => (stderr += text) },
        },
      )
      return { code, stderr }
    }
    const tty = await run(true, [])
    expect(tty.code).toBe(0)
    expect(tty.stderr).toContain('\r\x1b[Kcodegen: 5 relations introspected')
    expect(tty.stderr).toContain('\r\x1b[Kcodegen: 5 relations rendered')
    // Cleared at the end: the terminal is left as it was.
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true)
    expect(await run(false, [])).toEqual({ code: 0, stderr: '' })
    expect(await run(true, ['--log-level', 'silent'])).toEqual({
      code: 0,
      stderr: '',
    })
    const failed = await run(true, [
      '--log-level',
      'silent',
      '--include-pattern',
      'x.*',
    ])
    expect(failed).toEqual({ code: 7, stderr: '' })
  })

  it('refuses an out file under a regular file, naming it', async () => {
    const cwd = await project()
    const file = path.join(cwd, 'a-file')
    await writeFile(file, 'not a folder')
    const error = await codegenError(
      generate({ url: emulator.url, cwd, outFile: 'a-file/db.ts' }),
    )
    expect(error.code).toBe('write')
    expect(error.message).toBe(
      `Cannot write --out-file ${file}/db.ts: ENOTDIR (a parent of the path is a file, not a folder)`,
    )
  })

  it('refuses a bad snapshot, naming the field', async () => {
    const cwd = await project()
    const good = await generate({
      url: emulator.url,
      cwd,
      print: true,
      includePattern: 'public.sales',
    })
    const broken = structuredClone(good.model) as unknown as {
      relations: { columns: { nullable: unknown }[] }[]
    }
    broken.relations[0]!.columns[1]!.nullable = 'no'
    await writeFile(path.join(cwd, 'bad.json'), JSON.stringify(broken))
    const error = await codegenError(
      generate({ fromSnapshot: 'bad.json', cwd }),
    )
    expect(error.code).toBe('snapshot')
    expect(error.message).toContain(
      'relations[0].columns[1].nullable (public.sales): ',
    )
  })
})
