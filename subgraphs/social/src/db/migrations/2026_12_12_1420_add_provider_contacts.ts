import { sql, type Kysely } from 'kysely'

// Frozen in time: the registry of providers as a region keeps it. An individual entrepreneur is a provider too, with
// a 12-digit ИНН and a 15-digit ОГРНИП in place of the organisation's 10 and 13 digits; and the public registry shows
// how to reach each provider (its phone in +7 and ten digits, its e-mail, its website).

/** Replaces the checks of the forms of a provider's ИНН and ОГРН. */
async function checkIdentifiers(db: Kysely<any>, forms: { inn: string; ogrn: string }) {
  for (const [column, pattern] of Object.entries(forms)) {
    const constraint = sql.id(`provider_${column}_check`)
    await sql`alter table provider drop constraint ${constraint}`.execute(db)
    await sql`alter table provider add constraint ${constraint} check (${sql.ref(column)} ~ ${sql.lit(pattern)})`.execute(
      db,
    )
  }
}

export async function up(db: Kysely<any>) {
  await checkIdentifiers(db, { inn: '^([0-9]{10}|[0-9]{12})$', ogrn: '^([0-9]{13}|[0-9]{15})$' })
  await db.schema
    .alterTable('provider')
    .addColumn('phone', 'text', (col) => col.check(sql`phone ~ '^[+]7[0-9]{10}$'`))
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('provider').dropColumn('phone').dropColumn('email').dropColumn('website').execute()
  await checkIdentifiers(db, { inn: '^[0-9]{10}$', ogrn: '^[0-9]{13}$' })
}
