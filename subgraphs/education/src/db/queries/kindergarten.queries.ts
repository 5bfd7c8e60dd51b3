import type { Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type KindergartenRow = Awaited<ReturnType<typeof findKindergartensByIds>>[number]

export function findKindergartensByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('kindergarten')
    .select(columns.kindergarten)
    .where('kindergarten.id', '=', anyUuid(ids))
    .execute()
}

export function findKindergartenById(db: Kysely<DB>, id: string) {
  return db.selectFrom('kindergarten').select(columns.kindergarten).where('kindergarten.id', '=', id).executeTakeFirst()
}

/** By name, then id; all municipalities when none is given. */
export function listKindergartens(db: Kysely<DB>, filter: { municipalityOktmo?: string }) {
  let query = db.selectFrom('kindergarten').select(columns.kindergarten)
  if (filter.municipalityOktmo !== undefined) {
    query = query.where('kindergarten.municipality_oktmo', '=', filter.municipalityOktmo)
  }
  return query.orderBy('kindergarten.name').orderBy('kindergarten.id').execute()
}

/** A kindergarten of the department's file, added or brought up to date by its code (and open again). */
export function upsertKindergartenByCode(
  db: Kysely<DB>,
  kindergarten: { code: string; name: string; municipalityOktmo: string; address: string },
) {
  const values = {
    name: kindergarten.name,
    municipality_oktmo: kindergarten.municipalityOktmo,
    address: kindergarten.address,
    closed_on: null,
  }
  return db
    .insertInto('kindergarten')
    .values({ code: kindergarten.code, ...values })
    .onConflict((conflict) => conflict.column('code').doUpdateSet(values))
    .execute()
}

/** Kindergartens the department's file no longer lists: closed from a day, kept for the records that name them. */
export function closeKindergartensByCodes(db: Kysely<DB>, codes: readonly string[], closedOn: string) {
  if (codes.length === 0) return Promise.resolve()
  return db
    .updateTable('kindergarten')
    .set({ closed_on: closedOn })
    .where('code', 'in', codes)
    .where('closed_on', 'is', null)
    .execute()
}

/** The kindergartens with these codes, open or closed. */
export function findKindergartensByCodes(db: Kysely<DB>, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([])
  return db.selectFrom('kindergarten').select(columns.kindergarten).where('kindergarten.code', 'in', codes).execute()
}

/**
 * A group or an early-help unit of a kindergarten that the department's file no longer lists: closed from a day, kept
 * for the records that name it.
 */
export function closeKindergartenPart(
  db: Kysely<DB>,
  table: 'kindergarten_group' | 'early_help_unit',
  part: { kindergartenId: string; code: string },
  closedOn: string,
) {
  return db
    .updateTable(table)
    .set({ closed_on: closedOn })
    .where('kindergarten_id', '=', part.kindergartenId)
    .where('code', '=', part.code)
    .where('closed_on', 'is', null)
    .execute()
}
