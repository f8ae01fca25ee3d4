import type { ColumnType } from 'kysely'

/** A JSON scalar. */
export type JsonPrimitive = string | number | boolean | null

/** A JSON array. */
export type JsonArray = JsonValue[]

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue }

/**
 * Any JSON value: what a SUPER column holds and what the driver returns for it.
 *
 * ```ts
 * const tags: JsonValue = { region: 'eu', ids: [1, 2] }
 * ```
 */
export type JsonValue = JsonPrimitive | JsonArray | JsonObject

/** The values accepted for a BIGINT column on insert and update. */
export type Int8Input = bigint | number | string

/**
 * BIGINT / INT8, read as `bigint` (the default `types.int8: 'bigint'`), so
 * values beyond 2^53 keep every digit.
 *
 * ```ts
 * // Our Generated, not Kysely's: Kysely's would nest the ColumnType and
 * // select `id` as an object type instead of a bigint.
 * import type { Generated, Int8 } from 'kysely-redshift'
 *
 * interface Events { id: Generated<Int8>; user_id: Int8 }
 * ```
 */
export type Int8 = ColumnType<bigint, Int8Input, Int8Input>

/** BIGINT / INT8 read as a decimal string (`types.int8: 'string'`). */
export type Int8AsString = ColumnType<string, Int8Input, Int8Input>

/** The values accepted for a DECIMAL column on insert and update. */
export type NumericInput = string | number | bigint

/**
 * DECIMAL / NUMERIC, read as the exact decimal string the server sent (the
 * default `types.numeric: 'string'`), e.g. `'1.10'`.
 *
 * ```ts
 * interface Sales { price: Numeric }
 * ```
 */
export type Numeric = ColumnType<string, NumericInput, NumericInput>

/** DECIMAL / NUMERIC read as a JS number (`types.numeric: 'number'`), which rounds past 15–17 digits. */
export type NumericAsNumber = ColumnType<number, NumericInput, NumericInput>

/**
 * SUPER: read as the parsed JSON value. To write an object or array, pass it
 * through `JSON_PARSE`; a plain bound string would be stored as a SUPER string.
 *
 * ```ts
 * await db
 *   .insertInto('events')
 *   .values({ payload: sql<JsonValue>`json_parse(${JSON.stringify(doc)})` })
 *   .execute()
 * ```
 */
export type Super = ColumnType<JsonValue, SuperInput, SuperInput>

/**
 * What a SUPER column takes on insert and update: any JSON value but a
 * top-level `null`, which the driver sends as SQL NULL. So a NOT NULL SUPER
 * column is required on insert; a nullable one is `Super | null`.
 *
 * ```ts
 * const tags: SuperInput = ['a', 'b']
 * ```
 */
export type SuperInput = Exclude<JsonValue, null>

/**
 * VARBYTE / VARBINARY (and PostgreSQL's BYTEA): read as a Buffer.
 *
 * ```ts
 * interface Files { digest: VarByte }
 * ```
 */
export type VarByte = ColumnType<Buffer, Buffer, Buffer>

/**
 * TIMESTAMP (without time zone): read as a Date whose UTC fields are the
 * stored wall-clock value, whatever the process's time zone. Redshift stores
 * no zone for this type, so UTC is the only reading that never shifts.
 *
 * ```ts
 * import type { Generated, Timestamp } from 'kysely-redshift'
 *
 * interface Sales { sold_at: Timestamp; loaded_at: Generated<Timestamp> }
 * ```
 */
export type Timestamp = ColumnType<Date, Date | string, Date | string>

/** TIMESTAMPTZ: read as a Date (an instant). */
export type Timestamptz = ColumnType<Date, Date | string, Date | string>

/** DATE: read as the `'YYYY-MM-DD'` string the server sent, never shifted by a time zone. */
export type DateString = string

/** TIME, TIMETZ and the INTERVAL types: read as the server's text. */
export type TimeString = string

/** GEOMETRY / GEOGRAPHY: read as the server's hex EWKB text. */
export type GeometryHex = string
