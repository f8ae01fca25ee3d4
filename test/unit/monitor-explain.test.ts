import { describe, expect, it } from 'vitest'

import { parseExplain } from '../../src/monitor/parse-explain.js'
import { renderPlan } from '../../src/monitor/render-plan.js'

// The plan of the TPC-H join in AWS Prescriptive Guidance, "Query plan in
// Amazon Redshift" (query-lifecycle-redshift/query-plan.html), with the
// indentation of c-the-query-plan.html (children under `->` six columns in).
const TPCH = [
  'XN Limit  (cost=1004400430902.15..1004400430902.17 rows=10 width=39)',
  '  ->  XN Merge  (cost=1004400430902.15..1004400430926.97 rows=9928 width=39)',
  '        Merge Key: sum(li.l_quantity)',
  '        ->  XN Network  (cost=1004400430902.15..1004400430926.97 rows=9928 width=39)',
  '              Send to leader',
  '              ->  XN Sort  (cost=1004400430902.15..1004400430926.97 rows=9928 width=39)',
  '                    Sort Key: sum(li.l_quantity)',
  '                    ->  XN HashAggregate  (cost=4400430218.24..4400430243.06 rows=9928 width=39)',
  '                          ->  XN Hash Join DS_BCAST_INNER  (cost=21489.58..4400401726.35 rows=5698378 width=39)',
  '                                Hash Cond: ("outer".l_suppkey = "inner".s_suppkey)',
  '                                ->  XN Hash Join DS_DIST_NONE  (cost=21364.58..273387.85 rows=5698378 width=14)',
  '                                      Hash Cond: ("outer".l_orderkey = "inner".o_orderkey)',
  '                                      ->  XN Seq Scan on lineitem li  (cost=0.00..60012.15 rows=6001215 width=22)',
  '                                      ->  XN Hash  (cost=17803.81..17803.81 rows=1424306 width=8)',
  '                                            ->  XN Seq Scan on orders o  (cost=0.00..17803.81 rows=1424306 width=8)',
  "                                                  Filter: (o_orderdate > '1992-05-01'::date)",
  '                                ->  XN Hash  (cost=100.00..100.00 rows=10000 width=33)',
  '                                      ->  XN Seq Scan on supplier s  (cost=0.00..100.00 rows=10000 width=33)',
  '----- Tables missing statistics: supplier -----',
  '----- Update statistics by running the ANALYZE command on these tables -----',
]

type Shape = { op: string; on?: string; ds?: string; children?: Shape[] }

function shapeOf(node: ReturnType<typeof parseExplain>['root']): Shape {
  return {
    op: node.operator,
    ...(node.relation === null ? {} : { on: node.relation }),
    ...(node.distribution === null ? {} : { ds: node.distribution }),
    ...(node.children.length === 0
      ? {}
      : { children: node.children.map(shapeOf) }),
  }
}

describe('parseExplain', () => {
  it('nests the operations of a documented join plan by their indentation', () => {
    const plan = parseExplain(TPCH)
    expect(shapeOf(plan.root)).toEqual({
      op: 'Limit',
      children: [
        {
          op: 'Merge',
          children: [
            {
              op: 'Network',
              children: [
                {
                  op: 'Sort',
                  children: [
                    {
                      op: 'HashAggregate',
                      children: [
                        {
                          op: 'Hash Join',
                          ds: 'DS_BCAST_INNER',
                          children: [
                            {
                              op: 'Hash Join',
                              ds: 'DS_DIST_NONE',
                              children: [
                                { op: 'Seq Scan', on: 'lineitem' },
                                {
                                  op: 'Hash',
                                  children: [{ op: 'Seq Scan', on: 'orders' }],
                                },
                              ],
                            },
                            {
                              op: 'Hash',
                              children: [{ op: 'Seq Scan', on: 'supplier' }],
                            },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    })
  })

  it('reads costs, rows, width, aliases, details and warnings', () => {
    const plan = parseExplain(TPCH)
    expect(plan.totalCost).toBe(1004400430902.17)
    const join =
      plan.root.children[0]!.children[0]!.children[0]!.children[0]!.children[0]!
    expect(join).toMatchObject({
      operator: 'Hash Join',
      engine: 'XN',
      distribution: 'DS_BCAST_INNER',
      cost: { startup: 21489.58, total: 4400401726.35 },
      rows: 5698378,
      widthBytes: 39,
      details: ['Hash Cond: ("outer".l_suppkey = "inner".s_suppkey)'],
    })
    const orders = join.children[0]!.children[1]!.children[0]!
    expect(orders).toMatchObject({
      relation: 'orders',
      alias: 'o',
      details: ["Filter: (o_orderdate > '1992-05-01'::date)"],
    })
    expect(plan.root.children[0]!.children[0]!.details).toEqual([
      'Send to leader',
    ])
    expect(plan.warnings).toEqual([
      'Tables missing statistics: supplier',
      'Update statistics by running the ANALYZE command on these tables',
    ])
    // Only the steps that move rows.
    expect(plan.redistributions.map((n) => n.distribution)).toEqual([
      'DS_BCAST_INNER',
    ])
    expect(Object.isFrozen(plan.root)).toBe(true)
    expect(Object.isFrozen(join.children)).toBe(true)
  })

  it('takes the one-row-per-line result of c-the-query-plan.html', () => {
    const plan = parseExplain([
      'XN HashAggregate  (cost=131.97..133.41 rows=576 width=17)',
      '  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=17)',
    ])
    expect(plan.root).toMatchObject({
      operator: 'HashAggregate',
      cost: { startup: 131.97, total: 133.41 },
      rows: 576,
    })
    expect(plan.root.children[0]).toMatchObject({
      operator: 'Seq Scan',
      relation: 'event',
      alias: null,
      rows: 8798,
      widthBytes: 17,
    })
  })

  it('reads a merge join: its condition, both scans as children, nothing redistributed', () => {
    // The emulator's form of a join of two tables distributed and sorted on
    // the join column (c-the-query-plan.html, Merge Join).
    const plan = parseExplain([
      'XN Merge Join DS_DIST_NONE  (cost=0.00..6285.93 rows=174530 width=97)',
      '  Merge Cond: ("outer".listid = "inner".listid)',
      '  ->  XN Seq Scan on listing  (cost=0.00..1924.97 rows=192497 width=44)',
      '  ->  XN Seq Scan on sales  (cost=0.00..1724.56 rows=172456 width=53)',
    ])
    expect(shapeOf(plan.root)).toEqual({
      op: 'Merge Join',
      ds: 'DS_DIST_NONE',
      children: [
        { op: 'Seq Scan', on: 'listing' },
        { op: 'Seq Scan', on: 'sales' },
      ],
    })
    expect(plan.root.details).toEqual([
      'Merge Cond: ("outer".listid = "inner".listid)',
    ])
    expect(plan.root.cost).toEqual({ startup: 0, total: 6285.93 })
    expect(plan.redistributions).toEqual([])
  })

  it('refuses text with no plan in it', () => {
    expect(() => parseExplain(['no plan here'])).toThrow(TypeError)
  })
})

describe('renderPlan', () => {
  it('draws an indented tree with the costly redistribution marked', () => {
    expect(renderPlan(parseExplain(TPCH))).toMatchInlineSnapshot(`
      "Limit  cost 1004400430902.15..1004400430902.17  rows 10  width 39
      └─ Merge  cost 1004400430902.15..1004400430926.97  rows 9928  width 39
         │  Merge Key: sum(li.l_quantity)
         └─ Network  cost 1004400430902.15..1004400430926.97  rows 9928  width 39
            │  Send to leader
            └─ Sort  cost 1004400430902.15..1004400430926.97  rows 9928  width 39
               │  Sort Key: sum(li.l_quantity)
               └─ HashAggregate  cost 4400430218.24..4400430243.06  rows 9928  width 39
                  └─ Hash Join DS_BCAST_INNER !!  cost 21489.58..4400401726.35  rows 5698378  width 39  (a copy of the entire inner table is broadcast to every compute node)
                     │  Hash Cond: ("outer".l_suppkey = "inner".s_suppkey)
                     ├─ Hash Join DS_DIST_NONE  cost 21364.58..273387.85  rows 5698378  width 14
                     │  │  Hash Cond: ("outer".l_orderkey = "inner".o_orderkey)
                     │  ├─ Seq Scan on lineitem li  cost 0.00..60012.15  rows 6001215  width 22
                     │  └─ Hash  cost 17803.81..17803.81  rows 1424306  width 8
                     │     └─ Seq Scan on orders o  cost 0.00..17803.81  rows 1424306  width 8
                     │           Filter: (o_orderdate > '1992-05-01'::date)
                     └─ Hash  cost 100.00..100.00  rows 10000  width 33
                        └─ Seq Scan on supplier s  cost 0.00..100.00  rows 10000  width 33

      Warnings:
        Tables missing statistics: supplier
        Update statistics by running the ANALYZE command on these tables"
    `)
  })

  it('colours only when asked', () => {
    const plan = parseExplain(TPCH)
    expect(renderPlan(plan)).not.toContain('\u001b[')
    expect(renderPlan(plan, { color: true })).toContain(
      '\u001b[31mDS_BCAST_INNER !!\u001b[0m',
    )
    expect(renderPlan(plan, { details: false })).not.toContain('Hash Cond')
  })
})
