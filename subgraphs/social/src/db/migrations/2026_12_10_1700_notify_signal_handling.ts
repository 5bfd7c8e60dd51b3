import { sql, type Kysely } from 'kysely'

// Frozen in time: the handling of a child-find signal is notified like the other clocks. A signal has no provider
// (the coordination decides it), so a notification's provider is required for the other items only.
export async function up(db: Kysely<any>) {
  await sql`alter table deadline_notification drop constraint deadline_notification_item_kind_check`.execute(db)
  await sql`
    alter table deadline_notification add constraint deadline_notification_item_kind_check
      check (item_kind in ('REFERRAL','PROGRAMME','SIGNAL'))
  `.execute(db)
  await sql`alter table deadline_notification alter column provider_id drop not null`.execute(db)
  await sql`
    alter table deadline_notification add constraint deadline_notification_provider_check
      check ((item_kind = 'SIGNAL') = (provider_id is null))
  `.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.deleteFrom('deadline_notification').where('item_kind', '=', 'SIGNAL').execute()
  await sql`alter table deadline_notification drop constraint deadline_notification_provider_check`.execute(db)
  await sql`alter table deadline_notification alter column provider_id set not null`.execute(db)
  await sql`alter table deadline_notification drop constraint deadline_notification_item_kind_check`.execute(db)
  await sql`
    alter table deadline_notification add constraint deadline_notification_item_kind_check
      check (item_kind in ('REFERRAL','PROGRAMME'))
  `.execute(db)
}
