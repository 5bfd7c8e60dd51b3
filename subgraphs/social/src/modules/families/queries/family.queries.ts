import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
  type Transaction,
  type Updateable,
} from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { FamilySearch } from '../services/families.js'
import { nameHasWordStarting, pageWithTotal } from '../../registry/queries/child.queries.js'
import { consentedTo, type ConsentRecipient } from './consent.queries.js'
import { inCareOf } from '../../pathway/queries/referral.queries.js'
import type {
  AccessPurpose,
  DB,
  FamilyMemberTable,
  FamilySituationTable,
  FamilyTable,
  LegalRepresentativeTable,
  MemberContactTable,
} from '../../../db/database.js'

export type FamilyRow = Awaited<ReturnType<typeof findFamiliesByIds>>[number]
/** A family as resolvers see it: reached through one of its children, or on its own. */
export type FamilyParent = FamilyRow & { viaChildId?: string }
export type FamilyMemberRow = Awaited<ReturnType<typeof findFamilyMembersByIds>>[number]
export type LegalRepresentativeRow = Awaited<ReturnType<typeof findLegalRepresentativesByIds>>[number]
export type FamilyContactRow = Awaited<ReturnType<typeof findContactsByMemberIds>>[number]
export type FamilySituationRow = Awaited<ReturnType<typeof findFamilySituationsByFamilyIds>>[number]

export function findFamiliesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('family').select(columns.family).where('family.id', '=', anyUuid(ids)).execute()
}

export interface FamilyFilter {
  search?: FamilySearch
  /**
   * Only families with a child in this provider's care (`inCareOf`): a provider's staff see no others. `null`, for
   * staff of no provider, matches no family.
   */
  careOf?: string | null
  /** Only families with a child whose family's consent in force shares the family's data with this recipient. */
  consentedTo?: { recipient: ConsentRecipient; purpose: AccessPurpose }
}

function familyMatches(filter: FamilyFilter) {
  return (eb: ExpressionBuilder<DB, 'family'>) => {
    const conditions: Expression<SqlBool>[] = []
    const children = () => eb.selectFrom('child').select('child.family_id').where('child.merged_into_id', 'is', null)
    const search = filter.search
    if (search && 'words' in search) {
      // Every word in the name of one person: a member (former ones too) or a child of the family.
      const named = (key: 'family_member.name_key' | 'child.name_key') =>
        search.words.map((word) => nameHasWordStarting(key, word))
      conditions.push(
        eb.or([
          eb(
            'family.id',
            'in',
            eb
              .selectFrom('family_member')
              .select('family_member.family_id')
              .where(eb.and(named('family_member.name_key'))),
          ),
          eb('family.id', 'in', children().where(eb.and(named('child.name_key')))),
        ]),
      )
    }
    if (search && 'contact' in search) {
      conditions.push(
        eb(
          'family.id',
          'in',
          eb
            .selectFrom('member_contact')
            .innerJoin('family_member', 'family_member.id', 'member_contact.member_id')
            .select('family_member.family_id')
            .where(sql<string>`lower(member_contact.value)`, '=', search.contact),
        ),
      )
    }
    if (filter.careOf === null) conditions.push(eb.lit(false))
    if (typeof filter.careOf === 'string') {
      const providerId = filter.careOf
      conditions.push(
        eb(
          'family.id',
          'in',
          children().where((inner) => inCareOf(inner, providerId)),
        ),
      )
    }
    if (filter.consentedTo) {
      const { recipient, purpose } = filter.consentedTo
      conditions.push(
        eb(
          'family.id',
          'in',
          children()
            .innerJoin('consent', 'consent.child_id', 'child.id')
            .where(consentedTo(recipient, purpose))
            .where(sql<boolean>`'FAMILY' = any(consent.scopes)`),
        ),
      )
    }
    return eb.and(conditions)
  }
}

/** A page of the registry's families in id order after `afterId`, and the number of families matching the filter. */
export function listFamilies(
  db: Kysely<DB>,
  { filter, first, afterId }: { filter: FamilyFilter; first: number; afterId?: string },
) {
  const count = db
    .selectFrom('family')
    .where(familyMatches(filter))
    .select(sql<number>`count(*)::int`.as('totalCount'))
  let rows = db.selectFrom('family').select(columns.family).where(familyMatches(filter))
  if (afterId) rows = rows.where('family.id', '>', afterId)
  return pageWithTotal(db, { count, rows, first })
}

export function insertFamily(db: Kysely<DB>, row: Insertable<FamilyTable>) {
  return db.insertInto('family').values(row).returning(columns.family).executeTakeFirstOrThrow()
}

export function lockFamilyById(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('family').select(columns.family).where('family.id', '=', id).forUpdate().executeTakeFirst()
}

export function updateFamily(db: Kysely<DB>, id: string, changes: Updateable<FamilyTable>) {
  return db
    .updateTable('family')
    .set(changes)
    .where('family.id', '=', id)
    .returning(columns.family)
    .executeTakeFirstOrThrow()
}

export function findFamilyMembersByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('family_member')
    .select(columns.familyMember)
    .where('family_member.id', '=', anyUuid(ids))
    .execute()
}

/** Members of the families, current and former, the eldest first (those of unknown age last). */
export function findFamilyMembersByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return db
    .selectFrom('family_member')
    .select(columns.familyMember)
    .where('family_member.family_id', '=', anyUuid(familyIds))
    .orderBy('family_member.birth_date', (ob) => ob.asc().nullsLast())
    .orderBy('family_member.id')
    .execute()
}

export function insertFamilyMember(db: Kysely<DB>, row: Insertable<FamilyMemberTable>) {
  return db.insertInto('family_member').values(row).returning(columns.familyMember).executeTakeFirstOrThrow()
}

/** Locks a member, so that its representations and contacts are checked and written one caller at a time. */
export function lockFamilyMemberById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('family_member')
    .select(columns.familyMember)
    .where('family_member.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updateFamilyMember(db: Kysely<DB>, id: string, changes: Updateable<FamilyMemberTable>) {
  return db
    .updateTable('family_member')
    .set(changes)
    .where('family_member.id', '=', id)
    .returning(columns.familyMember)
    .executeTakeFirstOrThrow()
}

function representatives(db: Kysely<DB>) {
  return db
    .selectFrom('legal_representative')
    .innerJoin('family_member', 'family_member.id', 'legal_representative.member_id')
    .select(columns.legalRepresentative)
}

export function findLegalRepresentativesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return representatives(db).where('legal_representative.id', '=', anyUuid(ids)).execute()
}

/** Every representation of the families' members, the latest term first. */
export function findLegalRepresentativesByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return representatives(db)
    .where('family_member.family_id', '=', anyUuid(familyIds))
    .orderBy('legal_representative.valid_from', 'desc')
    .orderBy('legal_representative.id')
    .execute()
}

export function findLegalRepresentativesByMemberIds(db: Kysely<DB>, memberIds: readonly string[]) {
  return representatives(db)
    .where('legal_representative.member_id', '=', anyUuid(memberIds))
    .orderBy('legal_representative.valid_from', 'desc')
    .orderBy('legal_representative.id')
    .execute()
}

export async function insertLegalRepresentative(db: Kysely<DB>, row: Insertable<LegalRepresentativeTable>) {
  const { id } = await db.insertInto('legal_representative').values(row).returning('id').executeTakeFirstOrThrow()
  return (await findLegalRepresentativesByIds(db, [id]))[0] as LegalRepresentativeRow
}

export async function updateLegalRepresentative(
  db: Kysely<DB>,
  id: string,
  changes: Updateable<LegalRepresentativeTable>,
) {
  await db.updateTable('legal_representative').set(changes).where('legal_representative.id', '=', id).execute()
  return (await findLegalRepresentativesByIds(db, [id]))[0] as LegalRepresentativeRow
}

function contacts(db: Kysely<DB>) {
  return db
    .selectFrom('member_contact')
    .innerJoin('family_member', 'family_member.id', 'member_contact.member_id')
    .select(columns.memberContact)
}

export function findContactsByIds(db: Kysely<DB>, ids: readonly string[]) {
  return contacts(db).where('member_contact.id', '=', anyUuid(ids)).execute()
}

/** Phones first, then e-mail addresses. */
export function findContactsByMemberIds(db: Kysely<DB>, memberIds: readonly string[]) {
  return contacts(db)
    .where('member_contact.member_id', '=', anyUuid(memberIds))
    .orderBy('member_contact.kind', 'desc')
    .orderBy('member_contact.value')
    .execute()
}

export function findContactsByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return contacts(db)
    .where('family_member.family_id', '=', anyUuid(familyIds))
    .orderBy('family_member.birth_date', (ob) => ob.asc().nullsLast())
    .orderBy('family_member.id')
    .orderBy('member_contact.kind', 'desc')
    .orderBy('member_contact.value')
    .execute()
}

/** Adds a contact once: the same value of the same kind for the same member is not written twice. */
export async function insertContact(db: Kysely<DB>, row: Insertable<MemberContactTable>) {
  await db
    .insertInto('member_contact')
    .values(row)
    .onConflict((oc) => oc.columns(['member_id', 'kind', 'value']).doNothing())
    .execute()
  return contacts(db)
    .where('member_contact.member_id', '=', row.member_id)
    .where('member_contact.kind', '=', row.kind)
    .where('member_contact.value', '=', row.value)
    .executeTakeFirstOrThrow()
}

export function deleteContact(db: Kysely<DB>, id: string) {
  return db.deleteFrom('member_contact').where('member_contact.id', '=', id).execute()
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

export function findFamilySituationById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('family_situation')
    .select(columns.familySituation)
    .where('family_situation.id', '=', id)
    .executeTakeFirst()
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

export function lockLegalRepresentativeById(trx: Transaction<DB>, id: string) {
  return representatives(trx)
    .where('legal_representative.id', '=', id)
    .forUpdate('legal_representative')
    .executeTakeFirst()
}
