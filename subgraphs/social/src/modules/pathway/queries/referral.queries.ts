import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { AccessPurpose, DB, ReferralPauseTable, ReferralTable } from '../../../db/database.js'
import { consentInForce } from '../../families/queries/consent.queries.js'

export type ReferralRow = Awaited<ReturnType<typeof findReferralsByIds>>[number]
export type ReferralPauseRow = Awaited<ReturnType<typeof findPausesByReferralIds>>[number]

export function findReferralsByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('referral').select(columns.referral).where('referral.id', '=', anyUuid(ids)).execute()
}

export function findReferralsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('referral')
    .select(columns.referral)
    .where('referral.child_id', '=', anyUuid(childIds))
    .orderBy('referral.received_on', 'desc')
    .orderBy('referral.id')
    .execute()
}

/** Purposes of a family's consent that cover a referral: the provider determines the need, then helps. */
export const REFERRAL_PURPOSES = ['NEED_DETERMINATION', 'EARLY_HELP'] as const satisfies readonly AccessPurpose[]

/**
 * Whether the child in scope is in the provider's care: referred to it (a referral not rejected) or given a service
 * by it in an ИПРП. A record merged into another counts with its survivor's referrals, programmes and consents. A
 * non-state provider has the child in its care only while the family's consent for it (or for all NGOs) is in force
 * for a purpose a referral serves (152-ФЗ ст. 9): a revoked consent closes the child's record to it.
 */
export function inCareOf(eb: ExpressionBuilder<DB, 'child'>, providerId: string) {
  const sameChild = (table: 'referral' | 'programme' | 'consent') =>
    sql<boolean>`${sql.ref(`${table}.child_id`)} in (child.id, child.merged_into_id)`
  return eb.and([
    eb.or([
      eb.exists(
        eb
          .selectFrom('referral')
          .select(sql.lit(1).as('one'))
          .where(sameChild('referral'))
          .where('referral.provider_id', '=', providerId)
          .where('referral.status', '!=', 'REJECTED'),
      ),
      eb.exists(
        eb
          .selectFrom('programme_service')
          .innerJoin('programme', 'programme.id', 'programme_service.programme_id')
          .select(sql.lit(1).as('one'))
          .where(sameChild('programme'))
          .where('programme_service.provider_id', '=', providerId),
      ),
    ]),
    eb.or([
      eb.exists(
        eb
          .selectFrom('provider')
          .select(sql.lit(1).as('one'))
          .where('provider.id', '=', providerId)
          .where('provider.side', '!=', 'NGO'),
      ),
      eb.exists(
        eb
          .selectFrom('consent')
          .select(sql.lit(1).as('one'))
          .where(sameChild('consent'))
          .where('consent.purpose', 'in', REFERRAL_PURPOSES)
          .where((consent) =>
            consent.or([
              consent('consent.recipient_side', '=', 'NGO'),
              consent('consent.recipient_provider_id', '=', providerId),
            ]),
          )
          .where(sql<boolean>`cardinality(consent.scopes) > 0`)
          .where(consentInForce),
      ),
    ]),
  ])
}

/** Of the given children, those in the provider's care. */
export async function findChildIdsReferredTo(db: Kysely<DB>, providerId: string, childIds: readonly string[]) {
  const rows = await db
    .selectFrom('child')
    .select('child.id as childId')
    .where('child.id', '=', anyUuid(childIds))
    .where((eb) => inCareOf(eb, providerId))
    .execute()
  return rows.map((row) => row.childId)
}

/** Referrals still waiting for a decision or for the work their clocks measure. */
export function listOpenReferrals(db: Kysely<DB>, filter: { providerId?: string }) {
  let query = db
    .selectFrom('referral')
    .select(columns.referral)
    .where('referral.status', '!=', 'REJECTED')
    // Open until the need is determined and, for a child in need, until the programme is signed.
    .where((eb) =>
      eb.or([
        eb('referral.need_determined_on', 'is', null),
        eb.and([eb('referral.need_outcome', '=', 'IN_NEED'), eb('referral.programme_signed_on', 'is', null)]),
      ]),
    )
  if (filter.providerId) query = query.where('referral.provider_id', '=', filter.providerId)
  return query.orderBy('referral.received_on').orderBy('referral.id').execute()
}

export function insertReferral(db: Kysely<DB>, row: Insertable<ReferralTable>) {
  return db.insertInto('referral').values(row).returning(columns.referral).executeTakeFirstOrThrow()
}

export function lockReferralById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('referral')
    .select(columns.referral)
    .where('referral.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updateReferral(db: Kysely<DB>, id: string, changes: Updateable<ReferralTable>) {
  return db
    .updateTable('referral')
    .set(changes)
    .where('referral.id', '=', id)
    .returning(columns.referral)
    .executeTakeFirstOrThrow()
}

export function findPausesByReferralIds(db: Kysely<DB>, referralIds: readonly string[]) {
  return db
    .selectFrom('referral_pause')
    .select(columns.referralPause)
    .where('referral_pause.referral_id', '=', anyUuid(referralIds))
    .orderBy('referral_pause.started_on')
    .orderBy('referral_pause.id')
    .execute()
}

export function insertReferralPause(db: Kysely<DB>, row: Insertable<ReferralPauseTable>) {
  return db.insertInto('referral_pause').values(row).returning(columns.referralPause).executeTakeFirstOrThrow()
}

export function endOpenReferralPause(db: Kysely<DB>, referralId: string, endedOn: string) {
  return db
    .updateTable('referral_pause')
    .set({ ended_on: endedOn })
    .where('referral_pause.referral_id', '=', referralId)
    .where('referral_pause.ended_on', 'is', null)
    .returning(columns.referralPause)
    .executeTakeFirst()
}
