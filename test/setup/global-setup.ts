import type { TestProject } from 'vitest/node'

import { startPostgres, type StartedPostgres } from './start-postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the PostgreSQL server the suite runs against. */
    databaseUrl: string
  }
}

let started: StartedPostgres | undefined

export async function setup(
  project: TestProject,
): Promise<() => Promise<void>> {
  started = await startPostgres()
  project.provide('databaseUrl', started.url)
  const stop = async () => {
    await started?.stop()
    started = undefined
  }
  // Stop what we started even when the run is interrupted.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(130)))
  }
  return stop
}
