import { randomInt, randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type {
  DB,
  EarlyHelpUnitTable,
  EducationSessionTable,
  KindergartenTable,
  PmpkConclusionTable,
  PreschoolApplicationTable,
} from '../../src/db/database.js'

export async function insertKindergarten(db: Kysely<DB>, overrides: Partial<Insertable<KindergartenTable>> = {}) {
  const row = { id: randomUUID(), name: 'МБДОУ «Детский сад № 1»', municipality_oktmo: '71800000', ...overrides }
  await db.insertInto('kindergarten').values(row).execute()
  return row
}

export async function insertPmpkConclusion(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<PmpkConclusionTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    // A commission numbers its conclusions once (a unique index): a fresh number per call.
    number: `ТПМПК-2026/${randomInt(1, 1_000_000)}`,
    commission: 'Территориальная ПМПК',
    concluded_on: '2026-02-10',
    needs_special_conditions: true,
    recommended_programme: 'ADAPTED' as const,
    recommended_conditions: ['Услуги ассистента (помощника)', 'Занятия с учителем-логопедом'],
    ...overrides,
  }
  await db.insertInto('pmpk_conclusion').values(row).execute()
  return row
}

export async function insertPreschoolApplication(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<PreschoolApplicationTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    applied_on: '2025-06-01',
    desired_start_on: '2027-09-01',
    status: 'QUEUED' as const,
    kindergarten_id: null,
    enrolled_on: null,
    group_type: null,
    ...overrides,
  }
  await db.insertInto('preschool_application').values(row).execute()
  return row
}

export async function insertEarlyHelpUnit(
  db: Kysely<DB>,
  kindergartenId: string,
  overrides: Partial<Insertable<EarlyHelpUnitTable>> = {},
) {
  const row = {
    id: randomUUID(),
    kindergarten_id: kindergartenId,
    kind: 'LEKOTEKA' as const,
    title: 'Лекотека «Радуга»',
    ...overrides,
  }
  await db.insertInto('early_help_unit').values(row).execute()
  return row
}

export async function insertEducationSession(
  db: Kysely<DB>,
  childId: string,
  unitId: string,
  overrides: Partial<Insertable<EducationSessionTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    unit_id: unitId,
    service_code: 'COMMUNICATION_SPEECH',
    delivered_on: '2026-10-15',
    duration_minutes: 30,
    mode: 'IN_CENTRE' as const,
    attended: true,
    cancellation_reason: null,
    ...overrides,
  }
  await db.insertInto('education_session').values(row).execute()
  return row
}
