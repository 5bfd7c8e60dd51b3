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
  DetectionEventTable,
  DiagnosisTable,
  DispensaryObservationTable,
  HealthGroupAssessmentTable,
  RehabilitationEpisodeTable,
  RehabilitationSessionTable,
  RiskFactorTable,
} from './database.js'

type WithId<T> = Insertable<T> & { id: string }

/**
 * The health part of a synthetic region: facts keyed by the child id that social issued, and nothing identifying —
 * among them dispensary observation and medical rehabilitation against the children's ИПРП items; and the specialists
 * of health's providers.
 */
export interface HealthSeedRows extends StaffingSeedRows {
  /** Child-find signals of recent records that social has not received yet: delivered when the subgraph starts. */
  signalOutbox: WithId<DB['signal_outbox']>[]
  healthGroupAssessments: WithId<HealthGroupAssessmentTable>[]
  detectionEvents: WithId<DetectionEventTable>[]
  diagnoses: WithId<DiagnosisTable>[]
  riskFactors: WithId<RiskFactorTable>[]
  dispensaryObservations: WithId<DispensaryObservationTable>[]
  rehabilitationEpisodes: WithId<RehabilitationEpisodeTable>[]
  rehabilitationSessions: WithId<RehabilitationSessionTable>[]
}

// Referenced tables first, so that every batch finds the rows its foreign keys point at.
// icd10_code is not listed: its rows belong to a migration and survive a reset.
const SEEDED_TABLES = [
  'health_group_assessment',
  'detection_event',
  'diagnosis',
  'risk_factor',
  'dispensary_observation',
  'rehabilitation_episode',
  'rehabilitation_session',
  'signal_outbox',
  ...STAFFING_TABLES,
] as const satisfies readonly (keyof DB)[]

/** Inserts one part of the region in a single transaction: all of it or none. */
export async function seedHealth(db: Kysely<DB>, rows: HealthSeedRows) {
  await db.transaction().execute(async (trx) => {
    const insert = batchInserter<DB>(trx)
    await insert('health_group_assessment', rows.healthGroupAssessments)
    await insert('detection_event', rows.detectionEvents)
    await insert('diagnosis', rows.diagnoses)
    await insert('risk_factor', rows.riskFactors)
    await insert('dispensary_observation', rows.dispensaryObservations)
    await insert('rehabilitation_episode', rows.rehabilitationEpisodes)
    await insert('rehabilitation_session', rows.rehabilitationSessions)
    await insert('signal_outbox', rows.signalOutbox)
    await seedStaffing(trx, rows)
  })
}

/** Empties every table the seed fills and the parts of filed reports that count them, keeping the ICD-10 dictionary. */
export async function clearHealth(db: Kysely<DB>) {
  await clearTables(db, SEEDED_TABLES)
  await clearChildMergeTables(db)
  await clearStaffingSnapshots(db)
}

/** Rows in each table the seed fills. */
export function countHealthRows(db: Kysely<DB>) {
  return countTableRows(db, SEEDED_TABLES)
}
