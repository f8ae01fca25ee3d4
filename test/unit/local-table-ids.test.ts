import { describe, expect, it } from 'vitest'

import { TableIds } from '../../src/local/runtime/table-ids.js'

/** A lookup the test answers by hand, recording what it was asked. */
function manualLookup() {
  const asked: string[][] = []
  const answers: ((ids: ReadonlyMap<string, number>) => void)[] = []
  const failures: ((error: Error) => void)[] = []
  const lookup = (_db: string, names: readonly string[]) => {
    asked.push([...names])
    return new Promise<ReadonlyMap<string, number>>((resolve, reject) => {
      answers.push(resolve)
      failures.push(reject)
    })
  }
  return { lookup, asked, answers, failures }
}

describe('TableIds', () => {
  it('answers a promise that settles once the lookup of a noted name has', async () => {
    const manual = manualLookup()
    const ids = new TableIds(manual.lookup)
    const first = ids.note('dev', ['sales'])
    // A second statement on the same table waits on the same lookup.
    const second = ids.note('dev', ['sales'])
    expect(first).toBeDefined()
    expect(second).toBeDefined()
    expect(manual.asked).toEqual([['sales']])
    expect(ids.idOf('dev', 'sales')).toBeUndefined()
    manual.answers[0]!(new Map([['sales', 100123]]))
    await Promise.all([first, second])
    expect(ids.idOf('dev', 'sales')).toBe(100123)
    expect(ids.note('dev', ['sales'])).toBeUndefined()
  })

  it('waits on every lookup under way for the names of one statement', async () => {
    const manual = manualLookup()
    const ids = new TableIds(manual.lookup)
    void ids.note('dev', ['a'])
    let settled = false
    void ids.note('dev', ['a', 'b'])!.then(() => (settled = true))
    expect(manual.asked).toEqual([['a'], ['b']])
    manual.answers[1]!(new Map([['b', 2]]))
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    manual.answers[0]!(new Map([['a', 1]]))
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(true)
  })

  it('does not ask again for a name that names no table until DDL, but does after a failed lookup', async () => {
    const manual = manualLookup()
    const ids = new TableIds(manual.lookup)
    const missing = ids.note('dev', ['temp_t'])
    manual.answers[0]!(new Map())
    await missing
    expect(ids.note('dev', ['temp_t'])).toBeUndefined()
    expect(ids.idOf('dev', 'temp_t')).toBeUndefined()

    ids.forget('dev')
    const failing = ids.note('dev', ['temp_t'])
    manual.failures[1]!(new Error('connection lost'))
    await expect(failing).resolves.toBeUndefined()
    expect(ids.note('dev', ['temp_t'])).toBeDefined()
    expect(manual.asked).toHaveLength(3)
  })

  it('discards a lookup that started before DDL in its database', async () => {
    const manual = manualLookup()
    const ids = new TableIds(manual.lookup)
    const before = ids.note('dev', ['t'])
    ids.forget('dev')
    manual.answers[0]!(new Map([['t', 1]]))
    await before
    expect(ids.idOf('dev', 't')).toBeUndefined()
    expect(ids.note('other', ['t'])).toBeDefined()
  })
})
