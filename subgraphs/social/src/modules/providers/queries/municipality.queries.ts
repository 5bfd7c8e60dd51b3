import type { Kysely } from 'kysely'
import { anyText } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB } from '../../../db/database.js'

export type MunicipalityRow = Awaited<ReturnType<typeof listMunicipalities>>[number]

export function listMunicipalities(db: Kysely<DB>) {
  return db.selectFrom('municipality').select(columns.municipality).orderBy('municipality.name').execute()
}

export function findMunicipalitiesByOktmos(db: Kysely<DB>, codes: readonly string[]) {
  return db
    .selectFrom('municipality')
    .select(columns.municipality)
    .where('municipality.oktmo', '=', anyText(codes))
    .execute()
}

export function findBoundariesByOktmos(db: Kysely<DB>, codes: readonly string[]) {
  return db
    .selectFrom('municipality')
    .select(['municipality.oktmo', 'municipality.boundary'])
    .where('municipality.oktmo', '=', anyText(codes))
    .execute()
}

/** Sets a municipality's boundary (GeoJSON text; null: none). */
export function updateMunicipalityBoundary(db: Kysely<DB>, oktmo: string, boundary: string | null) {
  return db.updateTable('municipality').set({ boundary }).where('oktmo', '=', oktmo).execute()
}
