import { sql, type CompiledQuery, type Kysely } from 'kysely'

import { CommandOptionError } from '../../errors/command-option-error.js'
import {
  compileColumnType,
  type ExternalColumnType,
  type PartitionValueOf,
} from './external-column-type.js'
import type {
  ExternalColumns,
  ExternalTableDefinition,
} from './create-external-table.js'
import {
  partitionSpec,
  type PartitionColumns,
  type PartitionScalar,
} from './partition-spec.js'
import { runSpectrumDdl } from './run-spectrum-ddl.js'
import {
  columnName,
  externalName,
  locationLiteral,
  tablePropertiesClause,
} from './spectrum-clauses.js'
import {
  ALTER_FILE_FORMATS,
  type AlterFileFormat,
  type ExternalTableProperties,
} from './spectrum-rules.js'

const COMMAND = 'ALTER TABLE'

/**
 * The partition values of a table whose partition columns are `P`: one
 * value per partition column, of the column's type. For a table known only
 * by name, any record of values.
 *
 * ```ts
 * const values: PartitionValues<{ saledate: 'date' }> = { saledate: '2008-01-01' }
 * ```
 */
export type PartitionValues<P extends ExternalColumns> = string extends keyof P
  ? Readonly<Record<string, PartitionScalar>>
  : { readonly [K in keyof P]: PartitionValueOf<P[K]> }

interface Props {
  readonly db: Kysely<any>
  readonly name: string
  /** Known when the builder was given the table's definition. */
  readonly partitionColumns?: PartitionColumns
  /** The one action of the statement, once chosen. */
  readonly action?: {
    readonly kind: string
    readonly sql: readonly string[]
  }
  readonly ifNotExists: boolean
}

/**
 * `ALTER TABLE schema.table ...` for an external table: one action per
 * statement, as Redshift takes them (ADD PARTITION may add several
 * partitions at once, optionally IF NOT EXISTS). Immutable, each method
 * returns a new builder. Given the table's definition (the
 * {@link CreateExternalTableBuilder} that created it) rather than its name,
 * partition values are typed by its partition columns and checked against
 * them.
 *
 * ```ts
 * await db.spectrum
 *   .alterExternalTable(sales)
 *   .addPartition({ saledate: '2008-01-01' }, 's3://bucket/sales/saledate=2008-01-01/')
 *   .addPartition({ saledate: '2008-02-01' }, 's3://bucket/sales/saledate=2008-02-01/')
 *   .ifNotExists()
 *   .execute()
 * ```
 */
export class AlterExternalTableBuilder<
  P extends ExternalColumns = ExternalColumns,
> {
  readonly #props: Props

  constructor(props: Props) {
    externalName(COMMAND, 'table', props.name)
    this.#props = Object.freeze(props)
  }

  /** `ADD PARTITION (col='value', ...) LOCATION 's3://...'`; call again to add several. */
  addPartition(
    values: PartitionValues<P>,
    location: string,
  ): AlterExternalTableBuilder<P> {
    const spec = partitionSpec(values, this.#props.partitionColumns)
    const held = this.#props.action
    if (held !== undefined && held.kind !== 'ADD PARTITION') this.#oneAction()
    if (held?.sql.some((s) => s.startsWith(`PARTITION ${spec} `))) {
      fail('PARTITION', `the partition ${spec} is added twice`)
    }
    return this.#with('ADD PARTITION', [
      ...(held?.sql ?? []),
      `PARTITION ${spec} LOCATION ${locationLiteral(COMMAND, location)}`,
    ])
  }

  /** `ADD IF NOT EXISTS PARTITION ...`: partitions that exist already are left alone. */
  ifNotExists(): AlterExternalTableBuilder<P> {
    return new AlterExternalTableBuilder({ ...this.#props, ifNotExists: true })
  }

  /** `DROP PARTITION (col='value', ...)`. */
  dropPartition(values: PartitionValues<P>): AlterExternalTableBuilder<P> {
    return this.#only('DROP PARTITION', [
      `DROP PARTITION ${partitionSpec(values, this.#props.partitionColumns)}`,
    ])
  }

  /** `PARTITION (col='value', ...) SET LOCATION 's3://...'`. */
  setPartitionLocation(
    values: PartitionValues<P>,
    location: string,
  ): AlterExternalTableBuilder<P> {
    return this.#only('PARTITION SET LOCATION', [
      `PARTITION ${partitionSpec(values, this.#props.partitionColumns)} SET LOCATION ${locationLiteral(COMMAND, location)}`,
    ])
  }

  /** `SET LOCATION 's3://...'`: where the table's files are. */
  setLocation(location: string): AlterExternalTableBuilder<P> {
    return this.#only('SET LOCATION', [
      `SET LOCATION ${locationLiteral(COMMAND, location)}`,
    ])
  }

  /** `SET FILE FORMAT format`: AVRO, PARQUET, RCFILE, SEQUENCEFILE or TEXTFILE. */
  setFileFormat(format: AlterFileFormat): AlterExternalTableBuilder<P> {
    const keyword = typeof format === 'string' ? format.toUpperCase() : ''
    if (!(ALTER_FILE_FORMATS as readonly string[]).includes(keyword)) {
      throw new CommandOptionError({
        command: COMMAND,
        option: 'SET FILE FORMAT',
        rule: `SET FILE FORMAT takes ${ALTER_FILE_FORMATS.join(', ')}, not ${JSON.stringify(format)}`,
      })
    }
    return this.#only('SET FILE FORMAT', [`SET FILE FORMAT ${keyword}`])
  }

  /** `SET TABLE PROPERTIES ('name'='value', ...)`. */
  setTableProperties(
    properties: ExternalTableProperties,
  ): AlterExternalTableBuilder<P> {
    return this.#only('SET TABLE PROPERTIES', [
      `SET TABLE PROPERTIES ${tablePropertiesClause(COMMAND, properties)}`,
    ])
  }

  /** `ADD COLUMN name type`: a column of the files, of an external type. */
  addColumn(
    name: string,
    type: ExternalColumnType,
  ): AlterExternalTableBuilder<P> {
    if (this.#props.partitionColumns?.some(([n]) => n === name)) {
      fail('ADD COLUMN', `"${name}" is a partition column of the table`)
    }
    const compiled = compileColumnType(COMMAND, 'ADD COLUMN', name, type)
    return this.#only('ADD COLUMN', [
      `ADD COLUMN ${columnName(COMMAND, 'ADD COLUMN', name)} ${compiled.sql}`,
    ])
  }

  /** The statement, with no parameters. */
  compile(): CompiledQuery {
    const { db, name, action, ifNotExists } = this.#props
    if (action === undefined) {
      fail(
        'action',
        'give what to change: .addPartition(), .dropPartition(), .setLocation(), .setFileFormat(), .setTableProperties() or .addColumn()',
      )
    }
    if (ifNotExists && action.kind !== 'ADD PARTITION') {
      fail('IF NOT EXISTS', 'IF NOT EXISTS applies to ADD PARTITION only')
    }
    const head = `ALTER TABLE ${externalName(COMMAND, 'table', name).sql}`
    const body =
      action.kind === 'ADD PARTITION'
        ? `ADD ${ifNotExists ? 'IF NOT EXISTS ' : ''}${action.sql.join(' ')}`
        : action.sql.join(' ')
    return sql.raw(`${head} ${body}`).compile(db)
  }

  /**
   * Runs the statement through the builder's instance; refused with an
   * `ExternalDdlInTransactionError` before it is sent when that instance is
   * a transaction.
   */
  async execute(): Promise<void> {
    await runSpectrumDdl(this.#props.db, this.compile(), COMMAND)
  }

  #only(kind: string, text: readonly string[]): AlterExternalTableBuilder<P> {
    if (this.#props.action !== undefined) this.#oneAction()
    return this.#with(kind, text)
  }

  #with(kind: string, text: readonly string[]): AlterExternalTableBuilder<P> {
    return new AlterExternalTableBuilder({
      ...this.#props,
      action: Object.freeze({ kind, sql: Object.freeze([...text]) }),
    })
  }

  #oneAction(): never {
    return fail(
      'action',
      `this statement already does ${this.#props.action!.kind}: an ALTER TABLE of an external table does one thing`,
    )
  }
}

/**
 * The builder's starting point: a name, or a table's definition (whose
 * partition columns then type and check the partition values).
 *
 * ```ts
 * alterExternalTable(db, 'spectrum.sales').setLocation('s3://bucket/sales/')
 * ```
 */
export function alterExternalTable<P extends ExternalColumns>(
  db: Kysely<any>,
  table: string | ExternalTableDefinition<P>,
): AlterExternalTableBuilder<P> {
  return new AlterExternalTableBuilder<P>(
    typeof table === 'string'
      ? { db, name: table, ifNotExists: false }
      : {
          db,
          name: table.tableName,
          partitionColumns: Object.freeze([...table.partitionColumns]),
          ifNotExists: false,
        },
  )
}

function fail(option: string, rule: string): never {
  throw new CommandOptionError({ command: COMMAND, option, rule })
}
