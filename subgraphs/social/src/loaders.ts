import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import { findConsentsByChildIds, findConsentsByIds } from './modules/families/queries/consent.queries.js'
import { isUuid, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from './db/database.js'
import {
  findChildMergesByChildIds,
  findChildMergesByIds,
  findDeliveriesByMergeIds,
} from './modules/merges/queries/child_merge.queries.js'
import { findCriteriaByChildIds, findCriteriaByIds } from './modules/registry/queries/child_criterion.queries.js'
import { findChildrenByFamilyIds, findChildrenByIds } from './modules/registry/queries/child.queries.js'
import {
  findGoalsByProgrammeIds,
  findProgrammesByChildIds,
  findProgrammeServicesByIds,
  findProgrammesByIds,
  findServicesByProgrammeIds,
} from './modules/pathway/queries/programme.queries.js'
import {
  findRatingsByReviewIds,
  findReviewsByProgrammeIds,
} from './modules/pathway/queries/programme_review.queries.js'
import {
  findFamiliesByIds,
  findLegalRepresentativesByIds,
  findFamilySituationsByFamilyIds,
  findLegalRepresentativesByFamilyIds,
  findLegalRepresentativesByMemberIds,
  findFamilyMembersByIds,
  findFamilyMembersByFamilyIds,
  findContactsByMemberIds,
  findContactsByFamilyIds,
} from './modules/families/queries/family.queries.js'
import { findBoundariesByOktmos, findMunicipalitiesByOktmos } from './modules/providers/queries/municipality.queries.js'
import { findSnapshotFigures } from './modules/monitoring/queries/indicator.queries.js'
import { findQuarterlyReportsByIds } from './modules/monitoring/queries/quarterly_report.queries.js'
import { FigureBook, parseIndicatorsId, type LiveFigures } from './modules/monitoring/services/indicators.js'
import {
  findOfferedServicesByProviderIds,
  findProvidersByIds,
  findRequiredRolesByProviderIds,
  findServedMunicipalitiesByProviderIds,
} from './modules/providers/queries/provider.queries.js'
import { findPossibleDuplicatesByIds } from './modules/registry/queries/possible_duplicate.queries.js'
import { findStatusChangesByChildIds } from './modules/registry/queries/registry_status_change.queries.js'
import {
  findPausesByReferralIds,
  findReferralsByChildIds,
  findReferralsByIds,
} from './modules/pathway/queries/referral.queries.js'
import { listDeadlineClocks, listNonWorkingDays } from './modules/pathway/queries/deadline_clock.queries.js'
import type { RegionCalendar } from './modules/pathway/services/clocks.js'
import { findLeadHistoryByProgrammeIds } from './modules/pathway/queries/programme_lead.queries.js'
import { findStaffMembersBySubjects } from './modules/pathway/queries/staff_member.queries.js'
import { findServiceTypesByCodes } from './modules/providers/queries/service_type.queries.js'
import {
  findSocialSessionsByChildIds,
  findSocialSessionsByProgrammeServiceIds,
} from './modules/pathway/queries/social_session.queries.js'

const byUuid = { isValidKey: isUuid }

/**
 * The figures of each set of indicators asked for in one request: each live scope computed by one statement, every
 * filed report's territories read by one.
 */
async function loadFigureBooks(db: Kysely<DB>, live: LiveFigures, ids: readonly string[]) {
  const parsed = ids.map((id) => parseIndicatorsId('id', id))
  const frozen = parsed.flatMap((entry) => (entry.kind === 'report' ? [entry] : []))
  const snapshot =
    frozen.length === 0
      ? []
      : await findSnapshotFigures(
          db,
          frozen.map((entry) => entry.reportId),
          frozen.map((entry) => entry.municipality ?? ''),
        )
  return Promise.all(
    parsed.map((entry) =>
      entry.kind === 'live'
        ? live(entry.scope, db)
        : new FigureBook(
            snapshot.filter((row) => row.reportId === entry.reportId && row.territory === (entry.municipality ?? '')),
          ),
    ),
  )
}

/** The region's clock settings and non-working days, read at most once per request. */
export async function loadCalendar(db: Kysely<DB>): Promise<RegionCalendar> {
  const [settings, days] = await Promise.all([listDeadlineClocks(db), listNonWorkingDays(db)])
  return {
    settings: new Map(settings.map((setting) => [setting.code, setting])),
    nonWorkingDays: new Set(days.map((row) => row.day)),
  }
}

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>, live: LiveFigures) {
  let calendar: Promise<RegionCalendar> | undefined
  return {
    calendar: () => (calendar ??= loadCalendar(db)),
    leadHistoryByProgrammeId: loaderOfMany(
      (ids) => findLeadHistoryByProgrammeIds(db, ids),
      (row) => row.programmeId,
      byUuid,
    ),
    staffMemberBySubject: loaderOfOne(
      (subjects) => findStaffMembersBySubjects(db, subjects),
      (row) => row.subject,
    ),
    referralById: loaderOfOne(
      (ids) => findReferralsByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    referralsByChildId: loaderOfMany(
      (ids) => findReferralsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    pausesByReferralId: loaderOfMany(
      (ids) => findPausesByReferralIds(db, ids),
      (row) => row.referralId,
      byUuid,
    ),
    childById: loaderOfOne(
      (ids) => findChildrenByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    childMergeById: loaderOfOne(
      (ids) => findChildMergesByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    possibleDuplicateById: loaderOfOne(
      (ids) => findPossibleDuplicatesByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    childMergesByChildId: loaderOfMany(
      (ids) => findChildMergesByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    deliveriesByMergeId: loaderOfMany(
      (ids) => findDeliveriesByMergeIds(db, ids),
      (row) => row.mergeId,
      byUuid,
    ),
    childrenByFamilyId: loaderOfMany(
      (ids) => findChildrenByFamilyIds(db, ids),
      (row) => row.familyId ?? '',
      byUuid,
    ),
    statusHistoryByChildId: loaderOfMany(
      (ids) => findStatusChangesByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    criteriaByChildId: loaderOfMany(
      (ids) => findCriteriaByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    familyById: loaderOfOne(
      (ids) => findFamiliesByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    legalRepresentativesByFamilyId: loaderOfMany(
      (ids) => findLegalRepresentativesByFamilyIds(db, ids),
      (row) => row.familyId,
      byUuid,
    ),
    legalRepresentativesByMemberId: loaderOfMany(
      (ids) => findLegalRepresentativesByMemberIds(db, ids),
      (row) => row.memberId,
      byUuid,
    ),
    familyMemberById: loaderOfOne(
      (ids) => findFamilyMembersByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    familyMembersByFamilyId: loaderOfMany(
      (ids) => findFamilyMembersByFamilyIds(db, ids),
      (row) => row.familyId,
      byUuid,
    ),
    contactsByMemberId: loaderOfMany(
      (ids) => findContactsByMemberIds(db, ids),
      (row) => row.memberId,
      byUuid,
    ),
    contactsByFamilyId: loaderOfMany(
      (ids) => findContactsByFamilyIds(db, ids),
      (row) => row.familyId,
      byUuid,
    ),
    familySituationsByFamilyId: loaderOfMany(
      (ids) => findFamilySituationsByFamilyIds(db, ids),
      (row) => row.familyId,
      byUuid,
    ),
    figuresByIndicatorsId: new DataLoader<string, FigureBook>((ids) => loadFigureBooks(db, live, ids)),
    quarterlyReportById: loaderOfOne(
      (ids) => findQuarterlyReportsByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    boundaryByOktmo: loaderOfOne(
      (codes) => findBoundariesByOktmos(db, codes),
      (row) => row.oktmo,
    ),
    municipalityByOktmo: loaderOfOne(
      (codes) => findMunicipalitiesByOktmos(db, codes),
      (row) => row.oktmo,
    ),
    providerById: loaderOfOne(
      (ids) => findProvidersByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    servedMunicipalitiesByProviderId: loaderOfMany(
      (ids) => findServedMunicipalitiesByProviderIds(db, ids),
      (row) => row.providerId,
      byUuid,
    ),
    offeredServicesByProviderId: loaderOfMany(
      (ids) => findOfferedServicesByProviderIds(db, ids),
      (row) => row.providerId,
      byUuid,
    ),
    requiredRolesByProviderId: loaderOfMany(
      (ids) => findRequiredRolesByProviderIds(db, ids),
      (row) => row.providerId,
      byUuid,
    ),
    consentsByChildId: loaderOfMany(
      (ids) => findConsentsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    consentById: loaderOfOne(
      (ids) => findConsentsByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    legalRepresentativeById: loaderOfOne(
      (ids) => findLegalRepresentativesByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    programmeById: loaderOfOne(
      (ids) => findProgrammesByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    programmesByChildId: loaderOfMany(
      (ids) => findProgrammesByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    goalsByProgrammeId: loaderOfMany(
      (ids) => findGoalsByProgrammeIds(db, ids),
      (row) => row.programmeId,
      byUuid,
    ),
    servicesByProgrammeId: loaderOfMany(
      (ids) => findServicesByProgrammeIds(db, ids),
      (row) => row.programmeId,
      byUuid,
    ),
    programmeServiceById: loaderOfOne(
      (ids) => findProgrammeServicesByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    socialSessionsByProgrammeServiceId: loaderOfMany(
      (ids) => findSocialSessionsByProgrammeServiceIds(db, ids),
      (row) => row.programmeServiceId,
      byUuid,
    ),
    socialSessionsByChildId: loaderOfMany(
      (ids) => findSocialSessionsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    reviewsByProgrammeId: loaderOfMany(
      (ids) => findReviewsByProgrammeIds(db, ids),
      (row) => row.programmeId,
      byUuid,
    ),
    ratingsByReviewId: loaderOfMany(
      (ids) => findRatingsByReviewIds(db, ids),
      (row) => row.reviewId,
      byUuid,
    ),
    criterionById: loaderOfOne(
      (ids) => findCriteriaByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    serviceTypeByCode: loaderOfOne(
      (codes) => findServiceTypesByCodes(db, codes),
      (row) => row.code,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
