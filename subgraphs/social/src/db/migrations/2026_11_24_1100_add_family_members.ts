import { sql, type Kysely } from 'kysely'

// A family's people become rows of their own (family_member); a legal representative becomes the representation of one
// member, with the document it rests on and its term; a person's phones and e-mails become contacts. Each fact is kept
// once: the name on the member, the family on the member, the term on the representation. Existing representatives
// keep their ids as both member and representation, so programmes stay signed by the same id; their term starts on the
// family's eldest child's birth (or the family's registration when it has no child yet).
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('family_member')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family_id', 'uuid', (col) => col.notNull().references('family.id'))
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('patronymic', 'text')
    .addColumn('kinship', 'text', (col) =>
      col
        .notNull()
        .check(sql`kinship in ('PARENT','STEP_PARENT','GRANDPARENT','SIBLING','OTHER_RELATIVE','NOT_RELATED','OTHER')`),
    )
    .addColumn('birth_date', 'date')
    .addColumn('left_on', 'date')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('family_member_dates', sql`left_on is null or birth_date is null or left_on >= birth_date`)
    .execute()
  await db.schema.createIndex('family_member_family_idx').on('family_member').column('family_id').execute()

  await db.schema
    .createTable('member_contact')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('member_id', 'uuid', (col) => col.notNull().references('family_member.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('PHONE','EMAIL')`))
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('member_contact_unique', ['member_id', 'kind', 'value'])
    .execute()

  await sql`
    insert into family_member (id, family_id, last_name, first_name, patronymic, kinship)
    select id, family_id, last_name, first_name, patronymic,
           case when relation in ('MOTHER', 'FATHER', 'ADOPTIVE_PARENT') then 'PARENT' else 'OTHER' end
    from legal_representative`.execute(db)
  await sql`
    insert into member_contact (member_id, kind, value)
    select id, 'PHONE', phone from legal_representative where phone is not null
    union all
    select id, 'EMAIL', email from legal_representative where email is not null`.execute(db)

  await db.schema
    .alterTable('legal_representative')
    .addColumn('member_id', 'uuid', (col) => col.references('family_member.id'))
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .execute()
  await sql`
    update legal_representative r
    set member_id = r.id,
        valid_from = coalesce(
          (select min(c.birth_date) from child c where c.family_id = r.family_id),
          (select f.created_at::date from family f where f.id = r.family_id))`.execute(db)
  await db.schema
    .alterTable('legal_representative')
    .alterColumn('member_id', (col) => col.setNotNull())
    .alterColumn('valid_from', (col) => col.setNotNull())
    .execute()
  await db.schema
    .alterTable('legal_representative')
    .addCheckConstraint('legal_representative_term', sql`valid_to is null or valid_to >= valid_from`)
    .execute()
  await db.schema.dropIndex('legal_representative_family_idx').execute()
  for (const column of ['family_id', 'last_name', 'first_name', 'patronymic', 'phone', 'email']) {
    await db.schema.alterTable('legal_representative').dropColumn(column).execute()
  }
  await db.schema
    .createIndex('legal_representative_member_idx')
    .on('legal_representative')
    .column('member_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema
    .alterTable('legal_representative')
    .addColumn('family_id', 'uuid', (col) => col.references('family.id'))
    .addColumn('last_name', 'text')
    .addColumn('first_name', 'text')
    .addColumn('patronymic', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .execute()
  await sql`
    update legal_representative r
    set family_id = m.family_id, last_name = m.last_name, first_name = m.first_name, patronymic = m.patronymic,
        phone = (select min(value) from member_contact c where c.member_id = m.id and c.kind = 'PHONE'),
        email = (select min(value) from member_contact c where c.member_id = m.id and c.kind = 'EMAIL')
    from family_member m
    where m.id = r.member_id`.execute(db)
  await db.schema
    .alterTable('legal_representative')
    .alterColumn('family_id', (col) => col.setNotNull())
    .alterColumn('last_name', (col) => col.setNotNull())
    .alterColumn('first_name', (col) => col.setNotNull())
    .execute()
  await db.schema.dropIndex('legal_representative_member_idx').execute()
  await db.schema.alterTable('legal_representative').dropConstraint('legal_representative_term').execute()
  for (const column of ['member_id', 'valid_from', 'valid_to']) {
    await db.schema.alterTable('legal_representative').dropColumn(column).execute()
  }
  await db.schema
    .createIndex('legal_representative_family_idx')
    .on('legal_representative')
    .column('family_id')
    .execute()
  await db.schema.dropTable('member_contact').execute()
  await db.schema.dropTable('family_member').execute()
}
