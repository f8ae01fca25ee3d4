import {
  printStructure,
  StructureKind,
  type InterfaceDeclarationStructure,
  type PropertySignatureStructure,
  type SourceFileStructure,
} from 'ts-morph'

import type { RelationModel, SchemaModel } from '../model/schema-model.js'
import {
  camelCaseRoundTrips,
  toCamelCase,
  toSnakeCase,
} from './camel-case-names.js'
import { columnType } from './column-type.js'
import { docCode, docText } from './doc-text.js'
import { interfaceNames } from './interface-names.js'
import { prettierLayout, type PrintedMember } from './prettier-layout.js'
import { columnDefinition, relationSummary } from './physical-design.js'
import {
  resolveRenderOptions,
  type RenderOptions,
  type ResolvedRenderOptions,
} from './render-options.js'
import { propertyName, quoteString } from './typescript-names.js'

/**
 * Renders a schema model as the TypeScript file that types Kysely for it:
 * one exported interface per relation and `export interface DB` mapping each
 * relation's key to it (`sales` for relations in `defaultSchemas`,
 * `'analytics.events'` for the rest). Column types come from the type table
 * in `src/types`, so they are what the driver returns under the same `int8`
 * and `numeric` options; views, materialized views and external tables
 * extend `ReadOnlyRelation`, so a `RedshiftClient<DB>` refuses to write to
 * them. Everything is sorted and nothing depends on the clock or the
 * locale: the same model and options always give the same bytes.
 *
 * ```ts
 * import { render } from 'kysely-redshift/codegen'
 *
 * const text = render(model, { int8: 'bigint', defaultSchemas: ['public'] })
 * await writeFile('src/db/generated.ts', text)
 * ```
 */
export function render(model: SchemaModel, options?: RenderOptions): string {
  const resolved = resolveRenderOptions(options)
  const relations = [...model.relations].sort(
    (a, b) => compare(a.schema, b.schema) || compare(a.name, b.name),
  )
  const keys = relationKeys(relations, resolved)
  const names = interfaceNames(keys.map((k) => k.raw))

  const imports = new Set<string>()
  let columnTypeUsed = false
  const interfaces: Interface[] = []
  const dbProperties: (Property & { key: string })[] = []
  const usedKeys = new Map<string, RelationModel>()

  relations.forEach((relation, i) => {
    const name = names[i]!
    const key = keys[i]!.key
    const notes: string[] = []
    const taken = usedKeys.get(key)
    if (taken === undefined) {
      usedKeys.set(key, relation)
      dbProperties.push({
        kind: StructureKind.PropertySignature,
        key,
        name: propertyName(key),
        type: name,
      })
    } else {
      notes.push(
        `Not in \`DB\`: its key ${docCode(key)} is taken by ${docCode(`${taken.schema}.${taken.name}`)}.`,
      )
    }

    const properties: Property[] = []
    const seen = new Map<string, string>()
    for (const column of [...relation.columns].sort(
      (a, b) => a.ordinal - b.ordinal,
    )) {
      const key = resolved.camelCase ? toCamelCase(column.name) : column.name
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        notes.push(
          `Column ${docCode(column.name)} is left out: its key ${docCode(key)} is ${docCode(earlier)}'s.`,
        )
        continue
      }
      seen.set(key, column.name)
      const rendered = columnType(column, resolved)
      rendered.imports.forEach((name) => imports.add(name))
      columnTypeUsed ||= rendered.columnType
      const comment = column.comment === null ? [] : [docText(column.comment)]
      const definition = [
        ...rendered.warnings.map(docText),
        ...(resolved.camelCase && !camelCaseRoundTrips(column.name)
          ? [
              `CamelCasePlugin writes ${docCode(key)} back as ${docCode(toSnakeCase(key))}, not ${docCode(column.name)}: queries through it miss this column.`,
            ]
          : []),
        docCode(columnDefinition(column)),
      ]
      // A comment with a JSDoc tag in it (`@type ...`) goes last: an editor
      // reads everything after a tag as part of it.
      const doc = JSDOC_TAG.test(column.comment ?? '')
        ? [...definition, ...comment]
        : [...comment, ...definition]
      properties.push({
        kind: StructureKind.PropertySignature,
        name: propertyName(key),
        type: rendered.type,
        docs: [doc.join('\n\n')],
      })
    }

    const readOnly = relation.kind !== 'table'
    if (readOnly) {
      imports.add('ReadOnlyRelation')
    }
    interfaces.push({
      kind: StructureKind.Interface,
      name,
      isExported: true,
      ...(readOnly ? { extends: ['ReadOnlyRelation'] } : {}),
      docs: [
        [
          ...(relation.comment === null ? [] : [docText(relation.comment)]),
          ...relationSummary(relation).map(docText),
          ...notes,
        ].join('\n\n'),
      ],
      properties,
    })
  })

  interfaces.sort((a, b) => compare(a.name, b.name))
  dbProperties.sort((a, b) => compare(a.key, b.key))

  const importDeclarations: string[] = []
  if (columnTypeUsed) {
    importDeclarations.push(importOf(['ColumnType'], 'kysely', resolved))
  }
  if (imports.size > 0) {
    importDeclarations.push(
      importOf([...imports], resolved.importFrom, resolved),
    )
  }

  const db: Interface = {
    kind: StructureKind.Interface,
    name: 'DB',
    isExported: true,
    docs: [
      'Every relation, keyed as Kysely refers to it. Pass to `createRedshift<DB>()`.',
    ],
    properties: dbProperties.map(({ key: _, ...property }) => property),
  }
  const file: SourceFileStructure = {
    kind: StructureKind.SourceFile,
    statements: [header(resolved), ...importDeclarations, ...interfaces, db],
  }
  // Printed, not made a source file of a Project: that would parse the
  // printed text again, which costs as much as printing it, for nothing the
  // layout needs (it knows every member it printed).
  const text = printStructure(file, {
    indentNumberOfSpaces: 2,
    newLine: '\n',
    useSingleQuote: true,
  })
  return prettierLayout(
    text,
    [...interfaces, db].flatMap((i) => i.properties),
  )
}

// Structures whose type is text, so the layout knows what was printed.
type Property = PropertySignatureStructure & PrintedMember
type Interface = InterfaceDeclarationStructure & {
  readonly properties: readonly Property[]
}

const JSDOC_TAG = /(?:^|\s)@\w/

// Code-unit order: the same in every locale, unlike localeCompare.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

interface RelationKey {
  /** The key in `DB`, camel-cased if asked. */
  readonly key: string
  /** The same before camel-casing, which the interface name comes from. */
  readonly raw: string
}

// A relation in a default schema is keyed by its bare name, unless one of
// the same name sits in an earlier default schema: the first schema wins, as
// on Redshift's search_path, and the others keep `schema.name`.
function relationKeys(
  relations: readonly RelationModel[],
  options: ResolvedRenderOptions,
): RelationKey[] {
  const rank = (schema: string) => options.defaultSchemas.indexOf(schema)
  const bare = new Map<string, RelationModel>()
  for (const relation of relations) {
    const r = rank(relation.schema)
    const holder = bare.get(relation.name)
    if (r >= 0 && (holder === undefined || r < rank(holder.schema))) {
      bare.set(relation.name, relation)
    }
  }
  const convert = options.camelCase ? toCamelCase : (name: string) => name
  return relations.map((relation) =>
    bare.get(relation.name) === relation
      ? { key: convert(relation.name), raw: relation.name }
      : {
          key: `${convert(relation.schema)}.${convert(relation.name)}`,
          raw: `${relation.schema}.${relation.name}`,
        },
  )
}

// Written as text, the way Prettier prints it: on one line when it fits in
// 80 columns, else one name per line.
function importOf(
  names: readonly string[],
  moduleSpecifier: string,
  options: ResolvedRenderOptions,
): string {
  const keyword = options.typeOnlyImports ? 'import type' : 'import'
  const sorted = [...names].sort(compare)
  const from = `from ${quoteString(moduleSpecifier)}`
  const line = `${keyword} { ${sorted.join(', ')} } ${from}`
  return line.length <= 80
    ? line
    : `${keyword} {\n${sorted.map((n) => `  ${n},\n`).join('')}} ${from}`
}

// No database name, host or time: the same schema must give the same bytes
// in every environment, or `--verify` in CI would fail against a database
// named differently from the developer's.
function header(options: ResolvedRenderOptions): string {
  const lines = [
    'Generated by kysely-redshift codegen: do not edit, run `npx codegen` again.',
    `Types: int8 as ${options.int8}, numeric as ${options.numeric}; create the client with the same \`types\` option.`,
  ]
  return `/**\n${lines.map((l) => ` * ${docText(l)}`).join('\n')}\n */`
}
