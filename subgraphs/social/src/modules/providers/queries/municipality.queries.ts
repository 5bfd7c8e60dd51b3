import type { Kysely } from 'kysely'
import { anyText } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB } from '../../../db/database.js'

export type MunicipalityRow = Awaited<ReturnType<typeof listMunicipalities>>[number]

/** The municipalities in force, by name: what pick-lists, filed reports and live coverage list. */
export function listMunicipalities(db: Kysely<DB>) {
  return db
    .selectFrom('municipality')
    .select(columns.municipality)
    .where('municipality.retired_on', 'is', null)
    .orderBy('municipality.name')
    .execute()
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

/** Writes a municipality of the ОКТМО classifier with its name and flag, in force (again, if it had left). */
export function upsertMunicipality(trx: Kysely<DB>, municipality: { oktmo: string; name: string; remote: boolean }) {
  return trx
    .insertInto('municipality')
    .values({ ...municipality, retired_on: null })
    .onConflict((oc) =>
      oc.column('oktmo').doUpdateSet({ name: municipality.name, remote: municipality.remote, retired_on: null }),
    )
    .execute()
}

/** Marks municipalities in force as having left the classifier on a day; kept, since old records name them. */
export async function retireMunicipalities(trx: Kysely<DB>, oktmos: readonly string[], day: string) {
  if (oktmos.length === 0) return
  await trx
    .updateTable('municipality')
    .set({ retired_on: day })
    .where('oktmo', '=', anyText(oktmos))
    .where('retired_on', 'is', null)
    .execute()
}

/** Marks every municipality in force that is not one of `oktmos` as having left the classifier on a day. */
export async function retireMunicipalitiesOutside(trx: Kysely<DB>, oktmos: readonly string[], day: string) {
  await trx
    .updateTable('municipality')
    .set({ retired_on: day })
    .where((eb) => eb.not(eb('oktmo', '=', anyText(oktmos))))
    .where('retired_on', 'is', null)
    .execute()
}

export function upsertMunicipalityPopulation(
  trx: Kysely<DB>,
  population: { oktmo: string; year: number; children: number },
) {
  return trx
    .insertInto('municipality_population')
    .values({ municipality_oktmo: population.oktmo, year: population.year, children_0_3: population.children })
    .onConflict((oc) => oc.columns(['municipality_oktmo', 'year']).doUpdateSet({ children_0_3: population.children }))
    .execute()
}

export function deleteMunicipalityPopulation(trx: Kysely<DB>, key: { oktmo: string; year: number }) {
  return trx
    .deleteFrom('municipality_population')
    .where('municipality_oktmo', '=', key.oktmo)
    .where('year', '=', key.year)
    .execute()
}

/**
 * The children aged 0–3 of each municipality in the latest year Росстат counted up to `year` (a year's figures are
 * published months after it starts, so a period is measured against the latest count it has).
 */
export function findPopulationsByOktmos(db: Kysely<DB>, oktmos: readonly string[], year: number) {
  return db
    .selectFrom('municipality_population')
    .distinctOn('municipality_population.municipality_oktmo')
    .select([
      'municipality_population.municipality_oktmo as oktmo',
      'municipality_population.year',
      'municipality_population.children_0_3 as children',
    ])
    .where('municipality_population.municipality_oktmo', '=', anyText(oktmos))
    .where('municipality_population.year', '<=', year)
    .orderBy('municipality_population.municipality_oktmo')
    .orderBy('municipality_population.year', 'desc')
    .execute()
}

/** Sets a municipality's boundary (GeoJSON text; null: none). */
export function updateMunicipalityBoundary(db: Kysely<DB>, oktmo: string, boundary: string | null) {
  return db.updateTable('municipality').set({ boundary }).where('oktmo', '=', oktmo).execute()
}
