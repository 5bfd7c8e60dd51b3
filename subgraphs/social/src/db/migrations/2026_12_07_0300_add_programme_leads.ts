import { sql, type Kysely } from 'kysely'

// Frozen in time: the staff directory (display names from the identity provider's tokens) and the lead specialist
// (куратор) of each ИПРП with the history of assignments.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('staff_member')
    .addColumn('subject', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn('side', 'text', (col) =>
      col.notNull().check(sql`side in ('health','education','social','ngo','regional')`),
    )
    .addColumn('organisation', 'text')
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('staff_member_organisation_idx').on('staff_member').column('organisation').execute()

  // An assignment is made on one version of a programme and holds for the child's programme at that provider across
  // versions, until the next assignment ends it.
  await db.schema
    .createTable('programme_lead')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (col) => col.notNull().references('programme.id'))
    .addColumn('subject', 'text', (col) => col.notNull().references('staff_member.subject'))
    .addColumn('assigned_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('assigned_by', 'text', (col) => col.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addCheckConstraint('programme_lead_term', sql`ended_at is null or ended_at >= assigned_at`)
    .execute()
  await db.schema.createIndex('programme_lead_programme_idx').on('programme_lead').column('programme_id').execute()
  await db.schema.createIndex('programme_lead_subject_idx').on('programme_lead').column('subject').execute()
  await sql`create index programme_lead_current_idx on programme_lead (programme_id) where ended_at is null`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('programme_lead').execute()
  await db.schema.dropTable('staff_member').execute()
}
