import type { Gates } from '@hub/subgraph-kit/access/gates'
import { eventGates } from '@hub/subgraph-kit/events/resolvers'
import { referenceGates } from '@hub/subgraph-kit/reference/resolvers'
import { COMMON_ROWS, STAFF_BASICS, type PolicyTable } from '@hub/subgraph-kit/access/policy'

/**
 * Who may read what of education's data (docs/architecture.md: "Access"). ПМПК
 * conclusions describe a child's development and health: education's own
 * staff read them, others only with the family's consent. The preschool
 * queue, placement and early-help sessions are open to the staff who
 * coordinate a child's help; a provider sees them for children referred
 * to it.
 */
export const policy: PolicyTable = {
  owner: { ...STAFF_BASICS, pmpk: 'all', education: 'all' },
  regional: { ...STAFF_BASICS, pmpk: 'consent', education: 'all' },
  otherSide: { ...STAFF_BASICS, pmpk: 'consent', education: 'all' },
  provider: { ...STAFF_BASICS, pmpk: 'consent', education: 'referred' },
  ...COMMON_ROWS,
}

const ofChild = (row: { childId: string }) => row.childId

/** Every field through which a caller reaches education's data, with its category. */
export const gates: Gates = {
  ...eventGates('education'),
  ...referenceGates('education'),
  'Query.kindergartens': { open: 'organisations, the same for every caller' },
  'Query.accessAudit': { category: 'audit' },
  // A scan is read under the rule of the child's ПМПК conclusions: the resolver decides and audits it.
  'Query.educationScan': { open: 'a scan: the resolver checks the pmpk rule for its child' },
  'PmpkConclusion.attachments': { category: 'pmpk', subject: ofChild },
  'Query.educationUndeliveredSignals': { only: ['administrator'] },
  'Child.education': { category: 'education', subject: (child: { id: string }) => child.id },
  'ChildEducation.pmpkConclusions': { category: 'pmpk', subject: ofChild },
  'ProgrammeService.educationSessions': { category: 'education', rows: ofChild },
  'Provider.educationStaffing': { category: 'staff' },
  'RegionalIndicators.educationStaffing': { category: 'aggregates' },
  'RegionalIndicators.educationPreschool': { category: 'aggregates' },
  'RegionalIndicators.educationPreschoolChildren': { category: 'aggregates' },
  'ProgrammeExitsDue.educationEnrolments': { category: 'education', rows: ofChild },
  // Every child behind a preschool figure, by id: social names them; each edge is audited as the child's.
  'RegionalIndicators.educationPreschoolPlacementChildren': { category: 'education', everyChild: true },
  PreschoolChildEdge: { category: 'education', subject: (edge: { node: { id: string } }) => edge.node.id },
  Mutation: { only: ['owner'] },
  'Mutation.followChildMerge': { only: ['socialService'] },
  'Mutation.freezeReportIndicators': { only: ['socialService'] },
}
