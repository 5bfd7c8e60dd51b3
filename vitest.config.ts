import { mergeConfig } from 'vitest/config'
import { testConfig } from '@hub/testing/vitest-config'

/**
 * `npm test`: each subgraph's in-process tests (`subgraphs/<name>/test`) and the suites across the hub (`tests/`), in
 * two groups, one after the other. The in-process tests keep everything in their own process (PGlite, or a clone of
 * a PostgreSQL template, and the servers they start), so two files run at once, one per core. The suites that start
 * the hub's processes, a browser or the benchmark run one file at a time, so that no timing they check competes with
 * another hub.
 */
const PROCESSES = [
  'tests/browser/**/*.test.ts',
  'tests/bench/**/*.test.ts',
  'tests/deployment/**/*.test.ts',
  'tests/devmail/**/*.test.ts',
  'tests/e2e/**/*.test.ts',
  'tests/gateway/**/*.test.ts',
  'tests/idp/**/*.test.ts',
  'tests/security/**/*.test.ts',
  'tests/subgraphs/social/pathway/notification-digest.test.ts',
  'tests/subgraphs/education/transition-gateway.test.ts',
]

// Each project extends the shared configuration and adds to its lists, so the files are chosen in the projects alone.
export default mergeConfig(
  testConfig({
    include: [],
    exclude: ['tests/**/*.soak.test.ts', '**/node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/dashboard-build.ts'],
  }),
  {
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'in-process',
            include: ['tests/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts'],
            exclude: PROCESSES,
            maxWorkers: 2,
            sequence: { groupOrder: 0 },
          },
        },
        {
          extends: true,
          test: { name: 'processes', include: PROCESSES, maxWorkers: 1, sequence: { groupOrder: 1 } },
        },
      ],
    },
  },
)
