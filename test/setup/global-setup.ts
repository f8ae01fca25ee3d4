import type { TestProject } from 'vitest/node'

import {
  startLocalRedshift,
  type LocalRedshift,
} from '../../src/local/index.js'
import { startPostgres, type StartedPostgres } from './start-postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the PostgreSQL server the suite runs against. */
    databaseUrl: string
    /**
     * URL of the local Redshift emulator running on that PostgreSQL (database
     * `dev`; point it at another database by changing the path).
     */
    redshiftUrl: string
  }
}

let started: StartedPostgres | undefined
let emulator: LocalRedshift | undefined

export async function setup(
  project: TestProject,
): Promise<() => Promise<void>> {
  started = await startPostgres()
  project.provide('databaseUrl', started.url)
  const stop = async () => {
    await emulator?.stop()
    emulator = undefined
    await started?.stop()
    started = undefined
  }
  // Stop what we started even when the run is interrupted.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(130)))
  }
  try {
    emulator = await startLocalRedshift({ port: 0, pgUrl: started.url })
  } catch (error) {
    await stop()
    throw error
  }
  project.provide('redshiftUrl', emulator.url)
  return stop
}
