import { sql, type CompiledQuery, type Kysely } from 'kysely'

import { CommandOptionError } from '../../errors/command-option-error.js'
import { ExternalColumnError } from '../../errors/external-column-error.js'
import { commandLiteral } from '../command-literal.js'
import { checkOptionRules } from '../option-rule.js'
import {
  compileColumnType,
  type CompiledColumnType,
  type ExternalColumnType,
} from './external-column-type.js'
import { runSpectrumDdl } from './run-spectrum-ddl.js'
import {
  columnName,
  externalName,
  fileFormatClause,
  locationLiteral,
  serdePropertiesClause,
  tablePropertiesClause,
} from './spectrum-clauses.js'
import {
  SPECTRUM_RULES,
  type ExternalFileFormat,
  type ExternalTableProperties,
} from './spectrum-rules.js'

const COMMAND = 'CREATE EXTERNAL TABLE'

/** Redshift's cap with the pseudocolumns `$path` and `$size` on (the default). */
const MAX_EXTERNAL_COLUMNS = 1598

/**
 * Column names to their external types, as `.columns()` and `.partitionedBy()` take them.
 *
 * ```ts
 * const columns: ExternalColumns = { salesid: 'integer', pricepaid: 'decimal(8,2)' }
 * ```
 */
export type ExternalColumns = Readonly<Record<string, ExternalColumnType>>

/**
 * What an external table is, as far as the builders that change it need to
 * know: its name and its partition columns with their types. A
 * {@link CreateExternalTableBuilder} is one, so `alterExternalTable(table)`
 * checks partition values against the table's PARTITIONED BY.
 *
 * ```ts
 * const sales: ExternalTableDefinition<{ saledate: 'date' }> = db.spectrum.createExternalTable('spectrum.sales')...
 * ```
 */
export interface ExternalTableDefinition<
  P extends ExternalColumns = ExternalColumns,
> {
  /** `schema.table`. */
  readonly tableName: string
  /** Types only: the partition columns' types, which type partition values. */
  readonly partitionTypes?: P
  /** The partition columns, in PARTITIONED BY order, with their types. */
  readonly partitionColumns: readonly (readonly [
    name: keyof P & string,
    type: CompiledColumnType,
  ])[]
}

/**
 * Options of `.rowFormatDelimited()`: each terminator is one ASCII character.
 *
 * ```ts
 * const format: RowFormatDelimited = { fieldsTerminatedBy: '|', linesTerminatedBy: '\n' }
 * ```
 */
export interface RowFormatDelimited {
  /** `FIELDS TERMINATED BY 'c'` (Redshift's default is `\u0001`, Ctrl-A). */
  readonly fieldsTerminatedBy?: string
  /** `LINES TERMINATED BY 'c'` (default `\n`). */
  readonly linesTerminatedBy?: string
}

interface Clause {
  readonly keywords: readonly string[]
  readonly sql: string
}

interface Props {
  readonly db: Kysely<any>
  readonly name: string
  readonly columns: readonly (readonly [string, CompiledColumnType])[]
  readonly partitions: readonly (readonly [string, CompiledColumnType])[]
  readonly rowFormat?: Clause
  readonly storedAs?: string
  readonly location?: string
  readonly properties?: string
}

/**
 * `CREATE EXTERNAL TABLE schema.table (col type, ...) [PARTITIONED BY (...)]
 * [ROW FORMAT ...] STORED AS format LOCATION 's3://...' [TABLE PROPERTIES
 * (...)]`: immutable, each method returns a new builder. `C` and `P` are
 * the columns and partition columns given so far, so
 * `db.spectrum.alterExternalTable(table)` types its partition values.
 * Every value is checked where it is given (a column type an external
 * table cannot take, a non-S3 location, an unknown file format or table
 * property) and the option rules when it compiles.
 *
 * ```ts
 * const sales = db.spectrum
 *   .createExternalTable('spectrum.sales')
 *   .columns({ salesid: 'integer', pricepaid: 'decimal(8,2)', saletime: 'timestamp' })
 *   .partitionedBy({ saledate: 'date' })
 *   .rowFormatDelimited({ fieldsTerminatedBy: '\t' })
 *   .storedAs('TEXTFILE')
 *   .location('s3://bucket/tickit/spectrum/sales_partition/')
 *   .tableProperties({ 'skip.header.line.count': 1 })
 * await sales.execute()
 * ```
 */
export class CreateExternalTableBuilder<
  C extends ExternalColumns = {},
  P extends ExternalColumns = {},
> implements ExternalTableDefinition<P> {
  declare readonly partitionTypes?: P
  readonly #props: Props

  constructor(props: Props) {
    externalName(COMMAND, 'table', props.name)
    this.#props = Object.freeze(props)
  }

  /** `schema.table`. */
  get tableName(): string {
    return this.#props.name
  }

  /** The columns given so far, with their types as the statement writes them. */
  get tableColumns(): readonly (readonly [
    name: keyof C & string,
    type: CompiledColumnType,
  ])[] {
    return this.#props.columns as never
  }

  get partitionColumns(): readonly (readonly [
    name: keyof P & string,
    type: CompiledColumnType,
  ])[] {
    return this.#props.partitions as never
  }

  /** One column; a type external tables cannot take is an {@link ExternalColumnError} naming it. */
  column<N extends string, T extends ExternalColumnType>(
    name: N,
    type: T,
  ): CreateExternalTableBuilder<C & { readonly [K in N]: T }, P> {
    return this.columns({ [name]: type } as { readonly [K in N]: T })
  }

  /** Columns in the record's order. */
  columns<R extends ExternalColumns>(
    columns: R,
  ): CreateExternalTableBuilder<C & R, P> {
    const added = compileColumns('column', columns, [
      ...this.#props.columns,
      ...this.#props.partitions,
    ])
    return new CreateExternalTableBuilder({
      ...this.#props,
      columns: Object.freeze([...this.#props.columns, ...added]),
    })
  }

  /** `PARTITIONED BY (col type, ...)`: columns of their own, not of the files. */
  partitionedBy<R extends ExternalColumns>(
    columns: R,
  ): CreateExternalTableBuilder<C, R> {
    if (this.#props.partitions.length > 0) {
      fail('PARTITIONED BY', 'PARTITIONED BY is already set')
    }
    const partitions = compileColumns(
      'PARTITIONED BY',
      columns,
      this.#props.columns,
    )
    if (partitions.length === 0) {
      fail('PARTITIONED BY', 'give at least one partition column')
    }
    return new CreateExternalTableBuilder({
      ...this.#props,
      partitions: Object.freeze(partitions),
    })
  }

  /** `ROW FORMAT DELIMITED [FIELDS TERMINATED BY 'c'] [LINES TERMINATED BY 'c']`. */
  rowFormatDelimited(
    options: RowFormatDelimited = {},
  ): CreateExternalTableBuilder<C, P> {
    const parts = ['ROW FORMAT DELIMITED']
    const terminators = [
      ['FIELDS TERMINATED BY', options.fieldsTerminatedBy],
      ['LINES TERMINATED BY', options.linesTerminatedBy],
    ] as const
    for (const [clause, value] of terminators) {
      if (value === undefined) continue
      const literal = commandLiteral(COMMAND, clause, value)
      if (value.length !== 1 || value.charCodeAt(0) > 0x7f) {
        fail(clause, 'the terminator is a single ASCII character')
      }
      parts.push(`${clause} ${literal}`)
    }
    return this.#rowFormat({
      keywords: ['ROW FORMAT DELIMITED'],
      sql: parts.join(' '),
    })
  }

  /** `ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES ('k'='v', ...)]`. */
  rowFormatSerde(
    serde: string,
    properties?: Readonly<Record<string, string>>,
  ): CreateExternalTableBuilder<C, P> {
    const head = `ROW FORMAT SERDE ${commandLiteral(COMMAND, 'ROW FORMAT SERDE', serde)}`
    return this.#rowFormat(
      properties === undefined
        ? { keywords: ['ROW FORMAT SERDE'], sql: head }
        : {
            keywords: ['ROW FORMAT SERDE', 'WITH SERDEPROPERTIES'],
            sql: `${head} WITH SERDEPROPERTIES ${serdePropertiesClause(properties)}`,
          },
    )
  }

  /** `STORED AS PARQUET | RCFILE | SEQUENCEFILE | TEXTFILE | ORC | AVRO | INPUTFORMAT ... OUTPUTFORMAT ...`. */
  storedAs(format: ExternalFileFormat): CreateExternalTableBuilder<C, P> {
    if (this.#props.storedAs !== undefined) {
      fail('STORED AS', 'STORED AS is already set')
    }
    return new CreateExternalTableBuilder({
      ...this.#props,
      storedAs: fileFormatClause(COMMAND, format),
    })
  }

  /** `LOCATION 's3://bucket/folder/'` (or a manifest file). */
  location(location: string): CreateExternalTableBuilder<C, P> {
    if (this.#props.location !== undefined) {
      fail('LOCATION', 'LOCATION is already set')
    }
    return new CreateExternalTableBuilder({
      ...this.#props,
      location: locationLiteral(COMMAND, location),
    })
  }

  /** `TABLE PROPERTIES ('name'='value', ...)`: the documented properties. */
  tableProperties(
    properties: ExternalTableProperties,
  ): CreateExternalTableBuilder<C, P> {
    if (this.#props.properties !== undefined) {
      fail('TABLE PROPERTIES', 'TABLE PROPERTIES is already set')
    }
    return new CreateExternalTableBuilder({
      ...this.#props,
      properties: tablePropertiesClause(COMMAND, properties),
    })
  }

  /** The statement, with no parameters; checks the option rules first. */
  compile(): CompiledQuery {
    const { db, name, columns, partitions, rowFormat, storedAs, location } =
      this.#props
    if (columns.length === 0) {
      fail('column', 'give at least one column: .columns({ name: type })')
    }
    if (columns.length + partitions.length > MAX_EXTERNAL_COLUMNS) {
      fail(
        'column',
        `an external table has at most ${MAX_EXTERNAL_COLUMNS} columns, partition columns included`,
      )
    }
    checkOptionRules(
      SPECTRUM_RULES,
      new Set([
        'CREATE EXTERNAL TABLE',
        ...(rowFormat?.keywords ?? []),
        ...(storedAs === undefined ? [] : ['STORED AS']),
        ...(location === undefined ? [] : ['LOCATION']),
      ]),
    )
    const list = (cols: Props['columns']) =>
      `(${cols.map(([n, t]) => `${columnName(COMMAND, 'column', n)} ${t.sql}`).join(', ')})`
    const text = [
      `CREATE EXTERNAL TABLE ${externalName(COMMAND, 'table', name).sql} ${list(columns)}`,
      ...(partitions.length > 0 ? [`PARTITIONED BY ${list(partitions)}`] : []),
      ...(rowFormat === undefined ? [] : [rowFormat.sql]),
      `STORED AS ${storedAs!}`,
      `LOCATION ${location!}`,
      ...(this.#props.properties === undefined
        ? []
        : [`TABLE PROPERTIES ${this.#props.properties}`]),
    ].join(' ')
    return sql.raw(text).compile(db)
  }

  /**
   * Runs the statement through the builder's instance; refused with an
   * `ExternalDdlInTransactionError` before it is sent when that instance is
   * a transaction.
   */
  async execute(): Promise<void> {
    await runSpectrumDdl(this.#props.db, this.compile(), COMMAND)
  }

  #rowFormat(clause: Clause): CreateExternalTableBuilder<C, P> {
    if (this.#props.rowFormat !== undefined) {
      checkOptionRules(
        SPECTRUM_RULES,
        new Set([...this.#props.rowFormat.keywords, ...clause.keywords]),
      )
      fail('ROW FORMAT', 'ROW FORMAT is already set')
    }
    return new CreateExternalTableBuilder({
      ...this.#props,
      rowFormat: Object.freeze(clause),
    })
  }
}

function fail(option: string, rule: string): never {
  throw new CommandOptionError({ command: COMMAND, option, rule })
}

function compileColumns(
  option: string,
  columns: unknown,
  existing: readonly (readonly [string, CompiledColumnType])[],
): (readonly [string, CompiledColumnType])[] {
  if (typeof columns !== 'object' || columns === null) {
    return fail(option, 'give the columns as a record: { name: type }')
  }
  const taken = new Set(existing.map(([name]) => name))
  return Object.entries(columns).map(([name, type]) => {
    columnName(COMMAND, option, name)
    if (taken.has(name)) {
      throw new ExternalColumnError({
        command: COMMAND,
        option,
        column: name,
        rule:
          option === 'PARTITIONED BY'
            ? 'a partition column is not also a column of the files; give it a name of its own'
            : 'the column is given twice',
      })
    }
    taken.add(name)
    return Object.freeze([
      name,
      compileColumnType(COMMAND, option, name, type),
    ] as const)
  })
}
