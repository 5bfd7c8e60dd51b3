import { sql, type Kysely } from 'kysely'

/**
 * For migrations: makes a table of records that must never change once written (a filed report and its snapshots)
 * refuse UPDATE, DELETE and TRUNCATE with a trigger, naming the table. `allowChanges` takes it back in `down`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function refuseChanges(db: Kysely<any>, table: string) {
  const refuse = sql.raw(`${table}_frozen`)
  await sql`
    create function ${refuse}() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  `.execute(db)
  await sql`
    create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
    for each row execute function ${refuse}()
  `.execute(db)
  await sql`
    create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
    for each statement execute function ${refuse}()
  `.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function allowChanges(db: Kysely<any>, table: string) {
  await sql`drop function ${sql.raw(`${table}_frozen`)}() cascade`.execute(db)
}
