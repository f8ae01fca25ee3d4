import { reject } from '../../errors/reject.js'
import { quoteLiteral } from '../quote.js'
import { readLocation } from './create-external-table.js'
import { readAlterFileFormat } from './external-file-format.js'
import { checkTableProperties } from './external-table-properties.js'
import { type SpectrumCursor, SpectrumSyntaxError } from './spectrum-cursor.js'

/**
 * Whether the tokens after `ALTER TABLE name` start one of the forms only
 * external tables have (ADD / DROP PARTITION, PARTITION ... SET LOCATION,
 * SET LOCATION, SET FILE FORMAT, SET TABLE PROPERTIES). PostgreSQL's own
 * `ADD partition int` (a column named partition) is told apart by the `(`.
 *
 * @example
 * ```ts
 * isExternalAlter(cursor) // true at "add partition (saledate='2008-01-01') ..."
 * ```
 */
export function isExternalAlter(c: SpectrumCursor): boolean {
  const w = c.peekWord()
  if (w === 'add') {
    const at = c.peekWord(1) === 'if' ? 4 : 1
    if (c.peekWord(at) !== 'partition') return false
    // ADD PARTITION IF NOT EXISTS (...), as one of the Guide's examples
    // writes it (r_ALTER_TABLE_external-table.html).
    const open = c.peekWord(at + 1) === 'if' ? at + 4 : at + 1
    return c.peekKind(open) === 'open'
  }
  if (w === 'drop') {
    return c.peekWord(1) === 'partition' && c.peekKind(2) === 'open'
  }
  if (w === 'partition') return c.peekKind(1) === 'open'
  if (w === 'set') {
    const next = c.peekWord(1)
    return (
      next === 'location' ||
      (next === 'file' && c.peekWord(2) === 'format') ||
      (next === 'table' && c.peekWord(2) === 'properties')
    )
  }
  return false
}

/**
 * The ALTER TABLE forms of external tables
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html) as
 * the call that changes the emulator's catalog: `ADD [IF NOT EXISTS]
 * PARTITION (col=value, ...) LOCATION 's3://...' [, ...]` (or `ADD
 * PARTITION IF NOT EXISTS (...)`, as an example of the Guide writes it), `DROP PARTITION
 * (...)`, `PARTITION (...) SET LOCATION '...'`, `SET LOCATION '...'`, `SET
 * FILE FORMAT format` (AVRO, PARQUET, RCFILE, SEQUENCEFILE or TEXTFILE), `SET TABLE PROPERTIES ('k'='v', ...)`. Whether the
 * table is external, and whether a partition names every partition column
 * with a value of its type, is checked when the call runs. Called with the
 * cursor at the form, after `ALTER TABLE name`.
 *
 * @example
 * ```ts
 * alterExternalTable(cursor, ['spectrum', 'sales']) // "CALL redshift_local.alter_external_table('spectrum', 'sales', 'add', ...)"
 * ```
 */
export function alterExternalTable(
  c: SpectrumCursor,
  name: readonly string[],
): string {
  if (name.length !== 2) {
    throw new SpectrumSyntaxError(
      reject.other(
        '42601',
        `external table "${name.join('.')}" must be qualified by its external schema`,
        undefined,
        'search_path does not apply to external schemas',
      ),
    )
  }
  let action: string
  let args: Record<string, unknown>
  if (c.word('add')) {
    let ifNotExists = c.word('if', 'not', 'exists')
    const partitions: { spec: Record<string, string>; location: string }[] = []
    do {
      c.expectWords('partition')
      if (partitions.length === 0 && !ifNotExists)
        ifNotExists = c.word('if', 'not', 'exists')
      const spec = readSpec(c)
      c.expectWords('location')
      partitions.push({ spec, location: readLocation(c) })
      c.take('comma')
    } while (c.peekWord() === 'partition')
    action = 'add'
    args = { if_not_exists: ifNotExists, partitions }
  } else if (c.word('drop', 'partition')) {
    action = 'drop'
    args = { spec: readSpec(c) }
  } else if (c.word('partition')) {
    const spec = readSpec(c)
    c.expectWords('set', 'location')
    action = 'partition_location'
    args = { spec, location: readLocation(c) }
  } else if (c.word('set', 'location')) {
    action = 'location'
    args = { location: readLocation(c) }
  } else if (c.word('set', 'file', 'format')) {
    const format = readAlterFileFormat(c)
    action = 'file_format'
    args = {
      input_format: format.inputFormat,
      output_format: format.outputFormat,
      serialization_lib: format.serializationLib,
    }
  } else {
    c.expectWords('set', 'table', 'properties')
    const properties = c.expectProperties('TABLE PROPERTIES')
    const bad = checkTableProperties(properties)
    if (bad !== undefined) throw new SpectrumSyntaxError(bad)
    action = 'table_properties'
    args = { properties }
  }
  if (!c.done) throw c.syntaxError()
  return `CALL redshift_local.alter_external_table(${quoteLiteral(name[0]!)}, ${quoteLiteral(name[1]!)}, ${quoteLiteral(action)}, ${quoteLiteral(JSON.stringify(args))}::jsonb)`
}

/** `( column = value [, ...] )`: values are string or number literals. */
function readSpec(c: SpectrumCursor): Record<string, string> {
  c.expect('open')
  const spec: Record<string, string> = {}
  do {
    const column = c.expectName('partition column')
    c.expectEquals()
    const value = c.literal() ?? c.number()
    if (value === undefined)
      throw c.syntaxError('a partition value is a literal')
    if (Object.hasOwn(spec, column)) {
      throw new SpectrumSyntaxError(
        reject.other(
          '42701',
          `partition column "${column}" specified more than once`,
        ),
      )
    }
    spec[column] = value
  } while (c.take('comma'))
  c.expect('close')
  return spec
}
