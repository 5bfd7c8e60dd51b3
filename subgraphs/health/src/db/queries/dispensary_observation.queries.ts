import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, DispensaryObservationTable } from '../database.js'

export type DispensaryObservationRow = Awaited<ReturnType<typeof findDispensaryObservationsByChildIds>>[number]

/** Newest first, so the observations going on now come before those of the first months. */
export function findDispensaryObservationsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('dispensary_observation')
    .innerJoin('icd10_code', 'icd10_code.code', 'dispensary_observation.icd10_code')
    .select(columns.dispensaryObservation)
    .where('dispensary_observation.child_id', '=', anyUuid(childIds))
    .orderBy('dispensary_observation.started_on', 'desc')
    .orderBy('dispensary_observation.id')
    .execute()
}

export function findDispensaryObservationById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('dispensary_observation')
    .innerJoin('icd10_code', 'icd10_code.code', 'dispensary_observation.icd10_code')
    .select(columns.dispensaryObservation)
    .where('dispensary_observation.id', '=', id)
    .executeTakeFirstOrThrow()
}

/**
 * Inserts an observation unless the same child already has one open for the
 * same code and specialty; then it returns undefined. One statement, so two
 * concurrent starts cannot both succeed.
 */
export function insertDispensaryObservation(db: Kysely<DB>, values: Insertable<DispensaryObservationTable>) {
  return db
    .insertInto('dispensary_observation')
    .values(values)
    .onConflict((oc) => oc.columns(['child_id', 'icd10_code', 'specialty']).where('ended_on', 'is', null).doNothing())
    .returning('dispensary_observation.id')
    .executeTakeFirst()
}

/** Locks one observation (not its dictionary row) until the transaction ends, so that two ends cannot race. */
export function lockDispensaryObservationById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('dispensary_observation')
    .innerJoin('icd10_code', 'icd10_code.code', 'dispensary_observation.icd10_code')
    .select(columns.dispensaryObservation)
    .where('dispensary_observation.id', '=', id)
    .forUpdate('dispensary_observation')
    .executeTakeFirst()
}

export async function updateDispensaryObservation(
  db: Kysely<DB>,
  id: string,
  values: Updateable<DispensaryObservationTable>,
) {
  await db.updateTable('dispensary_observation').set(values).where('dispensary_observation.id', '=', id).execute()
}
