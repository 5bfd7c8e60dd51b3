import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type {
  DB,
  NgoSessionTable,
  ParentGroupMeetingTable,
  ParentGroupParticipationTable,
  ParentGroupTable,
  VolunteerHoursTable,
  VolunteerTable,
} from '../../src/db/database.js'

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
    format: 'IN_PERSON' as const,
    started_on: '2026-01-15',
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

export async function insertMeeting(
  db: Kysely<DB>,
  groupId: string,
  overrides: Partial<Insertable<ParentGroupMeetingTable>> = {},
) {
  const row = {
    id: randomUUID(),
    parent_group_id: groupId,
    held_on: '2026-04-10',
    topic: 'Режим дня ребёнка раннего возраста',
    format: 'IN_PERSON' as const,
    attending_families: 6,
    ...overrides,
  }
  await db.insertInto('parent_group_meeting').values(row).execute()
  return row
}

export async function insertVolunteer(
  db: Kysely<DB>,
  providerId: string,
  overrides: Partial<Insertable<VolunteerTable>> = {},
) {
  const row = {
    id: randomUUID(),
    provider_id: providerId,
    registration_number: 'ВОЛ-0042',
    activity_kinds: ['FAMILY_SUPPORT', 'TRANSPORT'] as VolunteerTable['activity_kinds'],
    started_on: '2026-02-01',
    ended_on: null,
    ...overrides,
  }
  await db.insertInto('volunteer').values(row).execute()
  return row
}

export async function insertVolunteerHours(
  db: Kysely<DB>,
  volunteerId: string,
  overrides: Partial<Insertable<VolunteerHoursTable>> = {},
) {
  const row = {
    id: randomUUID(),
    volunteer_id: volunteerId,
    worked_on: '2026-05-12',
    minutes: 150,
    activity: 'FAMILY_SUPPORT' as const,
    ...overrides,
  }
  await db.insertInto('volunteer_hours').values(row).execute()
  return row
}
