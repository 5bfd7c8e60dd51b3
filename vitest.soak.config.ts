import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

/** `npm run test:soak`: the long runs, kept out of `npm test`; SOAK_SECONDS sets how long (300 by default). */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Replaced, not merged: mergeConfig would add the soak files to the whole suite's.
    include: ['tests/**/*.soak.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 3_600_000,
  },
})
