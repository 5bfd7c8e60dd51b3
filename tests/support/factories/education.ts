import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type {
  DB,
  KindergartenTable,
  PmpkConclusionTable,
  PreschoolApplicationTable,
} from '../../../subgraphs/education/src/db/database.js'

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
    number: 'ТПМПК-2026/15',
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
