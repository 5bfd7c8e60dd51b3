import type { Transaction } from 'kysely'
import { badUserInput, conflict, isUniqueViolation, notFound } from '@hub/platform/errors'
import {
  requireNotBefore,
  requireNotInFuture,
  requireOktmo,
  requireText,
  requireUuid,
} from '@hub/subgraph-kit/validation'
import type {
  CreateParentGroupInput,
  JoinParentGroupInput,
  LeaveParentGroupInput,
  RecordParentGroupMeetingInput,
} from '../__generated__/resolvers-types.js'
import type { DB } from '../db/database.js'
import { insertMeeting } from '../db/queries/parent_group_meeting.queries.js'
import { insertParentGroup, lockParentGroupById } from '../db/queries/parent_group.queries.js'
import {
  findParticipationsByGroupAndFamily,
  insertParticipation,
  lockParticipationById,
  updateParticipation,
} from '../db/queries/parent_group_participation.queries.js'
import { requireAtLeast, requireOwnProvider } from '../rules.js'

/*
 * Parent mutual-help groups (федеральный план, п. 3). Each `validate…` checks the input alone, before a transaction
 * is opened; the function that follows takes the mutation's transaction and checks what depends on recorded rows
 * before it writes anything.
 */

export function validateCreateParentGroup(input: CreateParentGroupInput) {
  return {
    // The provider registry is social's: ngo can check the id's form, not that the provider exists.
    providerId: requireUuid('input.providerId', input.providerId),
    name: requireText('input.name', input.name, 200),
    municipalityOktmo: requireOktmo('input.municipality', input.municipality),
    format: input.format,
    startedOn: requireNotInFuture('input.startedOn', input.startedOn),
  }
}

export function createParentGroup(trx: Transaction<DB>, group: ReturnType<typeof validateCreateParentGroup>) {
  return insertParentGroup(trx, {
    provider_id: group.providerId,
    name: group.name,
    municipality_oktmo: group.municipalityOktmo,
    format: group.format,
    started_on: group.startedOn,
  })
}

export function validateRecordParentGroupMeeting(input: RecordParentGroupMeetingInput) {
  return {
    groupId: requireUuid('input.groupId', input.groupId),
    heldOn: requireNotInFuture('input.heldOn', input.heldOn),
    topic: requireText('input.topic', input.topic, 300),
    format: input.format,
    attendingFamilies: requireAtLeast('input.attendingFamilies', input.attendingFamilies, 0),
  }
}

export async function recordParentGroupMeeting(
  trx: Transaction<DB>,
  meeting: ReturnType<typeof validateRecordParentGroupMeeting>,
  organisation: string | null,
) {
  const group = await lockParentGroupById(trx, meeting.groupId)
  if (!group) throw notFound('input.groupId', 'parent group', meeting.groupId)
  requireOwnProvider('input.groupId', group.providerId, organisation)
  if (group.startedOn !== null)
    requireNotBefore('input.heldOn', meeting.heldOn, 'the group’s startedOn', group.startedOn)
  return insertMeeting(trx, {
    parent_group_id: group.id,
    held_on: meeting.heldOn,
    topic: meeting.topic,
    format: meeting.format,
    attending_families: meeting.attendingFamilies,
  })
}

export function validateJoinParentGroup(input: JoinParentGroupInput) {
  return {
    // Families are social's: ngo can check the id's form, not that the family exists.
    familyId: requireUuid('input.familyId', input.familyId),
    groupId: requireUuid('input.groupId', input.groupId),
    joinedOn: requireNotInFuture('input.joinedOn', input.joinedOn),
  }
}

export async function joinParentGroup(
  trx: Transaction<DB>,
  join: ReturnType<typeof validateJoinParentGroup>,
  organisation: string | null,
) {
  // The group stays locked until commit, so a second join of the same family waits and then sees the first.
  const group = await lockParentGroupById(trx, join.groupId)
  if (!group) throw notFound('input.groupId', 'parent group', join.groupId)
  requireOwnProvider('input.groupId', group.providerId, organisation)
  if (group.startedOn !== null) {
    requireNotBefore('input.joinedOn', join.joinedOn, 'the group’s startedOn', group.startedOn)
  }
  const earlier = await findParticipationsByGroupAndFamily(trx, group.id, join.familyId)
  const active = earlier.find((participation) => participation.leftOn === null)
  if (active) {
    throw conflict(
      'input.familyId',
      'ALREADY_PARTICIPATES',
      `the family already takes part in this group (participation ${active.id})`,
    )
  }
  const lastLeft = earlier.reduce<string | null>(
    (latest, participation) =>
      participation.leftOn !== null && (latest === null || participation.leftOn > latest)
        ? participation.leftOn
        : latest,
    null,
  )
  if (lastLeft !== null && join.joinedOn < lastLeft) {
    throw badUserInput(
      'input.joinedOn',
      'DATE_BEFORE_LAST_RECORD',
      `must not be before the family last left this group (${lastLeft})`,
      { last: lastLeft },
    )
  }
  try {
    return await insertParticipation(trx, {
      parent_group_id: group.id,
      family_id: join.familyId,
      joined_on: join.joinedOn,
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('input.familyId', 'ALREADY_PARTICIPATES', 'the family already takes part in this group')
    throw error
  }
}

export function validateLeaveParentGroup(input: LeaveParentGroupInput) {
  return {
    participationId: requireUuid('input.participationId', input.participationId),
    leftOn: requireNotInFuture('input.leftOn', input.leftOn),
  }
}

export async function leaveParentGroup(
  trx: Transaction<DB>,
  leave: ReturnType<typeof validateLeaveParentGroup>,
  organisation: string | null,
) {
  const participation = await lockParticipationById(trx, leave.participationId)
  if (!participation) throw notFound('input.participationId', 'parent group participation', leave.participationId)
  const group = await lockParentGroupById(trx, participation.parentGroupId)
  requireOwnProvider('input.participationId', group?.providerId ?? '', organisation)
  if (participation.leftOn !== null) {
    throw conflict(
      'input.participationId',
      'ALREADY_ENDED',
      `the family already left this group on ${participation.leftOn}`,
      { day: participation.leftOn },
    )
  }
  requireNotBefore('input.leftOn', leave.leftOn, 'joinedOn', participation.joinedOn)
  return updateParticipation(trx, participation.id, { left_on: leave.leftOn })
}
