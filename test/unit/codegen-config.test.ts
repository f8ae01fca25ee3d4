import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { parseCodegenArgs } from '../../codegen/cli/parse-codegen-args.js'
import { loadCodegenConfig } from '../../codegen/config/load-codegen-config.js'
import { parseCodegenConfig } from '../../codegen/config/parse-codegen-config.js'
import { CodegenError } from '../../codegen/errors/codegen-error.js'

/** The CodegenError a call throws (fails the test when it does not throw). */
async function errorOf(run: () => unknown): Promise<CodegenError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(CodegenError)
    return error as CodegenError
  }
  throw new Error('expected a CodegenError')
}

describe('parseCodegenConfig', () => {
  it('takes every option with camelCase keys', () => {
    const config = {
      url: 'redshift://awsuser@localhost:5439/dev',
      outFile: 'src/db.ts',
      includePattern: ['public.*'],
      excludePattern: '*.tmp_*',
      defaultSchema: ['public', 'sales'],
      camelCase: true,
      typeOnlyImports: false,
      int8: 'string',
      numeric: 'number',
      importFrom: '../src/index.js',
      print: false,
      verify: false,
      snapshot: 'schema.json',
      fromSnapshot: 'schema.json',
      logLevel: 'debug',
    }
    expect(parseCodegenConfig(config, 'codegen.config.json')).toEqual(config)
  })

  it('takes a types section shaped like the client option', () => {
    expect(
      parseCodegenConfig({ types: { int8: 'string' } }, 'f').types,
    ).toEqual({ int8: 'string' })
  })

  it('names every bad field at once, with its expected form', async () => {
    const error = await errorOf(() =>
      parseCodegenConfig(
        {
          outFile: 3,
          int8: 'number',
          includePattern: ['ok', ''],
          types: { numeric: 'float' },
          logLevel: 'loud',
        },
        'codegen.config.json',
      ),
    )
    expect(error.code).toBe('config')
    expect(error.exitCode).toBe(3)
    expect(error.message).toContain(
      'Invalid codegen config in codegen.config.json (5 issues)',
    )
    expect(error.message).toContain('outFile: expected a file path')
    expect(error.message).toContain("int8: expected 'bigint' | 'string'")
    expect(error.message).toContain('includePattern[1]: expected a glob')
    expect(error.message).toContain(
      "types.numeric: expected 'string' | 'number'",
    )
    expect(error.message).toContain("logLevel: expected 'silent' | 'error'")
  })

  it('names unknown keys and suggests the right one', async () => {
    const error = await errorOf(() =>
      parseCodegenConfig(
        { 'out-file': 'x', defaultSchemas: ['a'], zzz: 1 },
        'f',
      ),
    )
    expect(error.message).toContain(
      'out-file: is not a codegen option (did you mean "outFile"?)',
    )
    expect(error.message).toContain(
      'defaultSchemas: is not a codegen option (did you mean "defaultSchema"?)',
    )
    expect(error.message).toMatch(/zzz: is not a codegen option$/m)
  })

  it('refuses int8 and types.int8 that disagree', async () => {
    const error = await errorOf(() =>
      parseCodegenConfig({ int8: 'bigint', types: { int8: 'string' } }, 'f'),
    )
    expect(error.message).toContain(
      'int8: is "bigint" but types.int8 is "string"',
    )
  })

  it('refuses what is not an object', async () => {
    const error = await errorOf(() => parseCodegenConfig([1], 'f'))
    expect(error.message).toContain('(root): expected a JSON object')
  })
})

describe('loadCodegenConfig', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'codegen-config-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  async function project(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(path.join(dir, 'p-'))
    for (const [name, text] of Object.entries(files)) {
      await writeFile(path.join(root, name), text)
    }
    return root
  }

  it('finds nothing in an empty folder', async () => {
    const cwd = await project({})
    expect(await loadCodegenConfig({ cwd })).toEqual({ config: {}, file: null })
  })

  it('reads codegen.config.json, paths made absolute from its folder', async () => {
    const cwd = await project({
      'codegen.config.json': JSON.stringify({
        outFile: 'src/db.ts',
        snapshot: '/abs/schema.json',
        camelCase: true,
      }),
      'package.json': JSON.stringify({ codegen: { camelCase: false } }),
    })
    expect(await loadCodegenConfig({ cwd })).toEqual({
      config: {
        outFile: path.join(cwd, 'src/db.ts'),
        snapshot: '/abs/schema.json',
        camelCase: true,
      },
      file: path.join(cwd, 'codegen.config.json'),
    })
  })

  it("reads package.json's codegen key", async () => {
    const cwd = await project({
      'package.json': JSON.stringify({
        name: 'app',
        codegen: { int8: 'string' },
      }),
    })
    expect(await loadCodegenConfig({ cwd })).toEqual({
      config: { int8: 'string' },
      file: path.join(cwd, 'package.json'),
    })
  })

  it('ignores a package.json without the key', async () => {
    const cwd = await project({ 'package.json': '{"name":"app"}' })
    expect((await loadCodegenConfig({ cwd })).file).toBeNull()
  })

  it('reads --config, relative to the working folder', async () => {
    const cwd = await project({ 'other.json': '{"fromSnapshot":"s.json"}' })
    expect(await loadCodegenConfig({ cwd, file: 'other.json' })).toEqual({
      config: { fromSnapshot: path.join(cwd, 's.json') },
      file: path.join(cwd, 'other.json'),
    })
  })

  it('says which file is bad and why', async () => {
    const cwd = await project({ 'codegen.config.json': '{"outFile": ' })
    const broken = await errorOf(() => loadCodegenConfig({ cwd }))
    expect(broken.code).toBe('config')
    expect(broken.message).toContain(
      `${path.join(cwd, 'codegen.config.json')} is not valid JSON`,
    )
    const missing = await errorOf(() =>
      loadCodegenConfig({ cwd, file: 'nope.json' }),
    )
    expect(missing.message).toBe('Cannot read --config nope.json: no such file')
    const pkg = await project({ 'package.json': '{"codegen":{"int8":1}}' })
    const field = await errorOf(() => loadCodegenConfig({ cwd: pkg }))
    expect(field.message).toContain('package.json ("codegen" key) (1 issue)')
    expect(field.message).toContain("int8: expected 'bigint' | 'string'")
  })
})

describe('parseCodegenArgs', () => {
  it('reads every option into config names', () => {
    const args = parseCodegenArgs([
      '--url=redshift://u@h/db',
      '--out-file',
      'x.ts',
      '--include-pattern',
      'a.*',
      '--include-pattern',
      'b.*',
      '--exclude-pattern',
      '*.tmp',
      '--default-schema',
      'public',
      '--default-schema',
      'sales',
      '--camel-case',
      '--no-type-only-imports',
      '--int8',
      'string',
      '--numeric',
      'number',
      '--import-from',
      'kysely-redshift',
      '--verify',
      '--snapshot',
      's.json',
      '--from-snapshot',
      'f.json',
      '--config',
      'c.json',
      '--log-level',
      'debug',
    ])
    expect(args).toEqual({
      help: false,
      config: 'c.json',
      options: {
        url: 'redshift://u@h/db',
        outFile: 'x.ts',
        includePattern: ['a.*', 'b.*'],
        excludePattern: ['*.tmp'],
        defaultSchema: ['public', 'sales'],
        camelCase: true,
        typeOnlyImports: false,
        int8: 'string',
        numeric: 'number',
        importFrom: 'kysely-redshift',
        verify: true,
        snapshot: 's.json',
        fromSnapshot: 'f.json',
        logLevel: 'debug',
      },
    })
    expect(parseCodegenArgs(['-h']).help).toBe(true)
    expect(parseCodegenArgs([]).options).toEqual({})
  })

  it.each([
    [['--nope'], 'Unknown option --nope'],
    [['--int8', 'number'], '--int8 must be bigint or string, not "number"'],
    [['--numeric', 'float'], '--numeric must be string or number'],
    [
      ['--log-level', 'loud'],
      '--log-level must be silent, error, warn, info or debug',
    ],
    [['--out-file'], "Option '--out-file <value>' argument missing"],
    [['--out-file', ''], '--out-file needs a value'],
    [['redshift://u:hunter2@h/db'], 'Unexpected argument'],
  ])('refuses %j as bad usage', async (argv, message) => {
    const error = await errorOf(() => parseCodegenArgs(argv))
    expect(error.code).toBe('usage')
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('hunter2')
  })
})
