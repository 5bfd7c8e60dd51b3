import type { Gates } from '@hub/subgraph-kit/access/gates'
import { eventGates } from '@hub/subgraph-kit/events/resolvers'
import { COMMON_ROWS, STAFF_BASICS, type PolicyTable, type ViewerClass } from '@hub/subgraph-kit/access/policy'

/**
 * Who may read what of ngo's data (docs/architecture.md: "Access"). A non-state
 * provider's staff see the sessions and parent-group participation of the
 * children referred to their organisation; the staff who coordinate a
 * child's help see its sessions, and a family's participation in parent
 * groups with the family's consent.
 */
export const policy: PolicyTable = {
  owner: { ...STAFF_BASICS, sessions: 'all', family: 'all' },
  regional: { ...STAFF_BASICS, sessions: 'all', family: 'all' },
  otherSide: { ...STAFF_BASICS, sessions: 'all', family: 'consent' },
  provider: { ...STAFF_BASICS, sessions: 'referred', family: 'referred' },
  ...COMMON_ROWS,
}

const ofChild = (row: { childId: string }) => row.childId
const OWN_PROVIDER = {
  field: 'input.providerId',
  of: (args: { input: { providerId: string } }) => args.input.providerId,
}
const PROVIDERS: readonly ViewerClass[] = ['owner', 'provider']

/** Every field through which a caller reaches ngo's data, with its category. */
export const gates: Gates = {
  ...eventGates('ngo'),
  'Query.parentGroups': { open: 'the groups providers offer, the same for every caller' },
  'Query.accessAudit': { category: 'audit' },
  'Child.ngo': { category: 'sessions', subject: (child: { id: string }) => child.id },
  'ChildNgo.parentGroupParticipations': { category: 'family', subject: ofChild },
  'ProgrammeService.ngoSessions': { category: 'sessions', rows: ofChild },
  'Provider.parentGroups': { open: 'the groups providers offer, the same for every caller' },
  'Provider.volunteers': { category: 'staff' },
  'Provider.ngoStaffing': { category: 'staff' },
  'RegionalIndicators.ngoStaffing': { category: 'aggregates' },
  Mutation: { only: ['owner'] },
  // A provider's staff record their own organisation's work.
  'Mutation.createParentGroup': { only: PROVIDERS, ownOrganisation: OWN_PROVIDER },
  'Mutation.registerVolunteer': { only: PROVIDERS, ownOrganisation: OWN_PROVIDER },
  'Mutation.recordNgoSession': { only: PROVIDERS, ownOrganisation: OWN_PROVIDER },
  // …and their own groups' meetings and families, their own volunteers' hours and ends (the service checks the
  // group's or volunteer's provider).
  'Mutation.recordParentGroupMeeting': { only: PROVIDERS },
  'Mutation.joinParentGroup': { only: PROVIDERS },
  'Mutation.leaveParentGroup': { only: PROVIDERS },
  'Mutation.recordVolunteerHours': { only: PROVIDERS },
  'Mutation.endVolunteer': { only: PROVIDERS },
  'Mutation.registerNgoSpecialist': { only: PROVIDERS, ownOrganisation: OWN_PROVIDER },
  'Mutation.followChildMerge': { only: ['socialService'] },
  'Mutation.freezeReportIndicators': { only: ['socialService'] },
}
