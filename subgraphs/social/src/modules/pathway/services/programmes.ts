import { recordSocialEvent } from '../../../events.js'
import type { Kysely, Transaction } from 'kysely'
import { badUserInput, conflict, notFound } from '@hub/platform/errors'
import {
  inForce,
  requireIntegerBetween,
  requireNotBefore,
  requireNotInFuture,
  requireServiceCode,
  requireText,
  requireUuid,
  today,
} from '@hub/subgraph-kit/validation'
import { findReferenceCodesInForce } from '@hub/subgraph-kit/reference/reference.queries'
import { referenceView } from '@hub/subgraph-kit/reference/tables'
import { ICF_KIND } from '../../../reference.js'
import type {
  DB,
  DeliveryMode,
  ExitReason,
  NeedOutcome,
  RegistryStatus,
  Side,
  SpecialistRole,
} from '../../../db/database.js'
import { lockChildById } from '../../registry/queries/child.queries.js'
import { lockLegalRepresentativeById } from '../../families/queries/family.queries.js'
import { representationTerm } from '../../families/services/families.js'
import {
  findLatestProgrammeVersion,
  insertGoals,
  insertProgramme,
  insertProgrammeServices,
  lockProgrammeById,
  lockSignedProgrammeByChildId,
  updateProgramme,
} from '../queries/programme.queries.js'
import { insertRatings, insertReview } from '../queries/programme_review.queries.js'
import { findProvidersByIds } from '../../providers/queries/provider.queries.js'
import { findReferralsByIds, lockReferralById, updateReferral } from '../queries/referral.queries.js'
import { findServiceTypesByCodes } from '../../providers/queries/service_type.queries.js'
import { requireServiceInForce } from '../../providers/services/catalogue.js'
import { moveRegistryStatus } from '../../registry/services/registry-status.js'

// ICF-CY (МКФ-ДП): the component letter, then the category's 3 to 5 digits; the qualifier is a separate number.
const ICF_CODE = /^[bsde][0-9]{3,5}$/

function requireIcfCode(field: string, value: string) {
  const code = value.trim()
  if (!ICF_CODE.test(code)) {
    throw badUserInput(
      field,
      'ICF_FORMAT',
      'must be an ICF-CY code: b, s, d or e followed by 3 to 5 digits (e.g. d310)',
    )
  }
  return code
}

/**
 * Once the region has imported МКФ-ДП (`icf`), every code of a programme's goals or a review's ratings must be one in
 * force on the day; before that, only its form is checked.
 */
async function requireIcfCodesInForce(db: Kysely<DB>, codes: readonly { field: string; code: string }[], day: string) {
  const { held, inForce } = await findReferenceCodesInForce(
    referenceView(db),
    ICF_KIND.code,
    codes.map(({ code }) => code),
    day,
  )
  const unknown = held ? codes.find(({ code }) => !inForce.has(code)) : undefined
  if (unknown) {
    throw badUserInput(unknown.field, 'ICF_UNKNOWN', `${unknown.code} is not an МКФ-ДП code in force on ${day}`, {
      code: unknown.code,
    })
  }
}

const requireQualifier = (field: string, value: number) => requireIntegerBetween(field, value, 0, 4)

const optionalNote = (field: string, note: string | null | undefined) =>
  note?.trim() ? requireText(field, note, 2000) : null

/** The exits after which the pathway is completed; the others mean the child left it. */
const COMPLETING_EXITS = new Set<ExitReason>([
  'GOALS_ACHIEVED',
  'TRANSITION_TO_PRESCHOOL',
  'OTHER_SERVICES',
  'CONTINUED_HELP',
])

/** The provider's first appointment: its outcome moves the child on from REFERRED and stops the first clock. */
export async function recordNeedDetermination(
  trx: Transaction<DB>,
  input: { referralId: string; determinedOn: string; outcome: NeedOutcome; note?: string | null },
) {
  requireUuid('input.referralId', input.referralId)
  requireNotInFuture('input.determinedOn', input.determinedOn)
  const note = optionalNote('input.note', input.note)
  const referral = await lockReferralById(trx, input.referralId)
  if (!referral) throw notFound('input.referralId', 'referral', input.referralId)
  if (referral.status !== 'ACCEPTED') {
    throw conflict(
      'input.referralId',
      'REFERRAL_NOT_ACCEPTED',
      `the referral is ${referral.status}; need is determined on an ACCEPTED one`,
    )
  }
  if (referral.needDeterminedOn !== null) {
    throw conflict(
      'input.referralId',
      'NEED_ALREADY_DETERMINED',
      `need was already determined on ${referral.needDeterminedOn}`,
      { day: referral.needDeterminedOn },
    )
  }
  requireNotBefore('input.determinedOn', input.determinedOn, 'the day the referral was received', referral.receivedOn)
  const child = await lockChildById(trx, referral.childId)
  if (!child) throw notFound('input.referralId', 'child', referral.childId)
  await moveRegistryStatus(trx, child, input.outcome, `Определение нуждаемости: ${input.outcome}`, 'input.referralId')
  return updateReferral(trx, referral.id, {
    need_determined_on: input.determinedOn,
    need_outcome: input.outcome,
    need_note: note,
  })
}

const MAY_HAVE_PROGRAMME = new Set<RegistryStatus>(['IN_NEED', 'PROGRAMME_ACTIVE'])

interface GoalInput {
  icfCode: string
  baselineQualifier: number
  targetQualifier: number
  description: string
}

interface ServiceInput {
  serviceCode: string
  sessionsPerMonth: number
  durationMinutes: number
  mode: DeliveryMode
  responsibleSide: Side
  providerId: string
}

/** A new version of the child's ИПРП, as a draft: goals by ICF-CY code, services from the regional catalogue. */
export async function draftProgramme(
  trx: Transaction<DB>,
  input: {
    childId: string
    referralId: string
    leadSpecialistRole?: SpecialistRole | null
    goals: readonly GoalInput[]
    services: readonly ServiceInput[]
  },
) {
  requireUuid('input.childId', input.childId)
  requireUuid('input.referralId', input.referralId)
  if (input.goals.length === 0) throw badUserInput('input.goals', 'LIST_EMPTY', 'must contain at least one goal')
  if (input.services.length === 0)
    throw badUserInput('input.services', 'LIST_EMPTY', 'must contain at least one service')
  const goals = input.goals.map((goal, i) => {
    const field = `input.goals[${i}]`
    return {
      position: i,
      icf_code: requireIcfCode(`${field}.icfCode`, goal.icfCode),
      baseline_qualifier: requireQualifier(`${field}.baselineQualifier`, goal.baselineQualifier),
      target_qualifier: requireQualifier(`${field}.targetQualifier`, goal.targetQualifier),
      description: requireText(`${field}.description`, goal.description, 2000),
    }
  })
  await requireIcfCodesInForce(
    trx,
    goals.map((goal, i) => ({ field: `input.goals[${i}].icfCode`, code: goal.icf_code })),
    today(),
  )
  input.services.forEach((service, i) => {
    const field = `input.services[${i}]`
    requireServiceCode(`${field}.serviceCode`, service.serviceCode)
    requireIntegerBetween(`${field}.sessionsPerMonth`, service.sessionsPerMonth, 1, 31)
    requireIntegerBetween(`${field}.durationMinutes`, service.durationMinutes, 5, 480)
    requireUuid(`${field}.providerId`, service.providerId)
  })
  const day = today()
  const [catalogue, providers] = await Promise.all([
    findServiceTypesByCodes(trx, [...new Set(input.services.map((service) => service.serviceCode))], day),
    findProvidersByIds(trx, [...new Set(input.services.map((service) => service.providerId))]),
  ])
  const serviceTypes = new Map(catalogue.map((row) => [row.code, row]))
  const providerIds = new Set(providers.map((row) => row.id))
  input.services.forEach((service, i) => {
    const field = `input.services[${i}]`
    const serviceType = serviceTypes.get(service.serviceCode)
    if (!serviceType) throw notFound(`${field}.serviceCode`, 'service type', service.serviceCode)
    requireServiceInForce(`${field}.serviceCode`, serviceType, day)
    if (service.mode === 'REMOTE' && !serviceType.remoteAllowed) {
      throw badUserInput(
        `${field}.mode`,
        'REMOTE_NOT_ALLOWED',
        `the regional catalogue does not allow ${service.serviceCode} remotely`,
      )
    }
    if (!providerIds.has(service.providerId)) throw notFound(`${field}.providerId`, 'provider', service.providerId)
  })

  // The child's row lock serialises drafts, so that two of them cannot take the same version.
  const child = await lockChildById(trx, input.childId)
  if (!child) throw notFound('input.childId', 'child', input.childId)
  if (!MAY_HAVE_PROGRAMME.has(child.registryStatus)) {
    throw conflict(
      'input.childId',
      'CHILD_STATUS',
      `the child is ${child.registryStatus}; a programme is drafted for IN_NEED or PROGRAMME_ACTIVE`,
    )
  }
  const [referral] = await findReferralsByIds(trx, [input.referralId])
  if (!referral) throw notFound('input.referralId', 'referral', input.referralId)
  if (referral.childId !== child.id)
    throw badUserInput('input.referralId', 'REFERRAL_OF_OTHER_CHILD', 'must be a referral of this child')
  if (referral.status === 'REJECTED')
    throw badUserInput('input.referralId', 'REFERRAL_REJECTED', 'must not be a rejected referral')

  const version = (await findLatestProgrammeVersion(trx, child.id)) + 1
  const programme = await insertProgramme(trx, {
    child_id: child.id,
    referral_id: referral.id,
    provider_id: referral.providerId,
    version,
    lead_specialist_role: input.leadSpecialistRole ?? null,
  })
  await insertGoals(
    trx,
    goals.map((goal) => ({ ...goal, programme_id: programme.id })),
  )
  await insertProgrammeServices(
    trx,
    input.services.map((service, i) => ({
      programme_id: programme.id,
      position: i,
      service_code: service.serviceCode,
      sessions_per_month: service.sessionsPerMonth,
      duration_minutes: service.durationMinutes,
      mode: service.mode,
      responsible_side: service.responsibleSide,
      provider_id: service.providerId,
    })),
  )
  return programme
}

/**
 * A parent's signature puts a draft in force: the version in force before it is superseded; the child's first
 * signature stops the referral → programme clock and moves the child to PROGRAMME_ACTIVE.
 */
export async function signProgramme(
  trx: Transaction<DB>,
  input: { programmeId: string; representativeId: string; signedOn: string },
) {
  requireUuid('input.programmeId', input.programmeId)
  requireUuid('input.representativeId', input.representativeId)
  requireNotInFuture('input.signedOn', input.signedOn)
  const draft = await lockProgrammeById(trx, input.programmeId)
  if (!draft) throw notFound('input.programmeId', 'programme', input.programmeId)
  if (draft.status !== 'DRAFT')
    throw conflict('input.programmeId', 'PROGRAMME_NOT_DRAFT', `the programme is already ${draft.status}`)
  const child = await lockChildById(trx, draft.childId)
  if (!child) throw notFound('input.programmeId', 'child', draft.childId)
  if (!MAY_HAVE_PROGRAMME.has(child.registryStatus)) {
    throw conflict(
      'input.programmeId',
      'CHILD_STATUS',
      `the child is ${child.registryStatus}; only IN_NEED or PROGRAMME_ACTIVE sign`,
    )
  }
  const representative = await lockLegalRepresentativeById(trx, input.representativeId)
  if (!representative || representative.familyId !== child.familyId) {
    throw badUserInput(
      'input.representativeId',
      'NOT_A_REPRESENTATIVE',
      "must be a legal representative of the child's family",
    )
  }
  if (!inForce(representative.validFrom, representative.validTo, input.signedOn)) {
    throw badUserInput(
      'input.representativeId',
      'REPRESENTATION_NOT_IN_FORCE',
      `the representation is in force ${representationTerm(representative)}, not on ${input.signedOn}`,
      { day: input.signedOn },
    )
  }
  const referral = await lockReferralById(trx, draft.referralId)
  if (!referral) throw notFound('input.programmeId', 'referral', draft.referralId)
  requireNotBefore('input.signedOn', input.signedOn, 'the day the referral was received', referral.receivedOn)

  const current = await lockSignedProgrammeByChildId(trx, child.id)
  if (current) await updateProgramme(trx, current.id, { status: 'SUPERSEDED' })
  const signed = await updateProgramme(trx, draft.id, {
    status: 'SIGNED',
    signed_on: input.signedOn,
    signed_by_representative_id: representative.id,
  })
  if (referral.programmeSignedOn === null) {
    await updateReferral(trx, referral.id, { programme_signed_on: input.signedOn })
  }
  if (child.registryStatus === 'IN_NEED') {
    await moveRegistryStatus(
      trx,
      child,
      'PROGRAMME_ACTIVE',
      `ИПРП подписана, версия ${draft.version}`,
      'input.programmeId',
    )
  }
  await recordSocialEvent(trx, 'programme.signed', { programmeId: signed.id, childId: signed.childId })
  return signed
}

export async function reviewProgramme(
  trx: Transaction<DB>,
  input: {
    programmeId: string
    kind: 'INTERMEDIATE' | 'FINAL'
    reviewedOn: string
    ratings: readonly { icfCode: string; qualifier: number }[]
    note?: string | null
  },
) {
  requireUuid('input.programmeId', input.programmeId)
  requireNotInFuture('input.reviewedOn', input.reviewedOn)
  if (input.ratings.length === 0) throw badUserInput('input.ratings', 'LIST_EMPTY', 'must contain at least one rating')
  const ratings = input.ratings.map((rating, i) => ({
    position: i,
    icf_code: requireIcfCode(`input.ratings[${i}].icfCode`, rating.icfCode),
    qualifier: requireQualifier(`input.ratings[${i}].qualifier`, rating.qualifier),
  }))
  await requireIcfCodesInForce(
    trx,
    ratings.map((rating, i) => ({ field: `input.ratings[${i}].icfCode`, code: rating.icf_code })),
    input.reviewedOn,
  )
  const note = optionalNote('input.note', input.note)
  const programme = await lockProgrammeById(trx, input.programmeId)
  if (!programme) throw notFound('input.programmeId', 'programme', input.programmeId)
  if (programme.status !== 'SIGNED') {
    throw conflict(
      'input.programmeId',
      'PROGRAMME_NOT_SIGNED',
      `the programme is ${programme.status}; only a SIGNED one is reviewed`,
    )
  }
  requireNotBefore('input.reviewedOn', input.reviewedOn, 'the day the programme was signed', programme.signedOn!)
  const review = await insertReview(trx, {
    programme_id: programme.id,
    kind: input.kind,
    reviewed_on: input.reviewedOn,
    note,
  })
  await insertRatings(
    trx,
    ratings.map((rating) => ({ ...rating, review_id: review.id })),
  )
  await recordSocialEvent(trx, 'programme.reviewed', { programmeId: review.programmeId, reviewId: review.id })
  return review
}

/** Ends the programme in force and the child's pathway: completed for a planned exit, exited otherwise. */
export async function exitProgramme(
  trx: Transaction<DB>,
  input: { childId: string; exitedOn: string; reason: ExitReason },
) {
  requireUuid('input.childId', input.childId)
  requireNotInFuture('input.exitedOn', input.exitedOn)
  const child = await lockChildById(trx, input.childId)
  if (!child) throw notFound('input.childId', 'child', input.childId)
  const programme = await lockSignedProgrammeByChildId(trx, child.id)
  if (!programme || child.registryStatus !== 'PROGRAMME_ACTIVE') {
    throw conflict(
      'input.childId',
      'NO_PROGRAMME_IN_FORCE',
      `the child has no programme in force (status ${child.registryStatus})`,
    )
  }
  requireNotBefore('input.exitedOn', input.exitedOn, 'the day the programme was signed', programme.signedOn!)
  const closed = await updateProgramme(trx, programme.id, {
    status: 'CLOSED',
    closed_on: input.exitedOn,
    exit_reason: input.reason,
  })
  await moveRegistryStatus(
    trx,
    child,
    COMPLETING_EXITS.has(input.reason) ? 'COMPLETED' : 'EXITED',
    `Завершение ИПРП: ${input.reason}`,
    'input.childId',
  )
  await recordSocialEvent(trx, 'programme.exited', { programmeId: closed.id, childId: closed.childId })
  return closed
}
