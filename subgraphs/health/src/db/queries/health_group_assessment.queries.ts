import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, HealthGroupAssessmentTable } from '../database.js'

export type HealthGroupAssessmentRow = Awaited<ReturnType<typeof findCurrentHealthGroupsByChildIds>>[number]

/** The latest assessment per child: the health group in force. */
export function findCurrentHealthGroupsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('health_group_assessment')
    .distinctOn('health_group_assessment.child_id')
    .select(columns.healthGroupAssessment)
    .where('health_group_assessment.child_id', '=', anyUuid(childIds))
    .orderBy('health_group_assessment.child_id')
    .orderBy('health_group_assessment.assessed_on', 'desc')
    .orderBy('health_group_assessment.id', 'desc')
    .execute()
}

export function findHealthGroupAssessmentById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('health_group_assessment')
    .select(columns.healthGroupAssessment)
    .where('health_group_assessment.id', '=', id)
    .executeTakeFirst()
}

export function insertHealthGroupAssessment(db: Kysely<DB>, values: Insertable<HealthGroupAssessmentTable>) {
  return db
    .insertInto('health_group_assessment')
    .values(values)
    .returning(columns.healthGroupAssessment)
    .executeTakeFirstOrThrow()
}
