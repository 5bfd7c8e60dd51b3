import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every subgraph has this migration, each its own copy.
// `@hub/subgraph-kit/access/audit-chain` recomputes the same hash outside the database, so a change to the encoding is
// a new migration in every subgraph together with a new version of that code.

/**
 * The access audit becomes a hash chain, and a row may name a family instead of a child.
 *
 * Every row carries its place in the chain, the hash of the row before it and its own hash: SHA-256 over the previous
 * hash and a canonical encoding of the row (`access_audit_row_hash`). A removed, inserted or altered row breaks the
 * chain where it was, which `npm run audit:verify` finds; the head (place and hash) printed there and kept elsewhere
 * makes even a rewrite of the whole chain visible.
 *
 * The hash is computed inside the database by a trigger, in the inserting transaction: the service cannot write a row
 * outside the chain or choose its hashes. The trigger function runs as the owner (SECURITY DEFINER) and keeps the head
 * in `access_audit_head`, on which the service's role has no right to write. Taking the head's row `FOR UPDATE`
 * serialises concurrent inserts into one chain: a second transaction waits for the first to commit and then reads the
 * head it left (under REPEATABLE READ it fails instead of forking the chain).
 */
export async function up(db: Kysely<any>) {
  await sql`alter table access_audit alter column child_id drop not null`.execute(db)
  await sql`alter table access_audit add column family_id uuid`.execute(db)
  await sql`
    alter table access_audit add constraint access_audit_names_child_or_family
    check (child_id is not null or family_id is not null)
  `.execute(db)
  await db.schema
    .createIndex('access_audit_family_id_idx')
    .on('access_audit')
    .columns(['family_id', 'read_at'])
    .execute()
  await sql`
    alter table access_audit
      add column chain_position bigint,
      add column previous_hash bytea,
      add column row_hash bytea
  `.execute(db)

  // One field of the encoding: `N` for null, otherwise its length in bytes, a colon and the text. No value can be read
  // as another, whatever characters it holds.
  await sql`
    create function access_audit_field(value text) returns text language sql immutable as $$
      select case when value is null then 'N' else octet_length(value) || ':' || value end
    $$
  `.execute(db)
  await sql`
    create function access_audit_row_hash(
      previous bytea, chain_position bigint, id bigint, read_at timestamptz, subject text, side text,
      organisation text, role text, child_id uuid, family_id uuid, categories text[], operation text, purpose text
    ) returns bytea language sql immutable as $$
      select sha256(previous || convert_to(
        access_audit_field(chain_position::text) || access_audit_field(id::text)
        || access_audit_field(to_char(read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || access_audit_field(subject) || access_audit_field(side) || access_audit_field(organisation)
        || access_audit_field(role) || access_audit_field(child_id::text) || access_audit_field(family_id::text)
        || access_audit_field(cardinality(categories)::text)
        || coalesce((select string_agg(access_audit_field(category), '' order by place)
                     from unnest(categories) with ordinality as listed (category, place)), '')
        || access_audit_field(operation) || access_audit_field(purpose),
        'UTF8'))
    $$
  `.execute(db)

  await sql`
    create table access_audit_head (
      singleton boolean primary key default true check (singleton),
      chain_position bigint not null,
      row_hash bytea not null
    )
  `.execute(db)

  // The rows written before the chain are chained in the order they were written; the append-only trigger is set
  // aside for that alone, inside this migration's transaction.
  await sql`alter table access_audit disable trigger access_audit_no_change`.execute(db)
  await sql`
    do $$
    declare
      written record;
      previous bytea := decode(repeat('00', 32), 'hex');
      place bigint := 0;
    begin
      for written in select * from access_audit order by id loop
        place := place + 1;
        update access_audit
        set chain_position = place,
            previous_hash = previous,
            row_hash = access_audit_row_hash(previous, place, written.id, written.read_at, written.subject,
              written.side, written.organisation, written.role, written.child_id, written.family_id,
              written.categories, written.operation, written.purpose)
        where id = written.id
        returning row_hash into previous;
      end loop;
      insert into access_audit_head (chain_position, row_hash) values (place, previous);
    end
    $$
  `.execute(db)
  await sql`alter table access_audit enable trigger access_audit_no_change`.execute(db)
  await sql`
    alter table access_audit
      alter column chain_position set not null,
      alter column previous_hash set not null,
      alter column row_hash set not null
  `.execute(db)
  await db.schema
    .createIndex('access_audit_chain_position_idx')
    .on('access_audit')
    .column('chain_position')
    .unique()
    .execute()

  // The trigger runs as the owner: its search path is fixed to the schema the audit is migrated into (public, or a
  // side's schema where several sides share one database), so no role can put another table of that name before it.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  await sql`
    create function access_audit_chain() returns trigger language plpgsql
    security definer set search_path = pg_catalog, ${sql.id(rows[0]!.schema)}, pg_temp as $$
    declare
      head access_audit_head%rowtype;
    begin
      select * into strict head from access_audit_head for update;
      new.chain_position := head.chain_position + 1;
      new.previous_hash := head.row_hash;
      new.row_hash := access_audit_row_hash(new.previous_hash, new.chain_position, new.id, new.read_at, new.subject,
        new.side, new.organisation, new.role, new.child_id, new.family_id, new.categories, new.operation, new.purpose);
      update access_audit_head set chain_position = new.chain_position, row_hash = new.row_hash;
      return new;
    end
    $$
  `.execute(db)
  await sql`
    create trigger access_audit_chain before insert on access_audit
    for each row execute function access_audit_chain()
  `.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop trigger access_audit_chain on access_audit`.execute(db)
  await sql`drop function access_audit_chain()`.execute(db)
  await sql`drop table access_audit_head`.execute(db)
  await sql`drop index access_audit_chain_position_idx`.execute(db)
  await sql`drop index access_audit_family_id_idx`.execute(db)
  await sql`
    alter table access_audit
      drop column chain_position, drop column previous_hash, drop column row_hash,
      drop constraint access_audit_names_child_or_family, drop column family_id
  `.execute(db)
  await sql`drop function access_audit_row_hash(bytea, bigint, bigint, timestamptz, text, text, text, text, uuid, uuid, text[], text, text)`.execute(
    db,
  )
  await sql`drop function access_audit_field(text)`.execute(db)
}
