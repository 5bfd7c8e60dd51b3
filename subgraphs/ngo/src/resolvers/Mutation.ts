import { ngoEvents, recordNgoEvent } from '../events.js'
import { freezeReportIndicatorsOf } from '@hub/side-contract/staffing/indicators'
import { followChildMergeMutation } from '@hub/side-contract/child-merge'
import { endSpecialistEmploymentMutation, staffingMutations } from '@hub/side-contract/staffing/resolvers'
import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import type { MutationResolvers } from '../__generated__/resolvers-types.js'
import type { Context } from '../context.js'
import { findMeetingById } from '../db/queries/parent_group_meeting.queries.js'
import { findVolunteerHoursById } from '../db/queries/volunteer_hours.queries.js'
import { findLastSessionDateBySpecialistId, findSessionById } from '../db/queries/ngo_session.queries.js'
import {
  createParentGroup,
  joinParentGroup,
  leaveParentGroup,
  recordParentGroupMeeting,
  validateCreateParentGroup,
  validateJoinParentGroup,
  validateLeaveParentGroup,
  validateRecordParentGroupMeeting,
} from '../services/parent_groups.js'
import { recordNgoSession, validateRecordNgoSession } from '../services/sessions.js'
import {
  endVolunteer,
  recordVolunteerHours,
  registerVolunteer,
  validateEndVolunteer,
  validateRecordVolunteerHours,
  validateRegisterVolunteer,
} from '../services/volunteers.js'

/** The organisation a provider's staff act for; null for ngo's own staff, who act for every provider. */
function actingFor(context: Context) {
  return context.access.class === 'provider' ? context.access.viewer.organisation : null
}

// Each mutation checks its input before it opens its one transaction; a rule broken later rolls the whole of it back.
export const Mutation: MutationResolvers = {
  ...ngoEvents.Mutation,
  followChildMerge: (_parent, { input }, { db }) => followChildMergeMutation(db, input),
  freezeReportIndicators: freezeReportIndicatorsOf('NGO'),
  createParentGroup: (_parent, { input }, context, info) => {
    const group = validateCreateParentGroup(input)
    return idempotentlyById(
      context,
      info,
      input,
      recordNgoEvent.after(
        'parent_group.created',
        (trx) => createParentGroup(trx, group),
        (row) => ({ parentGroupId: row.id }),
      ),
      (id) => context.loaders.parentGroupById.load(id),
    )
  },
  recordParentGroupMeeting: (_parent, { input }, context, info) => {
    const meeting = validateRecordParentGroupMeeting(input)
    return idempotentlyById(
      context,
      info,
      input,
      recordNgoEvent.after(
        'parent_group.meeting_recorded',
        (trx) => recordParentGroupMeeting(trx, meeting, actingFor(context)),
        (row) => ({ meetingId: row.id, parentGroupId: row.parentGroupId }),
      ),
      (id) => findMeetingById(context.db, id),
    )
  },
  joinParentGroup: (_parent, { input }, context) => {
    const join = validateJoinParentGroup(input)
    return context.db.transaction().execute(
      recordNgoEvent.after(
        'parent_group.joined',
        (trx) => joinParentGroup(trx, join, actingFor(context)),
        (row) => ({ participationId: row.id, parentGroupId: row.parentGroupId, familyId: row.familyId }),
      ),
    )
  },
  leaveParentGroup: (_parent, { input }, context) => {
    const leave = validateLeaveParentGroup(input)
    return context.db.transaction().execute(
      recordNgoEvent.after(
        'parent_group.left',
        (trx) => leaveParentGroup(trx, leave, actingFor(context)),
        (row) => ({ participationId: row.id, parentGroupId: row.parentGroupId, familyId: row.familyId }),
      ),
    )
  },
  registerVolunteer: (_parent, { input }, context, info) => {
    const volunteer = validateRegisterVolunteer(input)
    return idempotentlyById(
      context,
      info,
      input,
      (trx) => registerVolunteer(trx, volunteer),
      (id) => context.loaders.volunteerById.load(id),
    )
  },
  endVolunteer: (_parent, { input }, context) => {
    const end = validateEndVolunteer(input)
    return context.db.transaction().execute((trx) => endVolunteer(trx, end, actingFor(context)))
  },
  recordVolunteerHours: (_parent, { input }, context, info) => {
    const hours = validateRecordVolunteerHours(input)
    return idempotentlyById(
      context,
      info,
      input,
      (trx) => recordVolunteerHours(trx, hours, actingFor(context)),
      (id) => findVolunteerHoursById(context.db, id),
    )
  },
  recordNgoSession: (_parent, { input }, context, info) => {
    const session = validateRecordNgoSession(input)
    return idempotentlyById(
      context,
      info,
      input,
      recordNgoEvent.after(
        'session.recorded',
        (trx) => recordNgoSession(trx, session),
        (row) => ({ sessionId: row.id, childId: row.childId, providerId: row.providerId }),
      ),
      (id) => findSessionById(context.db, id),
    )
  },
  registerNgoSpecialist: staffingMutations.registerSpecialist,
  recordNgoSpecialistTraining: staffingMutations.recordSpecialistTraining,
  endNgoSpecialistEmployment: endSpecialistEmploymentMutation(findLastSessionDateBySpecialistId),
}
