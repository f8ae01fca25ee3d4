import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { unload } from '../../src/commands/unload/index.js'
import {
  significant,
  splitStatements,
  tokenize,
  type Token,
} from '../../src/local/sql/lexer.js'
import { compileOnlyDb } from '../setup/schema-database.js'
import { decodeLiteral, unloadText } from './unload-sql-text.js'
import { hostileText } from '../setup/hostile-text.js'

const db = compileOnlyDb()

// Characters that break naive escaping, mixed with arbitrary text.
const text = hostileText({ maxParts: 10 })
const nonEmpty = text.filter((s) => s.length > 0)
// One ASCII character other than NUL, as Redshift's DELIMITER takes.
const delimiter = fc
  .integer({ min: 1, max: 127 })
  .map((code) => String.fromCharCode(code))

function shape(sqlText: string, tokens: readonly Token[]): string[] {
  return tokens.map((t) =>
    t.kind === 'word' ? sqlText.slice(t.start, t.end) : t.kind,
  )
}

describe('UNLOAD: any string stays one literal and round-trips', () => {
  it('as a query value, path, delimiter, NULL AS, KMS key id and extension', () => {
    fc.assert(
      fc.property(
        text,
        text,
        delimiter,
        text,
        nonEmpty,
        nonEmpty,
        (value, path, delim, nullAs, kmsKeyId, extension) => {
          const compiled = unload(
            db,
            db.selectFrom('note').select('id').where('body', '=', value),
          )
            .to(`s3://b/${path}`)
            .iamRole('default')
            .delimiter(delim)
            .nullAs(nullAs)
            .encrypted({ kmsKeyId })
            .extension(extension)
            .compile()
          expect(compiled.parameters).toEqual([])
          const outer = compiled.sql
          expect(splitStatements(outer)).toHaveLength(1)
          const tokens = significant(tokenize(outer))
          expect(shape(outer, tokens)).toEqual([
            'UNLOAD',
            'open',
            'string',
            'close',
            'TO',
            'string',
            'IAM_ROLE',
            'default',
            'DELIMITER',
            'AS',
            'string',
            'NULL',
            'AS',
            'string',
            'KMS_KEY_ID',
            'string',
            'ENCRYPTED',
            'EXTENSION',
            'string',
          ])
          const literals = tokens
            .filter((t) => t.kind === 'string')
            .map((t) => decodeLiteral(outer.slice(t.start, t.end)))
          expect(literals.slice(1)).toEqual([
            `s3://b/${path}`,
            delim,
            nullAs,
            kmsKeyId,
            extension,
          ])

          const inner = literals[0]!
          expect(splitStatements(inner)).toHaveLength(1)
          const innerTokens = significant(tokenize(inner))
          expect(shape(inner, innerTokens)).toEqual([
            'select',
            'quoted',
            'from',
            'quoted',
            'where',
            'quoted',
            'operator',
            'string',
          ])
          const literal = innerTokens.at(-1)!
          expect(decodeLiteral(inner.slice(literal.start, literal.end))).toBe(
            value,
          )
        },
      ),
      { numRuns: 500 },
    )
  })

  it('as a value nested in SUPER JSON, and in an IN list', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const inner = unloadText(
          unload(
            db,
            db
              .selectFrom('note')
              .select('id')
              .where('body', 'in', [a, b])
              .where('id', '=', { a, list: [b] } as never),
          )
            .to('s3://b/p_')
            .iamRole('default')
            .compile().sql,
        )
        const strings = significant(tokenize(inner))
          .filter((t) => t.kind === 'string')
          .map((t) => decodeLiteral(inner.slice(t.start, t.end)))
        expect(strings).toEqual([a, b, JSON.stringify({ a, list: [b] })])
      }),
      { numRuns: 300 },
    )
  })
})
