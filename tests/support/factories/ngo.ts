import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type {
  DB,
  NgoSessionTable,
  ParentGroupParticipationTable,
  ParentGroupTable,
} from '../../../subgraphs/ngo/src/db/database.js'

export async function insertSession(
  db: Kysely<DB>,
  childId: string,
  providerId: string,
  overrides: Partial<Insertable<NgoSessionTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    provider_id: providerId,
    service_code: 'COMMUNICATION_SPEECH',
    delivered_on: '2026-10-05',
    duration_minutes: 45,
    mode: 'IN_CENTRE' as const,
    attended: true,
    ...overrides,
  }
  await db.insertInto('ngo_session').values(row).execute()
  return row
}

export async function insertParentGroup(
  db: Kysely<DB>,
  providerId: string,
  overrides: Partial<Insertable<ParentGroupTable>> = {},
) {
  const row = {
    id: randomUUID(),
    provider_id: providerId,
    name: 'Клуб «Вместе»',
    municipality_oktmo: '71800000',
    ...overrides,
  }
  await db.insertInto('parent_group').values(row).execute()
  return row
}

export async function insertParticipation(
  db: Kysely<DB>,
  groupId: string,
  familyId: string,
  overrides: Partial<Insertable<ParentGroupParticipationTable>> = {},
) {
  const row = {
    id: randomUUID(),
    parent_group_id: groupId,
    family_id: familyId,
    joined_on: '2026-03-01',
    left_on: null,
    ...overrides,
  }
  await db.insertInto('parent_group_participation').values(row).execute()
  return row
}
