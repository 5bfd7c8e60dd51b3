import type { Transaction } from 'kysely'
import { badUserInput, hubError, notFound } from '@hub/platform/errors'
import { requireText, requireUuid, today } from '@hub/subgraph-kit/validation'
import type { DB, ModerationStatus, ProviderKind, Side } from '../../../db/database.js'
import { findMunicipalitiesByOktmos } from '../queries/municipality.queries.js'
import {
  findProviderByInnOrOgrn,
  insertProvider,
  lockProviderById,
  replaceProviderCoverage,
  updateProvider,
} from '../queries/provider.queries.js'
import { findServiceTypesByCodes } from '../queries/service_type.queries.js'
import { isValidInn, isValidOgrn } from '../../../identifiers.js'
import { requireServiceInForce } from './catalogue.js'
import { requireMunicipality } from './municipalities.js'

export interface ProviderCoverageInput {
  municipalities: readonly string[]
  services: readonly string[]
}

/** Every municipality and service named must exist; the message names the first unknown one. */
async function requireCoverage(trx: Transaction<DB>, input: ProviderCoverageInput) {
  const municipalities = [...new Set(input.municipalities)]
  const services = [...new Set(input.services)]
  if (municipalities.length === 0)
    throw badUserInput('input.municipalities', 'LIST_EMPTY', 'must name at least one municipality served')
  const known = new Set((await findMunicipalitiesByOktmos(trx, municipalities)).map((row) => row.oktmo))
  const unknownMunicipality = municipalities.find((oktmo) => !known.has(oktmo))
  if (unknownMunicipality) {
    throw badUserInput(
      'input.municipalities',
      'UNKNOWN_MUNICIPALITY',
      `${unknownMunicipality} is not the ОКТМО code of a municipality of the region`,
      { oktmo: unknownMunicipality },
    )
  }
  const day = today()
  const catalogue = new Map((await findServiceTypesByCodes(trx, services, day)).map((row) => [row.code, row]))
  for (const code of services) {
    const service = catalogue.get(code)
    if (!service)
      throw badUserInput('input.services', 'UNKNOWN_SERVICE', `${code} is not in the regional catalogue`, {
        service: code,
      })
    requireServiceInForce('input.services', service, day)
  }
  return { municipalities, services }
}

/** A provider enters the public registry as PENDING until a coordinator approves it. */
export async function registerProvider(
  trx: Transaction<DB>,
  input: ProviderCoverageInput & {
    name: string
    side: Side
    kind: ProviderKind
    inn: string
    ogrn: string
    municipality: string
    address?: string | null
    remoteDelivery: boolean
  },
) {
  const name = requireText('input.name', input.name, 300)
  if (!/^[0-9]{10}$/.test(input.inn))
    throw badUserInput('input.inn', 'INN_FORMAT', 'must be the 10 digits of an organisation’s ИНН')
  if (!isValidInn(input.inn))
    throw badUserInput('input.inn', 'CHECK_DIGIT', 'the check digit does not match the first nine digits')
  if (!/^[0-9]{13}$/.test(input.ogrn))
    throw badUserInput('input.ogrn', 'OGRN_FORMAT', 'must be the 13 digits of an ОГРН')
  if (!isValidOgrn(input.ogrn))
    throw badUserInput('input.ogrn', 'CHECK_DIGIT', 'the check digit does not match the first twelve digits')
  const coverage = await requireCoverage(trx, input)
  await requireMunicipality(trx, 'input.municipality', input.municipality)
  const existing = await findProviderByInnOrOgrn(trx, input.inn, input.ogrn)
  if (existing) {
    throw hubError(
      'CONFLICT',
      'ORGANISATION_EXISTS',
      `input.inn: an organisation with this ИНН or ОГРН is already in the registry (${existing.id})`,
      {
        field: 'input.inn',
        providerId: existing.id,
      },
    )
  }
  const provider = await insertProvider(trx, {
    name,
    side: input.side,
    kind: input.kind,
    inn: input.inn,
    ogrn: input.ogrn,
    municipality_oktmo: input.municipality,
    address: input.address?.trim() || null,
    remote_delivery: input.remoteDelivery,
    moderation_status: 'PENDING',
  })
  await replaceProviderCoverage(trx, provider.id, coverage)
  return provider
}

export async function setProviderCoverage(trx: Transaction<DB>, input: ProviderCoverageInput & { providerId: string }) {
  requireUuid('input.providerId', input.providerId)
  const coverage = await requireCoverage(trx, input)
  const provider = await lockProviderById(trx, input.providerId)
  if (!provider) throw notFound('input.providerId', 'provider', input.providerId)
  await replaceProviderCoverage(trx, provider.id, coverage)
  return provider
}

const MODERATION: Readonly<Record<ModerationStatus, readonly ModerationStatus[]>> = {
  PENDING: ['APPROVED', 'REJECTED'],
  APPROVED: ['SUSPENDED'],
  SUSPENDED: ['APPROVED'],
  REJECTED: ['PENDING'],
}

export async function moderateProvider(
  trx: Transaction<DB>,
  input: { providerId: string; status: ModerationStatus; note: string },
) {
  requireUuid('input.providerId', input.providerId)
  const note = requireText('input.note', input.note)
  const provider = await lockProviderById(trx, input.providerId)
  if (!provider) throw notFound('input.providerId', 'provider', input.providerId)
  const allowed = MODERATION[provider.moderationStatus]
  if (!allowed.includes(input.status)) {
    throw badUserInput(
      'input.status',
      'STATUS_TRANSITION',
      `a ${provider.moderationStatus} provider cannot become ${input.status}; allowed: ${allowed.join(', ')}`,
    )
  }
  return updateProvider(trx, provider.id, { moderation_status: input.status, moderation_note: note })
}
