import type { Kysely } from 'kysely'

// A municipality's boundary as GeoJSON (RFC 7946: WGS 84 longitude and latitude), for maps drawn without map tiles;
// a region loads its own boundaries, the synthetic region ships its fictional ones.
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('municipality').addColumn('boundary', 'jsonb').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('municipality').dropColumn('boundary').execute()
}
