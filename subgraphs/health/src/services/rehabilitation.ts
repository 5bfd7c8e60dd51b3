import type { Transaction } from 'kysely'
import { badUserInput, conflict, notFound } from '../../../kit/src/errors.js'
import { requireNotBefore, requireNotInFuture, requireText, requireUuid } from '../../../kit/src/validation.js'
import type { DB, RehabilitationSessionTable } from '../db/database.js'
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
    throw conflict('input.episodeId', `the episode was already closed on ${episode.endedOn}`)
  }
  requireNotBefore('input.endedOn', input.endedOn, `the episode's startedOn (${episode.startedOn})`, episode.startedOn)
  const lastSession = await findLastSessionDateByEpisodeId(trx, episode.id)
  if (lastSession !== undefined && input.endedOn < lastSession) {
    throw badUserInput('input.endedOn', `must not be before the episode's last session (${lastSession})`)
  }
  return updateRehabilitationEpisode(trx, episode.id, { ended_on: input.endedOn })
}

/** A cancelled session says why; an attended one carries no reason, so the two cannot be confused in reports. */
function cancellationReasonOf(attended: boolean, reason: string | null | undefined) {
  const given = reason !== null && reason !== undefined
  if (attended) {
    if (given) {
      throw badUserInput('input.cancellationReason', 'must be omitted when the session took place (attended: true)')
    }
    return null
  }
  if (!given) {
    throw badUserInput('input.cancellationReason', 'is required when the session was cancelled (attended: false)')
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
    specialistRole: RehabilitationSessionTable['specialist_role']
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
    throw badUserInput('input.durationMinutes', `must be between 1 and ${MAX_SESSION_MINUTES} minutes`)
  }
  const cancellationReason = cancellationReasonOf(input.attended, input.cancellationReason)
  const episode = await lockEpisode(trx, input.episodeId)
  requireNotBefore('input.heldOn', input.heldOn, `the episode's startedOn (${episode.startedOn})`, episode.startedOn)
  // A closed episode still takes sessions recorded late, but only those inside its period.
  if (episode.endedOn !== null && input.heldOn > episode.endedOn) {
    throw badUserInput('input.heldOn', `must not be after the episode's endedOn (${episode.endedOn})`)
  }
  return insertRehabilitationSession(trx, {
    episode_id: episode.id,
    held_on: input.heldOn,
    duration_minutes: input.durationMinutes,
    mode: input.mode,
    specialist_role: input.specialistRole,
    attended: input.attended,
    cancellation_reason: cancellationReason,
    programme_service_id: programmeServiceId,
  })
}
