import type { Kysely } from 'kysely'
import { isUuid, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from './db/database.js'
import { findSessionsByChildIds, findSessionsByProgrammeServiceIds } from './db/queries/ngo_session.queries.js'
import { findMeetingsByGroupIds } from './db/queries/parent_group_meeting.queries.js'
import { findParentGroupsByIds, findParentGroupsByProviderIds } from './db/queries/parent_group.queries.js'
import {
  countActiveParticipantsByGroupIds,
  findParticipationsByFamilyIds,
} from './db/queries/parent_group_participation.queries.js'
import { findHoursByVolunteerIds } from './db/queries/volunteer_hours.queries.js'
import { findVolunteersByIds, findVolunteersByProviderIds } from './db/queries/volunteer.queries.js'

const byUuid = { isValidKey: isUuid }

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>) {
  return {
    sessionsByChildId: loaderOfMany(
      (ids) => findSessionsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    sessionsByProgrammeServiceId: loaderOfMany(
      (ids) => findSessionsByProgrammeServiceIds(db, ids),
      (row) => row.programmeServiceId ?? '',
      byUuid,
    ),
    parentGroupById: loaderOfOne(
      (ids) => findParentGroupsByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    parentGroupsByProviderId: loaderOfMany(
      (ids) => findParentGroupsByProviderIds(db, ids),
      (row) => row.providerId,
      byUuid,
    ),
    participationsByFamilyId: loaderOfMany(
      (ids) => findParticipationsByFamilyIds(db, ids),
      (row) => row.familyId,
      byUuid,
    ),
    /** A group nobody takes part in has no row: `null`, read as 0. */
    activeParticipantCountByGroupId: loaderOfOne(
      (ids) => countActiveParticipantsByGroupIds(db, ids),
      (row) => row.parentGroupId,
      byUuid,
    ),
    meetingsByGroupId: loaderOfMany(
      (ids) => findMeetingsByGroupIds(db, ids),
      (row) => row.parentGroupId,
      byUuid,
    ),
    volunteerById: loaderOfOne(
      (ids) => findVolunteersByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    volunteersByProviderId: loaderOfMany(
      (ids) => findVolunteersByProviderIds(db, ids),
      (row) => row.providerId,
      byUuid,
    ),
    hoursByVolunteerId: loaderOfMany(
      (ids) => findHoursByVolunteerIds(db, ids),
      (row) => row.volunteerId,
      byUuid,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
