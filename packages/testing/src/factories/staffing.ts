import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import {
  staffingView,
  type SpecialistTable,
  type SpecialistTrainingTable,
  type StaffingTables,
} from '@hub/side-contract/staffing/database'

let sequence = 0
const next = () => ++sequence

/** A specialist in any subgraph's database: the staffing tables are the same on every side. */
export async function insertSpecialist<DB extends StaffingTables>(
  db: Kysely<DB>,
  providerId: string,
  overrides: Partial<Insertable<SpecialistTable>> = {},
) {
  const row = {
    id: randomUUID(),
    provider_id: providerId,
    personnel_number: `ТН-${String(next()).padStart(4, '0')}`,
    role: 'PSYCHOLOGIST' as const,
    employed_from: '2024-09-01',
    employed_until: null,
    ...overrides,
  }
  await staffingView(db).insertInto('specialist').values(row).execute()
  return row
}

export async function insertTraining<DB extends StaffingTables>(
  db: Kysely<DB>,
  specialistId: string,
  overrides: Partial<Insertable<SpecialistTrainingTable>> = {},
) {
  const row = {
    id: randomUUID(),
    specialist_id: specialistId,
    course: 'Организация и содержание ранней помощи детям и их семьям',
    hours: 72,
    completed_on: '2025-04-18',
    certificate_number: `7824${String(next()).padStart(8, '0')}`,
    ...overrides,
  }
  await staffingView(db).insertInto('specialist_training').values(row).execute()
  return row
}
