import { SpanKind, type Attributes, type SpanOptions } from '@opentelemetry/api'
import type { CompiledQuery } from 'kysely'

import { BoundedCache } from './bounded-cache.js'
import { scanSql } from './scan-sql.js'
import { summarizeTokens } from './statement-summary.js'
import { summarizeNode } from './summarize-node.js'
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_SUMMARY,
  ATTR_DB_QUERY_TEXT,
  DB_SYSTEM_REDSHIFT,
} from './telemetry-names.js'

/**
 * Everything telemetry reports about one statement text, worked out once:
 * the span name and options (attributes included, so samplers see them) and
 * the attributes of its metrics. Frozen and shared by every run of the text.
 *
 * ```ts
 * const described = catalog.describe(compiled)
 * tracer.startSpan(described.name, described.spanOptions)
 * ```
 */
export interface DescribedStatement {
  /** The span name: `db.query.summary`, else the operation, else `aws.redshift`. */
  readonly name: string
  /** `db.operation.name`, `''` when unknown. */
  readonly operation: string
  readonly spanOptions: SpanOptions
  /** Attributes of `db.client.operation.duration` (and the rows counters). */
  readonly metricAttributes: Attributes
}

/** Statement texts remembered per driver. */
export const CATALOG_CAPACITY = 512

// Longer texts are described every time rather than kept: holding a large
// text as a key costs more than scanning its start again.
const MAX_CACHED_SQL = 16 * 1024

/**
 * The descriptions of one driver's statements, by SQL text, in a bounded
 * cache. `connection` holds what every statement of the driver shares
 * (`db.system.name`, `db.namespace`, `server.address`, `server.port`).
 *
 * ```ts
 * const catalog = new StatementCatalog({ 'db.system.name': 'aws.redshift', 'db.namespace': 'dev' })
 * catalog.describe(CompiledQuery.raw('select 1')).name // 'SELECT'
 * ```
 */
export class StatementCatalog {
  readonly #connection: Attributes
  readonly #cache = new BoundedCache<string, DescribedStatement>(
    CATALOG_CAPACITY,
  )

  constructor(connection: Attributes) {
    this.#connection = connection
  }

  describe(compiled: CompiledQuery): DescribedStatement {
    const sql = compiled.sql
    let described = this.#cache.get(sql)
    if (described === undefined) {
      described = this.#build(compiled)
      if (sql.length <= MAX_CACHED_SQL) this.#cache.set(sql, described)
    }
    return described
  }

  #build(compiled: CompiledQuery): DescribedStatement {
    const scanned = scanSql(compiled.sql)
    const summary =
      summarizeNode(compiled.query) ?? summarizeTokens(scanned.tokens)
    const { operation, collections } = summary
    // The conventions: a collection only when the statement names exactly one.
    const collection = collections.length === 1 ? collections[0] : undefined
    const shared: Attributes = { ...this.#connection }
    if (operation !== '') shared[ATTR_DB_OPERATION_NAME] = operation
    if (collection !== undefined) shared[ATTR_DB_COLLECTION_NAME] = collection
    if (summary.summary !== '') shared[ATTR_DB_QUERY_SUMMARY] = summary.summary
    const spanAttributes: Attributes = Object.freeze({
      ...shared,
      [ATTR_DB_QUERY_TEXT]: scanned.text,
    })
    return Object.freeze({
      name: summary.summary || operation || DB_SYSTEM_REDSHIFT,
      operation,
      spanOptions: Object.freeze({
        kind: SpanKind.CLIENT,
        attributes: spanAttributes,
      }),
      metricAttributes: Object.freeze(shared),
    })
  }
}
