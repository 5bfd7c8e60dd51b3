import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the role list below is a copy on purpose. Every
// subgraph has this migration, each its own copy.
const ROLES = sql.raw(
  "'SOCIAL_WORKER','PSYCHOLOGIST','DEFECTOLOGIST','SPEECH_THERAPIST','ADAPTIVE_PE_INSTRUCTOR','PAEDIATRICIAN'," +
    "'NEONATOLOGIST','NEUROLOGIST','OCCUPATIONAL_THERAPIST','TYPHLOPEDAGOGUE','SURDOPEDAGOGUE','EDUCATOR','NURSE'",
)

/** The specialists a side employs and their training (повышение квалификации), identical in all four databases. */
export async function up(db: Kysely<any>) {
  // A specialist is a person, and no database but social's holds a person's name: the provider keeps the name in its
  // own personnel files, and this table keeps the personnel number (табельный номер) the provider gave them.
  await db.schema
    .createTable('specialist')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // No foreign key here: outside social the registry of providers lives in another database.
    .addColumn('provider_id', 'uuid', (col) => col.notNull())
    .addColumn('personnel_number', 'text', (col) =>
      col.notNull().check(sql`char_length(personnel_number) between 1 and 32`),
    )
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in (${ROLES})`))
    .addColumn('employed_from', 'date', (col) => col.notNull())
    .addColumn('employed_until', 'date')
    .addCheckConstraint('specialist_dates', sql`employed_until is null or employed_until >= employed_from`)
    .execute()
  await db.schema.createIndex('specialist_provider_idx').on('specialist').column('provider_id').execute()
  // One specialist still employed per personnel number at a provider; a number is free again once its holder's
  // employment has an end.
  await db.schema
    .createIndex('specialist_current_number_uq')
    .on('specialist')
    .columns(['provider_id', 'personnel_number'])
    .unique()
    .where(sql.ref('employed_until'), 'is', null)
    .execute()

  await db.schema
    .createTable('specialist_training')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('specialist_id', 'uuid', (col) => col.notNull().references('specialist.id'))
    .addColumn('course', 'text', (col) => col.notNull().check(sql`char_length(course) between 1 and 300`))
    .addColumn('hours', 'integer', (col) => col.notNull().check(sql`hours between 1 and 2000`))
    .addColumn('completed_on', 'date', (col) => col.notNull())
    .addColumn('certificate_number', 'text', (col) =>
      col.notNull().check(sql`char_length(certificate_number) between 1 and 64`),
    )
    .execute()
  // One record per certificate of a specialist; the index also serves the foreign key.
  await db.schema
    .createIndex('specialist_training_certificate_uq')
    .on('specialist_training')
    .columns(['specialist_id', 'certificate_number'])
    .unique()
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('specialist_training').execute()
  await db.schema.dropTable('specialist').execute()
}
