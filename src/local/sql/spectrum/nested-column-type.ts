import { reject } from '../../errors/reject.js'
import { MAX_CHAR, MAX_VARCHAR } from '../character-limits.js'
import { MAX_PRECISION } from '../numeric-types.js'
import type { ErrorFields } from '../../protocol/error-fields.js'

/** How deep struct, array and map types may nest. */
const MAX_NESTING = 100

/** The scalar types a nested type may hold, as the catalog spells them. */
const SCALARS: Readonly<Record<string, string>> = {
  smallint: 'smallint',
  int2: 'smallint',
  integer: 'int',
  int: 'int',
  int4: 'int',
  bigint: 'bigint',
  int8: 'bigint',
  real: 'float',
  float4: 'float',
  float: 'double',
  float8: 'double',
  double: 'double',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  string: 'string',
}

/**
 * Reads the text of a nested column type of an external table, `struct<name:
 * type, ...>`, `array<type>` or `map<key, value>`, nested at any depth
 * (https://docs.aws.amazon.com/redshift/latest/dg/tutorial-nested-data-create-table.html),
 * and returns it as the catalog keeps it: lower case, no spaces, Hive's
 * names for the scalars (`int`, `double`, `string`, `varchar(20)`, ...). A
 * map's key is a scalar. How Redshift spells a nested type in
 * SVV_EXTERNAL_COLUMNS is not documented; this is the Hive form a Glue
 * table keeps. Returns the error to send when the text is not such a type.
 *
 * @example
 * ```ts
 * readNestedType('struct<given:varchar(20), family:varchar(20)>', 'name')
 * // 'struct<given:varchar(20),family:varchar(20)>'
 * ```
 */
export function readNestedType(
  text: string,
  column: string,
): string | ErrorFields {
  const parser = new NestedTypeParser(text.toLowerCase(), column)
  try {
    const type = parser.type()
    parser.end()
    return type
  } catch (error) {
    if (error instanceof NestedTypeError) return error.fields
    throw error
  }
}

class NestedTypeError extends Error {
  readonly fields: ErrorFields
  constructor(fields: ErrorFields) {
    super(fields.message)
    this.fields = fields
  }
}

class NestedTypeParser {
  readonly #text: string
  readonly #column: string
  #at = 0
  /** The struct, array and map types open at the cursor. */
  #depth = 0

  constructor(text: string, column: string) {
    this.#text = text
    this.#column = column
  }

  type(): string {
    const word = this.#word()
    if (word !== 'struct' && word !== 'array' && word !== 'map') {
      return this.#scalar(word)
    }
    // "The maximum nesting depth for all nested types is 100"
    // (nested-data-restrictions.html). Redshift's words are not documented.
    if (++this.#depth > MAX_NESTING) {
      throw new NestedTypeError(
        reject.other(
          '0A000',
          `column "${this.#column}" nests types deeper than ${MAX_NESTING} levels`,
          undefined,
          `struct, array and map types nest at most ${MAX_NESTING} deep`,
        ),
      )
    }
    const type = this.#nested(word)
    this.#depth--
    return type
  }

  #nested(word: string): string {
    if (word === 'struct') {
      this.#expect('<')
      const fields: string[] = []
      do {
        const name = this.#fieldName()
        if (name === '') throw this.#error('a struct field is name:type')
        this.#expect(':')
        fields.push(`${name}:${this.type()}`)
      } while (this.#take(','))
      this.#expect('>')
      return `struct<${fields.join(',')}>`
    }
    if (word === 'array') {
      this.#expect('<')
      const element = this.type()
      this.#expect('>')
      // "An array can only contain scalars or struct types" (nested-data-restrictions.html).
      if (/^(array|map)</.test(element))
        throw new NestedTypeError(
          reject.other(
            '0A000',
            `column "${this.#column}" has an array of ${element.slice(0, element.indexOf('<')).toUpperCase()}, which nested types do not support`,
            undefined,
            'an array holds scalars or structs: array<struct<items:array<...>>>',
          ),
        )
      return `array<${element}>`
    }
    // map<key, value>: a map's key is a scalar.
    this.#expect('<')
    const key = this.#scalar(this.#word())
    this.#expect(',')
    const value = this.type()
    this.#expect('>')
    return `map<${key},${value}>`
  }

  end(): void {
    this.#space()
    if (this.#at < this.#text.length) throw this.#error()
  }

  #scalar(word: string): string {
    if (word === 'double') {
      const at = this.#at
      if (this.#word() !== 'precision') this.#at = at
      return 'double'
    }
    if (word === 'character' || word === 'char' || word === 'varchar') {
      let varying = word === 'varchar'
      if (word === 'character') {
        const at = this.#at
        if (this.#word() === 'varying') varying = true
        else this.#at = at
      }
      const length = this.#take('(') ? this.#length(varying) : varying ? 256 : 1
      return `${varying ? 'varchar' : 'char'}(${length})`
    }
    if (word === 'decimal' || word === 'numeric') {
      let precision = 18
      let scale = 0
      if (this.#take('(')) {
        precision = this.#number()
        if (this.#take(',')) scale = this.#number()
        this.#expect(')')
      }
      if (precision < 1 || precision > MAX_PRECISION || scale > precision) {
        throw this.#invalid(
          `DECIMAL(${precision},${scale})`,
          `precision is 1 to ${MAX_PRECISION} and scale at most the precision`,
        )
      }
      return `decimal(${precision},${scale})`
    }
    if (word === '') throw this.#error()
    const scalar = SCALARS[word]
    if (scalar === undefined) {
      throw new NestedTypeError(
        reject.other(
          '0A000',
          `column "${this.#column}" has a nested type of ${word.toUpperCase()}, which external tables do not support`,
          undefined,
          'nested types are struct<name:type, ...>, array<type> and map<key, value> of SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE PRECISION, BOOLEAN, CHAR, VARCHAR, STRING, DATE and TIMESTAMP',
        ),
      )
    }
    return scalar
  }

  /** `n)` or `max)` after a character type's `(`. */
  #length(varying: boolean): number {
    const max = varying ? MAX_VARCHAR : MAX_CHAR
    const at = this.#at
    const length =
      this.#word() === 'max' ? max : ((this.#at = at), this.#number())
    this.#expect(')')
    if (length < 1 || length > max) {
      throw this.#invalid(
        `${varying ? 'VARCHAR' : 'CHAR'}(${length})`,
        `the length is 1 to ${max} bytes`,
      )
    }
    return length
  }

  #space(): void {
    while (/\s/.test(this.#text[this.#at] ?? '')) this.#at++
  }

  #word(): string {
    this.#space()
    const match = /^[a-z_][a-z0-9_$]*/.exec(this.#text.slice(this.#at))
    if (match === null) return ''
    this.#at += match[0].length
    return match[0]
  }

  /** A struct field's name, bare or double-quoted (`"int_col" : int`). */
  #fieldName(): string {
    this.#space()
    const quoted = /^"((?:[^"]|"")+)"/.exec(this.#text.slice(this.#at))
    if (quoted === null) return this.#word()
    this.#at += quoted[0].length
    return quoted[1]!.replace(/""/g, '"')
  }

  #number(): number {
    this.#space()
    const match = /^\d+/.exec(this.#text.slice(this.#at))
    if (match === null) throw this.#error()
    this.#at += match[0].length
    return Number(match[0])
  }

  #take(char: string): boolean {
    this.#space()
    if (this.#text[this.#at] !== char) return false
    this.#at++
    return true
  }

  #expect(char: string): void {
    if (!this.#take(char)) throw this.#error()
  }

  /** The same refusal as a top-level column's (see external-column-type.ts). */
  #invalid(type: string, hint: string): NestedTypeError {
    return new NestedTypeError(
      reject.other(
        '22023',
        `invalid ${type} for column "${this.#column}"`,
        undefined,
        hint,
      ),
    )
  }

  #error(hint?: string): NestedTypeError {
    this.#space()
    const near = this.#text.slice(this.#at).match(/^\S{1,20}/)?.[0]
    return new NestedTypeError(
      near === undefined
        ? reject.other(
            '42601',
            `syntax error at end of the type of column "${this.#column}"`,
            undefined,
            hint,
          )
        : reject.syntax(near, hint),
    )
  }
}
