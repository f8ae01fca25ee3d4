// The package as a consumer gets it: a fresh build, the file list `npm pack`
// would publish, and that list installed in a temporary project (with its
// bins linked as npm links them), then loaded with require() and import(),
// type-checked under both of TypeScript's Node resolutions, and its bins run
// through npx. Nothing is fetched: the package's dependencies are links to
// this checkout's node_modules.
import { execFile } from 'node:child_process'
import {
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PROCESS_TEST_TIMEOUT_MS } from './process-helpers.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
const NPM_ENV = {
  ...process.env,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
}

interface PackageJson {
  readonly name: string
  readonly main: string
  readonly types: string
  readonly bin: Readonly<Record<string, string>>
  readonly exports: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly typesVersions: Readonly<
    Record<string, Readonly<Record<string, readonly string[]>>>
  >
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
}

/** The paths `npm pack` would put in the tarball, packing `dir`. */
async function packedFiles(dir: string): Promise<string[]> {
  const { stdout } = await run(
    'npm',
    ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: dir, env: NPM_ENV },
  )
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[]
  return pack!.files.map((file) => file.path).sort()
}

let work: string
let manifest: PackageJson
let files: string[]
let consumer: string

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kysely-redshift-package-'))
  manifest = JSON.parse(
    await readFile(path.join(ROOT, 'package.json'), 'utf8'),
  ) as PackageJson

  // A staging copy of the package: npm's own choice of the checkout's
  // files (package.json, README, LICENSE, bin...) and a fresh build as dist,
  // so a stale or missing dist in the checkout cannot pass or fail the test.
  const stage = path.join(work, 'stage')
  const [rootFiles] = await Promise.all([
    packedFiles(ROOT),
    run(
      process.execPath,
      [TSC, '-p', 'tsconfig.build.json', '--outDir', path.join(stage, 'dist')],
      { cwd: ROOT },
    ),
  ])
  for (const file of rootFiles.filter((f) => !f.startsWith('dist/'))) {
    await cp(path.join(ROOT, file), path.join(stage, file))
  }
  files = await packedFiles(stage)

  // A project with the packed files installed, and the package's
  // dependencies linked from this checkout.
  consumer = path.join(work, 'consumer')
  const installed = path.join(consumer, 'node_modules', manifest.name)
  for (const file of files) {
    await cp(path.join(stage, file), path.join(installed, file))
  }
  const linked = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    '@types/node',
  ]
  for (const name of new Set(linked)) {
    const target = path.join(consumer, 'node_modules', name)
    await mkdir(path.dirname(target), { recursive: true })
    await symlink(path.join(ROOT, 'node_modules', name), target, 'dir')
  }
  // What npm does for an installed package's bins.
  const bins = path.join(consumer, 'node_modules', '.bin')
  await mkdir(bins, { recursive: true })
  for (const [name, target] of Object.entries(manifest.bin)) {
    await symlink(path.join('..', manifest.name, target), path.join(bins, name))
  }
  await writeFile(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true }),
  )
  // A full build and `npm pack` on a loaded 2-core machine has taken over
  // two minutes; the hook measures nothing, it only has to finish.
}, 300_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('the published file list', () => {
  it('has the license, the readme, the bins and the build, and nothing else', () => {
    expect(files).toContain('LICENSE')
    expect(files).toContain('README.md')
    expect(files).toContain('package.json')
    expect(files).toContain('bin/codegen.js')
    expect(files).toContain('bin/kysely-redshift.js')
    const other = files.filter(
      (f) => !f.startsWith('dist/') && !f.startsWith('bin/'),
    )
    expect(other).toEqual(['LICENSE', 'README.md', 'package.json'])
  })

  it('has every file the manifest points at', () => {
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.bin),
      ...Object.values(manifest.exports).flatMap((c) => Object.values(c)),
      ...Object.values(manifest.typesVersions).flatMap((m) =>
        Object.values(m).flat(),
      ),
    ].map((target) => path.posix.normalize(target))
    expect(targets.filter((target) => !files.includes(target))).toEqual([])
  })

  it('has the SDK under dist/src and codegen under dist/codegen', () => {
    const roots = new Set(
      files
        .filter((f) => f.startsWith('dist/'))
        .map((f) => f.split('/').slice(0, 2).join('/')),
    )
    expect([...roots].sort()).toEqual(['dist/codegen', 'dist/src'])
    expect(files).toContain('dist/codegen/index.js')
    expect(files).toContain('dist/codegen/cli/main.js')
    expect(files).toContain('dist/src/cli.js')
  })

  it('ships no source map, since it ships no source', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(
      files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
    ).toEqual([])
  })

  it('puts the types condition first in every export', () => {
    for (const conditions of Object.values(manifest.exports)) {
      expect(Object.keys(conditions)).toEqual(['types', 'default'])
    }
  })
})

// Independent child processes: run side by side.
describe.concurrent('a consumer project', () => {
  it(
    'can require() and import() every entry point',
    async () => {
      const script = `
      const entries = ['${manifest.name}', '${manifest.name}/codegen', '${manifest.name}/local', '${manifest.name}/testing']
      const required = entries.map((entry) => Object.keys(require(entry)).length)
      Promise.all(entries.map((entry) => import(entry))).then((imported) => {
        console.log(JSON.stringify({ required, imported: imported.map((m) => Object.keys(m).length) }))
      })
    `
      const { stdout } = await run(process.execPath, ['-e', script], {
        cwd: consumer,
      })
      const { required, imported } = JSON.parse(stdout) as {
        required: number[]
        imported: number[]
      }
      expect(required).toHaveLength(4)
      expect(required.every((count) => count > 0)).toBe(true)
      expect(required).toEqual(imported)
      const testing = `
      const { createMockRedshift } = require('${manifest.name}/testing')
      const mock = createMockRedshift()
      mock.on(/select/).returns([{ one: 1 }])
      mock.db.selectFrom('t').selectAll().execute()
        .then((rows) => console.log(JSON.stringify(rows)))
    `
      const answer = await run(process.execPath, ['-e', testing], {
        cwd: consumer,
      })
      expect(JSON.parse(answer.stdout)).toEqual([{ one: 1 }])
    },
    PROCESS_TEST_TIMEOUT_MS,
  )

  it(
    'runs both bins through npx',
    async () => {
      // `--`: npx would read --help as its own.
      const npx = (...args: string[]) =>
        run('npx', ['--no', '--', ...args], { cwd: consumer, env: NPM_ENV })
      const [sdk, codegen, alias] = await Promise.all([
        npx(manifest.name, '--help'),
        npx('codegen', '--help'),
        npx(manifest.name, 'codegen', '--help'),
      ])
      expect(sdk.stdout).toMatch(/^Usage: kysely-redshift/)
      expect(codegen.stdout).toMatch(/^Usage: codegen \[options\]/)
      expect(codegen.stdout).toContain('--from-snapshot <file>')
      expect(alias.stdout).toBe(codegen.stdout)
    },
    PROCESS_TEST_TIMEOUT_MS,
  )

  it(
    'renders types from a snapshot with the built codegen, and they type-check',
    async () => {
      const snapshot = {
        version: 1,
        source: { kind: 'emulator', database: 'dev' },
        relations: [
          {
            schema: 'public',
            name: 'sales',
            kind: 'table',
            comment: null,
            distStyle: 'AUTO',
            sortKeyKind: null,
            columns: [
              {
                name: 'qty',
                ordinal: 1,
                dataType: 'integer',
                nullable: false,
                default: null,
                identity: null,
                comment: null,
                encoding: null,
                distKey: false,
                sortKeyPosition: 0,
              },
            ],
          },
        ],
      }
      await writeFile(
        path.join(consumer, 'schema.json'),
        JSON.stringify(snapshot),
      )
      const { stderr } = await run(
        'npx',
        [
          '--no',
          '--',
          'codegen',
          '--from-snapshot',
          'schema.json',
          '--out-file',
          'db.ts',
        ],
        { cwd: consumer, env: NPM_ENV },
      )
      expect(stderr).toContain('Wrote db.ts')
      const use = `
      import { createMockRedshift } from '${manifest.name}/testing'
      import type { DB } from './db.js'
      const db = createMockRedshift<DB>().db
      export const ok = db.selectFrom('sales').select('qty')
      // @ts-expect-error no such column in the generated types
      export const bad = db.selectFrom('sales').select('nope')
    `
      await writeFile(path.join(consumer, 'use-db.mts'), use)
      await writeFile(
        path.join(consumer, 'tsconfig.generated.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'ES2022',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['use-db.mts'],
        }),
      )
      const result = await run(
        process.execPath,
        [TSC, '-p', 'tsconfig.generated.json'],
        { cwd: consumer },
      ).catch((error: { stdout?: string }) => ({
        stdout: error.stdout ?? String(error),
      }))
      expect(result.stdout).toBe('')
    },
    PROCESS_TEST_TIMEOUT_MS,
  )

  it.each([
    ['node10', { module: 'commonjs', moduleResolution: 'node' }, 'cts'],
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }, 'mts'],
  ])(
    'type-checks against every entry point with moduleResolution %s',
    async (name, options, extension) => {
      const source = `
        import { createRedshift, type RedshiftClient } from '${manifest.name}'
        import { generate, type GenerateResult } from '${manifest.name}/codegen'
        import { startLocalRedshift } from '${manifest.name}/local'
        import { createMockRedshift } from '${manifest.name}/testing'

        interface DB { sales: { id: number } }
        const mock = createMockRedshift<DB>()
        const db: RedshiftClient<DB> = mock.db
        // @ts-expect-error the types are real, not any: no such table
        db.selectFrom('nope')
        export const used = [createRedshift, startLocalRedshift, generate]
        export async function written(): Promise<GenerateResult['action']> {
          // @ts-expect-error the codegen options are typed too
          await generate({ int8: 'number' })
          return (await generate({ fromSnapshot: 'schema.json' })).action
        }
      `
      const file = `check-${name}.${extension}`
      await writeFile(path.join(consumer, file), source)
      await writeFile(
        path.join(consumer, `tsconfig.${name}.json`),
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: 'ES2022',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: [file],
        }),
      )
      const result = await run(
        process.execPath,
        [TSC, '-p', `tsconfig.${name}.json`],
        { cwd: consumer },
      ).catch((error: { stdout?: string }) => ({
        stdout: error.stdout ?? String(error),
      }))
      expect(result.stdout).toBe('')
    },
    PROCESS_TEST_TIMEOUT_MS,
  )
})
