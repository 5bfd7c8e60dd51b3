import { sql, type Kysely, type Transaction } from 'kysely'
import { anyText } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, ServiceKind, SpecialistRole } from '../../../db/database.js'

export type ServiceTypeRow = Awaited<ReturnType<typeof findServiceTypesByCodes>>[number]
export type ServiceTypeVersionRow = Awaited<ReturnType<typeof findServiceTypeVersionsByCodes>>[number]

/**
 * Each service's edition shown on `day`: the one in force on it (the latest that took effect by then), or, for a
 * service that enters the catalogue after it, its first. The editions on or before the day sort first, then the one
 * nearest the day: the latest of those before it, else the earliest after it.
 */
export function editionsShownOn(db: Kysely<DB>, day: string, codes?: readonly string[]) {
  let query = db.selectFrom('service_type_version').distinctOn('service_type_version.code').selectAll()
  if (codes) query = query.where('service_type_version.code', '=', anyText(codes))
  return query
    .orderBy('service_type_version.code')
    .orderBy(sql`service_type_version.effective_from > ${day}::date`)
    .orderBy(sql`abs(service_type_version.effective_from - ${day}::date)`)
}

/**
 * The catalogue's services with the edition shown on `day`, the day each entered the catalogue and the day it left
 * it (null while it has not been retired).
 */
export function servicesShownOn(db: Kysely<DB>, day: string, codes?: readonly string[]) {
  return db
    .selectFrom(editionsShownOn(db, day, codes).as('service_type_version'))
    .innerJoin('service_type', 'service_type.code', 'service_type_version.code')
    .select([
      ...columns.serviceTypeVersion,
      'service_type.kind',
      sql<string>`(select min(edition.effective_from) from service_type_version edition
        where edition.code = service_type_version.code)`.as('includedFrom'),
      sql<string | null>`(select min(edition.effective_from) from service_type_version edition
        where edition.code = service_type_version.code and edition.retired)`.as('retiredFrom'),
    ])
}

/** Services by code, each as shown on `day` (today by the caller), retired ones too: old records still name them. */
export function findServiceTypesByCodes(db: Kysely<DB>, codes: readonly string[], day: string) {
  return servicesShownOn(db, day, codes).execute()
}

/** The catalogue in force on `day`: the services that had entered it by then and had not left it. */
export function listServiceTypes(db: Kysely<DB>, day: string) {
  return servicesShownOn(db, day)
    .where('service_type_version.effective_from', '<=', day)
    .where('service_type_version.retired', '=', false)
    .orderBy('service_type_version.code')
    .execute()
}

/** Every edition of each service, from the first on. */
export function findServiceTypeVersionsByCodes(db: Kysely<DB>, codes: readonly string[]) {
  return db
    .selectFrom('service_type_version')
    .select(columns.serviceTypeVersion)
    .where('service_type_version.code', '=', anyText(codes))
    .orderBy('service_type_version.code')
    .orderBy('service_type_version.effective_from')
    .execute()
}

/** A service's row locked, so that the editions of one service are recorded one at a time; null if none. */
export async function lockServiceTypeByCode(trx: Transaction<DB>, code: string) {
  const row = await trx
    .selectFrom('service_type')
    .select(['service_type.code', 'service_type.kind'])
    .where('service_type.code', '=', code)
    .forUpdate()
    .executeTakeFirst()
  return row ?? null
}

/** What an edition says of its service. */
export interface ServiceEdition {
  name: string
  description: string
  standardDurationMinutes: number | null
  standardFrequency: string | null
  remoteAllowed: boolean
  requiredRoles: readonly SpecialistRole[]
  retired: boolean
}

/** A new service with its first edition; false when the code is taken (another request added it first). */
export async function insertServiceType(trx: Transaction<DB>, code: string, kind: ServiceKind) {
  const inserted = await trx
    .insertInto('service_type')
    .values({ code, kind })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('service_type.code')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Records an edition of a service from `day`, or replaces the one already planned from that day. */
export async function upsertServiceTypeVersion(
  trx: Transaction<DB>,
  code: string,
  day: string,
  edition: ServiceEdition,
) {
  const values = {
    name: edition.name,
    description: edition.description,
    standard_duration_minutes: edition.standardDurationMinutes,
    standard_frequency: edition.standardFrequency,
    remote_allowed: edition.remoteAllowed,
    required_roles: [...edition.requiredRoles],
    retired: edition.retired,
  }
  await trx
    .insertInto('service_type_version')
    .values({ code, effective_from: day, ...values })
    .onConflict((oc) => oc.columns(['code', 'effective_from']).doUpdateSet({ ...values, recorded_at: sql`now()` }))
    .execute()
}
