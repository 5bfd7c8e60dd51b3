import { sql, type Kysely } from 'kysely'

// The live indicators are remembered until a write to any table they are computed from (services/figures.ts).
// A statement-level trigger costs one NOTIFY per statement, folded into one per transaction, sent on commit.
const TABLES = [
  'child',
  'child_criterion',
  'deadline_clock',
  'family_situation',
  'non_working_day',
  'programme',
  'programme_goal',
  'programme_review',
  'programme_review_rating',
  'programme_service',
  'provider',
  'referral',
  'referral_pause',
  'registry_status_change',
]

export async function up(db: Kysely<any>) {
  await sql`
    create function notify_figures_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('social_figures', '');
      return null;
    end
    $$
  `.execute(db)
  for (const table of TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_figures_changed`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function notify_figures_changed()
    `.execute(db)
  }
}

export async function down(db: Kysely<any>) {
  for (const table of TABLES) {
    await sql`drop trigger ${sql.id(`${table}_figures_changed`)} on ${sql.table(table)}`.execute(db)
  }
  await sql`drop function notify_figures_changed()`.execute(db)
}
