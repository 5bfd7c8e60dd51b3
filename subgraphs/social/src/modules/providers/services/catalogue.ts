import type { Transaction } from 'kysely'
import type { Viewer } from '@hub/platform/auth/viewer'
import { badUserInput, conflict, hubError, notFound } from '@hub/platform/errors'
import { requireIntegerBetween, requireServiceCode, requireText, today } from '@hub/subgraph-kit/validation'
import type { DB, ServiceKind, SpecialistRole } from '../../../db/database.js'
import {
  findServiceTypesByCodes,
  findServiceTypeVersionsByCodes,
  insertServiceType,
  lockServiceTypeByCode,
  upsertServiceTypeVersion,
  type ServiceEdition,
  type ServiceTypeRow,
  type ServiceTypeVersionRow,
} from '../queries/service_type.queries.js'

/**
 * The regional list of early-help services (Перечень услуг ранней помощи) in editions: adding a service, a new
 * edition of it, retiring it. Each takes effect from a day, today or later, so that what was in force on a past day
 * stays as it was; a planned edition may be corrected until its day comes.
 */

/**
 * The list is the region's: its coordinator keeps it, and social's administrator, who keeps social's reference data,
 * may too. The gate lets the region's staff through; of them, only its coordinator.
 */
function requireCatalogueEditor(viewer: Viewer) {
  if (viewer.role === 'administrator' || (viewer.side === 'regional' && viewer.role === 'coordinator')) return
  throw hubError(
    'FORBIDDEN',
    'CATALOGUE_EDITOR',
    "input: the regional list of services is kept by social's administrator and the region's coordinator",
    { field: 'input' },
  )
}

/** Where the day a change takes effect is in the inputs: an edition's, and a retirement's. */
const EDITION_DAY = 'input.edition.effectiveFrom'
const RETIREMENT_DAY = 'input.effectiveFrom'
const NAME_MAX = 300
const DESCRIPTION_MAX = 2000
const FREQUENCY_MAX = 100

export interface EditionInput {
  effectiveFrom: string
  name: string
  description?: string | null
  standardDurationMinutes?: number | null
  standardFrequency?: string | null
  remoteAllowed: boolean
  requiredRoles: readonly SpecialistRole[]
}

/**
 * An edition's content as given, checked and trimmed. The input rules have checked the day it takes effect (today to a
 * year ahead) and that no role repeats (src/inputs.ts).
 */
function requireEdition(input: EditionInput): ServiceEdition {
  const name = requireText('input.edition.name', input.name, NAME_MAX)
  const description = input.description?.trim() ?? ''
  if (description.length > DESCRIPTION_MAX) {
    throw badUserInput('input.edition.description', 'TEXT_TOO_LONG', `must be at most ${DESCRIPTION_MAX} characters`, {
      max: DESCRIPTION_MAX,
    })
  }
  const duration = input.standardDurationMinutes ?? null
  if (duration !== null) requireIntegerBetween('input.edition.standardDurationMinutes', duration, 5, 480)
  const frequency = input.standardFrequency?.trim() || null
  if (frequency !== null) requireText('input.edition.standardFrequency', frequency, FREQUENCY_MAX)
  return {
    name,
    description,
    standardDurationMinutes: duration,
    standardFrequency: frequency,
    remoteAllowed: input.remoteAllowed,
    requiredRoles: [...input.requiredRoles],
    retired: false,
  }
}

function sameEdition(recorded: ServiceTypeVersionRow, edition: ServiceEdition) {
  return (
    recorded.name === edition.name &&
    recorded.description === edition.description &&
    recorded.standardDurationMinutes === edition.standardDurationMinutes &&
    recorded.standardFrequency === edition.standardFrequency &&
    recorded.remoteAllowed === edition.remoteAllowed &&
    recorded.retired === edition.retired &&
    recorded.requiredRoles.length === edition.requiredRoles.length &&
    recorded.requiredRoles.every((role, index) => role === edition.requiredRoles[index])
  )
}

/** The service as it stands on `day`: the edition just recorded when the mutation took effect then. */
async function serviceOn(trx: Transaction<DB>, code: string, day: string) {
  const [service] = await findServiceTypesByCodes(trx, [code], day)
  return service!
}

/**
 * Records `edition` from `day` unless the edition in force on that day already says the same (the same change sent
 * again, or no change at all). An edition already recorded from that day is replaced while it is planned, never once
 * it has taken effect.
 */
async function recordEdition(
  trx: Transaction<DB>,
  field: string,
  code: string,
  day: string,
  editions: readonly ServiceTypeVersionRow[],
  edition: ServiceEdition,
) {
  const inForce = editions.filter((recorded) => recorded.effectiveFrom <= day).at(-1)
  if (inForce && sameEdition(inForce, edition)) return
  if (inForce?.effectiveFrom === day && day <= today()) {
    throw conflict(field, 'EDITION_IN_FORCE', `an edition from ${day} is already in force`, { day })
  }
  await upsertServiceTypeVersion(trx, code, day, edition)
}

/** The service's editions, the first of them, and its retirement if one is recorded. */
async function editionsOf(trx: Transaction<DB>, code: string) {
  const service = await lockServiceTypeByCode(trx, code)
  if (!service) throw notFound('input.code', 'service type', code)
  const editions = await findServiceTypeVersionsByCodes(trx, [code])
  return { service, editions, first: editions[0]!, retirement: editions.find((edition) => edition.retired) }
}

function requireNotBeforeInclusion(field: string, day: string, first: ServiceTypeVersionRow) {
  if (day < first.effectiveFrom) {
    throw badUserInput(
      field,
      'DATE_BEFORE_START',
      `must not be before the service entered the list (${first.effectiveFrom})`,
      { start: first.effectiveFrom },
    )
  }
}

/** A change from on or after the day the service leaves the list. */
function retiredConflict(field: string, code: string, retirement: ServiceTypeVersionRow) {
  return conflict(field, 'SERVICE_RETIRED', `${code} leaves the list on ${retirement.effectiveFrom}`, {
    service: code,
    day: retirement.effectiveFrom,
  })
}

/** Adds a service to the list from its first edition's day; the same addition sent again returns the service unchanged. */
export async function addServiceType(
  trx: Transaction<DB>,
  viewer: Viewer,
  input: { code: string; kind: ServiceKind; edition: EditionInput },
) {
  requireCatalogueEditor(viewer)
  const code = requireServiceCode('input.code', input.code)
  const edition = requireEdition(input.edition)
  const day = input.edition.effectiveFrom
  if (await insertServiceType(trx, code, input.kind)) {
    await upsertServiceTypeVersion(trx, code, day, edition)
    return serviceOn(trx, code, day)
  }
  const { service, first } = await editionsOf(trx, code)
  if (service.kind !== input.kind || first.effectiveFrom !== day || !sameEdition(first, edition)) {
    throw conflict('input.code', 'SERVICE_EXISTS', `${code} is already in the regional list`, { service: code })
  }
  return serviceOn(trx, code, day)
}

/** A new edition of a service from its day: every field of the edition as it is to read. */
export async function changeServiceType(
  trx: Transaction<DB>,
  viewer: Viewer,
  input: { code: string; edition: EditionInput },
) {
  requireCatalogueEditor(viewer)
  const edition = requireEdition(input.edition)
  const day = input.edition.effectiveFrom
  const { editions, first, retirement } = await editionsOf(trx, input.code)
  requireNotBeforeInclusion(EDITION_DAY, day, first)
  if (retirement && day >= retirement.effectiveFrom) throw retiredConflict(EDITION_DAY, input.code, retirement)
  await recordEdition(trx, EDITION_DAY, input.code, day, editions, edition)
  return serviceOn(trx, input.code, day)
}

/**
 * Takes a service out of the list from `effectiveFrom`: from that day a new programme item or a provider's offer may
 * not name it, while the records that name it keep it. The retiring edition repeats the content in force before it.
 */
export async function retireServiceType(
  trx: Transaction<DB>,
  viewer: Viewer,
  input: { code: string; effectiveFrom: string },
) {
  requireCatalogueEditor(viewer)
  const day = input.effectiveFrom
  const { editions, first, retirement } = await editionsOf(trx, input.code)
  requireNotBeforeInclusion(RETIREMENT_DAY, day, first)
  if (retirement) {
    if (retirement.effectiveFrom === day) return serviceOn(trx, input.code, day)
    throw retiredConflict(RETIREMENT_DAY, input.code, retirement)
  }
  const later = editions.find((edition) => edition.effectiveFrom > day)
  if (later) {
    throw conflict(RETIREMENT_DAY, 'LATER_EDITION_EXISTS', `an edition from ${later.effectiveFrom} is planned`, {
      day: later.effectiveFrom,
    })
  }
  const last = editions.at(-1)!
  await recordEdition(trx, RETIREMENT_DAY, input.code, day, editions, { ...last, retired: true })
  return serviceOn(trx, input.code, day)
}

/**
 * A service a new programme item or a provider's offer may name on `day`: it has entered the list and not left it.
 * Records made before it left keep naming it.
 */
export function requireServiceInForce(field: string, service: ServiceTypeRow, day: string) {
  if (service.retiredFrom !== null && service.retiredFrom <= day) {
    throw badUserInput(field, 'SERVICE_RETIRED', `${service.code} left the regional list on ${service.retiredFrom}`, {
      service: service.code,
      day: service.retiredFrom,
    })
  }
  if (service.includedFrom > day) {
    throw badUserInput(
      field,
      'SERVICE_NOT_YET_INCLUDED',
      `${service.code} enters the regional list on ${service.includedFrom}`,
      { service: service.code, day: service.includedFrom },
    )
  }
}
