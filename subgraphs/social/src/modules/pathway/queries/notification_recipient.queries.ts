import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Transaction } from 'kysely'
import { columns } from '../../../db/columns.js'
import type { DB, NotificationRecipientTable } from '../../../db/database.js'

export type NotificationRecipientRow = NonNullable<Awaited<ReturnType<typeof findNotificationRecipient>>>

export function findNotificationRecipient(db: Kysely<DB>, subject: string) {
  return db
    .selectFrom('notification_recipient')
    .select(columns.notificationRecipient)
    .where('subject', '=', subject)
    .executeTakeFirst()
}

/** Records a member of staff's settings with who the token says they are now; the last digest's day stays. */
export function upsertNotificationRecipient(
  db: Kysely<DB>,
  row: Omit<Insertable<NotificationRecipientTable>, 'last_digest_on' | 'updated_at'>,
) {
  return db
    .insertInto('notification_recipient')
    .values(row)
    .onConflict((oc) =>
      oc.column('subject').doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        email: (eb) => eb.ref('excluded.email'),
        side: (eb) => eb.ref('excluded.side'),
        role: (eb) => eb.ref('excluded.role'),
        organisation: (eb) => eb.ref('excluded.organisation'),
        digest: (eb) => eb.ref('excluded.digest'),
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute()
}

/** Staff who want the digest, have an address, and have not had one on `day`. */
function dueForDigest(day: string) {
  return (eb: ExpressionBuilder<DB, 'notification_recipient'>) =>
    eb.and([
      eb('digest', '=', true),
      eb('email', 'is not', null),
      eb.or([eb('last_digest_on', 'is', null), eb('last_digest_on', '<', day)]),
    ])
}

export function listRecipientsDueForDigest(db: Kysely<DB>, day: string) {
  return db
    .selectFrom('notification_recipient')
    .select(columns.notificationRecipient)
    .where(dueForDigest(day))
    .orderBy('subject')
    .execute()
}

/** The recipient's row, locked until the transaction ends, while its digest of the day is still to go. */
export function lockRecipientDueForDigest(trx: Transaction<DB>, subject: string, day: string) {
  return trx
    .selectFrom('notification_recipient')
    .select(columns.notificationRecipient)
    .where('subject', '=', subject)
    .where(dueForDigest(day))
    .forUpdate()
    .executeTakeFirst()
}

export function markDigestSent(db: Kysely<DB>, subject: string, day: string) {
  return db.updateTable('notification_recipient').set({ last_digest_on: day }).where('subject', '=', subject).execute()
}
