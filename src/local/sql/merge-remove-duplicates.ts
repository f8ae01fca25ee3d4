import { readRelationName } from './ddl-attributes.js'
import type { DdlCursor } from './ddl-cursor.js'

/**
 * `MERGE INTO target USING source [[AS] alias] ON condition REMOVE
 * DUPLICATES` (https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html),
 * with `c.pos` on MERGE: simplified mode, where target and source have the
 * same columns, target rows that match are replaced by the source row (one
 * row however many target rows matched) and source rows that match none are
 * inserted. In PostgreSQL: delete the matched target rows, insert every
 * source row, in one statement; a target row that matches more than one
 * source row is refused as MERGE refuses it. Null for any other MERGE.
 *
 * @example
 * ```ts
 * // 'merge into t using s on t.id = s.id remove duplicates'
 * // -> with ..., merge_delete as (delete from t using s where t.id = s.id) insert into t select s.* from s ...
 * ```
 */
export function rewriteMergeRemoveDuplicates(c: DdlCursor): string | null {
  let last = c.tokens.length - 1
  if (c.is(';', last)) last--
  if (c.kw(last) !== 'DUPLICATES' || c.kw(last - 1) !== 'REMOVE') return null
  c.pos++
  if (!c.accept('INTO')) return null
  const targetName = readRelationName(c)
  const target = c.text(targetName.first, targetName.last)
  if (!c.accept('USING')) throw c.syntaxError()
  const sourceName = readRelationName(c)
  const source = c.text(sourceName.first, sourceName.last)
  let alias = sourceName.name
  let aliasText = ''
  c.accept('AS')
  if (c.kw() !== 'ON') {
    const token = c.token()
    if (token?.kind !== 'word' && token?.kind !== 'quoted')
      throw c.syntaxError()
    alias = token.text
    aliasText = ` ${token.text}`
    c.pos++
  }
  if (!c.accept('ON') || c.pos > last - 2) throw c.syntaxError()
  const condition = c.text(c.pos, last - 2)
  const shown = aliasText === '' ? source : alias
  return `with merge_check as (
  select redshift_local.merge_multiple_matches() as failed
  from (select 1 from ${target} join ${source}${aliasText} on (${condition})
        group by ${target}.ctid having pg_catalog.count(*) > 1 limit 1) m),
merge_delete as (delete from ${target} using ${source}${aliasText} where ${condition})
insert into ${target} select ${shown}.* from ${source}${aliasText}
where (select pg_catalog.count(failed) from merge_check) = 0`
}
