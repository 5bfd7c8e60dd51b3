import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from '../../db/database.js'
import { listDeadlineClocks, listNonWorkingDays, listWorkingCalendarDays } from './queries/deadline_clock.queries.js'
import {
  findGoalsByProgrammeIds,
  findProgrammeServicesByIds,
  findProgrammesByChildIds,
  findProgrammesByIds,
  findServicesByProgrammeIds,
} from './queries/programme.queries.js'
import { findLeadHistoryByProgrammeIds } from './queries/programme_lead.queries.js'
import { findRatingsByReviewIds, findReviewsByProgrammeIds } from './queries/programme_review.queries.js'
import { findPausesByReferralIds, findReferralsByChildIds, findReferralsByIds } from './queries/referral.queries.js'
import {
  findSocialSessionsByChildIds,
  findSocialSessionsByProgrammeServiceIds,
} from './queries/social_session.queries.js'
import { findStaffMembersBySubjects } from './queries/staff_member.queries.js'
import type { RegionCalendar } from './services/clocks.js'

/** The region's clock settings, non-working days and weekend days worked, read at most once per request. */
export async function loadCalendar(db: Kysely<DB>): Promise<RegionCalendar> {
  const [settings, days, working] = await Promise.all([
    listDeadlineClocks(db),
    listNonWorkingDays(db),
    listWorkingCalendarDays(db),
  ])
  return {
    settings: new Map(settings.map((setting) => [setting.code, setting])),
    nonWorkingDays: new Set(days.map((row) => row.day)),
    workingWeekends: new Set(working.filter((row) => row.kind === 'WORKING_WEEKEND').map((row) => row.day)),
  }
}

/**
 * The pathway module's loaders (the region's calendar, referrals, programmes with their parts, reviews, leads,
 * sessions, staff), spread into the request's loaders (src/loaders.ts).
 */
export function createPathwayLoaders(db: Kysely<DB>) {
  let calendar: Promise<RegionCalendar> | undefined
  return {
    calendar: () => (calendar ??= loadCalendar(db)),
    leadHistoryByProgrammeId: loaderOfMany(
      (ids) => findLeadHistoryByProgrammeIds(db, ids),
      (row) => row.programmeId,
      BY_UUID,
    ),
    staffMemberBySubject: loaderOfOne(
      (subjects) => findStaffMembersBySubjects(db, subjects),
      (row) => row.subject,
    ),
    referralById: loaderOfOne(
      (ids) => findReferralsByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    referralsByChildId: loaderOfMany(
      (ids) => findReferralsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    pausesByReferralId: loaderOfMany(
      (ids) => findPausesByReferralIds(db, ids),
      (row) => row.referralId,
      BY_UUID,
    ),
    programmeById: loaderOfOne(
      (ids) => findProgrammesByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    programmesByChildId: loaderOfMany(
      (ids) => findProgrammesByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    goalsByProgrammeId: loaderOfMany(
      (ids) => findGoalsByProgrammeIds(db, ids),
      (row) => row.programmeId,
      BY_UUID,
    ),
    servicesByProgrammeId: loaderOfMany(
      (ids) => findServicesByProgrammeIds(db, ids),
      (row) => row.programmeId,
      BY_UUID,
    ),
    programmeServiceById: loaderOfOne(
      (ids) => findProgrammeServicesByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    socialSessionsByProgrammeServiceId: loaderOfMany(
      (ids) => findSocialSessionsByProgrammeServiceIds(db, ids),
      (row) => row.programmeServiceId,
      BY_UUID,
    ),
    socialSessionsByChildId: loaderOfMany(
      (ids) => findSocialSessionsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    reviewsByProgrammeId: loaderOfMany(
      (ids) => findReviewsByProgrammeIds(db, ids),
      (row) => row.programmeId,
      BY_UUID,
    ),
    ratingsByReviewId: loaderOfMany(
      (ids) => findRatingsByReviewIds(db, ids),
      (row) => row.reviewId,
      BY_UUID,
    ),
  }
}
