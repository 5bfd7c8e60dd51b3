import { sql, type Kysely } from 'kysely'

// A legal representative's consent to share one child's data of some scopes with one recipient (a side, or one
// provider of the registry) for one purpose (152-ФЗ ст. 9–10, 323-ФЗ ст. 13). A revocation is recorded, never a
// deletion: the owning subgraphs decide every read with the consents in force at that moment.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('consent')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('representative_id', 'uuid', (col) => col.notNull().references('legal_representative.id'))
    .addColumn('purpose', 'text', (col) =>
      col.notNull().check(sql`purpose in ('EARLY_HELP','NEED_DETERMINATION','TRANSITION')`),
    )
    .addColumn('recipient_side', 'text', (col) =>
      col.check(sql`recipient_side in ('SOCIAL','HEALTH','EDUCATION','NGO','REGIONAL')`),
    )
    .addColumn('recipient_provider_id', 'uuid', (col) => col.references('provider.id'))
    .addColumn('scopes', sql`text[]`, (col) =>
      col.notNull().check(sql`cardinality(scopes) > 0 and scopes <@ array['HEALTH','PMPK','FAMILY']`),
    )
    .addColumn('document', 'text', (col) => col.notNull())
    .addColumn('given_at', 'timestamptz', (col) => col.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_note', 'text')
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('consent_one_recipient', sql`(recipient_side is null) <> (recipient_provider_id is null)`)
    .addCheckConstraint('consent_revoked_after_given', sql`revoked_at is null or revoked_at >= given_at`)
    .execute()
  await db.schema.createIndex('consent_child_idx').on('consent').columns(['child_id', 'purpose']).execute()
  await db.schema.createIndex('consent_representative_idx').on('consent').column('representative_id').execute()
  await db.schema.createIndex('consent_provider_idx').on('consent').column('recipient_provider_id').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('consent').execute()
}
