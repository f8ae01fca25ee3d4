import { sql as rawSql, type CompiledQuery, type Kysely } from 'kysely'

import { compileAuthorization, type Authorization } from '../authorization.js'
import { compileCopy, parseSource } from './compile-copy.js'
import type {
  CopyAvroOption,
  CopyEncoding,
  CopyJsonOption,
  CopyRawValue,
  CopyShapefileOptions,
} from './copy-builder.js'
import type { CopyExecuteOptions, CopyResult } from './copy-result.js'
import { withOption, type CopyOption, type CopyState } from './copy-state.js'
import {
  bareWord,
  fail,
  integerArgument,
  literalArgument,
  singleCharacter,
} from './copy-values.js'
import { executeCopy } from './execute-copy.js'

/** The largest INT4, the bound Redshift gives most counts. */
const INT4_MAX = 2_147_483_647

const ENCODINGS = new Set(['UTF8', 'UTF16', 'UTF16LE', 'UTF16BE'])

/** What the builder keeps besides the state: the instance it runs through. */
export interface CopyTarget {
  readonly db: Kysely<any>
  /** The quoted target, `"schema"."table" ("a", "b")`. */
  readonly target: string
}

/**
 * The one runtime class behind every {@link CopyBuilder} type: each method
 * returns a new instance over new frozen state. The types decide which
 * methods a caller sees; the class has them all, and the rules table refuses
 * what the types could not see, at compile time.
 *
 * ```ts
 * new CopyCommand({ db, target: '"sales"' }, { table: ['sales'], options: [] })
 *   .from('s3://b/k').iamRole('default').compile()
 * ```
 */
export class CopyCommand {
  readonly #target: CopyTarget
  readonly #state: CopyState

  constructor(target: CopyTarget, state: CopyState) {
    this.#target = target
    this.#state = Object.freeze(state)
    Object.freeze(this)
  }

  /** The builder's state (frozen), for tools and tests. */
  get state(): CopyState {
    return this.#state
  }

  from(url: string): CopyCommand {
    return this.#with({ ...this.#state, source: parseSource(url) })
  }

  // Authorization: checked now (so the error points at the call), compiled
  // again by compile().
  iamRole(role: 'default' | string | readonly string[]): CopyCommand {
    return this.authorize({ iamRole: role })
  }
  accessKey(key: {
    readonly accessKeyId: string
    readonly secretAccessKey: string
    readonly sessionToken?: string
  }): CopyCommand {
    return this.authorize({
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      ...(key.sessionToken === undefined
        ? {}
        : { sessionToken: key.sessionToken }),
    })
  }
  credentials(credentials: string): CopyCommand {
    return this.authorize({ credentials })
  }
  authorize(authorization: Authorization): CopyCommand {
    compileAuthorization('COPY', authorization)
    return this.#with({
      ...this.#state,
      authorization: Object.freeze({ ...authorization }),
    })
  }

  // Source parameters.
  manifest(): CopyCommand {
    return this.#flag('MANIFEST')
  }
  ssh(): CopyCommand {
    return this.#flag('SSH')
  }
  encrypted(): CopyCommand {
    return this.#flag('ENCRYPTED')
  }
  region(region: string): CopyCommand {
    return this.#set('REGION', `REGION ${literalArgument('REGION', region)}`)
  }
  readRatio(percent: number): CopyCommand {
    const n = integerArgument('READRATIO', percent, 1, 200)
    return this.#set('READRATIO', `READRATIO ${n}`)
  }

  // Formats.
  csv(options: { readonly quote?: string } = {}): CopyCommand {
    if (options.quote === undefined) return this.#flag('CSV')
    const quote = singleCharacter('QUOTE', options.quote, { ascii: false })
    return this.#add({
      keyword: 'CSV',
      sql: `CSV QUOTE AS ${literalArgument('QUOTE', quote)}`,
      implies: ['QUOTE'],
    })
  }
  delimiter(char: string): CopyCommand {
    const delimiter = singleCharacter('DELIMITER', char, { ascii: true })
    return this.#set(
      'DELIMITER',
      `DELIMITER ${literalArgument('DELIMITER', delimiter)}`,
    )
  }
  fixedWidth(
    columns: readonly (readonly [label: string, width: number])[],
  ): CopyCommand {
    if (!Array.isArray(columns) || columns.length === 0) {
      fail('FIXEDWIDTH', "takes at least one ['label', width] pair")
    }
    const spec = columns
      .map((pair, index) => {
        const [label, width] = Array.isArray(pair) ? pair : []
        if (typeof label !== 'string' || !/^[^:,]+$/.test(label)) {
          fail(
            'FIXEDWIDTH',
            `label ${index} must be a non-empty string without ':' or ','`,
          )
        }
        return `${label}:${integerArgument(`FIXEDWIDTH width ${index}`, width as number, 1, INT4_MAX)}`
      })
      .join(',')
    return this.#set(
      'FIXEDWIDTH',
      `FIXEDWIDTH ${literalArgument('FIXEDWIDTH', spec)}`,
    )
  }
  json(option: CopyJsonOption = 'auto'): CopyCommand {
    return this.#set('JSON', `FORMAT AS JSON ${mappingOption('JSON', option)}`)
  }
  avro(option: CopyAvroOption = 'auto'): CopyCommand {
    if ((option as string) === 'noshred') {
      fail('AVRO', "takes 'auto', 'auto ignorecase' or a JSONPaths s3:// URL")
    }
    return this.#set('AVRO', `FORMAT AS AVRO ${mappingOption('AVRO', option)}`)
  }
  parquet(): CopyCommand {
    return this.#set('PARQUET', 'FORMAT AS PARQUET')
  }
  orc(): CopyCommand {
    return this.#set('ORC', 'FORMAT AS ORC')
  }
  serializeToJson(): CopyCommand {
    return this.#flag('SERIALIZETOJSON')
  }
  shapefile(options: CopyShapefileOptions = {}): CopyCommand {
    const { simplify } = options
    if (simplify === undefined) {
      return this.#set('SHAPEFILE', 'FORMAT AS SHAPEFILE')
    }
    let sql = 'FORMAT AS SHAPEFILE SIMPLIFY'
    if (simplify !== true) {
      if (simplify.auto === true) sql += ' AUTO'
      if (simplify.tolerance !== undefined) {
        const tolerance = simplify.tolerance
        if (
          typeof tolerance !== 'number' ||
          !Number.isFinite(tolerance) ||
          tolerance < 0
        ) {
          fail('SIMPLIFY', 'the tolerance is a finite number >= 0')
        }
        // A finite number prints as digits, '.', 'e' and a sign only.
        sql += ` ${String(tolerance).toUpperCase()}`
      }
    }
    return this.#add({ keyword: 'SHAPEFILE', sql, implies: ['SIMPLIFY'] })
  }

  // Compression.
  gzip(): CopyCommand {
    return this.#flag('GZIP')
  }
  bzip2(): CopyCommand {
    return this.#flag('BZIP2')
  }
  lzop(): CopyCommand {
    return this.#flag('LZOP')
  }
  zstd(): CopyCommand {
    return this.#flag('ZSTD')
  }

  // Data conversion.
  acceptAnyDate(): CopyCommand {
    return this.#flag('ACCEPTANYDATE')
  }
  acceptInvChars(replacement?: string): CopyCommand {
    if (replacement === undefined) return this.#flag('ACCEPTINVCHARS')
    const char = singleCharacter('ACCEPTINVCHARS', replacement, { ascii: true })
    return this.#set(
      'ACCEPTINVCHARS',
      `ACCEPTINVCHARS AS ${literalArgument('ACCEPTINVCHARS', char)}`,
    )
  }
  blanksAsNull(): CopyCommand {
    return this.#flag('BLANKSASNULL')
  }
  dateFormat(format: string): CopyCommand {
    return this.#set(
      'DATEFORMAT',
      `DATEFORMAT ${literalArgument('DATEFORMAT', format)}`,
    )
  }
  emptyAsNull(): CopyCommand {
    return this.#flag('EMPTYASNULL')
  }
  encoding(encoding: CopyEncoding): CopyCommand {
    if (!ENCODINGS.has(encoding)) {
      fail('ENCODING', `takes one of ${[...ENCODINGS].join(', ')}`)
    }
    return this.#set('ENCODING', `ENCODING ${encoding}`)
  }
  escape(): CopyCommand {
    return this.#flag('ESCAPE')
  }
  explicitIds(): CopyCommand {
    return this.#flag('EXPLICIT_IDS')
  }
  fillRecord(): CopyCommand {
    return this.#flag('FILLRECORD')
  }
  ignoreBlankLines(): CopyCommand {
    return this.#flag('IGNOREBLANKLINES')
  }
  ignoreHeader(lines: number): CopyCommand {
    const n = integerArgument('IGNOREHEADER', lines, 0, INT4_MAX)
    return this.#set('IGNOREHEADER', `IGNOREHEADER ${n}`)
  }
  nullAs(nullString: string): CopyCommand {
    if (typeof nullString === 'string' && nullString.includes('\n')) {
      fail('NULL AS', 'cannot contain a newline: Redshift ends a line there')
    }
    const literal = literalArgument('NULL AS', nullString, { allowEmpty: true })
    return this.#set('NULL AS', `NULL AS ${literal}`)
  }
  removeQuotes(): CopyCommand {
    return this.#flag('REMOVEQUOTES')
  }
  roundec(): CopyCommand {
    return this.#flag('ROUNDEC')
  }
  timeFormat(format: string): CopyCommand {
    return this.#set(
      'TIMEFORMAT',
      `TIMEFORMAT ${literalArgument('TIMEFORMAT', format)}`,
    )
  }
  trimBlanks(): CopyCommand {
    return this.#flag('TRIMBLANKS')
  }
  truncateColumns(): CopyCommand {
    return this.#flag('TRUNCATECOLUMNS')
  }

  // Load operations.
  compRows(rows: number): CopyCommand {
    const n = integerArgument('COMPROWS', rows, 1000, INT4_MAX)
    return this.#set('COMPROWS', `COMPROWS ${n}`)
  }
  compUpdate(mode?: boolean | 'PRESET'): CopyCommand {
    if (mode !== undefined && typeof mode !== 'boolean' && mode !== 'PRESET') {
      fail('COMPUPDATE', "takes true (ON), false (OFF) or 'PRESET'")
    }
    return this.#set('COMPUPDATE', `COMPUPDATE${onOff(mode)}`)
  }
  ignoreAllErrors(): CopyCommand {
    return this.#flag('IGNOREALLERRORS')
  }
  maxError(errors: number): CopyCommand {
    const n = integerArgument('MAXERROR', errors, 0, 100_000)
    return this.#add({
      keyword: 'MAXERROR',
      sql: `MAXERROR ${n}`,
      value: errors,
    })
  }
  noLoad(): CopyCommand {
    return this.#flag('NOLOAD')
  }
  statUpdate(on?: boolean): CopyCommand {
    if (on !== undefined && typeof on !== 'boolean') {
      fail('STATUPDATE', 'takes true (ON) or false (OFF)')
    }
    return this.#set('STATUPDATE', `STATUPDATE${onOff(on)}`)
  }

  rawOption(keyword: string, value?: CopyRawValue): CopyCommand {
    if (
      typeof keyword !== 'string' ||
      !/^[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*$/.test(keyword)
    ) {
      fail(
        'rawOption',
        'the keyword must be bare words (letters, digits, underscores) separated by single spaces',
      )
    }
    const name = keyword.toUpperCase()
    let sql = name
    let numeric: number | undefined
    if (typeof value === 'string') {
      sql += ` ${literalArgument(name, value, { allowEmpty: true })}`
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) fail(name, 'takes a finite number')
      sql += ` ${String(value)}`
      numeric = value
    } else if (value !== undefined) {
      sql += ` ${bareWord(name, (value as { keyword: string }).keyword)}`
    }
    return this.#add({
      keyword: name,
      sql,
      ...(numeric === undefined ? {} : { value: numeric }),
    })
  }

  compile(): CompiledQuery<never> {
    const { sql } = compileCopy({ ...this.#state, target: this.#target.target })
    // Compiled through the instance, not by hand, so its plugins see the
    // statement (query settings from withQuerySettings travel on it).
    return rawSql.raw(sql).compile(this.#target.db) as CompiledQuery<never>
  }

  execute(options?: CopyExecuteOptions): Promise<CopyResult> {
    // Compiled first and synchronously: a broken rule throws before a
    // connection is taken.
    let compiled: CompiledQuery
    try {
      compiled = this.compile()
    } catch (error) {
      return Promise.reject(error)
    }
    const maxError = this.#state.options.find((o) => o.keyword === 'MAXERROR')
    const readsRejected =
      (maxError?.value ?? 0) > 0 ||
      this.#state.options.some((o) => o.keyword === 'IGNOREALLERRORS')
    return executeCopy(this.#target.db, compiled, { readsRejected }, options)
  }

  #with(state: CopyState): CopyCommand {
    return new CopyCommand(this.#target, state)
  }
  #add(option: CopyOption): CopyCommand {
    return this.#with(withOption(this.#state, option))
  }
  #set(keyword: string, sql: string): CopyCommand {
    return this.#add({ keyword, sql })
  }
  #flag(keyword: string): CopyCommand {
    return this.#add({ keyword, sql: keyword })
  }
}

/** JSON's and AVRO's argument: a mapping keyword or a JSONPaths file. */
function mappingOption(option: string, value: string): string {
  if (
    value === 'auto' ||
    value === 'auto ignorecase' ||
    value === 'noshred' ||
    (typeof value === 'string' && value.startsWith('s3://') && value.length > 5)
  ) {
    return literalArgument(option, value)
  }
  return fail(
    option,
    "takes 'auto', 'auto ignorecase'" +
      (option === 'JSON' ? ", 'noshred'" : '') +
      ' or a JSONPaths s3:// URL',
  )
}

function onOff(mode: boolean | 'PRESET' | undefined): string {
  if (mode === undefined) return ''
  if (mode === 'PRESET') return ' PRESET'
  return mode ? ' ON' : ' OFF'
}
