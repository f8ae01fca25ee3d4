import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { escapeBackslashLiterals } from '../sql/backslash-literals.js'
import { significant, tokenize, type Token } from '../sql/lexer.js'
import { TokenCursor } from '../sql/token-cursor.js'
import { parseS3Url } from '../storage/object-storage.js'
import { checkOuterSelect } from './outer-select.js'
import { redshiftLiteral } from './redshift-literal.js'
import {
  resolveAuthorization,
  RETIRED_MASTER_KEY,
  type AuthorizationParts,
} from './unload-authorization.js'
import {
  DEFAULT_ROW_GROUP_SIZE,
  GB,
  MAX_FILE_SIZE,
  MAX_ROW_GROUP_SIZE,
  MB,
  MIN_FILE_SIZE,
  type FixedWidthColumn,
  type UnloadCompression,
  type UnloadFormat,
  type UnloadPlan,
} from './unload-plan.js'
import { checkUnloadRules } from './unload-rules.js'

/** What {@link parseUnload} answers. */
export type ParseUnloadResult =
  | { readonly ok: true; readonly plan: UnloadPlan }
  | { readonly ok: false; readonly error: ErrorFields }

/** Thrown inside the parser to stop at the first error; never escapes it. */
class Refusal {
  constructor(readonly error: ErrorFields) {}
}

/**
 * Parses `UNLOAD ('select ...') TO 's3://...' <authorization> [option ...]`
 * with Redshift's grammar and option rules (r_UNLOAD), without touching
 * storage: the inner query's literal is decoded exactly (doubled quotes and
 * backslash escapes), every option's argument syntax is checked, duplicate,
 * unknown and incompatible options are refused, and so is a LIMIT on the
 * inner query's outer SELECT. Option literals take backslash escapes as
 * well (`DELIMITER '\t'` is a tab).
 *
 * @example
 * ```ts
 * const parsed = parseUnload(
 *   "unload ('select * from venue where state = ''NV''') to 's3://b/venue_' iam_role default parquet",
 * )
 * if (parsed.ok) parsed.plan.query // "select * from venue where state = 'NV'"
 * ```
 */
export function parseUnload(text: string): ParseUnloadResult {
  // Redshift's backslash escapes, made explicit so the lexer ends each
  // literal where Redshift does (`'it\'s'` is one literal).
  const source = escapeBackslashLiterals(text) ?? text
  try {
    return { ok: true, plan: new UnloadParser(source).parse() }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error }
    throw error
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

class UnloadParser {
  readonly #text: string
  readonly #c: TokenCursor
  /** Option keywords seen, for duplicates and {@link checkUnloadRules}. */
  readonly #present = new Set<string>()
  readonly #auth: Mutable<AuthorizationParts> = {}

  constructor(text: string) {
    this.#text = text
    const tokens = significant(tokenize(text))
    // One trailing semicolon belongs to the statement.
    if (tokens.at(-1)?.kind === 'semicolon') tokens.pop()
    this.#c = new TokenCursor(text, tokens)
  }

  parse(): UnloadPlan {
    const c = this.#c
    if (!c.word('unload')) this.#syntax()
    if (!c.take('open')) this.#syntax()
    const query = this.#literal()
    if (!c.take('close')) this.#syntax()
    if (!c.word('to')) this.#syntax()
    const target = this.#literal()

    let format: UnloadFormat = 'TEXT'
    let fixedWidth: readonly FixedWidthColumn[] | undefined
    let delimiter: string | undefined
    let nullAs: string | undefined
    let compression: UnloadCompression | undefined
    let partitionBy: UnloadPlan['partitionBy']
    let manifest: UnloadPlan['manifest']
    let encrypted: { auto: boolean } | undefined
    let kmsKeyId: string | undefined
    let parallel = true
    let maxFileSize = MAX_FILE_SIZE
    let rowGroupSize = DEFAULT_ROW_GROUP_SIZE
    let region: string | undefined
    let extension: string | undefined

    while (!c.done) {
      const word = c.peekWord()
      switch (word) {
        case 'iam_role': {
          this.#see('IAM_ROLE', 'AUTHORIZATION:IAM_ROLE')
          c.word('iam_role')
          this.#auth.iamRole = c.word('default') ? 'default' : this.#literal()
          break
        }
        case 'access_key_id':
        case 'secret_access_key':
        case 'session_token': {
          this.#see(word.toUpperCase())
          c.word(word)
          const value = this.#literal()
          if (word === 'access_key_id') this.#auth.accessKeyId = value
          else if (word === 'secret_access_key')
            this.#auth.secretAccessKey = value
          else this.#auth.sessionToken = value
          break
        }
        case 'credentials': {
          this.#see('CREDENTIALS')
          c.word('credentials')
          c.word('as')
          this.#auth.credentials = this.#literal()
          break
        }
        case 'format': {
          c.word('format')
          c.word('as')
          const name = c.peekWord()
          if (name !== 'csv' && name !== 'parquet' && name !== 'json')
            this.#syntax()
          format = this.#format()
          break
        }
        case 'csv':
        case 'parquet':
        case 'json':
          format = this.#format()
          break
        case 'partition': {
          if (c.peekWord(1) !== 'by') this.#syntax(1)
          this.#see('PARTITION BY')
          c.word('partition', 'by')
          partitionBy = this.#partitionBy()
          break
        }
        case 'manifest': {
          this.#see('MANIFEST')
          c.word('manifest')
          manifest = { verbose: c.word('verbose') }
          break
        }
        case 'header':
        case 'addquotes':
        case 'escape':
        case 'allowoverwrite':
        case 'cleanpath':
          this.#see(word.toUpperCase())
          c.word(word)
          break
        case 'delimiter': {
          this.#see('DELIMITER')
          c.word('delimiter')
          c.word('as')
          delimiter = this.#literal()
          if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127) {
            this.#refuse(
              reject.other(
                '42601',
                'DELIMITER must be a single ASCII character',
              ),
            )
          }
          break
        }
        case 'fixedwidth': {
          this.#see('FIXEDWIDTH')
          c.word('fixedwidth')
          c.word('as')
          fixedWidth = this.#fixedWidth(this.#literal())
          break
        }
        case 'null': {
          this.#see('NULL AS')
          c.word('null')
          c.word('as')
          nullAs = this.#literal()
          break
        }
        case 'encrypted': {
          this.#see('ENCRYPTED')
          c.word('encrypted')
          const auto = c.word('auto')
          if (auto) this.#present.add('ENCRYPTED AUTO')
          encrypted = { auto }
          break
        }
        case 'kms_key_id': {
          this.#see('KMS_KEY_ID')
          c.word('kms_key_id')
          kmsKeyId = this.#literal()
          break
        }
        case 'master_symmetric_key':
          this.#refuse(RETIRED_MASTER_KEY)
          break
        case 'gzip':
        case 'bzip2':
        case 'zstd':
          this.#see(word.toUpperCase())
          c.word(word)
          compression = word
          break
        case 'parallel': {
          this.#see('PARALLEL')
          c.word('parallel')
          if (c.word('off') || c.word('false')) parallel = false
          else c.word('on') || c.word('true')
          break
        }
        case 'maxfilesize': {
          this.#see('MAXFILESIZE')
          c.word('maxfilesize')
          c.word('as')
          maxFileSize = this.#size()
          if (maxFileSize < MIN_FILE_SIZE || maxFileSize > MAX_FILE_SIZE) {
            this.#refuse(
              reject.other(
                '22023',
                'MAXFILESIZE must be between 5 MB and 6.2 GB',
              ),
            )
          }
          break
        }
        case 'rowgroupsize': {
          this.#see('ROWGROUPSIZE')
          c.word('rowgroupsize')
          c.word('as')
          rowGroupSize = this.#size()
          if (
            rowGroupSize < DEFAULT_ROW_GROUP_SIZE ||
            rowGroupSize > MAX_ROW_GROUP_SIZE ||
            !Number.isInteger(rowGroupSize / MB)
          ) {
            this.#refuse(
              reject.other(
                '22023',
                'ROWGROUPSIZE must be an integer between 32 MB and 128 MB',
              ),
            )
          }
          break
        }
        case 'region': {
          this.#see('REGION')
          c.word('region')
          c.word('as')
          region = this.#literal()
          break
        }
        case 'extension': {
          this.#see('EXTENSION')
          c.word('extension')
          extension = this.#literal()
          break
        }
        default:
          this.#syntax()
      }
    }

    const rule = checkUnloadRules(this.#present)
    if (rule !== undefined) this.#refuse(rule)
    if (encrypted !== undefined && !encrypted.auto && kmsKeyId === undefined) {
      // Without a KMS key, ENCRYPTED meant client-side encryption with a
      // master symmetric key, which Redshift no longer accepts.
      this.#refuse(
        reject.other(
          '0A000',
          'ENCRYPTED needs KMS_KEY_ID (or ENCRYPTED AUTO): client-side encryption is no longer supported',
        ),
      )
    }

    const authorization = resolveAuthorization(this.#auth)
    if (!authorization.ok) this.#refuse(authorization.error)

    const location = parseS3Url(target)
    if (location === undefined || !/^s3:\/\//.test(target)) {
      this.#refuse(
        reject.other(
          'XX000',
          `Invalid S3 path "${target}" for UNLOAD: it must be s3://bucket/prefix`,
        ),
      )
    }
    if (/-s3alias$/.test(location.bucket)) {
      this.#refuse(reject.unsupported('UNLOAD to an S3 access point alias'))
    }
    const outer = checkOuterSelect(query)
    if (outer !== undefined) this.#refuse(outer)

    const key =
      partitionBy !== undefined &&
      location.key !== '' &&
      !location.key.endsWith('/')
        ? `${location.key}/`
        : location.key
    const plan: UnloadPlan = {
      query,
      target,
      location: Object.freeze({ bucket: location.bucket, key }),
      authorization: authorization.authorization,
      credentials: authorization.credentials,
      format,
      ...(fixedWidth !== undefined ? { fixedWidth } : {}),
      delimiter: delimiter ?? (format === 'CSV' ? ',' : '|'),
      header: this.#present.has('HEADER'),
      addQuotes: this.#present.has('ADDQUOTES'),
      escape: this.#present.has('ESCAPE'),
      ...(nullAs !== undefined ? { nullAs } : {}),
      ...(compression !== undefined ? { compression } : {}),
      ...(partitionBy !== undefined ? { partitionBy } : {}),
      ...(manifest !== undefined ? { manifest: Object.freeze(manifest) } : {}),
      ...(encrypted !== undefined
        ? {
            encrypted: Object.freeze({
              auto: encrypted.auto,
              ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
            }),
          }
        : {}),
      allowOverwrite: this.#present.has('ALLOWOVERWRITE'),
      cleanPath: this.#present.has('CLEANPATH'),
      parallel,
      maxFileSize,
      rowGroupSize,
      ...(region !== undefined ? { region } : {}),
      ...(extension !== undefined ? { extension } : {}),
    }
    return Object.freeze(plan)
  }

  /** Records an option keyword; a second use of it (or of its `slot`) is refused. */
  #see(keyword: string, slot = keyword): void {
    const key = `slot:${slot}`
    if (this.#present.has(key)) {
      this.#refuse(reject.other('42601', 'conflicting or redundant options'))
    }
    this.#present.add(key)
    this.#present.add(keyword)
  }

  #format(): UnloadFormat {
    const name = this.#c.peekWord().toUpperCase() as 'CSV' | 'PARQUET' | 'JSON'
    this.#see(name, 'FORMAT')
    this.#c.word(name.toLowerCase())
    return name
  }

  #partitionBy(): NonNullable<UnloadPlan['partitionBy']> {
    const c = this.#c
    if (!c.take('open')) this.#syntax()
    const columns: string[] = []
    for (;;) {
      const token = c.peek()
      if (token?.kind === 'string') {
        this.#refuse(
          reject.other(
            '0A000',
            'string literals are not supported in PARTITION BY',
            undefined,
            "name the query's output columns: PARTITION BY (col, ...)",
          ),
        )
      }
      if (token?.kind === 'word') {
        c.take('word')
        columns.push(this.#slice(token).toLowerCase())
      } else if (token?.kind === 'quoted') {
        c.take('quoted')
        columns.push(
          this.#slice(token).slice(1, -1).replace(/""/g, '"').toLowerCase(),
        )
      } else this.#syntax()
      if (c.take('close')) break
      if (!c.take('comma')) this.#syntax()
    }
    const include = c.word('include')
    if (new Set(columns).size !== columns.length) {
      this.#refuse(
        reject.other(
          '42701',
          'a column is named more than once in PARTITION BY',
        ),
      )
    }
    return Object.freeze({ columns: Object.freeze(columns), include })
  }

  #fixedWidth(spec: string): readonly FixedWidthColumn[] {
    const columns: FixedWidthColumn[] = []
    for (const entry of spec.split(',')) {
      const match = /^\s*([^:]+?)\s*:\s*(\d+)\s*$/.exec(entry)
      const width = match === null ? 0 : Number(match[2])
      if (match === null || width <= 0) {
        this.#refuse(
          reject.other(
            '42601',
            `invalid FIXEDWIDTH specification "${spec}": use 'label:width,label:width,...'`,
          ),
        )
      }
      columns.push(Object.freeze({ label: match[1]!, width }))
    }
    return Object.freeze(columns)
  }

  /** `n [MB | GB]` (MB when no unit is given), in bytes. */
  #size(): number {
    const token = this.#c.take('number')
    if (token === undefined) this.#syntax()
    const value = Number(this.#slice(token).replace(/_/g, ''))
    if (!Number.isFinite(value)) this.#syntax(-1)
    const unit = this.#c.word('gb') ? GB : (this.#c.word('mb'), MB)
    return Math.round(value * unit)
  }

  /** The next token as a string literal's value. */
  #literal(): string {
    const token = this.#c.peek()
    const value =
      token?.kind === 'string' ? redshiftLiteral(this.#slice(token)) : undefined
    if (value === undefined) this.#syntax()
    this.#c.take('string')
    return value
  }

  #slice(token: Token): string {
    return this.#text.slice(token.start, token.end)
  }

  /** `syntax error at or near "<token at offset>"` (end of input when none). */
  #syntax(offset = 0): never {
    const token = this.#c.peek(offset)
    const near = token === undefined ? 'end of input' : this.#slice(token)
    if (token === undefined) {
      throw new Refusal(reject.other('42601', 'syntax error at end of input'))
    }
    throw new Refusal(reject.syntax(near))
  }

  #refuse(error: ErrorFields): never {
    throw new Refusal(error)
  }
}
