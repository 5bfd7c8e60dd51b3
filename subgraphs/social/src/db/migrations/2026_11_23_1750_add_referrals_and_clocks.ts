import { sql, type Kysely } from 'kysely'

// Frozen in time. Defaults a region changes by setDeadlineClock: no federal deadline exists (DOMAIN.md);
// need determination follows 442-ФЗ's 10 working days for ИППСУ, the programme IDEA Part C's 45 days.
const CLOCKS = [
  ['REFERRAL_TO_NEED_DETERMINATION', 10, 'WORKING'],
  ['REFERRAL_TO_PROGRAMME', 45, 'CALENDAR'],
  ['PROGRAMME_REVIEW', 180, 'CALENDAR'],
  ['TRANSITION_NOTICE', 90, 'CALENDAR'],
] as const

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('deadline_clock')
    .addColumn('code', 'text', (col) =>
      col
        .primaryKey()
        .check(
          sql`code in ('REFERRAL_TO_NEED_DETERMINATION','REFERRAL_TO_PROGRAMME','PROGRAMME_REVIEW','TRANSITION_NOTICE')`,
        ),
    )
    .addColumn('days', 'integer', (col) => col.notNull().check(sql`days between 1 and 366`))
    .addColumn('day_kind', 'text', (col) => col.notNull().check(sql`day_kind in ('CALENDAR','WORKING')`))
    .execute()
  await db
    .insertInto('deadline_clock')
    .values(CLOCKS.map(([code, days, dayKind]) => ({ code, days, day_kind: dayKind })))
    .execute()

  await db.schema
    .createTable('non_working_day')
    .addColumn('day', 'date', (col) => col.primaryKey())
    .addColumn('note', 'text')
    .execute()

  await db.schema
    .createTable('referral')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('from_side', 'text', (col) =>
      col.notNull().check(sql`from_side in ('SOCIAL','HEALTH','EDUCATION','NGO')`),
    )
    .addColumn('from_organisation', 'text', (col) => col.notNull())
    .addColumn('provider_id', 'uuid', (col) => col.notNull().references('provider.id'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('received_on', 'date', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('RECEIVED')
        .check(sql`status in ('RECEIVED','ACCEPTED','REJECTED')`),
    )
    .addColumn('decided_on', 'date')
    .addColumn('rejection_reason', 'text', (col) =>
      col.check(
        sql`rejection_reason in ('NOT_TARGET_GROUP','OUTSIDE_SERVICE_AREA','SERVICE_NOT_OFFERED','NO_CAPACITY','FAMILY_DECLINED','DUPLICATE','OTHER')`,
      ),
    )
    .addColumn('rejection_note', 'text')
    .addColumn('need_determined_on', 'date')
    .addColumn('programme_signed_on', 'date')
    .addCheckConstraint('referral_decision', sql`(status = 'RECEIVED') = (decided_on is null)`)
    .addCheckConstraint('referral_rejection', sql`(status = 'REJECTED') = (rejection_reason is not null)`)
    .addCheckConstraint('referral_decided_after_receipt', sql`decided_on is null or decided_on >= received_on`)
    .execute()
  await db.schema.createIndex('referral_child_idx').on('referral').column('child_id').execute()
  await db.schema.createIndex('referral_provider_idx').on('referral').columns(['provider_id', 'status']).execute()
  await db.schema.createIndex('referral_status_idx').on('referral').column('status').execute()

  await db.schema
    .createTable('referral_pause')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('referral_id', 'uuid', (col) => col.notNull().references('referral.id'))
    .addColumn('reason', 'text', (col) =>
      col
        .notNull()
        .check(sql`reason in ('FAMILY_UNAVAILABLE','CHILD_ILL','FAMILY_REQUEST','CHILD_HOSPITALISED','OTHER')`),
    )
    .addColumn('note', 'text')
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('ended_on', 'date')
    .addCheckConstraint('referral_pause_dates', sql`ended_on is null or ended_on >= started_on`)
    .execute()
  await db.schema.createIndex('referral_pause_referral_idx').on('referral_pause').column('referral_id').execute()
  await sql`create unique index referral_pause_one_open_idx on referral_pause (referral_id) where ended_on is null`.execute(
    db,
  )
}

export async function down(db: Kysely<any>) {
  for (const table of ['referral_pause', 'referral', 'non_working_day', 'deadline_clock']) {
    await db.schema.dropTable(table).execute()
  }
}
