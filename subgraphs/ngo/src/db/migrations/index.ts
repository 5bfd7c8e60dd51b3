import type { Migration } from 'kysely'
import * as createNgoRecords from './2026_11_23_1600_create_ngo_records.js'

export const migrations: Record<string, Migration> = {
  '2026_11_23_1600_create_ngo_records': createNgoRecords,
}
