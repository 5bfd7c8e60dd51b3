import { sql, type ExpressionBuilder, type Insertable, type Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, DeadlineNotificationTable } from '../../../db/database.js'

/** Whose notifications: the coordination's (every one), or one provider's (`null`, staff of no provider: none). */
export type NotificationAudience = { everyProvider: true } | { providerId: string | null }

export type DeadlineNotificationRow = Awaited<ReturnType<typeof listNotifications>>['items'][number]

function addressedTo(audience: NotificationAudience) {
  return (eb: ExpressionBuilder<DB, 'deadline_notification'>) =>
    'everyProvider' in audience
      ? eb.lit(true)
      : audience.providerId === null
        ? eb.lit(false)
        : eb('deadline_notification.provider_id', '=', audience.providerId)
}

/** Whether `subject` has read the notification. */
function readBy(subject: string) {
  return (eb: ExpressionBuilder<DB, 'deadline_notification'>) =>
    eb.exists(
      eb
        .selectFrom('notification_read')
        .select(sql.lit(1).as('one'))
        .whereRef('notification_read.notification_id', '=', 'deadline_notification.id')
        .where('notification_read.subject', '=', subject),
    )
}

/** Writes the crossings not written before; a crossing already on record is left as it is. The ids written. */
export async function insertNotifications(db: Kysely<DB>, rows: readonly Insertable<DeadlineNotificationTable>[]) {
  if (rows.length === 0) return []
  const written = await db
    .insertInto('deadline_notification')
    .values([...rows])
    .onConflict((oc) => oc.columns(['item_id', 'clock', 'started_on', 'crossing']).doNothing())
    .returning('id')
    .execute()
  return written.map((row) => row.id)
}

/**
 * A page of an audience's notifications as `subject` sees them: unread first, then the newest; with the state of the
 * referral each is about, which decides the form it leads to.
 */
export async function listNotifications(
  db: Kysely<DB>,
  query: { audience: NotificationAudience; subject: string; unreadOnly: boolean; first: number; offset: number },
) {
  let matching = db.selectFrom('deadline_notification').where(addressedTo(query.audience))
  if (query.unreadOnly) matching = matching.where((eb) => eb.not(readBy(query.subject)(eb)))
  const [items, total] = await Promise.all([
    matching
      .leftJoin('referral', (join) =>
        join
          .onRef('referral.id', '=', 'deadline_notification.item_id')
          .on('deadline_notification.item_kind', '=', 'REFERRAL'),
      )
      .select(columns.deadlineNotification)
      .select((eb) => [
        readBy(query.subject)(eb).as('read'),
        'referral.status as referralStatus',
        'referral.need_outcome as needOutcome',
      ])
      .orderBy('read')
      .orderBy('deadline_notification.created_at', 'desc')
      .orderBy('deadline_notification.id', 'desc')
      .limit(query.first + 1)
      .offset(query.offset)
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ])
  return {
    totalCount: Number(total.count),
    hasNextPage: items.length > query.first,
    items: items.slice(0, query.first),
  }
}

export async function countUnreadNotifications(db: Kysely<DB>, audience: NotificationAudience, subject: string) {
  const row = await db
    .selectFrom('deadline_notification')
    .where(addressedTo(audience))
    .where((eb) => eb.not(readBy(subject)(eb)))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/**
 * Marks the audience's notifications read for `subject`: those `ids` names, or every one. Ids of notifications the
 * audience does not get change nothing. How many were unread.
 */
export async function markNotificationsRead(
  db: Kysely<DB>,
  audience: NotificationAudience,
  subject: string,
  ids: readonly string[] | 'all',
) {
  let unread = db
    .selectFrom('deadline_notification')
    .where(addressedTo(audience))
    .where((eb) => eb.not(readBy(subject)(eb)))
    .select(['deadline_notification.id as notification_id', sql.lit(subject).as('subject')])
  if (ids !== 'all') unread = unread.where('deadline_notification.id', '=', anyUuid(ids))
  const written = await db
    .insertInto('notification_read')
    .columns(['notification_id', 'subject'])
    .expression(unread)
    .onConflict((oc) => oc.columns(['notification_id', 'subject']).doNothing())
    .returning('notification_id')
    .execute()
  return written.length
}

/** The notifications of the given clock runs (items), with their providers' names, for the digest. */
export function findNotificationsByItemIds(db: Kysely<DB>, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('deadline_notification')
    .innerJoin('provider', 'provider.id', 'deadline_notification.provider_id')
    .select(columns.deadlineNotification)
    .select('provider.name as providerName')
    .where('deadline_notification.item_id', '=', anyUuid(itemIds))
    .orderBy('deadline_notification.due_on')
    .orderBy('deadline_notification.id')
    .execute()
}

/** The ids among `ids` that `subject` has read. */
export async function findReadNotificationIds(db: Kysely<DB>, subject: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('notification_read')
    .select('notification_id')
    .where('subject', '=', subject)
    .where('notification_id', '=', anyUuid(ids))
    .execute()
  return new Set(rows.map((row) => row.notification_id))
}
