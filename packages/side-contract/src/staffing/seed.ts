import type { Insertable, Kysely, Transaction } from 'kysely'
import { batchInserter, clearFrozenTables } from '@hub/subgraph-kit/seeding'
import { staffingView, type SpecialistTable, type SpecialistTrainingTable, type StaffingTables } from './database.js'

type WithId<T> = Insertable<T> & { id: string }

/** One side's part of a synthetic region's staffing: the specialists of that side's providers and their training. */
export interface StaffingSeedRows {
  specialists: WithId<SpecialistTable>[]
  specialistTrainings: WithId<SpecialistTrainingTable>[]
}

/** The staffing tables, referenced table first. */
export const STAFFING_TABLES = [
  'specialist',
  'specialist_training',
] as const satisfies readonly (keyof StaffingTables)[]

/** Inserts a side's staffing rows; called inside that side's seeding transaction. */
export async function seedStaffing<DB extends StaffingTables>(trx: Transaction<DB>, rows: StaffingSeedRows) {
  const insert = batchInserter<StaffingTables>(staffingView(trx))
  await insert('specialist', rows.specialists)
  await insert('specialist_training', rows.specialistTrainings)
}

/** Empties a side's parts of filed reports, which count its seeded staff: a reset of the region empties them too. */
export async function clearStaffingSnapshots<DB extends StaffingTables>(db: Kysely<DB>) {
  await clearFrozenTables(staffingView(db), ['staffing_indicator_snapshot'])
}
