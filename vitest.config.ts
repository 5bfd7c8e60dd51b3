import { testConfig } from '@hub/testing/vitest-config'

/** `npm test`: each subgraph's in-process tests (`subgraphs/<name>/test`) and the suites across the hub (`tests/`). */
export default testConfig({
  include: ['tests/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts'],
  exclude: ['tests/**/*.soak.test.ts', '**/node_modules/**'],
  globalSetup: ['tests/support/global-setup.ts', 'tests/support/dashboard-build.ts'],
})
