import { sql, type Kysely } from 'kysely'

/**
 * Tables the service reads and appends to but never changes: those a migration made append-only with a trigger named
 * `<table>_no_change` (the access audit, a filed report and its snapshots). Found in the catalogue, so a later
 * migration's append-only table is covered without a list to keep.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the grants work below any subgraph's table types
function findAppendOnlyTables(db: Kysely<any>) {
  return sql<{ table: string }>`
    select distinct c.relname as "table" from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where c.relnamespace = current_schema()::regnamespace and t.tgname = c.relname || '_no_change'
    order by 1
  `.execute(db)
}

/** Tables the service must not write: the migrations' bookkeeping and the head of the audit's chain (its trigger's). */
const READ_ONLY = ['kysely_migration', 'kysely_migration_lock', 'access_audit_head']

/**
 * Gives the role the service connects as what it needs on this database and nothing more, after every migration run
 * (so a table a later migration adds is covered): reading and writing the ordinary tables, only `SELECT` and `INSERT`
 * on append-only ones, only `SELECT` on the bookkeeping. It owns nothing, so it can neither alter, disable or drop a
 * trigger nor truncate; it is no superuser, so it cannot set `session_replication_role` to skip the triggers.
 * Run by the owner role, in the migrations' transaction.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the grants work below any subgraph's table types
export async function grantRuntimeRights(db: Kysely<any>, role: string) {
  const grantee = sql.id(role)
  const schema = sql.id((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema)
  await sql`grant usage on schema ${schema} to ${grantee}`.execute(db)
  await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${grantee}`.execute(db)
  await sql`grant usage, select on all sequences in schema ${schema} to ${grantee}`.execute(db)
  const { rows } = await findAppendOnlyTables(db)
  for (const { table } of rows) {
    await sql`revoke update, delete, truncate on ${sql.table(table)} from ${grantee}`.execute(db)
  }
  for (const table of READ_ONLY) {
    const exists = await sql<{ found: boolean }>`select to_regclass(${table}) is not null as found`.execute(db)
    if (exists.rows[0]?.found) {
      await sql`revoke insert, update, delete, truncate on ${sql.table(table)} from ${grantee}`.execute(db)
    }
  }
}
