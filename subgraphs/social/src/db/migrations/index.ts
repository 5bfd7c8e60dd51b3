import type { Migration } from 'kysely'
import * as createRegistry from './2026_11_23_1600_create_registry.js'

export const migrations: Record<string, Migration> = {
  '2026_11_23_1600_create_registry': createRegistry,
}
