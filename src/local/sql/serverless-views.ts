import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'

/**
 * What Redshift Serverless answers a statement that reads an STL, STV, SVL
 * or SVCS view: those views are not available there
 * (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-monitoring.html),
 * and the error users meet is a permission error naming the relation
 * (`42501 permission denied for relation stl_insert`, seen in
 * mage-ai/mage-ai#2754 and open-metadata/OpenMetadata#14820).
 *
 * @example
 * ```ts
 * serverlessViewError('stl_query').message // 'permission denied for relation stl_query'
 * ```
 */
export function serverlessViewError(view: string): ErrorFields {
  return reject.other(
    '42501',
    `permission denied for relation ${view}`,
    undefined,
    'Redshift Serverless has no STL, STV, SVL or SVCS views: use the SYS_* monitoring views',
  )
}
