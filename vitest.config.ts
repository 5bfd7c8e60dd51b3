import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for our code and Apollo's alike; Vite would give our code the ES module
    // build, a second copy whose types Apollo's schema rejects ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/**/*.soak.test.ts', 'node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/dashboard-build.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
