import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code.

/**
 * The regional catalogue in editions: each change of a service is a row in force from its day until the next one's,
 * and a service leaves the catalogue by an edition that retires it, so that the catalogue can say what was in force
 * on any day. `service_type` keeps what never changes: the code every referral, programme item and provider points
 * at, and the kind of service. The catalogue installed so far becomes every service's first edition, in force from
 * 2000-01-01, the first day the hub holds any record of early help from.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('service_type_version')
    .addColumn('code', 'text', (col) => col.notNull().references('service_type.code'))
    .addColumn('effective_from', 'date', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('standard_duration_minutes', 'integer', (col) =>
      col.check(sql`standard_duration_minutes between 5 and 480`),
    )
    .addColumn('standard_frequency', 'text')
    .addColumn('remote_allowed', 'boolean', (col) => col.notNull())
    .addColumn('required_roles', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('retired', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_type_version_pk', ['code', 'effective_from'])
    .execute()
  await sql`
    insert into service_type_version
      (code, effective_from, name, description, standard_duration_minutes, standard_frequency, remote_allowed,
       required_roles)
    select code, date '2000-01-01', name, description, standard_duration_minutes, standard_frequency, remote_allowed,
       required_roles
    from service_type
  `.execute(db)
  for (const column of [
    'name',
    'description',
    'standard_duration_minutes',
    'standard_frequency',
    'remote_allowed',
    'required_roles',
  ]) {
    await db.schema.alterTable('service_type').dropColumn(column).execute()
  }
}

export async function down(db: Kysely<any>) {
  await db.schema
    .alterTable('service_type')
    .addColumn('name', 'text')
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('standard_duration_minutes', 'integer', (col) =>
      col.check(sql`standard_duration_minutes between 5 and 480`),
    )
    .addColumn('standard_frequency', 'text')
    .addColumn('remote_allowed', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('required_roles', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute()
  await sql`
    update service_type set name = v.name, description = v.description,
      standard_duration_minutes = v.standard_duration_minutes, standard_frequency = v.standard_frequency,
      remote_allowed = v.remote_allowed, required_roles = v.required_roles
    from (select distinct on (code) * from service_type_version order by code, effective_from desc) v
    where v.code = service_type.code
  `.execute(db)
  await db.schema
    .alterTable('service_type')
    .alterColumn('name', (col) => col.setNotNull())
    .execute()
  await db.schema.dropTable('service_type_version').execute()
}
