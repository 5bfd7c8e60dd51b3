import type { Kysely } from 'kysely'
import type { DB } from './db/database.js'
import { createFamiliesLoaders } from './modules/families/loaders.js'
import { createMergesLoaders } from './modules/merges/loaders.js'
import { createMonitoringLoaders } from './modules/monitoring/loaders.js'
import { createPathwayLoaders } from './modules/pathway/loaders.js'
import { createProvidersLoaders } from './modules/providers/loaders.js'
import { createRegistryLoaders } from './modules/registry/loaders.js'
import type { LiveFigures } from './modules/monitoring/services/indicators.js'

/**
 * Created once per request (context.ts): every module's loaders in one object, one SQL statement per batch of keys.
 * A module's resolvers load other modules' entities through it too (a referral's child, a programme's provider).
 */
export function createLoaders(db: Kysely<DB>, live: LiveFigures) {
  return {
    ...createRegistryLoaders(db),
    ...createFamiliesLoaders(db),
    ...createProvidersLoaders(db),
    ...createPathwayLoaders(db),
    ...createMergesLoaders(db),
    ...createMonitoringLoaders(db, live),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
