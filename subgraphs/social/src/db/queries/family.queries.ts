import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type FamilyRow = Awaited<ReturnType<typeof findFamiliesByIds>>[number]
export type LegalRepresentativeRow = Awaited<ReturnType<typeof findLegalRepresentativesByFamilyIds>>[number]
export type FamilySituationRow = Awaited<ReturnType<typeof findFamilySituationsByFamilyIds>>[number]

export function findFamiliesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('family').select(columns.family).where('family.id', '=', anyUuid(ids)).execute()
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
