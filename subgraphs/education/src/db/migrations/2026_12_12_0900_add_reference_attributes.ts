import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every subgraph that keeps the kit's dictionaries has its
// own copy of this step.

/**
 * What a dictionary's entries keep besides a code and a name (a municipality's remoteness, a provider's ИНН, a
 * boundary): the latest state in `reference_entry`, each version's in `reference_entry_version`.
 */
export async function up(db: Kysely<any>) {
  for (const table of ['reference_entry', 'reference_entry_version']) {
    await db.schema
      .alterTable(table)
      .addColumn('attributes', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
      .execute()
  }
}

export async function down(db: Kysely<any>) {
  for (const table of ['reference_entry', 'reference_entry_version']) {
    await db.schema.alterTable(table).dropColumn('attributes').execute()
  }
}
