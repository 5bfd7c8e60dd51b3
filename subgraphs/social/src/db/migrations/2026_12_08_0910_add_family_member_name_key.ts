import { sql, type Kysely } from 'kysely'
import { addNameKey } from './2026_11_23_1730_add_registration.js'

// A family is found by its members' names as a child is by its own (`families(filter: { search })`): each member
// gets the name key the registry keeps for children, with the same trigram index, and a phone or an e-mail address is
// found by its value, whatever the case of the address. The key stays nullable while a replica of the previous
// release may still add members without it (expand, then contract): a later migration fills those and forbids null.
export async function up(db: Kysely<any>) {
  await addNameKey(db, 'family_member')
  await db.schema
    .createIndex('family_member_name_words_idx')
    .on('family_member')
    .using('gin')
    .expression(sql`(' ' || name_key) gin_trgm_ops`)
    .execute()
  await db.schema
    .createIndex('member_contact_value_idx')
    .on('member_contact')
    .expression(sql`lower(value)`)
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('member_contact_value_idx').execute()
  await db.schema.dropIndex('family_member_name_words_idx').execute()
  await db.schema.alterTable('family_member').dropColumn('name_key').execute()
}
