import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, PreschoolApplicationTable } from '../database.js'

export type PreschoolApplicationRow = Awaited<ReturnType<typeof findPreschoolApplicationsByChildIds>>[number]

export function findPreschoolApplicationsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('preschool_application')
    .select(columns.preschoolApplication)
    .where('preschool_application.child_id', '=', anyUuid(childIds))
    .orderBy('preschool_application.applied_on', 'desc')
    .orderBy('preschool_application.id')
    .execute()
}

/** The children's enrolments in a kindergarten, the latest of each child's, in child id order. */
export function findEnrolmentsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('preschool_application')
    .select(['preschool_application.child_id as childId', 'preschool_application.enrolled_on as enrolledOn'])
    .distinctOn('preschool_application.child_id')
    .where('preschool_application.child_id', '=', anyUuid(childIds))
    .where('preschool_application.status', '=', 'ENROLLED')
    .where('preschool_application.enrolled_on', 'is not', null)
    .$narrowType<{ enrolledOn: string }>()
    .orderBy('preschool_application.child_id')
    .orderBy('preschool_application.enrolled_on', 'desc')
    .execute()
}

/** The child's application in force (in the queue or directed), if any: there is at most one. */
export function findActivePreschoolApplicationByChildId(db: Kysely<DB>, childId: string) {
  return db
    .selectFrom('preschool_application')
    .select(columns.preschoolApplication)
    .where('preschool_application.child_id', '=', childId)
    .where('preschool_application.status', 'in', ['QUEUED', 'DIRECTED'])
    .executeTakeFirst()
}

/** Holds the application until commit, so that two moves of it (direct and withdraw) cannot interleave. */
export function lockPreschoolApplicationById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('preschool_application')
    .select(columns.preschoolApplication)
    .where('preschool_application.id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
}

export function findPreschoolApplicationById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('preschool_application')
    .select(columns.preschoolApplication)
    .where('preschool_application.id', '=', id)
    .executeTakeFirst()
}

export function insertPreschoolApplication(db: Kysely<DB>, values: Insertable<PreschoolApplicationTable>) {
  return db
    .insertInto('preschool_application')
    .values(values)
    .returning(columns.preschoolApplication)
    .executeTakeFirstOrThrow()
}

export function updatePreschoolApplication(db: Kysely<DB>, id: string, values: Updateable<PreschoolApplicationTable>) {
  return db
    .updateTable('preschool_application')
    .set(values)
    .where('preschool_application.id', '=', id)
    .returning(columns.preschoolApplication)
    .executeTakeFirstOrThrow()
}
