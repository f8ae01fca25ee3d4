import { defineConfig } from 'vitest/config'

/** Unit files that also check against the suite's PostgreSQL server. */
const SERVER_UNITS = [
  'test/unit/config-pg-client.test.ts',
  'test/unit/testing-errors.test.ts',
]

export default defineConfig({
  test: {
    reporters: ['default', './test/setup/summary-reporter.ts'],
    // Two cores: more workers only add contention with the database server.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: SERVER_UNITS,
          // Pure units (no server, no global state left behind): one module
          // graph per worker instead of one per file, which loading the
          // sources again for each of them would cost more than the tests.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/fault/**/*.test.ts',
            ...SERVER_UNITS,
          ],
          globalSetup: ['test/setup/global-setup.ts'],
          typecheck: {
            enabled: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
    ],
  },
})
