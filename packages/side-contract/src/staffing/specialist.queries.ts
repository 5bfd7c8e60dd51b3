import type { Insertable, Kysely, Transaction } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { staffingColumns } from './columns.js'
import type { SpecialistTable, StaffingTables } from './database.js'

export type SpecialistRow = Awaited<ReturnType<typeof findSpecialistsByProviderIds>>[number]

/** A provider's specialists, current and former, the latest hired first. */
export function findSpecialistsByProviderIds(db: Kysely<StaffingTables>, providerIds: readonly string[]) {
  return db
    .selectFrom('specialist')
    .select(staffingColumns.specialist)
    .where('specialist.provider_id', '=', anyUuid(providerIds))
    .orderBy('specialist.employed_from', 'desc')
    .orderBy('specialist.id')
    .execute()
}

export function findSpecialistsByIds(db: Kysely<StaffingTables>, ids: readonly string[]) {
  return db
    .selectFrom('specialist')
    .select(staffingColumns.specialist)
    .where('specialist.id', '=', anyUuid(ids))
    .execute()
}

/** The specialist who holds a provider's personnel number now (no end of employment recorded), if any. */
export function findCurrentSpecialistByPersonnelNumber(
  db: Kysely<StaffingTables>,
  providerId: string,
  personnelNumber: string,
) {
  return db
    .selectFrom('specialist')
    .select(staffingColumns.specialist)
    .where('specialist.provider_id', '=', providerId)
    .where('specialist.personnel_number', '=', personnelNumber)
    .where('specialist.employed_until', 'is', null)
    .executeTakeFirst()
}

/**
 * Holds the specialist until commit: an end of employment cannot interleave with a training record or with a session
 * the specialist gave, each of which must fall within the employment.
 */
export function lockSpecialistById(trx: Transaction<StaffingTables>, id: string) {
  return trx
    .selectFrom('specialist')
    .select(staffingColumns.specialist)
    .where('specialist.id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
}

export function insertSpecialist(db: Kysely<StaffingTables>, values: Insertable<SpecialistTable>) {
  return db.insertInto('specialist').values(values).returning(staffingColumns.specialist).executeTakeFirstOrThrow()
}

export function updateSpecialist(db: Kysely<StaffingTables>, id: string, values: { employed_until: string }) {
  return db
    .updateTable('specialist')
    .set(values)
    .where('specialist.id', '=', id)
    .returning(staffingColumns.specialist)
    .executeTakeFirstOrThrow()
}
