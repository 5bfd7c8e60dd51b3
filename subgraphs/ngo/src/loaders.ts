import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
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

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>) {
  return {
    sessionsByChildId: loaderOfMany(
      (ids) => findSessionsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    sessionsByProgrammeServiceId: loaderOfMany(
      (ids) => findSessionsByProgrammeServiceIds(db, ids),
      (row) => row.programmeServiceId ?? '',
      BY_UUID,
    ),
    parentGroupById: loaderOfOne(
      (ids) => findParentGroupsByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    parentGroupsByProviderId: loaderOfMany(
      (ids) => findParentGroupsByProviderIds(db, ids),
      (row) => row.providerId,
      BY_UUID,
    ),
    participationsByFamilyId: loaderOfMany(
      (ids) => findParticipationsByFamilyIds(db, ids),
      (row) => row.familyId,
      BY_UUID,
    ),
    /** A group nobody takes part in has no row: `null`, read as 0. */
    activeParticipantCountByGroupId: loaderOfOne(
      (ids) => countActiveParticipantsByGroupIds(db, ids),
      (row) => row.parentGroupId,
      BY_UUID,
    ),
    meetingsByGroupId: loaderOfMany(
      (ids) => findMeetingsByGroupIds(db, ids),
      (row) => row.parentGroupId,
      BY_UUID,
    ),
    volunteerById: loaderOfOne(
      (ids) => findVolunteersByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    volunteersByProviderId: loaderOfMany(
      (ids) => findVolunteersByProviderIds(db, ids),
      (row) => row.providerId,
      BY_UUID,
    ),
    hoursByVolunteerId: loaderOfMany(
      (ids) => findHoursByVolunteerIds(db, ids),
      (row) => row.volunteerId,
      BY_UUID,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
