import { sql, type Kysely } from 'kysely'

// Frozen in time: the child-find signals health and education deliver from their outboxes, each kept once by its id,
// and the deadline clock of their handling (5 working days by default, as 442-ФЗ gives a decision on social services).
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('child_find_signal')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('source', 'text', (col) => col.notNull().check(sql`source in ('HEALTH','EDUCATION')`))
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`kind in ('HEALTH_GROUP_IV','HEALTH_GROUP_V','LISTED_DIAGNOSIS','NEONATAL_SCREENING_CONFIRMED','AUDIOLOGY_SCREENING_CONFIRMED','PMPK_SPECIAL_CONDITIONS')`,
        ),
    )
    .addColumn('proposed_criterion', 'text', (col) => col.notNull())
    .addColumn('source_record_id', 'uuid', (col) => col.notNull())
    .addColumn('recorded_on', 'date', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('NEW')
        .check(sql`status in ('NEW','ACCEPTED','DISMISSED')`),
    )
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('dismiss_reason', 'text')
    .addColumn('criterion_id', 'uuid', (col) => col.references('child_criterion.id'))
    .addCheckConstraint(
      'child_find_signal_decision',
      sql`(status = 'NEW' and decided_at is null and decided_by is null and dismiss_reason is null and criterion_id is null)
        or (status = 'ACCEPTED' and decided_at is not null and decided_by is not null and criterion_id is not null)
        or (status = 'DISMISSED' and decided_at is not null and decided_by is not null and dismiss_reason is not null)`,
    )
    .execute()
  await db.schema.createIndex('child_find_signal_child_idx').on('child_find_signal').column('child_id').execute()
  await db.schema
    .createIndex('child_find_signal_status_idx')
    .on('child_find_signal')
    .columns(['status', 'id'])
    .execute()
  await db.schema
    .createIndex('child_find_signal_criterion_idx')
    .on('child_find_signal')
    .column('criterion_id')
    .execute()

  await sql`alter table deadline_clock drop constraint deadline_clock_code_check`.execute(db)
  await sql`
    alter table deadline_clock add constraint deadline_clock_code_check check (code in
      ('REFERRAL_TO_NEED_DETERMINATION','REFERRAL_TO_PROGRAMME','PROGRAMME_REVIEW','TRANSITION_NOTICE','SIGNAL_HANDLING'))
  `.execute(db)
  await sql`insert into deadline_clock (code, days, day_kind) values ('SIGNAL_HANDLING', 5, 'WORKING')`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.deleteFrom('deadline_clock').where('code', '=', 'SIGNAL_HANDLING').execute()
  await sql`alter table deadline_clock drop constraint deadline_clock_code_check`.execute(db)
  await sql`
    alter table deadline_clock add constraint deadline_clock_code_check check (code in
      ('REFERRAL_TO_NEED_DETERMINATION','REFERRAL_TO_PROGRAMME','PROGRAMME_REVIEW','TRANSITION_NOTICE'))
  `.execute(db)
  await db.schema.dropTable('child_find_signal').execute()
}
