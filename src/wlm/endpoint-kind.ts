import { CompiledQuery, type Kysely } from 'kysely'

import type { RedshiftConfig } from '../config/index.js'
import { NotAvailableOnServerlessError } from '../errors/not-available-on-serverless-error.js'
import { PermissionDeniedError } from '../errors/permission-denied-error.js'
import { TableNotFoundError } from '../errors/table-not-found-error.js'

/**
 * What a client is connected to: a provisioned cluster, where the STL, STV
 * and SVL views and WLM queues exist, or Redshift Serverless, where only the
 * SYS views (and some SVV views) can be queried.
 */
export type EndpointKind = 'provisioned' | 'serverless'

const SERVERLESS_HOST = /\.redshift-serverless\.amazonaws\.com(\.cn)?\.?$/i
const PROVISIONED_HOST = /\.redshift\.amazonaws\.com(\.cn)?\.?$/i

// A probe that reads nothing: it fails only where STV views do not exist.
const PROBE = CompiledQuery.raw(
  'select count(*) as n from stv_wlm_service_class_config where 1 = 0',
)

// One answer per client: its derived instances (withPlugin, withQuerySettings)
// share the frozen config object, so they share the detection too.
const detected = new WeakMap<object, Promise<EndpointKind>>()

/**
 * The endpoint kind of `db`, found once per client: the config's
 * `endpointKind`, else its host name (`*.redshift-serverless.amazonaws.com`
 * or `*.redshift.amazonaws.com`), else `iam.kind`, else one probe of an STV
 * view (Serverless refuses it). A probe that fails for another reason (the
 * connection) is not remembered, so the next call asks again. Inside a
 * transaction nothing is probed (a failed probe would abort it).
 *
 * ```ts
 * if ((await endpointKindOf(db)) === 'serverless') console.log('SYS views only')
 * ```
 */
export function endpointKindOf(db: Kysely<any>): Promise<EndpointKind> {
  const config = (db as { readonly config?: RedshiftConfig }).config
  const configured = configuredKind(config)
  if (configured !== undefined) return Promise.resolve(configured)
  const key: object = config ?? db
  let kind = detected.get(key)
  if (kind === undefined) {
    if (db.isTransaction) {
      // A failed probe would abort the caller's transaction.
      return Promise.reject(
        new TypeError(
          'the endpoint kind is not known yet and cannot be probed inside a transaction: ' +
            "set endpointKind ('provisioned' | 'serverless') in the config, or call db.wlm.endpointKind() before the transaction",
        ),
      )
    }
    kind = probe(db)
    detected.set(key, kind)
    kind.catch(() => detected.delete(key))
  }
  return kind
}

/**
 * Throws {@link NotAvailableOnServerlessError} on Serverless.
 *
 * ```ts
 * await requireProvisioned(db, 'WLM queue state', 'db.wlm.runningQueries()')
 * ```
 */
export async function requireProvisioned(
  db: Kysely<any>,
  feature: string,
  alternative: string,
): Promise<void> {
  if ((await endpointKindOf(db)) === 'serverless') {
    throw new NotAvailableOnServerlessError({ feature, alternative })
  }
}

function configuredKind(
  config: RedshiftConfig | undefined,
): EndpointKind | undefined {
  if (config === undefined) return undefined
  if (config.endpointKind !== undefined) return config.endpointKind
  if (SERVERLESS_HOST.test(config.host)) return 'serverless'
  if (PROVISIONED_HOST.test(config.host)) return 'provisioned'
  return config.iam?.kind
}

async function probe(db: Kysely<any>): Promise<EndpointKind> {
  try {
    await db.executeQuery(PROBE)
    return 'provisioned'
  } catch (error) {
    // Serverless answers that the view does not exist or may not be read.
    if (
      error instanceof TableNotFoundError ||
      error instanceof PermissionDeniedError
    ) {
      return 'serverless'
    }
    throw error
  }
}
