import { defineConfig } from 'vitest/config'

// Plain JavaScript, typed by vitest-config.d.ts: vitest bundles a configuration file and lets Node import the
// packages it names, and Node 20 loads no TypeScript.

/**
 * The vitest configuration every test run of the hub shares, the whole suite's at the root and a subgraph's from its
 * folder: each test file in a process of its own, time enough for a fresh database and a started server.
 * @param {import('./vitest-config.d.ts').TestRun} run
 */
export function testConfig(run) {
  return defineConfig({
    resolve: {
      // Node loads graphql's CommonJS build for our code and Apollo's alike; Vite would give our code the ES module
      // build, a second copy whose types Apollo's schema rejects ("from another module or realm").
      alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
    },
    test: {
      exclude: ['**/node_modules/**'],
      ...run,
      testTimeout: 30_000,
      hookTimeout: 120_000,
      pool: 'forks',
    },
  })
}
