import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely'
import { columns } from '../../../db/columns.js'
import type { DB } from '../../../db/database.js'
import { inCareOf } from '../../pathway/queries/referral.queries.js'

/** Which rows of a work queue: the child's municipality, the provider concerned, and the page. */
export interface WorkQueueQuery {
  today: string
  municipalityOktmo?: string
  /** Only what concerns this provider; `null`, for staff of no provider of the registry, matches nothing. */
  providerId?: string | null
  first: number
  offset: number
}

export interface WorkQueuePage<Row> {
  totalCount: number
  items: Row[]
}

/** Registry statuses after which nothing is waiting for anyone. */
const FINISHED = ['COMPLETED', 'EXITED'] as const

/**
 * A queue's page and its total in one statement: the matching rows are counted, then the page is taken from them,
 * so a page past the end still says how many there are.
 */
async function pageOf<Row extends { id: string }>(
  db: Kysely<DB>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query of the queue's tables selecting Row
  matching: SelectQueryBuilder<DB, any, Row>,
  order: readonly (keyof Row & string)[],
  { first, offset }: WorkQueueQuery,
): Promise<WorkQueuePage<Row>> {
  const by = sql.join(order.map((column) => sql.ref(`page.${column}`)))
  const inner = sql.join(order.map((column) => sql.ref(column)))
  const { rows } = await sql<Row & { totalCount: number }>`
    with matching as (${matching})
    select total.count as "totalCount", page.*
    from (select count(*)::int as count from matching) total
    left join lateral (select * from matching order by ${inner} limit ${first} offset ${offset}) page on true
    order by ${by}`.execute(db)
  return {
    totalCount: rows[0]?.totalCount ?? 0,
    items: rows.filter((row) => row.id !== null).map(({ totalCount: _total, ...row }) => row as unknown as Row),
  }
}

function ofChild(query: WorkQueueQuery) {
  return (eb: ExpressionBuilder<DB, 'child'>) => {
    const conditions = [eb('child.merged_into_id', 'is', null), eb('child.registry_status', 'not in', FINISHED)]
    if (query.municipalityOktmo) conditions.push(eb('child.municipality_oktmo', '=', query.municipalityOktmo))
    return eb.and(conditions)
  }
}

function inCareOfProvider(query: WorkQueueQuery) {
  return (eb: ExpressionBuilder<DB, 'child'>) =>
    query.providerId === undefined
      ? eb.lit(true)
      : query.providerId === null
        ? eb.lit(false)
        : inCareOf(eb, query.providerId)
}

/**
 * Criteria whose validity ended before today with no criterion of the same code in force or to come for the child;
 * the ТЖС/СОП criteria that follow a family's decision end with it and are not waiting for anyone.
 */
export function listExpiredCriteria(db: Kysely<DB>, query: WorkQueueQuery) {
  const matching = db
    .selectFrom('child_criterion')
    .innerJoin('child', 'child.id', 'child_criterion.child_id')
    .select(columns.childCriterion)
    .where('child_criterion.valid_to', '<', query.today)
    .where('child_criterion.family_situation_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('child_criterion as renewed')
            .select(sql.lit(1).as('one'))
            .whereRef('renewed.child_id', '=', 'child_criterion.child_id')
            .whereRef('renewed.code', '=', 'child_criterion.code')
            .where((inner) =>
              inner.or([inner('renewed.valid_to', 'is', null), inner('renewed.valid_to', '>=', query.today)]),
            ),
        ),
      ),
    )
    .where(ofChild(query))
    .where(inCareOfProvider(query))
  return pageOf(db, matching, ['validTo', 'id'], query)
}

/** The newest version of each child's programme while it is a draft nobody has signed, oldest drafts first. */
export function listProgrammeDraftsAwaitingSignature(db: Kysely<DB>, query: WorkQueueQuery) {
  let matching = db
    .selectFrom('programme')
    .innerJoin('child', 'child.id', 'programme.child_id')
    .select(columns.programme)
    .where('programme.status', '=', 'DRAFT')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('programme as later')
            .select(sql.lit(1).as('one'))
            .whereRef('later.child_id', '=', 'programme.child_id')
            .whereRef('later.version', '>', 'programme.version'),
        ),
      ),
    )
    .where(ofChild(query))
  if (query.providerId) matching = matching.where('programme.provider_id', '=', query.providerId)
  return pageOf(db, matching.where(inCareOfProvider(query)), ['createdAt', 'id'], query)
}

/**
 * Consents revoked within the last `days` days, and consents in force whose signing representative's term ends
 * within the next `days` days or has ended: the family has to be asked again. Ordered by that day.
 */
export function listConsentsRequiringAttention(db: Kysely<DB>, query: WorkQueueQuery & { days: number }) {
  const matching = db
    .selectFrom('consent')
    .innerJoin('child', 'child.id', 'consent.child_id')
    .innerJoin('legal_representative', 'legal_representative.id', 'consent.representative_id')
    .select([
      ...columns.consent,
      sql<string>`coalesce(consent.revoked_at::date, legal_representative.valid_to)`.as('attentionOn'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('consent.revoked_at', '<=', sql<string>`now()`),
          eb('consent.revoked_at', '>', sql<string>`now() - make_interval(days => ${query.days})`),
        ]),
        eb.and([
          eb('consent.given_at', '<=', sql<string>`now()`),
          eb.or([eb('consent.revoked_at', 'is', null), eb('consent.revoked_at', '>', sql<string>`now()`)]),
          eb('legal_representative.valid_to', '<=', sql<string>`${query.today}::date + ${query.days}::int`),
        ]),
      ]),
    )
    .where(ofChild(query))
    .where(inCareOfProvider(query))
  return pageOf(db, matching, ['attentionOn', 'id'], query)
}

export type ExpiredCriteriaPageParent = Awaited<ReturnType<typeof listExpiredCriteria>>
export type ProgrammeDraftsPageParent = Awaited<ReturnType<typeof listProgrammeDraftsAwaitingSignature>>
export type ConsentAttentionPageParent = Awaited<ReturnType<typeof listConsentsRequiringAttention>>
