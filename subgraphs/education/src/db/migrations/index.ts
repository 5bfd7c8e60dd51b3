import type { Migration } from 'kysely'
import * as createEducationRecords from './2026_11_23_1600_create_education_records.js'

export const migrations: Record<string, Migration> = {
  '2026_11_23_1600_create_education_records': createEducationRecords,
}
