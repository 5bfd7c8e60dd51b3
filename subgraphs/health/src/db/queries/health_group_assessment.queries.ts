import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

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
