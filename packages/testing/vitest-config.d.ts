import type { UserConfig } from 'vitest/config'

/** What a test run chooses: its files and its global setup (the PostgreSQL templates of the subgraphs it tests). */
export interface TestRun {
  include: string[]
  exclude?: string[]
  globalSetup: string[]
}

export function testConfig(run: TestRun): UserConfig
