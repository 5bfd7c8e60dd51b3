import { sql, type Kysely } from 'kysely'

// Frozen in time, like a migration: every subgraph's migration 2026_11_23_2100_create_staffing calls this function,
// so its statements must never change once released (a database migrated earlier would differ from a new one). A
// later change to the staffing tables is a new function here, called by a new migration in each subgraph. For the
// same reason it imports nothing of the application: the role list below is a copy on purpose.
const ROLES = sql.raw(
  "'SOCIAL_WORKER','PSYCHOLOGIST','DEFECTOLOGIST','SPEECH_THERAPIST','ADAPTIVE_PE_INSTRUCTOR','PAEDIATRICIAN'," +
    "'NEONATOLOGIST','NEUROLOGIST','OCCUPATIONAL_THERAPIST','TYPHLOPEDAGOGUE','SURDOPEDAGOGUE','EDUCATOR','NURSE'",
)

/** The specialists a side employs and their training (повышение квалификации), identical in all four databases. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function createStaffingTables(db: Kysely<any>) {
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function dropStaffingTables(db: Kysely<any>) {
  await db.schema.dropTable('specialist_training').execute()
  await db.schema.dropTable('specialist').execute()
}

/**
 * The specialist who gave a session, on one of a side's session tables: a foreign key to the side's own specialists,
 * nullable because sessions recorded before it name none and naming one stays optional. A side whose sessions did not
 * record the specialist's role gains it here too (`withRole`), in the roles of the specialists' register; a session
 * that names its specialist always has it. Frozen in time like `createStaffingTables`: every subgraph's migration
 * 2026_11_24_1000_add_session_specialists calls it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function addSessionSpecialist(db: Kysely<any>, table: string, options: { withRole: boolean }) {
  await db.schema
    .alterTable(table)
    .addColumn('specialist_id', 'uuid', (col) => col.references('specialist.id'))
    .execute()
  await db.schema.createIndex(`${table}_specialist_idx`).on(table).column('specialist_id').execute()
  if (!options.withRole) return
  await db.schema
    .alterTable(table)
    .addColumn('specialist_role', 'text', (col) => col.check(sql`specialist_role in (${ROLES})`))
    .execute()
  await db.schema
    .alterTable(table)
    .addCheckConstraint(
      `${table}_named_specialist_role_check`,
      sql`specialist_id is null or specialist_role is not null`,
    )
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function dropSessionSpecialist(db: Kysely<any>, table: string, options: { withRole: boolean }) {
  if (options.withRole) await db.schema.alterTable(table).dropColumn('specialist_role').execute()
  await db.schema.alterTable(table).dropColumn('specialist_id').execute()
}
