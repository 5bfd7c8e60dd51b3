import { sql, type Kysely } from 'kysely'

// Frozen in time: the registry of providers as a region keeps it. An individual entrepreneur is a provider too, with
// a 12-digit ИНН and a 15-digit ОГРНИП in place of the organisation's 10 and 13 digits; and the public registry shows
// how to reach each provider (its phone in +7 and ten digits, its e-mail, its website).
export async function up(db: Kysely<any>) {
  await sql`alter table provider drop constraint provider_inn_check`.execute(db)
  await sql`alter table provider drop constraint provider_ogrn_check`.execute(db)
  await db.schema
    .alterTable('provider')
    .addCheckConstraint('provider_inn_check', sql`inn ~ '^([0-9]{10}|[0-9]{12})$'`)
    .execute()
  await db.schema
    .alterTable('provider')
    .addCheckConstraint('provider_ogrn_check', sql`ogrn ~ '^([0-9]{13}|[0-9]{15})$'`)
    .execute()
  await db.schema
    .alterTable('provider')
    .addColumn('phone', 'text', (col) => col.check(sql`phone ~ '^[+]7[0-9]{10}$'`))
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('provider').dropColumn('phone').dropColumn('email').dropColumn('website').execute()
  await sql`alter table provider drop constraint provider_inn_check`.execute(db)
  await sql`alter table provider drop constraint provider_ogrn_check`.execute(db)
  await db.schema.alterTable('provider').addCheckConstraint('provider_inn_check', sql`inn ~ '^[0-9]{10}$'`).execute()
  await db.schema.alterTable('provider').addCheckConstraint('provider_ogrn_check', sql`ogrn ~ '^[0-9]{13}$'`).execute()
}
