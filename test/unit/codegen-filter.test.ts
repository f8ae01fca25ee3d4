import { describe, expect, it } from 'vitest'

import { CodegenError } from '../../codegen/errors/codegen-error.js'
import {
  filterRelations,
  schemasOfPatterns,
} from '../../codegen/filter/index.js'
import type { SchemaModel } from '../../codegen/model/schema-model.js'

function model(...names: string[]): SchemaModel {
  return {
    version: 1,
    source: { kind: 'emulator', database: 'dev' },
    relations: names.map((qualified) => {
      const [schema, name] = qualified.split('.') as [string, string]
      return {
        schema,
        name,
        kind: 'table',
        comment: null,
        distStyle: 'AUTO',
        sortKeyKind: null,
        columns: [],
      }
    }),
  }
}

const ALL = model(
  'analytics.events',
  'analytics.tmp_x',
  'public.sales',
  'public.users',
  'sales.sales',
)
const names = (m: SchemaModel) =>
  m.relations.map((r) => `${r.schema}.${r.name}`)

function noMatch(run: () => unknown): CodegenError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(CodegenError)
    expect((error as CodegenError).code).toBe('no-match')
    expect((error as CodegenError).exitCode).toBe(7)
    return error as CodegenError
  }
  throw new Error('expected no-match')
}

describe('filterRelations', () => {
  it('keeps everything without patterns (the same model)', () => {
    expect(filterRelations(ALL, {})).toBe(ALL)
  })

  it.each([
    [['public.*'], [], ['public.sales', 'public.users']],
    [['*.sales'], [], ['public.sales', 'sales.sales']],
    [
      ['analytics.*', 'public.users'],
      [],
      ['analytics.events', 'analytics.tmp_x', 'public.users'],
    ],
    [
      [],
      ['*.tmp_*'],
      ['analytics.events', 'public.sales', 'public.users', 'sales.sales'],
    ],
    [['analytics.*'], ['*.tmp_*'], ['analytics.events']],
    [['*.{sales,users}'], ['sales.*'], ['public.sales', 'public.users']],
    [['**'], [], names(ALL)],
  ])('include %j exclude %j', (include, exclude, expected) => {
    expect(
      names(
        filterRelations(ALL, {
          includePattern: include,
          excludePattern: exclude,
        }),
      ),
    ).toEqual(expected)
  })

  it('matches the whole schema.table, case as the catalog has it', () => {
    noMatch(() => filterRelations(ALL, { includePattern: ['sales'] }))
    noMatch(() => filterRelations(ALL, { includePattern: ['PUBLIC.*'] }))
  })

  it('names each include pattern that matches nothing', () => {
    const error = noMatch(() =>
      filterRelations(ALL, { includePattern: ['public.*', 'pubic.*', 'x.y'] }),
    )
    expect(error.message).toBe(
      'No relation matches --include-pattern "pubic.*", "x.y" (patterns are globs on "schema.table"; 5 relations to choose from)',
    )
  })

  it('refuses a filter that leaves nothing', () => {
    const error = noMatch(() =>
      filterRelations(ALL, {
        includePattern: ['public.*'],
        excludePattern: ['public.*'],
      }),
    )
    expect(error.message).toContain(
      'No relation is left after --exclude-pattern "public.*"',
    )
  })

  it('refuses an empty pattern as bad usage', () => {
    expect(() => filterRelations(ALL, { includePattern: [' '] })).toThrow(
      '--include-pattern must not be empty',
    )
  })
})

describe('schemasOfPatterns', () => {
  it.each([
    [undefined, undefined],
    [[], undefined],
    [
      ['sales.*', 'analytics.e*', 'sales.x'],
      ['analytics', 'sales'],
    ],
    [['*.sales'], undefined],
    [['sales.*', 's*.x'], undefined],
    [['{a,b}.x'], undefined],
    [['nodot'], undefined],
  ])('%j -> %j', (patterns, expected) => {
    expect(schemasOfPatterns(patterns)).toEqual(expected)
  })
})
