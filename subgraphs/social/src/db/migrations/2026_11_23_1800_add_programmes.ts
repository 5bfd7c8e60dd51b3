import { sql, type Kysely } from 'kysely'

// Frozen in time: the need determination's outcome on the referral, and the versioned ИПРП with goals, planned
// services and reviews.
const ICF_CODE = sql`~ '^[bsde][0-9]{3,5}$'`

export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('referral')
    .addColumn('need_outcome', 'text', (col) =>
      col.check(sql`need_outcome in ('IN_NEED','NOT_IN_NEED','CONSULTATION_ONLY')`),
    )
    .addColumn('need_note', 'text')
    .execute()
  await sql`alter table referral add constraint referral_need_outcome check ((need_outcome is null) = (need_determined_on is null))`.execute(
    db,
  )

  await db.schema
    .createTable('programme')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('referral_id', 'uuid', (col) => col.notNull().references('referral.id'))
    .addColumn('provider_id', 'uuid', (col) => col.notNull().references('provider.id'))
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('DRAFT')
        .check(sql`status in ('DRAFT','SIGNED','SUPERSEDED','CLOSED')`),
    )
    .addColumn('lead_specialist_role', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('signed_on', 'date')
    .addColumn('signed_by_representative_id', 'uuid', (col) => col.references('legal_representative.id'))
    .addColumn('closed_on', 'date')
    .addColumn('exit_reason', 'text', (col) =>
      col.check(
        sql`exit_reason in ('TRANSITION_TO_PRESCHOOL','OTHER_SERVICES','CONTINUED_HELP','GOALS_ACHIEVED','MOVED','DECLINED','LOST_CONTACT','DIED')`,
      ),
    )
    .addUniqueConstraint('programme_child_version_unique', ['child_id', 'version'])
    .addCheckConstraint('programme_signature', sql`(status = 'DRAFT') = (signed_on is null)`)
    .addCheckConstraint('programme_closure', sql`(status = 'CLOSED') = (closed_on is not null)`)
    .execute()
  await db.schema.createIndex('programme_referral_idx').on('programme').column('referral_id').execute()
  await db.schema.createIndex('programme_provider_idx').on('programme').column('provider_id').execute()
  await db.schema
    .createIndex('programme_representative_idx')
    .on('programme')
    .column('signed_by_representative_id')
    .execute()
  await db.schema.createIndex('programme_status_idx').on('programme').column('status').execute()
  // At most one signed version of a child's programme is in force.
  await sql`create unique index programme_one_signed_idx on programme (child_id) where status = 'SIGNED'`.execute(db)

  await db.schema
    .createTable('programme_goal')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (col) => col.notNull().references('programme.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('icf_code', 'text', (col) => col.notNull().check(sql`icf_code ${ICF_CODE}`))
    .addColumn('baseline_qualifier', 'integer', (col) => col.notNull().check(sql`baseline_qualifier between 0 and 4`))
    .addColumn('target_qualifier', 'integer', (col) => col.notNull().check(sql`target_qualifier between 0 and 4`))
    .addColumn('description', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('programme_goal_programme_idx').on('programme_goal').column('programme_id').execute()

  await db.schema
    .createTable('programme_service')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (col) => col.notNull().references('programme.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('service_code', 'text', (col) => col.notNull().references('service_type.code'))
    .addColumn('sessions_per_month', 'integer', (col) => col.notNull().check(sql`sessions_per_month between 1 and 31`))
    .addColumn('duration_minutes', 'integer', (col) => col.notNull().check(sql`duration_minutes between 5 and 480`))
    .addColumn('mode', 'text', (col) => col.notNull().check(sql`mode in ('IN_CENTRE','AT_HOME','GROUP','REMOTE')`))
    .addColumn('responsible_side', 'text', (col) =>
      col.notNull().check(sql`responsible_side in ('SOCIAL','HEALTH','EDUCATION','NGO')`),
    )
    .addColumn('provider_id', 'uuid', (col) => col.notNull().references('provider.id'))
    .execute()
  await db.schema
    .createIndex('programme_service_programme_idx')
    .on('programme_service')
    .column('programme_id')
    .execute()
  await db.schema.createIndex('programme_service_code_idx').on('programme_service').column('service_code').execute()
  await db.schema.createIndex('programme_service_provider_idx').on('programme_service').column('provider_id').execute()

  await db.schema
    .createTable('programme_review')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (col) => col.notNull().references('programme.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('INTERMEDIATE','FINAL')`))
    .addColumn('reviewed_on', 'date', (col) => col.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('programme_review_programme_idx').on('programme_review').column('programme_id').execute()

  await db.schema
    .createTable('programme_review_rating')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('review_id', 'uuid', (col) => col.notNull().references('programme_review.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('icf_code', 'text', (col) => col.notNull().check(sql`icf_code ${ICF_CODE}`))
    .addColumn('qualifier', 'integer', (col) => col.notNull().check(sql`qualifier between 0 and 4`))
    .execute()
  await db.schema
    .createIndex('programme_review_rating_review_idx')
    .on('programme_review_rating')
    .column('review_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  for (const table of [
    'programme_review_rating',
    'programme_review',
    'programme_service',
    'programme_goal',
    'programme',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await sql`alter table referral drop constraint referral_need_outcome`.execute(db)
  await db.schema.alterTable('referral').dropColumn('need_note').dropColumn('need_outcome').execute()
}
