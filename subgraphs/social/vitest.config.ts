import { testConfig } from '@hub/testing/vitest-config'

/** `npm test` in this folder: the social subgraph's in-process tests, on PGlite and, where a server runs, PostgreSQL. */
export default testConfig({ include: ['test/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'] })
