import { parseBytea, parseVarbyte } from './parse-bytes.js'
import { parseSuper } from './parse-super.js'
import { parseTimestamp } from './parse-timestamp.js'
import type {
  ColumnTypeText,
  RedshiftTypeInfo,
  TypeParserOptions,
} from './redshift-type-info.js'

const same = (type: string, helper?: string): ColumnTypeText =>
  helper === undefined
    ? { select: type, insert: type, update: type }
    : { select: type, insert: type, update: type, helper }

const asText = (text: string): string => text
const asInteger = (text: string): number => parseInt(text, 10)
const asFloat = (text: string): number => parseFloat(text)
const asBoolean = (text: string): boolean =>
  text === 't' || text === 'true' || text === 'TRUE'

const INT8 = {
  select: 'bigint',
  insert: 'bigint | number | string',
  update: 'bigint | number | string',
  helper: 'Int8',
} as const
const NUMERIC = {
  select: 'string',
  insert: 'string | number | bigint',
  update: 'string | number | bigint',
  helper: 'Numeric',
} as const
const TIMESTAMP = {
  select: 'Date',
  insert: 'Date | string',
  update: 'Date | string',
} as const

function table(entries: RedshiftTypeInfo[]): readonly RedshiftTypeInfo[] {
  return Object.freeze(
    entries.map((info) =>
      Object.freeze({
        ...info,
        aliases: Object.freeze([...info.aliases]),
        ...(info.variants === undefined
          ? {}
          : { variants: Object.freeze({ ...info.variants }) }),
      }),
    ),
  )
}

/**
 * Every Redshift data type with its OID (from the AWS drivers' OID tables),
 * the parser the driver installs for it, and the TypeScript types codegen
 * writes for it. The single source of truth for both.
 *
 * ```ts
 * const bigint = REDSHIFT_TYPES.find((t) => t.oid === 20)
 * bigint?.select // 'bigint'
 * ```
 */
export const REDSHIFT_TYPES: readonly RedshiftTypeInfo[] = table([
  {
    name: 'SMALLINT',
    aliases: ['INT2'],
    oid: 21,
    typname: 'int2',
    ...same('number'),
    parse: asInteger,
  },
  {
    name: 'INTEGER',
    aliases: ['INT', 'INT4'],
    oid: 23,
    typname: 'int4',
    ...same('number'),
    parse: asInteger,
  },
  {
    name: 'BIGINT',
    aliases: ['INT8'],
    oid: 20,
    typname: 'int8',
    ...INT8,
    option: 'int8',
    variants: {
      bigint: INT8,
      string: { ...INT8, select: 'string', helper: 'Int8AsString' },
    },
    // BigInt keeps every digit; a JS number would round past 2^53.
    parse: (text: string, options: TypeParserOptions) =>
      options.int8 === 'string' ? text : BigInt(text),
  },
  {
    name: 'DECIMAL',
    aliases: ['NUMERIC'],
    oid: 1700,
    typname: 'numeric',
    ...NUMERIC,
    option: 'numeric',
    variants: {
      string: NUMERIC,
      number: { ...NUMERIC, select: 'number', helper: 'NumericAsNumber' },
    },
    parse: (text: string, options: TypeParserOptions) =>
      options.numeric === 'number' ? parseFloat(text) : text,
  },
  {
    name: 'REAL',
    aliases: ['FLOAT4'],
    oid: 700,
    typname: 'float4',
    ...same('number'),
    parse: asFloat,
  },
  {
    name: 'DOUBLE PRECISION',
    aliases: ['FLOAT8', 'FLOAT'],
    oid: 701,
    typname: 'float8',
    ...same('number'),
    parse: asFloat,
  },
  {
    name: 'BOOLEAN',
    aliases: ['BOOL'],
    oid: 16,
    typname: 'bool',
    ...same('boolean'),
    parse: asBoolean,
  },
  {
    name: 'CHAR',
    aliases: ['CHARACTER', 'NCHAR', 'BPCHAR'],
    oid: 1042,
    typname: 'bpchar',
    ...same('string'),
    parse: asText,
  },
  {
    name: 'VARCHAR',
    aliases: ['CHARACTER VARYING', 'NVARCHAR', 'TEXT'],
    oid: 1043,
    typname: 'varchar',
    ...same('string'),
    parse: asText,
  },
  {
    // Kept as the server's 'YYYY-MM-DD': a Date would be a midnight in some
    // time zone and shift the day for readers in another.
    name: 'DATE',
    aliases: [],
    oid: 1082,
    typname: 'date',
    ...same('string', 'DateString'),
    parse: asText,
  },
  {
    name: 'TIME',
    aliases: ['TIME WITHOUT TIME ZONE'],
    oid: 1083,
    typname: 'time',
    ...same('string', 'TimeString'),
    parse: asText,
  },
  {
    name: 'TIMETZ',
    aliases: ['TIME WITH TIME ZONE'],
    oid: 1266,
    typname: 'timetz',
    ...same('string', 'TimeString'),
    parse: asText,
  },
  {
    // No zone is stored: read as UTC so the value never depends on TZ.
    name: 'TIMESTAMP',
    aliases: ['TIMESTAMP WITHOUT TIME ZONE'],
    oid: 1114,
    typname: 'timestamp',
    ...TIMESTAMP,
    helper: 'Timestamp',
    parse: parseTimestamp,
  },
  {
    name: 'TIMESTAMPTZ',
    aliases: ['TIMESTAMP WITH TIME ZONE'],
    oid: 1184,
    typname: 'timestamptz',
    ...TIMESTAMP,
    helper: 'Timestamptz',
    parse: parseTimestamp,
  },
  {
    name: 'INTERVAL YEAR TO MONTH',
    aliases: [],
    oid: 1188,
    typname: 'intervaly2m',
    ...same('string', 'TimeString'),
    parse: asText,
  },
  {
    name: 'INTERVAL DAY TO SECOND',
    aliases: [],
    oid: 1190,
    typname: 'intervald2s',
    ...same('string', 'TimeString'),
    parse: asText,
  },
  {
    // pg's default turns intervals into objects; Redshift's own interval
    // types arrive as text, so this one is text too, for one shape.
    name: 'INTERVAL',
    aliases: [],
    oid: 1186,
    typname: 'interval',
    ...same('string', 'TimeString'),
    parse: asText,
  },
  {
    name: 'VARBYTE',
    aliases: ['VARBINARY', 'BINARY VARYING'],
    oid: 6551,
    typname: 'varbyte',
    ...same('Buffer', 'VarByte'),
    parse: parseVarbyte,
  },
  {
    name: 'SUPER',
    aliases: [],
    oid: 4000,
    typname: 'super',
    ...same('JsonValue', 'Super'),
    parse: parseSuper,
  },
  {
    name: 'GEOMETRY',
    aliases: [],
    oid: 3000,
    typname: 'geometry',
    ...same('string', 'GeometryHex'),
    parse: asText,
  },
  {
    name: 'GEOGRAPHY',
    aliases: [],
    oid: 3001,
    typname: 'geography',
    ...same('string', 'GeometryHex'),
    parse: asText,
  },
  {
    // The drivers' name for GEOMETRY sent as hex EWKB.
    name: 'GEOMETRYHEX',
    aliases: [],
    oid: 3999,
    typname: 'geometryhex',
    ...same('string', 'GeometryHex'),
    parse: asText,
  },
  {
    name: 'HLLSKETCH',
    aliases: [],
    oid: 2935,
    typname: 'hllsketch',
    ...same('string'),
    parse: asText,
  },
])

/**
 * PostgreSQL types Redshift does not have, which a plain PostgreSQL server
 * (the local emulator's backing database, a test server) still sends.
 * Parsed the way `pg` does, except that text and byte types stay exact.
 *
 * ```ts
 * POSTGRES_TYPES.find((t) => t.typname === 'bytea')?.select // 'Buffer'
 * ```
 */
export const POSTGRES_TYPES: readonly RedshiftTypeInfo[] = table([
  {
    name: 'TEXT',
    aliases: [],
    oid: 25,
    typname: 'text',
    ...same('string'),
    parse: asText,
  },
  {
    name: 'NAME',
    aliases: [],
    oid: 19,
    typname: 'name',
    ...same('string'),
    parse: asText,
  },
  {
    name: 'BYTEA',
    aliases: [],
    oid: 17,
    typname: 'bytea',
    ...same('Buffer', 'VarByte'),
    parse: parseBytea,
  },
  {
    name: 'JSON',
    aliases: [],
    oid: 114,
    typname: 'json',
    ...same('JsonValue', 'Super'),
    parse: parseSuper,
  },
  {
    name: 'JSONB',
    aliases: [],
    oid: 3802,
    typname: 'jsonb',
    ...same('JsonValue', 'Super'),
    parse: parseSuper,
  },
  {
    name: 'UUID',
    aliases: [],
    oid: 2950,
    typname: 'uuid',
    ...same('string'),
    parse: asText,
  },
])
