import type { Insertable, Kysely, Transaction } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, VolunteerTable } from '../database.js'

export type VolunteerRow = Awaited<ReturnType<typeof findVolunteersByIds>>[number]

export function findVolunteersByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('volunteer').select(columns.volunteer).where('volunteer.id', '=', anyUuid(ids)).execute()
}

export function findVolunteersByProviderIds(db: Kysely<DB>, providerIds: readonly string[]) {
  return db
    .selectFrom('volunteer')
    .select(columns.volunteer)
    .where('volunteer.provider_id', '=', anyUuid(providerIds))
    .orderBy('volunteer.started_on', 'desc')
    .orderBy('volunteer.id')
    .execute()
}

/** The volunteer who holds a provider's registration number now (not ended), if any. */
export function findActiveVolunteerByRegistrationNumber(
  db: Kysely<DB>,
  providerId: string,
  registrationNumber: string,
) {
  return db
    .selectFrom('volunteer')
    .select(columns.volunteer)
    .where('volunteer.provider_id', '=', providerId)
    .where('volunteer.registration_number', '=', registrationNumber)
    .where('volunteer.ended_on', 'is', null)
    .executeTakeFirst()
}

/** Holds the volunteer until commit: an end and an hours record cannot interleave. */
export function lockVolunteerById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('volunteer')
    .select(columns.volunteer)
    .where('volunteer.id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
}

export function insertVolunteer(db: Kysely<DB>, values: Insertable<VolunteerTable>) {
  return db.insertInto('volunteer').values(values).returning(columns.volunteer).executeTakeFirstOrThrow()
}

export function updateVolunteer(db: Kysely<DB>, id: string, values: { ended_on: string }) {
  return db
    .updateTable('volunteer')
    .set(values)
    .where('volunteer.id', '=', id)
    .returning(columns.volunteer)
    .executeTakeFirstOrThrow()
}
