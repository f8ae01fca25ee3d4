export type {
  DateString,
  GeometryHex,
  Int8,
  Int8AsString,
  Int8Input,
  JsonArray,
  JsonObject,
  JsonPrimitive,
  JsonValue,
  Numeric,
  NumericAsNumber,
  NumericInput,
  Super,
  SuperInput,
  TimeString,
  Timestamp,
  Timestamptz,
  VarByte,
} from './column-types.js'
export {
  createTypeParsers,
  DEFAULT_TYPE_PARSER_OPTIONS,
  type PgTypes,
} from './create-type-parsers.js'
export { findTypeInfo, resolveColumnType } from './find-type-info.js'
export type { Generated, GeneratedAlways } from './generated.js'
export { parseBytea, parseVarbyte } from './parse-bytes.js'
export { parseSuper } from './parse-super.js'
export { parseTimestamp } from './parse-timestamp.js'
export { prepareValue } from './prepare-value.js'
export type {
  DeleteFromResult,
  MergeIntoResult,
  ReadOnlyRelation,
  ReadOnlyRelationName,
  UpdateTableResult,
  WritableDeleteFrom,
  WritableInsertInto,
  WritableMergeInto,
  WritableRelationName,
  WritableReplaceInto,
  WritableTableExpression,
  WritableTableExpressionOrList,
  WritableTableReference,
  WritableUpdateTable,
} from './read-only-relation.js'
export type {
  ColumnTypeText,
  RedshiftTypeInfo,
  TypeOption,
  TypeParserOptions,
} from './redshift-type-info.js'
export { POSTGRES_TYPES, REDSHIFT_TYPES } from './redshift-types.js'
