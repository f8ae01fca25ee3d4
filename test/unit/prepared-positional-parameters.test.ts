import { describe, expect, it } from 'vitest'

import { positionalParameters } from '../../src/prepared/positional-parameters.js'

describe('positionalParameters', () => {
  it.each([
    ['select $1', [1], 1],
    ['select $2, $1, $2', [2, 1, 2], 2],
    ["select '$1', $1", [1], 1],
    ["select 'it''s $3', $1", [1], 1],
    ["select 'a\\' $4', $1", [1], 1],
    ['select "$5" from t where a = $1', [1], 1],
    ['select a$1 from t where b = $2', [2], 2],
    ['select 1 -- $7\n, $1', [1], 1],
    ['select /* $8 /* $9 */ */ $1', [1], 1],
    ['select $$ $3 $$, $tag$ $4 $tag$, $1', [1], 1],
    ['select 1', [], 0],
  ])('%s', (text, numbers, count) => {
    const found = positionalParameters(text)
    expect(found.numbers).toEqual(numbers)
    expect(found.count).toBe(count)
    // The fragments and the parameters put back together are the text.
    const rebuilt = found.fragments
      .map((f, i) =>
        i < found.numbers.length ? `${f}$${found.numbers[i]}` : f,
      )
      .join('')
    expect(rebuilt).toBe(text)
  })
})
