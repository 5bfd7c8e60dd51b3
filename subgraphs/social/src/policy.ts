import type { Gates } from '@hub/subgraph-kit/access/gates'
import { eventGates } from '@hub/subgraph-kit/events/resolvers'
import { referenceGates } from '@hub/subgraph-kit/reference/resolvers'
import { COMMON_ROWS, STAFF_BASICS, type PolicyTable, type ViewerClass } from '@hub/subgraph-kit/access/policy'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import { hubError } from '@hub/platform/errors'
import { isUuid } from '@hub/subgraph-kit/loaders'
import type { Context } from './context.js'

/**
 * Who may read what of social's data (docs/architecture.md: "Access"). Social owns the
 * registry, so it decides who sees a child's identity: every side's staff
 * may find a child in the registry, a non-state provider's staff only the
 * children referred to it, analysts none (they get depersonalised
 * aggregates). A family's members, contacts and СОП decisions reach the
 * health and education sides only with the family's consent.
 */
const ALL_CHILD_DATA = { identity: 'all', criteria: 'all', family: 'all', programme: 'all', sessions: 'all' } as const

export const policy: PolicyTable = {
  owner: { ...STAFF_BASICS, ...ALL_CHILD_DATA },
  regional: { ...STAFF_BASICS, ...ALL_CHILD_DATA },
  otherSide: { ...STAFF_BASICS, ...ALL_CHILD_DATA, family: 'consent' },
  provider: {
    ...STAFF_BASICS,
    identity: 'referred',
    criteria: 'referred',
    family: 'referred',
    programme: 'referred',
    sessions: 'referred',
  },
  ...COMMON_ROWS,
}

const COORDINATION: readonly ViewerClass[] = ['owner', 'regional']
/** Health and education detect children, register them and refer them. */
const DETECTING: readonly ViewerClass[] = [...COORDINATION, 'otherSide']
/** A referral is decided by the provider it is addressed to (see `requireOwnReferral`). */
const RECEIVING: readonly ViewerClass[] = [...COORDINATION, 'otherSide', 'provider']
/** Who keeps the regional list of services (see the mutations' gates). */
const CATALOGUE_EDITORS: readonly ViewerClass[] = ['administrator', 'regional']

/**
 * A region's existing registry is brought in by social's administrator (who runs the subgraph, and whose import reads
 * no child's record: it answers with row numbers, outcomes and ids) and by the coordinators who keep the registry.
 */
const IMPORTING: readonly ViewerClass[] = [...COORDINATION, 'administrator']
/** Every side's specialists and coordinators: their own notifications and settings. */
const STAFF = RECEIVING

const child = (parent: { id: string }) => parent.id
const ofChild = (row: { childId: string }) => row.childId

/**
 * Every field through which a caller reaches social's data, with its
 * category; a type's gate covers its fields but `id`. A Child's fields are
 * identity unless named, so any path to a child (a referral, a programme,
 * a merge, `_entities`) is decided for that child.
 */
export const gates: Gates = {
  ...eventGates('social'),
  ...referenceGates('social'),
  'Query.child': { open: 'a Child: its fields carry the gates' },
  'Query.children': { category: 'identity' },
  'Query.family': { open: 'a Family: its fields carry the gates' },
  // The resolver narrows the families to those the caller's rule opens; each one's fields carry the Family gate.
  'Query.families': { category: 'family' },
  'Query.municipalities': { open: 'the public registry' },
  'Query.providers': { open: 'the public registry' },
  'Query.serviceTypes': { open: 'the public catalogue' },
  'Query.possibleDuplicates': { category: 'identity', rows: ofChild },
  'Query.referral': { open: 'a Referral: its fields carry the gates' },
  'Query.programme': { open: 'a Programme: its fields carry the gates' },
  'Query.consent': { open: 'a Consent: its fields carry the gates' },
  'Query.openReferrals': { category: 'programme', rows: ofChild },
  'Query.deadlineClocks': { category: 'reference' },
  'Query.nonWorkingDays': { category: 'reference' },
  'Query.productionCalendar': { category: 'reference' },
  'Query.overdueProgrammeReviews': { category: 'programme', rows: ofChild },
  'Query.childMerge': { only: COORDINATION },
  'Query.pendingChildMerges': { only: COORDINATION },
  // The coordinators' queue of signals; each signal names a child, so every read of one is audited under that child.
  'Query.childFindSignals': { only: COORDINATION },
  'Query.childFindSignal': { only: COORDINATION },
  ChildFindSignal: { category: 'criteria', subject: ofChild },
  'Query.transitionsDue': { category: 'programme', rows: ofChild },
  'Query.programmeExitsDue': { category: 'programme' },
  // Only the gateway reads the children it sends to education (an internal field); each programme is the child's.
  ProgrammeExitsDue: { category: 'programme' },
  'ProgrammeExitsDue.programmes': {
    category: 'programme',
    rows: (row: { programme: { childId: string } }) => row.programme.childId,
  },
  'Query.expiredCriteria': { category: 'criteria' },
  'ExpiredCriteriaPage.items': { category: 'criteria', rows: ofChild },
  'Query.programmeDraftsAwaitingSignature': { category: 'programme' },
  'ProgrammeDraftsPage.items': { category: 'programme', rows: ofChild },
  'Query.consentsRequiringAttention': { category: 'family' },
  'ConsentAttentionPage.items': { category: 'family', rows: ofChild },
  // The staff directory and the caseloads are staff data, no child's: the resolvers narrow them further to a
  // provider's own staff and the coordinators (modules/pathway/services/programme-leads.ts).
  'Query.staffMembers': { category: 'staff' },
  'Query.caseloads': { category: 'staff' },
  'Query.myCaseload': { category: 'programme', rows: ofChild },
  'Query.registrySummary': { category: 'aggregates' },
  'Query.registryCohort': { category: 'aggregates' },
  'Query.regionalIndicators': { category: 'aggregates' },
  'Query.indicatorCohort': { category: 'aggregates' },
  // Every child behind a figure, by name: each row's Child gate audits it.
  'Query.indicatorChildren': { category: 'identity', everyChild: true },
  'Query.quarterlyReports': { category: 'aggregates' },
  'Query.quarterlyReport': { category: 'aggregates' },
  'Query.indicators': { category: 'aggregates' },
  'Query.accessGrants': { only: ['sideService'] },
  'Query.accessAudit': { category: 'audit' },
  // Deadline notifications: each names a child, so each read is audited as the queues' rows are; the resolvers narrow
  // them to the caller's audience (modules/pathway/services/notifications.ts), the settings to the caller's own.
  'Query.myNotifications': { category: 'programme' },
  'NotificationPage.items': { category: 'programme', rows: ofChild },
  DeadlineNotification: { category: 'programme', subject: ofChild },
  'Query.unreadNotificationCount': { only: STAFF },
  'Query.notificationSettings': { only: STAFF },
  // A scan is read under the rule of its document's category for its child: the resolver decides and audits it.
  'Query.registryImport': { only: IMPORTING },
  RegistryImport: { only: IMPORTING },
  'Query.socialScan': { open: 'a scan: its record kind names the category the resolver checks' },

  Child: { category: 'identity', subject: child },
  'Child.criteria': { category: 'criteria', subject: child },
  'Child.family': { category: 'family', subject: child },
  'Child.consents': { category: 'family', subject: child },
  'Child.referrals': { category: 'programme', subject: child },
  'Child.programmes': { category: 'programme', subject: child },
  'Child.socialSessions': { category: 'sessions', subject: child },
  'Programme.attachments': { category: 'programme', subject: ofChild },
  'Consent.attachments': { category: 'family', subject: ofChild },
  'TargetGroupCriterion.attachments': { category: 'criteria', subject: ofChild },
  // Reached through a child, the family is that child's; on its own (by id, or from ngo's parent groups), it is
  // open where the caller may read the family of any of its children. Either way the read is audited under the
  // family too: its members and contacts are personal data even when none of its children is in the registry.
  Family: {
    category: 'family',
    subject: async (family: { id: string; viaChildId?: string }, context: Context) =>
      family.viaChildId ?? (await context.loaders.childrenByFamilyId.load(family.id)).map((row) => row.id),
    family: (family: { id: string }) => family.id,
  },
  Referral: { category: 'programme', subject: ofChild },
  // Reached by id (a printed programme or consent), each is decided and audited for its child, as a referral is.
  Programme: { category: 'programme', subject: ofChild },
  Consent: { category: 'family', subject: ofChild },
  ProgrammeService: { category: 'programme', subject: ofChild },
  'ProgrammeService.socialSessions': { category: 'sessions', subject: ofChild },
  Provider: { open: 'the public registry' },
  StaffMember: { category: 'staff' },
  Caseload: { category: 'staff' },
  'Provider.socialStaffing': { category: 'staff' },
  ServiceType: { open: 'the public catalogue' },
  Municipality: { open: 'the public registry' },
  RegionalIndicators: { category: 'aggregates' },
  QuarterlyReport: { category: 'aggregates' },

  Mutation: { only: COORDINATION },
  'Mutation.registerChild': { only: DETECTING },
  'Mutation.attachSnils': { only: DETECTING },
  'Mutation.referChild': { only: DETECTING },
  'Mutation.acceptReferral': { only: RECEIVING },
  'Mutation.rejectReferral': { only: RECEIVING },
  'Mutation.pauseReferralClock': { only: RECEIVING },
  'Mutation.resumeReferralClock': { only: RECEIVING },
  'Mutation.recordNeedDetermination': { only: RECEIVING },
  'Mutation.recordSocialSession': { only: ['owner'] },
  // Health's and education's outboxes deliver here; the resolver takes the sending side from the token.
  'Mutation.receiveChildFindSignal': { only: ['sideService'] },
  // Whoever may read the document may attach its signed scan (the service checks the record's rule).
  'Mutation.attachSocialScan': { only: RECEIVING },
  // A coordinator of social or the region, or of the programme's own provider (modules/pathway/services/programme-leads.ts).
  'Mutation.assignProgrammeLead': { only: RECEIVING },
  // The regional list of services is reference data: the region's coordination keeps it (the service admits its
  // coordinator only, modules/providers/services/catalogue.ts), and social's administrator, who keeps social's
  // reference data, may too. Social's own staff deliver services under it and do not change it.
  'Mutation.addServiceType': { only: CATALOGUE_EDITORS },
  'Mutation.changeServiceType': { only: CATALOGUE_EDITORS },
  'Mutation.retireServiceType': { only: CATALOGUE_EDITORS },
  'Mutation.registerSocialSpecialist': { only: ['owner'] },
  'Mutation.recordSocialSpecialistTraining': { only: ['owner'] },
  'Mutation.endSocialSpecialistEmployment': { only: ['owner'] },
  'Mutation.markNotificationsRead': { only: STAFF },
  'Mutation.startRegistryImport': { only: IMPORTING },
  'Mutation.importRegistryRows': { only: IMPORTING },
  'Mutation.checkRegistryRows': { only: IMPORTING },
  'Mutation.updateNotificationSettings': { only: STAFF },
}

/**
 * Staff of another side or of a provider decide only on referrals
 * addressed to their own organisation; social and the regional
 * coordinator decide on any.
 */
export async function requireOwnReferral(
  { access, loaders }: { access: RequestAccess; loaders: Context['loaders'] },
  referralId: string,
) {
  if (access.class === 'owner' || access.class === 'regional') return
  const referral = isUuid(referralId) ? await loaders.referralById.load(referralId) : null
  if (referral && referral.providerId !== access.viewer.organisation) {
    throw hubError(
      'FORBIDDEN',
      'REFERRAL_OF_OTHER_ORGANISATION',
      'input.referralId: the referral is addressed to another organisation',
      {
        field: 'input.referralId',
      },
    )
  }
}
