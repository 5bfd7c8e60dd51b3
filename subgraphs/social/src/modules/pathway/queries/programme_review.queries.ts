import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, ProgrammeReviewRatingTable, ProgrammeReviewTable } from '../../../db/database.js'

export type ProgrammeReviewRow = Awaited<ReturnType<typeof findReviewsByProgrammeIds>>[number]
export type ProgrammeReviewRatingRow = Awaited<ReturnType<typeof findRatingsByReviewIds>>[number]

export function findReviewsByProgrammeIds(db: Kysely<DB>, programmeIds: readonly string[]) {
  return db
    .selectFrom('programme_review')
    .select(columns.programmeReview)
    .where('programme_review.programme_id', '=', anyUuid(programmeIds))
    .orderBy('programme_review.reviewed_on')
    .orderBy('programme_review.id')
    .execute()
}

export function findReviewById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('programme_review')
    .select(columns.programmeReview)
    .where('programme_review.id', '=', id)
    .executeTakeFirst()
}

export function insertReview(db: Kysely<DB>, row: Insertable<ProgrammeReviewTable>) {
  return db.insertInto('programme_review').values(row).returning(columns.programmeReview).executeTakeFirstOrThrow()
}

export function findRatingsByReviewIds(db: Kysely<DB>, reviewIds: readonly string[]) {
  return db
    .selectFrom('programme_review_rating')
    .select(columns.programmeReviewRating)
    .where('programme_review_rating.review_id', '=', anyUuid(reviewIds))
    .orderBy('programme_review_rating.position')
    .execute()
}

export async function insertRatings(db: Kysely<DB>, rows: Insertable<ProgrammeReviewRatingTable>[]) {
  if (rows.length > 0) await db.insertInto('programme_review_rating').values(rows).execute()
}
