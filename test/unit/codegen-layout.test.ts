import { printStructure, StructureKind } from 'ts-morph'
import { describe, expect, it } from 'vitest'

import { memberEnds } from '../../codegen/render/member-ends.js'
import {
  prettierLayout,
  type PrintedMember,
} from '../../codegen/render/prettier-layout.js'

const print = (
  members: readonly PrintedMember[],
  docs: readonly (string | undefined)[] = [],
) =>
  printStructure(
    {
      kind: StructureKind.Interface,
      name: 'T',
      isExported: true,
      properties: members.map((m, i) => ({
        ...m,
        ...(docs[i] === undefined ? {} : { docs: [docs[i]] }),
      })),
    },
    { indentNumberOfSpaces: 2, useSingleQuote: true },
  )

describe('memberEnds', () => {
  it('finds only the semicolons that end members', () => {
    const members = [
      { name: "'a;b'", type: '{ x: string; y: number }' },
      { name: 'c', type: '`p${string};q${`r;${number}`}`' },
      { name: 'd', type: "'};' | null" },
    ]
    const text = print(members, ['ends with;\n\n`x: 1;`', undefined, '{ a; }'])
    const ends = memberEnds(text)
    expect(ends).toHaveLength(3)
    ends.forEach((end, i) => {
      expect(text[end]).toBe(';')
      expect(text.slice(0, end).endsWith(members[i]!.type)).toBe(true)
    })
  })
})

describe('prettierLayout', () => {
  it('drops member semicolons and breaks wide unions as Prettier does', () => {
    const long = 'x'.repeat(60)
    const members = [
      { name: 'short', type: 'number | null' },
      { name: long, type: `Generated<${'A'.repeat(20)} | null>` },
      { name: long, type: `'${'a'.repeat(10)}' | null` },
      {
        name: 'b',
        type: Array.from({ length: 9 }, (_, i) => `'v${i}aaaa'`).join(' | '),
      },
    ]
    expect(prettierLayout(print(members), members)).toBe(
      [
        'export interface T {',
        '  short: number | null',
        `  ${long}: Generated<${'A'.repeat(20)} | null>`,
        `  ${long}:`,
        `    '${'a'.repeat(10)}' | null`,
        '  b:',
        ...Array.from({ length: 9 }, (_, i) => `    | 'v${i}aaaa'`),
        '}',
      ].join('\n'),
    )
  })

  it('refuses members that were not printed as given', () => {
    const text = print([{ name: 'a', type: 'number' }])
    expect(() =>
      prettierLayout(text, [{ name: 'a', type: 'string' }]),
    ).toThrow()
    expect(() => prettierLayout(text, [])).toThrow()
  })
})
