import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { staffingColumns } from './columns.js'
import type { SpecialistTrainingTable, StaffingTables } from './database.js'

export type SpecialistTrainingRow = Awaited<ReturnType<typeof findTrainingsBySpecialistIds>>[number]

/** Training records, the latest completed first. */
export function findTrainingsBySpecialistIds(db: Kysely<StaffingTables>, specialistIds: readonly string[]) {
  return db
    .selectFrom('specialist_training')
    .select(staffingColumns.specialistTraining)
    .where('specialist_training.specialist_id', '=', anyUuid(specialistIds))
    .orderBy('specialist_training.completed_on', 'desc')
    .orderBy('specialist_training.id')
    .execute()
}

export function findTrainingByCertificateNumber(
  db: Kysely<StaffingTables>,
  specialistId: string,
  certificateNumber: string,
) {
  return db
    .selectFrom('specialist_training')
    .select(staffingColumns.specialistTraining)
    .where('specialist_training.specialist_id', '=', specialistId)
    .where('specialist_training.certificate_number', '=', certificateNumber)
    .executeTakeFirst()
}

/** The day the specialist's latest recorded training was completed; undefined when none is recorded. */
export async function findLastCompletedOn(db: Kysely<StaffingTables>, specialistId: string) {
  const row = await db
    .selectFrom('specialist_training')
    .select((eb) => eb.fn.max('specialist_training.completed_on').as('lastCompletedOn'))
    .where('specialist_training.specialist_id', '=', specialistId)
    .executeTakeFirst()
  return row?.lastCompletedOn ?? undefined
}

export function insertTraining(db: Kysely<StaffingTables>, values: Insertable<SpecialistTrainingTable>) {
  return db
    .insertInto('specialist_training')
    .values(values)
    .returning(staffingColumns.specialistTraining)
    .executeTakeFirstOrThrow()
}
