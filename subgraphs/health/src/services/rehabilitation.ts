import type { Transaction } from 'kysely'
import { badUserInput, conflict, notFound } from '@hub/platform/errors'
import { requireNotBefore, requireNotInFuture, requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { SpecialistRole } from '@hub/side-contract/staffing/database'
import { optionalSpecialistId, requireSessionSpecialist } from '@hub/side-contract/staffing/sessions'
import type { DB, RehabilitationSessionTable, RehabilitationSpecialistRole } from '../db/database.js'
import {
  insertRehabilitationEpisode,
  lockRehabilitationEpisodeById,
  updateRehabilitationEpisode,
} from '../db/queries/rehabilitation_episode.queries.js'
import {
  findLastSessionDateByEpisodeId,
  insertRehabilitationSession,
} from '../db/queries/rehabilitation_session.queries.js'

const MAX_SESSION_MINUTES = 480

/**
 * The role in the specialists' register that a member of the multidisciplinary rehabilitation team (МДРК) holds. The
 * register lists the roles of the early-help Standard, in which a physician of rehabilitation medicine, a physical
 * therapist, the physicians of exercise therapy and of physiotherapy and an instructor of exercise therapy (a medical
 * post, unlike the instructor of adaptive physical education) have no counterpart: a session in one of those roles
 * cannot name a specialist of the register.
 */
const REGISTER_ROLE: Record<RehabilitationSpecialistRole, SpecialistRole | null> = {
  REHABILITATION_PHYSICIAN: null,
  PHYSICAL_THERAPIST: null,
  OCCUPATIONAL_THERAPIST: 'OCCUPATIONAL_THERAPIST',
  SPEECH_THERAPIST: 'SPEECH_THERAPIST',
  MEDICAL_PSYCHOLOGIST: 'PSYCHOLOGIST',
  EXERCISE_THERAPY_PHYSICIAN: null,
  EXERCISE_THERAPY_INSTRUCTOR: null,
  PHYSIOTHERAPIST: null,
  NEUROLOGIST: 'NEUROLOGIST',
  PAEDIATRICIAN: 'PAEDIATRICIAN',
  REHABILITATION_NURSE: 'NURSE',
  MASSAGE_NURSE: 'NURSE',
}

export async function openRehabilitationEpisode(
  trx: Transaction<DB>,
  input: { childId: string; organisation: string; goal: string; startedOn: string },
) {
  // Only the form of the child id: whether social registered that child is not visible from here.
  requireUuid('input.childId', input.childId)
  const organisation = requireText('input.organisation', input.organisation, 300)
  const goal = requireText('input.goal', input.goal, 2000)
  requireNotInFuture('input.startedOn', input.startedOn)
  return insertRehabilitationEpisode(trx, {
    child_id: input.childId,
    organisation,
    goal,
    started_on: input.startedOn,
  })
}

/** The episode, locked so that closing it and adding a session to it cannot interleave. */
async function lockEpisode(trx: Transaction<DB>, episodeId: string) {
  const episode = await lockRehabilitationEpisodeById(trx, episodeId)
  if (!episode) {
    throw notFound('input.episodeId', 'rehabilitation episode', episodeId)
  }
  return episode
}

export async function closeRehabilitationEpisode(trx: Transaction<DB>, input: { episodeId: string; endedOn: string }) {
  requireUuid('input.episodeId', input.episodeId)
  requireNotInFuture('input.endedOn', input.endedOn)
  const episode = await lockEpisode(trx, input.episodeId)
  if (episode.endedOn !== null) {
    throw conflict('input.episodeId', 'ALREADY_ENDED', `the episode was already closed on ${episode.endedOn}`, {
      day: episode.endedOn,
    })
  }
  requireNotBefore('input.endedOn', input.endedOn, `the episode's startedOn (${episode.startedOn})`, episode.startedOn)
  const lastSession = await findLastSessionDateByEpisodeId(trx, episode.id)
  if (lastSession !== undefined && input.endedOn < lastSession) {
    throw badUserInput(
      'input.endedOn',
      'DATE_BEFORE_LAST_RECORD',
      `must not be before the episode's last session (${lastSession})`,
      { last: lastSession },
    )
  }
  return updateRehabilitationEpisode(trx, episode.id, { ended_on: input.endedOn })
}

/** A cancelled session says why; an attended one carries no reason, so the two cannot be confused in reports. */
function cancellationReasonOf(attended: boolean, reason: string | null | undefined) {
  const given = reason !== null && reason !== undefined
  if (attended) {
    if (given) {
      throw badUserInput(
        'input.cancellationReason',
        'CANCELLATION_REASON_FORBIDDEN',
        'must be omitted when the session took place (attended: true)',
      )
    }
    return null
  }
  if (!given) {
    throw badUserInput(
      'input.cancellationReason',
      'CANCELLATION_REASON_REQUIRED',
      'is required when the session was cancelled (attended: false)',
    )
  }
  return requireText('input.cancellationReason', reason, 500)
}

export async function recordRehabilitationSession(
  trx: Transaction<DB>,
  input: {
    episodeId: string
    heldOn: string
    durationMinutes: number
    mode: RehabilitationSessionTable['mode']
    specialistRole: RehabilitationSpecialistRole
    specialistId?: string | null
    attended: boolean
    cancellationReason?: string | null
    programmeServiceId?: string | null
  },
) {
  requireUuid('input.episodeId', input.episodeId)
  // Optional, as medical rehabilitation also happens outside an ИПРП; the item is social's, so only its form is checked.
  const programmeServiceId =
    input.programmeServiceId === null || input.programmeServiceId === undefined
      ? null
      : requireUuid('input.programmeServiceId', input.programmeServiceId)
  requireNotInFuture('input.heldOn', input.heldOn)
  if (input.durationMinutes < 1 || input.durationMinutes > MAX_SESSION_MINUTES) {
    throw badUserInput(
      'input.durationMinutes',
      'NUMBER_RANGE',
      `must be between 1 and ${MAX_SESSION_MINUTES} minutes`,
      { min: 1, max: MAX_SESSION_MINUTES },
    )
  }
  const cancellationReason = cancellationReasonOf(input.attended, input.cancellationReason)
  const specialistId = optionalSpecialistId(input.specialistId)
  const registerRole = REGISTER_ROLE[input.specialistRole]
  if (specialistId !== null && registerRole === null) {
    throw badUserInput(
      'input.specialistRole',
      'SPECIALIST_ROLE_MISMATCH',
      `must have a counterpart among the roles of the specialists' register when input.specialistId is given ` +
        `(${input.specialistRole} has none)`,
    )
  }
  const episode = await lockEpisode(trx, input.episodeId)
  requireNotBefore('input.heldOn', input.heldOn, `the episode's startedOn (${episode.startedOn})`, episode.startedOn)
  // A closed episode still takes sessions recorded late, but only those inside its period.
  if (episode.endedOn !== null && input.heldOn > episode.endedOn) {
    throw badUserInput(
      'input.heldOn',
      'DATE_AFTER_END',
      `must not be after the episode's endedOn (${episode.endedOn})`,
      { end: episode.endedOn },
    )
  }
  await requireSessionSpecialist(trx, {
    specialistId,
    date: input.heldOn,
    dateField: 'input.heldOn',
    role: registerRole,
  })
  return insertRehabilitationSession(trx, {
    episode_id: episode.id,
    held_on: input.heldOn,
    duration_minutes: input.durationMinutes,
    mode: input.mode,
    specialist_role: input.specialistRole,
    attended: input.attended,
    cancellation_reason: cancellationReason,
    programme_service_id: programmeServiceId,
    specialist_id: specialistId,
  })
}
