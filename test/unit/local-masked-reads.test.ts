import { loadModule } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  MaskedTableNames,
  rewriteMaskedReads,
} from '../../src/local/sql/masked-reads.js'

// Reads of tables with masking policies: a view's query is rewritten when it
// is created, so the view masks for whoever reads it
// (https://docs.aws.amazon.com/redshift/latest/dg/t_ddm-considerations.html);
// UPDATE / DELETE / MERGE get a guard naming the target columns they read.
describe('masked reads', () => {
  const names = new MaskedTableNames()
  names.add('cards')

  // The rewrite parses synchronously, which needs the parser loaded first.
  beforeAll(() => loadModule())

  const rewritten = (text: string): string => {
    const result = rewriteMaskedReads(text, names)
    if (result === null || 'code' in result) throw new Error('not rewritten')
    return result.text
  }

  it('rewrites the reads of a CREATE VIEW query, not the view it creates', () => {
    const text = rewritten('create view cards_v as select c from cards')
    expect(text).toMatch(/^create view cards_v as select c from \(select /)
    expect(text).toContain("redshift_local.mask_query('cards'::regclass::oid)")
  })

  it('leaves a view that names no such table alone', () => {
    expect(
      rewriteMaskedReads('create view v as select 1 from other', names),
    ).toBeNull()
  })

  it('guards the whole row of the target, under its name or alias', () => {
    for (const text of [
      "delete from cards where cards::text like '%1%'",
      "delete from cards x where x::text like '%1%'",
      "delete from public.cards where public.cards::text = ''",
    ])
      expect(rewritten(text)).toMatch(/mask_target_guard\(.*'\*'.*\]::text\[\]/)
  })

  it('guards the target of a prepared DELETE instead of reading it', () => {
    const text = rewritten('prepare d as delete from cards where c = $1')
    expect(text).toMatch(/^prepare d as delete from cards where \(select /)
    expect(text).toContain("array['c']::text[]")
  })
})
