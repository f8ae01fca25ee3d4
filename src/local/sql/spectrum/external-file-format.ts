import type { SpectrumCursor } from './spectrum-cursor.js'

/** How an external table's files are read: Hive's class names. */
export interface ExternalFileFormat {
  readonly inputFormat: string
  readonly outputFormat: string
  /** The SerDe a format implies, unless ROW FORMAT names another. */
  readonly serializationLib: string
  /** TEXTFILE and SEQUENCEFILE read ROW FORMAT DELIMITED's terminators. */
  readonly delimited: boolean
}

const LAZY_SIMPLE = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'

/**
 * STORED AS TEXTFILE, also what a table with a SerDe and no STORED AS gets.
 *
 * @example
 * ```ts
 * TEXTFILE.inputFormat // 'org.apache.hadoop.mapred.TextInputFormat'
 * ```
 */
export const TEXTFILE: ExternalFileFormat = {
  inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
  serializationLib: LAZY_SIMPLE,
  delimited: true,
}

/** The STORED AS keywords and what Hive's catalog records for each. */
const FORMATS: Readonly<Record<string, ExternalFileFormat>> = {
  parquet: {
    inputFormat:
      'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    outputFormat:
      'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serializationLib:
      'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    delimited: false,
  },
  textfile: TEXTFILE,
  sequencefile: {
    inputFormat: 'org.apache.hadoop.mapred.SequenceFileInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat',
    serializationLib: LAZY_SIMPLE,
    delimited: true,
  },
  rcfile: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.RCFileInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.RCFileOutputFormat',
    serializationLib: 'org.apache.hadoop.hive.serde2.columnar.ColumnarSerDe',
    delimited: false,
  },
  orc: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat',
    serializationLib: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde',
    delimited: false,
  },
  avro: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat',
    serializationLib: 'org.apache.hadoop.hive.serde2.avro.AvroSerDe',
    delimited: false,
  },
}

/**
 * Reads a file format as STORED AS and SET FILE FORMAT write it: PARQUET,
 * RCFILE, SEQUENCEFILE, TEXTFILE, ORC, AVRO, or `INPUTFORMAT 'class'
 * OUTPUTFORMAT 'class'`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html);
 * anything else is a syntax error naming the word.
 *
 * @example
 * ```ts
 * readFileFormat(cursor).inputFormat // 'org.apache.hadoop.mapred.TextInputFormat' for TEXTFILE
 * ```
 */
export function readFileFormat(c: SpectrumCursor): ExternalFileFormat {
  if (c.word('inputformat')) {
    const inputFormat = c.expectLiteral('the INPUTFORMAT class name')
    c.expectWords('outputformat')
    const outputFormat = c.expectLiteral('the OUTPUTFORMAT class name')
    return {
      inputFormat,
      outputFormat,
      serializationLib: LAZY_SIMPLE,
      delimited: true,
    }
  }
  const format = FORMATS[c.peekWord()]
  if (format === undefined) {
    throw c.syntaxError(
      'the file format is PARQUET, RCFILE, SEQUENCEFILE, TEXTFILE, ORC, AVRO or INPUTFORMAT ... OUTPUTFORMAT ...',
    )
  }
  c.word(c.peekWord())
  return format
}

/** The formats SET FILE FORMAT takes: no ORC, no INPUTFORMAT ... OUTPUTFORMAT. */
const ALTER_FORMATS: ReadonlySet<string> = new Set([
  'avro',
  'parquet',
  'rcfile',
  'sequencefile',
  'textfile',
])

/**
 * Reads the format of ALTER TABLE ... SET FILE FORMAT, whose valid formats
 * are AVRO, PARQUET, RCFILE, SEQUENCEFILE and TEXTFILE
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html): the
 * ORC and `INPUTFORMAT ... OUTPUTFORMAT ...` of CREATE EXTERNAL TABLE are a
 * syntax error here.
 *
 * @example
 * ```ts
 * readAlterFileFormat(cursor).inputFormat // 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat' for AVRO
 * ```
 */
export function readAlterFileFormat(c: SpectrumCursor): ExternalFileFormat {
  if (!ALTER_FORMATS.has(c.peekWord())) {
    throw c.syntaxError(
      'SET FILE FORMAT takes AVRO, PARQUET, RCFILE, SEQUENCEFILE or TEXTFILE',
    )
  }
  return readFileFormat(c)
}
