import type { Insertable, Kysely } from 'kysely'
import { clearChildMergeTables } from '@hub/side-contract/child-merge'
import { batchInserter, clearFrozenTables, clearTables, countTableRows } from '@hub/subgraph-kit/seeding'
import {
  clearStaffingSnapshots,
  seedStaffing,
  STAFFING_TABLES,
  type StaffingSeedRows,
} from '@hub/side-contract/staffing/seed'
import type {
  DB,
  EarlyHelpUnitTable,
  EducationSessionTable,
  KindergartenTable,
  PmpkConclusionTable,
  PreschoolApplicationTable,
} from './database.js'

type WithId<T> = Insertable<T> & { id: string }

/**
 * The education part of a synthetic region: kindergartens with their early-help units, and facts keyed by the child
 * id that social issued, among them the units' sessions against the children's ИПРП items; and the specialists of
 * education's providers.
 */
export interface EducationSeedRows extends StaffingSeedRows {
  /** Child-find signals of recent records that social has not received yet: delivered when the subgraph starts. */
  signalOutbox: WithId<DB['signal_outbox']>[]
  kindergartens: WithId<KindergartenTable>[]
  earlyHelpUnits: WithId<EarlyHelpUnitTable>[]
  pmpkConclusions: WithId<PmpkConclusionTable>[]
  preschoolApplications: WithId<PreschoolApplicationTable>[]
  sessions: WithId<EducationSessionTable>[]
}

// Referenced tables first, so that every batch finds the rows its foreign keys point at.
const SEEDED_TABLES = [
  'kindergarten',
  'early_help_unit',
  'pmpk_conclusion',
  'preschool_application',
  'education_session',
  'signal_outbox',
  ...STAFFING_TABLES,
] as const satisfies readonly (keyof DB)[]

/** Inserts one part of the region in a single transaction: all of it or none. */
export async function seedEducation(db: Kysely<DB>, rows: EducationSeedRows) {
  await db.transaction().execute(async (trx) => {
    const insert = batchInserter<DB>(trx)
    await insert('kindergarten', rows.kindergartens)
    await insert('early_help_unit', rows.earlyHelpUnits)
    await insert('pmpk_conclusion', rows.pmpkConclusions)
    await insert('preschool_application', rows.preschoolApplications)
    await insert('education_session', rows.sessions)
    await insert('signal_outbox', rows.signalOutbox)
    await seedStaffing(trx, rows)
  })
}

/** Empties every table the seed fills, what imports added to them, and the parts of filed reports that count them. */
export async function clearEducation(db: Kysely<DB>) {
  // The kindergartens' groups and education's dictionaries come from the department's files, not from the seed; but
  // they describe the kindergartens a reset replaces, so they go with them.
  await clearTables(db, [
    ...SEEDED_TABLES,
    'kindergarten_group',
    'reference_entry_version',
    'reference_entry',
    'reference_import',
  ])
  await clearChildMergeTables(db)
  await clearStaffingSnapshots(db)
  await clearFrozenTables(db, ['preschool_indicator_snapshot'])
}

/** Rows in each table the seed fills. */
export function countEducationRows(db: Kysely<DB>) {
  return countTableRows(db, SEEDED_TABLES)
}
