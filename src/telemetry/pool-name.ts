import type { RedshiftConfig } from '../config/index.js'

// Names of the pools alive in this process: the conventions want a pool
// name unique within the application, and two clients on one endpoint are
// two pools.
const inUse = new Set<string>()

/**
 * `db.client.connection.pool.name` of a client's pool: the config's
 * `applicationName` when it has one, else `host:port/database`; a second
 * live pool with the same name gets `#2` (then `#3`...). Call the returned
 * `release` when the pool closes, so the name can be used again.
 *
 * ```ts
 * const { name, release } = claimPoolName(config) // 'examplecluster.abc.us-east-1.redshift.amazonaws.com:5439/dev'
 * pool.once('close', release)
 * ```
 */
export function claimPoolName(
  config: Pick<
    RedshiftConfig,
    'host' | 'port' | 'database' | 'applicationName'
  >,
): { readonly name: string; readonly release: () => void } {
  const base =
    config.applicationName !== undefined && config.applicationName !== ''
      ? config.applicationName
      : `${config.host}:${config.port}/${config.database}`
  let name = base
  for (let n = 2; inUse.has(name); n++) name = `${base}#${n}`
  inUse.add(name)
  let released = false
  return {
    name,
    release: () => {
      if (released) return
      released = true
      inUse.delete(name)
    },
  }
}
