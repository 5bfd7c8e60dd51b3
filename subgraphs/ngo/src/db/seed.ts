import type { Insertable, Kysely } from 'kysely'
import { clearChildMergeTables } from '@hub/side-contract/child-merge'
import { batchInserter, clearTables, countTableRows } from '@hub/subgraph-kit/seeding'
import {
  clearStaffingSnapshots,
  seedStaffing,
  STAFFING_TABLES,
  type StaffingSeedRows,
} from '@hub/side-contract/staffing/seed'
import type {
  DB,
  NgoSessionTable,
  ParentGroupMeetingTable,
  ParentGroupParticipationTable,
  ParentGroupTable,
  VolunteerHoursTable,
  VolunteerTable,
} from './database.js'

type WithId<T> = Insertable<T> & { id: string }

/**
 * The ngo part of a synthetic region: parent groups with their meetings, sessions and volunteers, keyed by the child,
 * family, provider and ИПРП item ids that social issued, and the specialists of the non-state providers.
 */
export interface NgoSeedRows extends StaffingSeedRows {
  parentGroups: WithId<ParentGroupTable>[]
  sessions: WithId<NgoSessionTable>[]
  parentGroupParticipations: WithId<ParentGroupParticipationTable>[]
  parentGroupMeetings: WithId<ParentGroupMeetingTable>[]
  volunteers: WithId<VolunteerTable>[]
  volunteerHours: WithId<VolunteerHoursTable>[]
}

// Referenced tables first, so that every batch finds the rows its foreign keys point at.
const SEEDED_TABLES = [
  'parent_group',
  'ngo_session',
  'parent_group_participation',
  'parent_group_meeting',
  'volunteer',
  'volunteer_hours',
  ...STAFFING_TABLES,
] as const satisfies readonly (keyof DB)[]

/** Inserts one part of the region in a single transaction: all of it or none. */
export async function seedNgo(db: Kysely<DB>, rows: NgoSeedRows) {
  await db.transaction().execute(async (trx) => {
    const insert = batchInserter<DB>(trx)
    await insert('parent_group', rows.parentGroups)
    await insert('ngo_session', rows.sessions)
    await insert('parent_group_participation', rows.parentGroupParticipations)
    await insert('parent_group_meeting', rows.parentGroupMeetings)
    await insert('volunteer', rows.volunteers)
    await insert('volunteer_hours', rows.volunteerHours)
    await seedStaffing(trx, rows)
  })
}

/** Empties every table the seed fills, and the parts of filed reports that count them. */
export async function clearNgo(db: Kysely<DB>) {
  await clearTables(db, SEEDED_TABLES)
  await clearChildMergeTables(db)
  await clearStaffingSnapshots(db)
}

/** Rows in each table the seed fills. */
export function countNgoRows(db: Kysely<DB>) {
  return countTableRows(db, SEEDED_TABLES)
}
