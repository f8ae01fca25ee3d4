import { sql, type CompiledQuery, type Kysely } from 'kysely'

import { runSpectrumDdl } from './run-spectrum-ddl.js'
import { externalName } from './spectrum-clauses.js'

interface SchemaProps {
  readonly db: Kysely<any>
  readonly name: string
  readonly ifExists: boolean
  readonly dropDatabase: boolean
  readonly behaviour?: 'CASCADE' | 'RESTRICT'
}

/**
 * `DROP SCHEMA [IF EXISTS] name [DROP EXTERNAL DATABASE] [CASCADE |
 * RESTRICT]` for an external schema: immutable, each method returns a new
 * builder. Without `.dropExternalDatabase()` the catalog's database and its
 * tables stay; with it, they are dropped too (for every schema that uses
 * that database).
 *
 * ```ts
 * await db.spectrum.dropExternalSchema('spectrum').ifExists().dropExternalDatabase().cascade().execute()
 * ```
 */
export class DropExternalSchemaBuilder {
  readonly #props: SchemaProps

  constructor(props: SchemaProps) {
    externalName('DROP SCHEMA', 'schema', props.name)
    this.#props = Object.freeze(props)
  }

  /** `IF EXISTS`. */
  ifExists(): DropExternalSchemaBuilder {
    return new DropExternalSchemaBuilder({ ...this.#props, ifExists: true })
  }

  /** `DROP EXTERNAL DATABASE`: drop the catalog's database too. */
  dropExternalDatabase(): DropExternalSchemaBuilder {
    return new DropExternalSchemaBuilder({ ...this.#props, dropDatabase: true })
  }

  /** `CASCADE`: drop the objects that depend on the schema too. */
  cascade(): DropExternalSchemaBuilder {
    return new DropExternalSchemaBuilder({
      ...this.#props,
      behaviour: 'CASCADE',
    })
  }

  /** `RESTRICT` (the default): refuse when objects depend on the schema. */
  restrict(): DropExternalSchemaBuilder {
    return new DropExternalSchemaBuilder({
      ...this.#props,
      behaviour: 'RESTRICT',
    })
  }

  /** The statement, with no parameters. */
  compile(): CompiledQuery {
    const { db, name, ifExists, dropDatabase, behaviour } = this.#props
    const text = [
      'DROP SCHEMA',
      ...(ifExists ? ['IF EXISTS'] : []),
      externalName('DROP SCHEMA', 'schema', name).sql,
      ...(dropDatabase ? ['DROP EXTERNAL DATABASE'] : []),
      ...(behaviour === undefined ? [] : [behaviour]),
    ].join(' ')
    return sql.raw(text).compile(db)
  }

  /** Runs the statement through the builder's instance. */
  async execute(): Promise<void> {
    await runSpectrumDdl(this.#props.db, this.compile())
  }
}

interface TableProps {
  readonly db: Kysely<any>
  readonly name: string
  readonly ifExists: boolean
}

/**
 * `DROP TABLE [IF EXISTS] schema.table` for an external table: the files
 * in S3 stay. Immutable.
 *
 * ```ts
 * await db.spectrum.dropExternalTable('spectrum.sales').ifExists().execute()
 * ```
 */
export class DropExternalTableBuilder {
  readonly #props: TableProps

  constructor(props: TableProps) {
    externalName('DROP TABLE', 'table', props.name)
    this.#props = Object.freeze(props)
  }

  /** `IF EXISTS`. */
  ifExists(): DropExternalTableBuilder {
    return new DropExternalTableBuilder({ ...this.#props, ifExists: true })
  }

  /** The statement, with no parameters. */
  compile(): CompiledQuery {
    const { db, name, ifExists } = this.#props
    return sql
      .raw(
        `DROP TABLE ${ifExists ? 'IF EXISTS ' : ''}${externalName('DROP TABLE', 'table', name).sql}`,
      )
      .compile(db)
  }

  /**
   * Runs the statement through the builder's instance; refused with an
   * `ExternalDdlInTransactionError` before it is sent when that instance is
   * a transaction.
   */
  async execute(): Promise<void> {
    await runSpectrumDdl(this.#props.db, this.compile(), 'DROP TABLE')
  }
}
