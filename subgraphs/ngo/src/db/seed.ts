import type { Insertable, Kysely } from 'kysely'
import { batchInserter, clearTables, countTableRows } from '../../../kit/src/seeding.js'
import { seedStaffing, STAFFING_TABLES, type StaffingSeedRows } from '../../../kit/src/staffing/seed.js'
import type { DB, NgoSessionTable, ParentGroupParticipationTable, ParentGroupTable } from './database.js'

type WithId<T> = Insertable<T> & { id: string }

/**
 * The ngo part of a synthetic region: groups and sessions keyed by the child, family and provider ids that social
 * issued, and the specialists of the non-state providers.
 */
export interface NgoSeedRows extends StaffingSeedRows {
  parentGroups: WithId<ParentGroupTable>[]
  sessions: WithId<NgoSessionTable>[]
  parentGroupParticipations: WithId<ParentGroupParticipationTable>[]
}

// Referenced tables first, so that every batch finds the rows its foreign keys point at.
const SEEDED_TABLES = [
  'parent_group',
  'ngo_session',
  'parent_group_participation',
  ...STAFFING_TABLES,
] as const satisfies readonly (keyof DB)[]

/** Inserts one part of the region in a single transaction: all of it or none. */
export async function seedNgo(db: Kysely<DB>, rows: NgoSeedRows) {
  await db.transaction().execute(async (trx) => {
    const insert = batchInserter<DB>(trx)
    await insert('parent_group', rows.parentGroups)
    await insert('ngo_session', rows.sessions)
    await insert('parent_group_participation', rows.parentGroupParticipations)
    await seedStaffing(trx, rows)
  })
}

// Recorded only through the API, never seeded; a reset empties them too, as they point at the region being replaced
// (meetings at its groups by a foreign key, which a TRUNCATE of the groups alone would refuse).
const RECORDED_TABLES = [
  'parent_group_meeting',
  'volunteer_hours',
  'volunteer',
] as const satisfies readonly (keyof DB)[]

/** Empties every table of the ngo database. */
export function clearNgo(db: Kysely<DB>) {
  return clearTables(db, [...SEEDED_TABLES, ...RECORDED_TABLES])
}

/** Rows in each table the seed fills. */
export function countNgoRows(db: Kysely<DB>) {
  return countTableRows(db, SEEDED_TABLES)
}
