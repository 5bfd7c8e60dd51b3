import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, ProgrammeGoalTable, ProgrammeServiceTable, ProgrammeTable } from '../../../db/database.js'

export type ProgrammeRow = Awaited<ReturnType<typeof findProgrammesByIds>>[number]
export type ProgrammeGoalRow = Awaited<ReturnType<typeof findGoalsByProgrammeIds>>[number]
export type ProgrammeServiceRow = Awaited<ReturnType<typeof findServicesByProgrammeIds>>[number]

export function findProgrammesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('programme').select(columns.programme).where('programme.id', '=', anyUuid(ids)).execute()
}

/** Newest version first. */
export function findProgrammesByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('programme')
    .select(columns.programme)
    .where('programme.child_id', '=', anyUuid(childIds))
    .orderBy('programme.version', 'desc')
    .execute()
}

export function lockProgrammeById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('programme')
    .select(columns.programme)
    .where('programme.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function lockSignedProgrammeByChildId(trx: Transaction<DB>, childId: string) {
  return trx
    .selectFrom('programme')
    .select(columns.programme)
    .where('programme.child_id', '=', childId)
    .where('programme.status', '=', 'SIGNED')
    .forUpdate()
    .executeTakeFirst()
}

export async function findLatestProgrammeVersion(db: Kysely<DB>, childId: string) {
  const row = await db
    .selectFrom('programme')
    .select((eb) => eb.fn.max('programme.version').as('version'))
    .where('programme.child_id', '=', childId)
    .executeTakeFirst()
  return Number(row?.version ?? 0)
}

export function insertProgramme(db: Kysely<DB>, row: Insertable<ProgrammeTable>) {
  return db.insertInto('programme').values(row).returning(columns.programme).executeTakeFirstOrThrow()
}

export function updateProgramme(db: Kysely<DB>, id: string, changes: Updateable<ProgrammeTable>) {
  return db
    .updateTable('programme')
    .set(changes)
    .where('programme.id', '=', id)
    .returning(columns.programme)
    .executeTakeFirstOrThrow()
}

export function findGoalsByProgrammeIds(db: Kysely<DB>, programmeIds: readonly string[]) {
  return db
    .selectFrom('programme_goal')
    .select(columns.programmeGoal)
    .where('programme_goal.programme_id', '=', anyUuid(programmeIds))
    .orderBy('programme_goal.position')
    .execute()
}

export async function insertGoals(db: Kysely<DB>, rows: Insertable<ProgrammeGoalTable>[]) {
  await db.insertInto('programme_goal').values(rows).execute()
}

export function findServicesByProgrammeIds(db: Kysely<DB>, programmeIds: readonly string[]) {
  return db
    .selectFrom('programme_service')
    .innerJoin('programme', 'programme.id', 'programme_service.programme_id')
    .select(columns.programmeService)
    .where('programme_service.programme_id', '=', anyUuid(programmeIds))
    .orderBy('programme_service.position')
    .execute()
}

export function findProgrammeServicesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('programme_service')
    .innerJoin('programme', 'programme.id', 'programme_service.programme_id')
    .select(columns.programmeService)
    .where('programme_service.id', '=', anyUuid(ids))
    .execute()
}

export async function insertProgrammeServices(db: Kysely<DB>, rows: Insertable<ProgrammeServiceTable>[]) {
  await db.insertInto('programme_service').values(rows).execute()
}

/** Programmes in force, to check their review clocks; one provider's when given. */
export function listSignedProgrammes(db: Kysely<DB>, providerId?: string) {
  let query = db.selectFrom('programme').select(columns.programme).where('programme.status', '=', 'SIGNED')
  if (providerId) query = query.where('programme.provider_id', '=', providerId)
  return query.orderBy('programme.signed_on').orderBy('programme.id').execute()
}

/** The children with a programme in force (a child has one at most), in id order; of one provider's when given. */
export async function listChildIdsInProgrammes(db: Kysely<DB>, providerId?: string) {
  let query = db
    .selectFrom('programme')
    .select('programme.child_id as childId')
    .where('programme.status', '=', 'SIGNED')
  if (providerId) query = query.where('programme.provider_id', '=', providerId)
  const rows = await query.orderBy('programme.child_id').execute()
  return rows.map((row) => row.childId)
}

/** The programmes in force of the children; one provider's when given. */
export function listSignedProgrammesOfChildren(db: Kysely<DB>, childIds: readonly string[], providerId?: string) {
  let query = db
    .selectFrom('programme')
    .select(columns.programme)
    .where('programme.status', '=', 'SIGNED')
    .where('programme.child_id', '=', anyUuid(childIds))
  if (providerId) query = query.where('programme.provider_id', '=', providerId)
  return query.execute()
}

/**
 * Programmes in force of children born on or before a day, youngest last: the transition notice list, in the order
 * the children turn three. One provider's when given.
 */
export function listSignedProgrammesOfChildrenBornBy(db: Kysely<DB>, bornOnOrBefore: string, providerId?: string) {
  let query = db
    .selectFrom('programme')
    .innerJoin('child', 'child.id', 'programme.child_id')
    .select(columns.programme)
    .where('programme.status', '=', 'SIGNED')
    .where('child.birth_date', '<=', bornOnOrBefore)
  if (providerId) query = query.where('programme.provider_id', '=', providerId)
  return query.orderBy('child.birth_date').orderBy('programme.id').execute()
}

/** The last programme a representative signed: a representation cannot end before that day. */
export function findLastSignatureByRepresentativeId(db: Kysely<DB>, representativeId: string) {
  return db
    .selectFrom('programme')
    .select(columns.programme)
    .where('programme.signed_by_representative_id', '=', representativeId)
    .orderBy('programme.signed_on', 'desc')
    .limit(1)
    .executeTakeFirst()
}
