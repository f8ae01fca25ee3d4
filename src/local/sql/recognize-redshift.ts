import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { tokenize, type Token } from './lexer.js'
import { recognizeAlterRole } from './alter-role.js'
import { recognizeDropRole } from './drop-role.js'
import { planExternalFunction } from './external-function.js'
import { quoteLiteral } from './quote.js'
import type { MaybeExternalSchemas } from './spectrum/drop-external-column.js'
import { recognizeSpectrum } from './spectrum/recognize-spectrum.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'
import type { EmulatorAction } from './statement-plan.js'
import { TokenCursor } from './token-cursor.js'

/** A Redshift-only statement, recognised before PostgreSQL's parser sees it. */
export type RecognizedStatement =
  | {
      readonly kind: 'statement'
      /** What PostgreSQL runs instead (ignored when `action` is set). */
      readonly text: string
      readonly tag?: string
      readonly action?: EmulatorAction
      readonly notInBlock?: ErrorFields
      readonly usesWlm: boolean
    }
  | { readonly kind: 'reject'; readonly error: ErrorFields }

/**
 * Recognises the Redshift statements PostgreSQL's grammar cannot parse and
 * that the emulator runs itself or translates: `CANCEL pid ['message']`,
 * Redshift's `VACUUM` options, `ALTER TABLE ... APPEND FROM`, `UNLOAD` and
 * `COPY ... FROM 's3://...'` (run by the emulator against its S3), Spectrum's
 * DDL (see `recognizeSpectrum`), CREATE EXTERNAL FUNCTION (see
 * `planExternalFunction`), and the statements it does not run yet (other
 * `CREATE EXTERNAL ...`, `COPY JOB`, CREATE / DROP LIBRARY). `fold` says whether quoted
 * identifiers fold to lower case; `externalSchemas`, which schemas may be
 * external ones. Returns `null` for everything else.
 *
 * @example
 * ```ts
 * recognizeRedshift("cancel 4242 'too slow'", significant(tokenize(text)))
 * // { kind: 'statement', action: { kind: 'cancel', pid: 4242, message: 'too slow' }, ... }
 * ```
 */
export function recognizeRedshift(
  text: string,
  tokens: readonly Token[],
  fold = true,
  externalSchemas?: MaybeExternalSchemas,
): RecognizedStatement | null {
  const c = new TokenCursor(text, tokens)
  switch (c.peekWord()) {
    case 'cancel':
      return cancel(c)
    case 'vacuum':
      return vacuum(text, c)
    case 'alter':
      return (
        recognizeSpectrum(text, tokens, fold, externalSchemas) ??
        recognizeAlterRole(text, tokens, fold) ??
        alterTableAppend(c)
      )
    case 'unload':
      return bulk('unload', text, tokens)
    case 'copy':
      return copy(c, tokens, text)
    case 'create':
      return (
        recognizeSpectrum(text, tokens, fold) ??
        createLibrary(c) ??
        createExternal(c, text, tokens, fold)
      )
    case 'drop':
      return (
        recognizeSpectrum(text, tokens, fold) ??
        dropLibrary(c) ??
        recognizeDropRole(text, tokens, fold)
      )
    case 'grant':
    case 'revoke':
      return recognizeSpectrum(text, tokens, fold)
    default:
      return null
  }
}

function cancel(c: TokenCursor): RecognizedStatement {
  c.word('cancel')
  const pid = c.integer()
  const message = c.done ? undefined : c.string()
  if (pid === undefined || !c.done || (message === undefined && !c.done)) {
    return {
      kind: 'reject',
      error: reject.syntax('CANCEL', "use CANCEL pid ['message']"),
    }
  }
  return {
    kind: 'statement',
    text: '',
    tag: 'CANCEL',
    action: {
      kind: 'cancel',
      pid,
      ...(message !== undefined ? { message } : {}),
    },
    usesWlm: false,
  }
}

/**
 * `VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX | RECLUSTER] [table [TO n PERCENT]] [BOOST]`:
 * PostgreSQL gets a plain `VACUUM [table]` (it has no sort order to restore).
 */
function vacuum(text: string, c: TokenCursor): RecognizedStatement {
  c.word('vacuum')
  let option: 'reindex' | 'recluster' | undefined
  // STL_VACUUM's status of each kind's first row (r_STL_VACUUM.html).
  let started = 'Started'
  if (c.word('sort', 'only')) started = 'Started Sort Only'
  else if (c.word('delete', 'only')) started = 'Started Delete Only'
  else if (!c.word('full')) {
    if (c.word('reindex')) {
      option = 'reindex'
      started = 'Started Reindex'
    } else if (c.word('recluster')) option = 'recluster'
  }
  const table =
    c.peekWord() === 'boost' || c.peekWord() === 'to' ? undefined : c.name()
  if (c.peekWord() === 'to') {
    // https://docs.aws.amazon.com/redshift/latest/dg/r_VACUUM_command.html:
    // TO threshold PERCENT needs a table name and is not for REINDEX (nor
    // RECLUSTER, which sorts only the unsorted region). Redshift's words
    // for these refusals are not documented.
    if (table === undefined)
      return {
        kind: 'reject',
        error: reject.syntax(
          'TO',
          'TO threshold PERCENT needs a table name: VACUUM table TO n PERCENT',
        ),
      }
    if (option !== undefined)
      return {
        kind: 'reject',
        error: reject.unsupported(
          `VACUUM ${option.toUpperCase()} with TO threshold PERCENT`,
        ),
      }
  }
  if (c.word('to')) {
    const percent = c.integer()
    if (
      percent === undefined ||
      percent < 0 ||
      percent > 100 ||
      !c.word('percent')
    ) {
      return {
        kind: 'reject',
        error: reject.syntax('TO', 'use TO n PERCENT with n from 0 to 100'),
      }
    }
  }
  c.word('boost')
  if (!c.done) {
    const at = c.peek()!
    return {
      kind: 'reject',
      error: reject.syntax(text.slice(at.start, at.end)),
    }
  }
  return {
    kind: 'statement',
    text: '',
    tag: 'VACUUM',
    action: {
      kind: 'vacuum',
      text: table === undefined ? 'VACUUM' : `VACUUM ${table}`,
      ...(table === undefined ? {} : { table }),
      started,
      recluster: option === 'recluster',
    },
    notInBlock: reject.notInTransaction('VACUUM'),
    usesWlm: false,
  }
}

/**
 * `ALTER TABLE target APPEND FROM source [IGNOREEXTRA | FILLTARGET]` moves
 * every row of source into target's columns of the same names, atomically,
 * in `redshift_local.append_table` (which checks the tables match).
 */
function alterTableAppend(c: TokenCursor): RecognizedStatement | null {
  if (!c.word('alter', 'table')) return null
  const target = c.name()
  if (target === undefined || !c.word('append', 'from')) return null
  const source = c.name()
  if (source === undefined) {
    return { kind: 'reject', error: reject.syntax('FROM') }
  }
  const mode = c.word('ignoreextra')
    ? 'ignoreextra'
    : c.word('filltarget')
      ? 'filltarget'
      : ''
  if (!c.done) return { kind: 'reject', error: reject.syntax('APPEND') }
  return {
    kind: 'statement',
    text: `CALL redshift_local.append_table(${quoteLiteral(target)}::regclass, ${quoteLiteral(source)}::regclass, '${mode}')`,
    tag: 'ALTER TABLE APPEND',
    notInBlock: reject.notInTransaction('ALTER TABLE APPEND'),
    usesWlm: true,
  }
}

const COPY_JOB_VERBS: ReadonlySet<string> = new Set([
  'run',
  'list',
  'show',
  'drop',
  'alter',
])

function copy(
  c: TokenCursor,
  tokens: readonly Token[],
  text: string,
): RecognizedStatement | null {
  // COPY JOB { RUN | LIST | SHOW | DROP | ALTER } ..., and a COPY that ends
  // in JOB CREATE name (r_COPY-JOB); a table named job is still a COPY.
  if (
    (c.peekWord(1) === 'job' && COPY_JOB_VERBS.has(c.peekWord(2))) ||
    tokens.some(
      (t, i) =>
        t.kind === 'word' &&
        text.slice(t.start, t.end).toLowerCase() === 'job' &&
        tokens[i + 1]?.kind === 'word' &&
        text.slice(tokens[i + 1]!.start, tokens[i + 1]!.end).toLowerCase() ===
          'create',
    )
  ) {
    return notYet('COPY JOB')
  }
  // COPY t [(cols)] FROM 's3://...' / 'dynamodb://...' / 'emr://...' ...: the
  // source is the first string literal after FROM.
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i]!
    if (
      token.kind === 'word' &&
      text.slice(token.start, token.end).toLowerCase() === 'from'
    ) {
      const next = tokens[i + 1]!
      if (next.kind === 'string') {
        const source = text
          .slice(next.start, next.end)
          .replace(/^[eE]?'/, '')
          .replace(/'$/, '')
        if (/^(s3|dynamodb|emr):\/\//i.test(source))
          return bulk('copy', text, tokens)
      }
      break
    }
  }
  // Anything else after JOB-less COPY that PostgreSQL cannot parse is also Redshift's.
  if (
    tokens.some(
      (t) =>
        t.kind === 'word' &&
        /^(iam_role|credentials|access_key_id|manifest)$/i.test(
          text.slice(t.start, t.end),
        ),
    )
  ) {
    return bulk('copy', text, tokens)
  }
  return null
}

/**
 * COPY from S3 and UNLOAD, which the emulator runs itself. Neither takes
 * bind parameters on Redshift: `$1` is a syntax error there.
 */
function bulk(
  kind: 'copy' | 'unload',
  text: string,
  tokens: readonly Token[],
): RecognizedStatement {
  const outer = tokens.find((t) => t.kind === 'param')
  const param =
    outer !== undefined
      ? text.slice(outer.start, outer.end)
      : kind === 'unload'
        ? innerParameter(text, tokens)
        : undefined
  if (param !== undefined) {
    return { kind: 'reject', error: reject.syntax(param) }
  }
  return {
    kind: 'statement',
    text: '',
    tag: kind === 'copy' ? 'COPY' : 'UNLOAD',
    action: { kind, text },
    usesWlm: true,
  }
}

/**
 * A bind parameter inside UNLOAD's quoted query (`'... where id = $1'`):
 * the query is text, so no value can reach it.
 */
function innerParameter(
  text: string,
  tokens: readonly Token[],
): string | undefined {
  const literal = tokens.find((t) => t.kind === 'string')
  if (literal === undefined) return undefined
  const body = text
    .slice(literal.start, literal.end)
    .replace(/^[eE]?'|'$/g, '')
    .replace(/''/g, "'")
  const inner = tokenize(body).find((t) => t.kind === 'param')
  return inner === undefined ? undefined : body.slice(inner.start, inner.end)
}

function createExternal(
  c: TokenCursor,
  text: string,
  tokens: readonly Token[],
  fold: boolean,
): RecognizedStatement | null {
  if (!c.word('create')) return null
  c.word('or', 'replace')
  if (!c.word('external')) return null
  const what = c.peekWord()
  if (what === 'function') {
    const plan = planExternalFunction(text, tokens, fold)
    return 'error' in plan
      ? { kind: 'reject', error: plan.error }
      : {
          kind: 'statement',
          text: plan.text,
          tag: 'CREATE FUNCTION',
          usesWlm: false,
        }
  }
  return notYet(`CREATE EXTERNAL ${what.toUpperCase()}`)
}

/**
 * CREATE [ OR REPLACE ] LIBRARY ... LANGUAGE plpythonu (r_CREATE_LIBRARY.html)
 * installs a Python library for Python UDFs, which the emulator cannot run.
 */
function createLibrary(c: TokenCursor): RecognizedStatement | null {
  const at = c.peekWord(1) === 'or' && c.peekWord(2) === 'replace' ? 3 : 1
  return c.peekWord(at) === 'library' ? libraryLimit('CREATE LIBRARY') : null
}

/** DROP LIBRARY (r_DROP_LIBRARY.html): no library can exist in the emulator. */
function dropLibrary(c: TokenCursor): RecognizedStatement | null {
  return c.peekWord(1) === 'library' ? libraryLimit('DROP LIBRARY') : null
}

function libraryLimit(statement: string): RecognizedStatement {
  return {
    kind: 'reject',
    error: emulatorLimit(
      `${statement} (a Python library for Python UDFs)`,
      'the local emulator runs no Python UDF; write the UDF in LANGUAGE sql',
    ),
  }
}

function notYet(statement: string): RecognizedStatement {
  return {
    kind: 'reject',
    error: reject.unsupported(
      `${statement} in the local emulator`,
      'the local emulator does not run this statement yet',
    ),
  }
}
