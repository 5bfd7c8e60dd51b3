import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the role list below is a copy on purpose. The
// specialist who gave a session, and their role, which this side's sessions did not record before, in the roles of the
// specialists' register; both nullable: sessions recorded earlier name neither, and both stay optional. A session that
// names its specialist always has the role.
const ROLES = sql.raw(
  "'SOCIAL_WORKER','PSYCHOLOGIST','DEFECTOLOGIST','SPEECH_THERAPIST','ADAPTIVE_PE_INSTRUCTOR','PAEDIATRICIAN'," +
    "'NEONATOLOGIST','NEUROLOGIST','OCCUPATIONAL_THERAPIST','TYPHLOPEDAGOGUE','SURDOPEDAGOGUE','EDUCATOR','NURSE'",
)

export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('ngo_session')
    .addColumn('specialist_id', 'uuid', (col) => col.references('specialist.id'))
    .execute()
  await db.schema.createIndex('ngo_session_specialist_idx').on('ngo_session').column('specialist_id').execute()
  await db.schema
    .alterTable('ngo_session')
    .addColumn('specialist_role', 'text', (col) => col.check(sql`specialist_role in (${ROLES})`))
    .execute()
  await db.schema
    .alterTable('ngo_session')
    .addCheckConstraint(
      'ngo_session_named_specialist_role_check',
      sql`specialist_id is null or specialist_role is not null`,
    )
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('ngo_session').dropColumn('specialist_role').execute()
  await db.schema.alterTable('ngo_session').dropColumn('specialist_id').execute()
}
