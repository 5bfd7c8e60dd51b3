import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type {
  DB,
  DetectionEventTable,
  DiagnosisTable,
  DispensaryObservationTable,
  HealthGroupAssessmentTable,
  RehabilitationEpisodeTable,
  RehabilitationSessionTable,
  RiskFactorTable,
} from '../../src/db/database.js'

export async function insertHealthGroup(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<HealthGroupAssessmentTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    health_group: 'IV' as const,
    assessed_on: '2025-04-01',
    ...overrides,
  }
  await db.insertInto('health_group_assessment').values(row).execute()
  return row
}

export async function insertDiagnosis(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<DiagnosisTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    icd10_code: 'G80.1',
    diagnosed_on: '2025-05-20',
    is_primary: true,
    ...overrides,
  }
  await db.insertInto('diagnosis').values(row).execute()
  return row
}

export async function insertDetectionEvent(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<DetectionEventTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    kind: 'NEONATAL_SCREENING' as const,
    result: 'POSITIVE' as const,
    occurred_on: '2025-03-18',
    organisation: 'ГБУЗ «Тестовый перинатальный центр»',
    ...overrides,
  }
  await db.insertInto('detection_event').values(row).execute()
  return row
}

export async function insertRiskFactor(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<RiskFactorTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    kind: 'PREMATURITY' as const,
    noted_on: '2025-03-14',
    details: '32 недели',
    ...overrides,
  }
  await db.insertInto('risk_factor').values(row).execute()
  return row
}

export async function insertDispensaryObservation(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<DispensaryObservationTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    icd10_code: 'G80.1',
    specialty: 'NEUROLOGY' as const,
    started_on: '2025-06-02',
    ended_on: null,
    end_reason: null,
    ...overrides,
  }
  await db.insertInto('dispensary_observation').values(row).execute()
  return row
}

export async function insertRehabilitationEpisode(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<RehabilitationEpisodeTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    organisation: 'ГБУЗ «Тестовый центр медицинской реабилитации»',
    goal: 'Самостоятельное удержание положения сидя',
    started_on: '2025-06-10',
    ended_on: null,
    ...overrides,
  }
  await db.insertInto('rehabilitation_episode').values(row).execute()
  return row
}

export async function insertRehabilitationSession(
  db: Kysely<DB>,
  episodeId: string,
  overrides: Partial<Insertable<RehabilitationSessionTable>> = {},
) {
  const row = {
    id: randomUUID(),
    episode_id: episodeId,
    held_on: '2025-06-17',
    duration_minutes: 45,
    mode: 'IN_CENTRE' as const,
    specialist_role: 'PHYSICAL_THERAPIST' as const,
    attended: true,
    cancellation_reason: null,
    ...overrides,
  }
  await db.insertInto('rehabilitation_session').values(row).execute()
  return row
}
