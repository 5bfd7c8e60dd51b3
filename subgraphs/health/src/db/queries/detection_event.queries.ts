import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, DetectionEventTable } from '../database.js'

export type DetectionEventRow = Awaited<ReturnType<typeof findDetectionEventsByChildIds>>[number]

export function findDetectionEventsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('detection_event')
    .select(columns.detectionEvent)
    .where('detection_event.child_id', '=', anyUuid(childIds))
    .orderBy('detection_event.occurred_on', 'desc')
    .orderBy('detection_event.id')
    .execute()
}

export function findDetectionEventById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('detection_event')
    .select(columns.detectionEvent)
    .where('detection_event.id', '=', id)
    .executeTakeFirst()
}

export function insertDetectionEvent(db: Kysely<DB>, values: Insertable<DetectionEventTable>) {
  return db.insertInto('detection_event').values(values).returning(columns.detectionEvent).executeTakeFirstOrThrow()
}
