import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB, FamilySituationTable } from '../database.js'

export type FamilyRow = Awaited<ReturnType<typeof findFamiliesByIds>>[number]
export type LegalRepresentativeRow = Awaited<ReturnType<typeof findLegalRepresentativesByFamilyIds>>[number]
export type FamilySituationRow = Awaited<ReturnType<typeof findFamilySituationsByFamilyIds>>[number]

export function findFamiliesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('family').select(columns.family).where('family.id', '=', anyUuid(ids)).execute()
}

export function findLegalRepresentativesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('legal_representative')
    .select(columns.legalRepresentative)
    .where('legal_representative.id', '=', anyUuid(ids))
    .execute()
}

export function findLegalRepresentativesByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return db
    .selectFrom('legal_representative')
    .select(columns.legalRepresentative)
    .where('legal_representative.family_id', '=', anyUuid(familyIds))
    .orderBy('legal_representative.relation')
    .orderBy('legal_representative.id')
    .execute()
}

export function findFamilySituationsByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return db
    .selectFrom('family_situation')
    .select(columns.familySituation)
    .where('family_situation.family_id', '=', anyUuid(familyIds))
    .orderBy('family_situation.decided_on', 'desc')
    .orderBy('family_situation.id')
    .execute()
}

export function insertFamilySituation(db: Kysely<DB>, row: Insertable<FamilySituationTable>) {
  return db.insertInto('family_situation').values(row).returning(columns.familySituation).executeTakeFirstOrThrow()
}

export function lockFamilySituationById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('family_situation')
    .select(columns.familySituation)
    .where('family_situation.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updateFamilySituation(db: Kysely<DB>, id: string, changes: Updateable<FamilySituationTable>) {
  return db
    .updateTable('family_situation')
    .set(changes)
    .where('family_situation.id', '=', id)
    .returning(columns.familySituation)
    .executeTakeFirstOrThrow()
}
