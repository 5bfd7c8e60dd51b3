import { sql, type Insertable, type Kysely } from 'kysely'

// PostgreSQL binds at most 65,535 parameters per statement; 1,000 rows of the widest seeded table bind 11,000.
const BATCH_SIZE = 1000

/**
 * Inserts rows table by table in statements of at most BATCH_SIZE rows.
 * Curried so that the database's table types come from `db` alone.
 */
export function batchInserter<DB>(db: Kysely<DB>) {
  // Kysely cannot follow a table name generic over an unknown DB; the signature keeps callers typed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const untyped = db as Kysely<any>
  return async <T extends keyof DB & string>(table: T, rows: readonly Insertable<DB[T]>[]) => {
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      await untyped
        .insertInto(table)
        .values(rows.slice(start, start + BATCH_SIZE))
        .execute()
    }
  }
}

/** Empties the given tables; one TRUNCATE naming them all needs no CASCADE. */
export async function clearTables<DB>(db: Kysely<DB>, tables: readonly (keyof DB & string)[]) {
  await sql`truncate table ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db)
}

/**
 * Empties tables whose rows are frozen once written (filed reports and their figures refuse UPDATE, DELETE and
 * TRUNCATE by trigger): a reset of the synthetic region sets their guards aside for its own transaction only, which
 * holds the tables locked, so no other session ever writes to them unguarded.
 */
export async function clearFrozenTables<DB>(db: Kysely<DB>, tables: readonly (keyof DB & string)[]) {
  await db.transaction().execute(async (trx) => {
    for (const table of tables) await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx)
    await clearTables(trx, tables)
    for (const table of tables) await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx)
  })
}

/** Rows in each of the given tables. */
export async function countTableRows<DB>(db: Kysely<DB>, tables: readonly (keyof DB & string)[]) {
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table)}`.execute(db)
    counts[table] = rows[0]?.count ?? 0
  }
  return counts
}
