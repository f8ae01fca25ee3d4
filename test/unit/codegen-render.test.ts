import { readFileSync } from 'node:fs'

import { CamelCasePlugin } from 'kysely'
import { ts } from 'ts-morph'
import { describe, expect, it } from 'vitest'

import {
  schemaModelSchema,
  type ColumnModel,
  type RelationModel,
  type SchemaModel,
} from '../../codegen/model/schema-model.js'
import { columnModel } from '../../codegen/model/column-model.js'
import { render } from '../../codegen/render/index.js'

const FIXTURE = new URL('../fixtures/codegen/', import.meta.url)
// The checked-in file imports the column types from this repository.
const IMPORT_FROM = '../../../src/index.js'

const model = schemaModelSchema.parse(
  JSON.parse(readFileSync(new URL('schema-model.json', FIXTURE), 'utf8')),
)

function column(
  name: string,
  dataType: string,
  extra: Partial<ColumnModel> = {},
): ColumnModel {
  return columnModel({ name, ordinal: 1, dataType, nullable: false, ...extra })
}

function table(
  schema: string,
  name: string,
  columns: ColumnModel[],
  kind: RelationModel['kind'] = 'table',
): RelationModel {
  return {
    schema,
    name,
    kind,
    comment: null,
    distStyle: null,
    sortKeyKind: null,
    columns: columns.map((c, i) => ({ ...c, ordinal: i + 1 })),
  }
}

function modelOf(...relations: RelationModel[]): SchemaModel {
  return {
    version: 1,
    source: { kind: 'emulator', database: 'dev' },
    relations,
  }
}

/** The member lines (`name: type`) of one interface in rendered text. */
function members(text: string, name: string): Map<string, string> {
  const file = ts.createSourceFile('db.ts', text, ts.ScriptTarget.Latest, true)
  const found = file.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === name,
  )
  if (found === undefined) {
    throw new Error(`no interface ${name}`)
  }
  return new Map(
    found.members
      .filter(ts.isPropertySignature)
      .map((m) => [
        ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(file),
        m.type!.getText(file),
      ]),
  )
}

describe('render', () => {
  it('matches the checked-in file byte for byte', () => {
    const expected = readFileSync(new URL('expected-db.ts', FIXTURE), 'utf8')
    expect(render(model, { importFrom: IMPORT_FROM })).toBe(expected)
  })

  it('gives the same bytes twice, and whatever order the model lists relations and columns in', () => {
    const first = render(model)
    expect(render(model)).toBe(first)
    const shuffled: SchemaModel = {
      ...model,
      relations: [...model.relations]
        .reverse()
        .map((r) => ({ ...r, columns: [...r.columns].reverse() })),
    }
    expect(render(shuffled)).toBe(first)
  })

  it('parses without a syntax error and keeps every comment inside its block', () => {
    const text = render(model)
    const { diagnostics } = ts.transpileModule(text, {
      reportDiagnostics: true,
    })
    expect(diagnostics).toEqual([])
    expect(text).toContain('may hold *\\/ and must stay')
    const file = ts.createSourceFile('db.ts', text, ts.ScriptTarget.Latest)
    expect(file.statements.filter(ts.isInterfaceDeclaration)).toHaveLength(
      model.relations.length + 1,
    )
  })

  it('follows the int8 and numeric options from the type table', () => {
    const defaults = members(render(model), 'AllTypes')
    expect(defaults.get('c_bigint')).toBe('Int8')
    expect(defaults.get('c_numeric_null')).toBe('Numeric | null')
    const other = members(
      render(model, { int8: 'string', numeric: 'number' }),
      'AllTypes',
    )
    expect(other.get('c_bigint')).toBe('Int8AsString')
    expect(other.get('c_numeric_null')).toBe('NumericAsNumber | null')
    expect(members(render(model, { int8: 'string' }), 'Sales').get('id')).toBe(
      'GeneratedAlways<Int8AsString>',
    )
    expect(render(model, { int8: 'string', numeric: 'number' })).toContain(
      'Types: int8 as string, numeric as number',
    )
  })

  it('types unknown types as unknown, with a note, instead of failing', () => {
    const text = render(
      modelOf(
        table('public', 't', [column('v', 'tsvector', { nullable: true })]),
      ),
    )
    expect(members(text, 'T').get('v')).toBe('unknown')
    expect(text).toContain('Unknown Redshift type `tsvector`')
  })

  it('types SUPER by its @type tag when it parses, else as JSON with a warning', () => {
    const events = members(render(model), 'Events')
    expect(events.get('payload')).toBe('Super')
    expect(events.get('lines')).toBe('{ items: string[] } | null')
    expect(events.get('status')).toBe("'new' | 'done' | null")
    expect(events.get('handler')).toBe('(() => void) | null')
    expect(events.get('broken')).toBe('Super | null')
    expect(events.get('injected')).toBe('Super | null')
    const text = render(
      modelOf(
        table('public', 't', [
          column('a', 'super', { comment: '@type: Record<string, number>' }),
          column('b', 'super', { comment: 'JSDoc braces @type {string[]}' }),
          column('c', 'super', { comment: '@type' }),
          column('d', 'integer', { comment: '@type string' }),
        ]),
      ),
    )
    const t = members(text, 'T')
    expect(t.get('a')).toBe('Record<string, number>')
    expect(t.get('b')).toBe('string[]')
    expect(t.get('c')).toBe('Super')
    expect(t.get('d')).toBe('number')
    expect(text).toContain('the tag names no type')
  })

  it('writes Generated and GeneratedAlways for defaults and IDENTITY', () => {
    const sales = members(render(model), 'Sales')
    expect(sales.get('id')).toBe('GeneratedAlways<Int8>')
    expect(sales.get('sold_at')).toBe('Generated<Timestamp>')
    expect(sales.get('note')).toBe('Generated<string | null>')
    expect(sales.get('region')).toBe('string | null')
    expect(members(render(model), 'Events').get('id')).toBe('Generated<Int8>')
  })

  it('marks views, materialized views and external tables read-only', () => {
    const text = render(model)
    for (const name of [
      'SalesSummary',
      'RecentSales',
      'DailySales',
      'SpectrumClicks',
    ]) {
      expect(text).toContain(
        `export interface ${name} extends ReadOnlyRelation {`,
      )
    }
    expect(text).toContain('export interface Sales {')
  })

  it('keys relations outside the default schemas by schema.name, the first default schema winning a shared name', () => {
    const two = modelOf(
      table('analytics', 'events', [column('a', 'integer')]),
      table('public', 'events', [column('b', 'integer')]),
    )
    const db = members(render(two), 'DB')
    expect([...db]).toEqual([
      ['analytics.events', 'AnalyticsEvents'],
      ['events', 'Events'],
    ])
    const both = members(
      render(two, { defaultSchemas: ['analytics', 'public'] }),
      'DB',
    )
    expect([...both]).toEqual([
      ['events', 'Events'],
      ['public.events', 'PublicEvents'],
    ])
  })

  it('derives distinct, valid interface names', () => {
    const text = render(
      modelOf(
        table('public', 'Events', [column('a', 'integer')]),
        table('public', 'events', [column('a', 'integer')]),
        table('public', 'db', [column('a', 'integer')]),
        table('public', 'int8', [column('a', 'integer')]),
        table('public', '2024_sales', [column('a', 'integer')]),
        table('public', '📈', [column('a', 'integer')]),
      ),
    )
    const db = members(text, 'DB')
    expect(db.get('Events')).toBe('Events')
    expect(db.get('events')).toBe('Events2')
    expect(db.get('db')).toBe('Db')
    expect(db.get('int8')).toBe('Int82')
    expect(db.get('2024_sales')).toBe('T2024Sales')
    expect(db.get('📈')).toBe('Relation')
    expect(
      ts.transpileModule(text, { reportDiagnostics: true }).diagnostics,
    ).toEqual([])
  })

  it('converts names exactly as CamelCasePlugin does', async () => {
    const names = [
      'foo_bar',
      'foo__bar',
      '_foo',
      'foo_',
      'foo_1',
      'foo_1_bar',
      'a_b_c',
      'FOO_BAR',
      'MixedCase_x',
      'snake_Case',
      'user_id2',
      'x',
      'café_crème',
    ]
    const text = render(
      modelOf(
        table(
          'web_analytics',
          'page_views',
          names.map((n) => column(n, 'integer')),
        ),
      ),
      { camelCase: true },
    )
    const plugin = new CamelCasePlugin()
    const { rows } = await plugin.transformResult({
      queryId: { queryId: 'camel' },
      result: { rows: [Object.fromEntries(names.map((n) => [n, 0]))] },
    })
    expect([...members(text, 'WebAnalyticsPageViews').keys()]).toEqual(
      Object.keys(rows[0]!),
    )
    expect([...members(text, 'DB').keys()]).toEqual(['webAnalytics.pageViews'])
    // Names the plugin cannot write back get a note instead of silence.
    expect(text).toContain(
      'CamelCasePlugin writes `MixedCaseX` back as `mixed_case_x`, not `MixedCase_x`',
    )
    expect(text).not.toContain('back as `sold_at`')
  })

  it('writes import type by default and a plain import when asked', () => {
    expect(render(model)).toMatch(/^import type \{$/m)
    expect(render(model)).toContain("} from 'kysely-redshift'")
    const plain = render(model, {
      typeOnlyImports: false,
      importFrom: 'my-types',
    })
    expect(plain).toMatch(/^import \{$/m)
    expect(plain).not.toContain('import type')
    expect(plain).toContain("} from 'my-types'")
  })

  it('renders 2,000 tables of 20 columns (timing reported, not asserted)', () => {
    const types = [
      'bigint',
      'integer',
      'character varying(256)',
      'numeric(12,2)',
      'timestamp without time zone',
      'boolean',
      'super',
      'date',
      'double precision',
      'smallint',
    ]
    const big = modelOf(
      ...Array.from({ length: 2000 }, (_, t) =>
        table(
          t % 2 === 0 ? 'public' : 'analytics',
          `table_${t}`,
          Array.from({ length: 20 }, (_, c) =>
            column(`column_${c}`, types[c % types.length]!, {
              nullable: c % 2 === 0,
              default: c === 3 ? 'getdate()' : null,
              identity:
                c === 0 ? { generation: 'always', seed: 1, step: 1 } : null,
              comment: c % 5 === 0 ? `Column ${c} of table ${t}` : null,
              encoding: 'az64',
              distKey: c === 1,
              sortKeyPosition: c === 2 ? 1 : 0,
            }),
          ),
          t % 10 === 0 ? 'view' : 'table',
        ),
      ),
    )
    render(modelOf(table('public', 'warm', [column('a', 'integer')])))
    const start = performance.now()
    const text = render(big)
    const ms = performance.now() - start
    console.log(
      `render: 2,000 tables x 20 columns in ${Math.round(ms)} ms (${text.length} characters)`,
    )
    expect(text).toContain('export interface AnalyticsTable1 {')
  })
})
