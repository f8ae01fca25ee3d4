import { nodeType, type PgNode } from './parse-tree.js'

/** The schema of another database an alias schema names. */
export interface SchemaAliasTarget {
  readonly database: string
  readonly schema: string
}

/** What a statement does to the alias schemas of the database it runs in. */
export type SchemaAliasChange =
  | {
      readonly kind: 'create'
      readonly alias: string
      readonly target: SchemaAliasTarget
      readonly ifNotExists: boolean
    }
  | { readonly kind: 'drop'; readonly names: readonly string[] }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string }

/**
 * The alias schemas of each database (`CREATE EXTERNAL SCHEMA name FROM
 * REDSHIFT DATABASE 'db' SCHEMA 'schema'`), by database: a statement that
 * names `alias.object` in the database that has the alias reads
 * `db.schema.object` (see three-part-names.ts). Seeded from each database's
 * catalog when the emulator sets it up and kept up to date by the
 * statements that create, drop and rename them; a read checks its alias
 * against the catalog before it runs, so one changed behind the emulator's
 * back (another emulator, a rolled-back CREATE) is corrected there.
 *
 * @example
 * ```ts
 * const aliases = new SchemaAliases()
 * aliases.set('db2', 'db1_public_sch', { database: 'db1', schema: 'public' })
 * aliases.get('db2', 'db1_public_sch') // { database: 'db1', schema: 'public' }
 * ```
 */
export class SchemaAliases {
  readonly #byDatabase = new Map<string, Map<string, SchemaAliasTarget>>()
  readonly #names = new Set<string>()
  #onChange: (() => void) | undefined

  /** Called when a name none had becomes an alias (cached plans are forgotten). */
  onChange(listener: () => void): void {
    this.#onChange = listener
  }

  /** Whether `name` is an alias in some database (a cheap first test). */
  mayBe(name: string): boolean {
    return this.#names.has(name)
  }

  /** Whether any database has an alias. */
  get size(): number {
    return this.#names.size
  }

  get(database: string, alias: string): SchemaAliasTarget | undefined {
    return this.#byDatabase.get(database)?.get(alias)
  }

  set(database: string, alias: string, target: SchemaAliasTarget): void {
    let aliases = this.#byDatabase.get(database)
    if (aliases === undefined) {
      aliases = new Map()
      this.#byDatabase.set(database, aliases)
    }
    aliases.set(alias, target)
    if (this.#names.has(alias)) return
    // A name stays once seen: another database may still have it.
    this.#names.add(alias)
    this.#onChange?.()
  }

  delete(database: string, alias: string): void {
    this.#byDatabase.get(database)?.delete(alias)
  }

  /** Applies what a statement that succeeded in `database` did. */
  apply(database: string, change: SchemaAliasChange): void {
    switch (change.kind) {
      case 'create':
        // IF NOT EXISTS over a schema already there changed nothing.
        if (
          !change.ifNotExists ||
          this.get(database, change.alias) === undefined
        )
          this.set(database, change.alias, change.target)
        return
      case 'drop':
        for (const name of change.names) this.delete(database, name)
        return
      case 'rename': {
        const target = this.get(database, change.from)
        if (target === undefined) return
        this.delete(database, change.from)
        this.set(database, change.to, target)
      }
    }
  }
}

/**
 * A DROP SCHEMA or ALTER SCHEMA ... RENAME TO whose schemas may be aliases
 * (`may`: a name some database has as one); undefined for any other
 * statement.
 *
 * @example
 * ```ts
 * schemaAliasChangeOf(tree, (n) => aliases.mayBe(n), true) // { kind: 'drop', names: ['db1_public_sch'] }
 * ```
 */
export function schemaAliasChangeOf(
  tree: unknown,
  may: (name: string) => boolean,
  fold: boolean,
): SchemaAliasChange | undefined {
  const [kind, node] = nodeType(tree) ?? []
  const held = (name: string) => (fold ? name.toLowerCase() : name)
  if (kind === 'DropStmt' && node?.['removeType'] === 'OBJECT_SCHEMA') {
    const names = ((node['objects'] ?? []) as PgNode[])
      .map((o) => (o['String'] as PgNode | undefined)?.['sval'])
      .filter((n): n is string => typeof n === 'string')
      .map(held)
      .filter(may)
    return names.length > 0 ? { kind: 'drop', names } : undefined
  }
  if (kind === 'RenameStmt' && node?.['renameType'] === 'OBJECT_SCHEMA') {
    const from = node['subname']
    const to = node['newname']
    if (typeof from !== 'string' || typeof to !== 'string') return undefined
    return may(held(from))
      ? { kind: 'rename', from: held(from), to: held(to) }
      : undefined
  }
  return undefined
}
