import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely'
import { anyText, anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, ModerationStatus, ProviderTable, Side, SpecialistRole } from '../../../db/database.js'
import { editionsShownOn, servicesShownOn } from './service_type.queries.js'

export type ProviderRow = Awaited<ReturnType<typeof findProvidersByIds>>[number]

export interface ProviderFilter {
  municipalityOktmo?: string
  side?: Side
  serviceCode?: string
  moderationStatus: ModerationStatus
  remoteDelivery?: boolean
}

export function findProvidersByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('provider').select(columns.provider).where('provider.id', '=', anyUuid(ids)).execute()
}

function matches(filter: ProviderFilter) {
  return (eb: ExpressionBuilder<DB, 'provider'>) => {
    const conditions = [eb('provider.moderation_status', '=', filter.moderationStatus)]
    if (filter.side) conditions.push(eb('provider.side', '=', filter.side))
    if (filter.remoteDelivery !== undefined) conditions.push(eb('provider.remote_delivery', '=', filter.remoteDelivery))
    if (filter.municipalityOktmo) {
      const oktmo = filter.municipalityOktmo
      conditions.push(
        eb.exists(
          eb
            .selectFrom('provider_municipality')
            .select('provider_municipality.provider_id')
            .whereRef('provider_municipality.provider_id', '=', 'provider.id')
            .where('provider_municipality.municipality_oktmo', '=', oktmo),
        ),
      )
    }
    if (filter.serviceCode) {
      const code = filter.serviceCode
      conditions.push(
        eb.exists(
          eb
            .selectFrom('provider_service')
            .select('provider_service.provider_id')
            .whereRef('provider_service.provider_id', '=', 'provider.id')
            .where('provider_service.service_code', '=', code),
        ),
      )
    }
    return eb.and(conditions)
  }
}

/** The public registry of providers, filtered; the list is small (hundreds), so it is not paged. */
export function listProviders(db: Kysely<DB>, filter: ProviderFilter) {
  return db
    .selectFrom('provider')
    .select(columns.provider)
    .where(matches(filter))
    .orderBy('provider.name')
    .orderBy('provider.id')
    .execute()
}

export function findProviderByInnOrOgrn(db: Kysely<DB>, inn: string, ogrn: string) {
  return db
    .selectFrom('provider')
    .select(columns.provider)
    .where((eb) => eb.or([eb('provider.inn', '=', inn), eb('provider.ogrn', '=', ogrn)]))
    .executeTakeFirst()
}

/** The providers holding these ОГРН (or ОГРНИП). */
export function findProvidersByOgrns(db: Kysely<DB>, ogrns: readonly string[]) {
  return db.selectFrom('provider').select(columns.provider).where('provider.ogrn', '=', anyText(ogrns)).execute()
}

/** The providers holding these ИНН. */
export function findProvidersByInns(db: Kysely<DB>, inns: readonly string[]) {
  return db.selectFrom('provider').select(columns.provider).where('provider.inn', '=', anyText(inns)).execute()
}

export function insertProvider(db: Kysely<DB>, row: Insertable<ProviderTable>) {
  return db.insertInto('provider').values(row).returning(columns.provider).executeTakeFirstOrThrow()
}

export function lockProviderById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('provider')
    .select(columns.provider)
    .where('provider.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updateProvider(db: Kysely<DB>, id: string, changes: Updateable<ProviderTable>) {
  return db
    .updateTable('provider')
    .set(changes)
    .where('provider.id', '=', id)
    .returning(columns.provider)
    .executeTakeFirstOrThrow()
}

export function findServedMunicipalitiesByProviderIds(db: Kysely<DB>, providerIds: readonly string[]) {
  return db
    .selectFrom('provider_municipality')
    .innerJoin('municipality', 'municipality.oktmo', 'provider_municipality.municipality_oktmo')
    .select(['provider_municipality.provider_id as providerId', ...columns.municipality])
    .where('provider_municipality.provider_id', '=', anyUuid(providerIds))
    .orderBy('municipality.name')
    .execute()
}

/** The catalogue's services each provider offers, as shown on `day`, but those retired by then. */
export function findOfferedServicesByProviderIds(db: Kysely<DB>, providerIds: readonly string[], day: string) {
  return db
    .selectFrom('provider_service')
    .innerJoin(servicesShownOn(db, day).as('service'), 'service.code', 'provider_service.service_code')
    .selectAll('service')
    .select('provider_service.provider_id as providerId')
    .where('provider_service.provider_id', '=', anyUuid(providerIds))
    .where('service.retired', '=', false)
    .orderBy('service.code')
    .execute()
}

/** Each role that some catalogue service a provider offers on `day` requires, once per provider. */
export function findRequiredRolesByProviderIds(db: Kysely<DB>, providerIds: readonly string[], day: string) {
  return db
    .selectFrom('provider_service')
    .innerJoin(
      editionsShownOn(db, day).as('service_type_version'),
      'service_type_version.code',
      'provider_service.service_code',
    )
    .select([
      'provider_service.provider_id as providerId',
      sql<SpecialistRole>`unnest(service_type_version.required_roles)`.as('role'),
    ])
    .distinct()
    .where('provider_service.provider_id', '=', anyUuid(providerIds))
    .where('service_type_version.retired', '=', false)
    .execute()
}

/** Replaces where a provider works and what it offers. */
export async function replaceProviderCoverage(
  db: Kysely<DB>,
  providerId: string,
  coverage: { municipalities: readonly string[]; services: readonly string[] },
) {
  await db.deleteFrom('provider_municipality').where('provider_municipality.provider_id', '=', providerId).execute()
  await db.deleteFrom('provider_service').where('provider_service.provider_id', '=', providerId).execute()
  if (coverage.municipalities.length > 0) {
    await db
      .insertInto('provider_municipality')
      .values(coverage.municipalities.map((oktmo) => ({ provider_id: providerId, municipality_oktmo: oktmo })))
      .execute()
  }
  if (coverage.services.length > 0) {
    await db
      .insertInto('provider_service')
      .values(coverage.services.map((code) => ({ provider_id: providerId, service_code: code })))
      .execute()
  }
}

/**
 * The approved providers located in a municipality (all of the region's when null), each with its side and the roles
 * its catalogue services require on `day` (the end of the period counted): what each side's staffing indicators count.
 */
export function listProviderRequirements(db: Kysely<DB>, municipalityOktmo: string | null, day: string) {
  const editions = editionsShownOn(db, day)
  let query = db
    .selectFrom('provider')
    .select([
      'provider.id as providerId',
      'provider.side',
      'provider.municipality_oktmo as municipalityOktmo',
      sql<SpecialistRole[]>`coalesce((
        select array_agg(distinct role order by role) from provider_service ps
        join (${editions}) st on st.code = ps.service_code, unnest(st.required_roles) as role
        where ps.provider_id = provider.id and not st.retired
      ), '{}')`.as('requiredRoles'),
    ])
    .where('provider.moderation_status', '=', 'APPROVED')
  if (municipalityOktmo !== null) query = query.where('provider.municipality_oktmo', '=', municipalityOktmo)
  return query.orderBy('provider.id').execute()
}
