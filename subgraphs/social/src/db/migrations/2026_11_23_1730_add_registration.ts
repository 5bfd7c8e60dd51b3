import { sql, type Kysely } from 'kysely'

// Frozen in time: this copy of the name normalisation must not change with application code.
function nameKey(lastName: string, firstName: string, patronymic: string | null) {
  return [lastName, firstName, patronymic ?? '']
    .join(' ')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s\-‐‑–—]+/g, ' ')
    .trim()
}

/** Adds the name key to a table of people, filled from their names (frozen too: a later migration gives it to another). */
export async function addNameKey(db: Kysely<any>, table: 'child' | 'family_member') {
  await db.schema.alterTable(table).addColumn('name_key', 'text').execute()
  const rows = await db.selectFrom(table).select(['id', 'last_name', 'first_name', 'patronymic']).execute()
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000)
    await sql`
      update ${sql.table(table)} set name_key = v.key
      from (values ${sql.join(batch.map((row) => sql`(${row.id}::uuid, ${nameKey(row.last_name, row.first_name, row.patronymic)})`))}) as v(id, key)
      where ${sql.table(table)}.id = v.id
    `.execute(db)
  }
}

export async function up(db: Kysely<any>) {
  await addNameKey(db, 'child')
  await db.schema
    .alterTable('child')
    .alterColumn('name_key', (col) => col.setNotNull())
    .execute()
  await db.schema.createIndex('child_name_birth_idx').on('child').columns(['name_key', 'birth_date']).execute()

  await db.schema
    .createTable('registry_status_change')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('changed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('reason', 'text')
    .execute()
  await db.schema
    .createIndex('registry_status_change_child_idx')
    .on('registry_status_change')
    .columns(['child_id', 'changed_at'])
    .execute()
  await sql`
    insert into registry_status_change (child_id, from_status, to_status, changed_at, reason)
    select id, null, registry_status, registered_at, 'Состояние на момент ведения истории статусов' from child
  `.execute(db)

  await db.schema
    .createTable('possible_duplicate')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('candidate_child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('OPEN')
        .check(sql`status in ('OPEN','DISMISSED','MERGED')`),
    )
    .addColumn('detected_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution_note', 'text')
    .addCheckConstraint('possible_duplicate_distinct', sql`child_id <> candidate_child_id`)
    .execute()
  await db.schema.createIndex('possible_duplicate_child_idx').on('possible_duplicate').column('child_id').execute()
  await db.schema
    .createIndex('possible_duplicate_candidate_idx')
    .on('possible_duplicate')
    .column('candidate_child_id')
    .execute()
  await db.schema.createIndex('possible_duplicate_status_idx').on('possible_duplicate').column('status').execute()

  await db.schema
    .alterTable('child_criterion')
    .addColumn('family_situation_id', 'uuid', (col) => col.references('family_situation.id'))
    .execute()
  await db.schema
    .createIndex('child_criterion_family_situation_idx')
    .on('child_criterion')
    .column('family_situation_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('child_criterion').dropColumn('family_situation_id').execute()
  await db.schema.dropTable('possible_duplicate').execute()
  await db.schema.dropTable('registry_status_change').execute()
  await db.schema.alterTable('child').dropColumn('name_key').execute()
}
