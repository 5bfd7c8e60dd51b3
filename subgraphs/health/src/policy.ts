import type { Gates } from '@hub/subgraph-kit/access/gates'
import { eventGates } from '@hub/subgraph-kit/events/resolvers'
import { referenceGates } from '@hub/subgraph-kit/reference/resolvers'
import { COMMON_ROWS, STAFF_BASICS, type PolicyTable } from '@hub/subgraph-kit/access/policy'

/**
 * Who may read what of health's data (docs/architecture.md: "Access"). Everything health
 * holds about a child is medical confidentiality (323-ФЗ ст. 13): health's
 * own staff read it; every other side, the regional coordinator and a
 * provider only where the family's consent for them and the purpose is in
 * force. A registry operator learns that a child meets HEALTH_GROUP_IV_V
 * from social's criteria, never the diagnosis from here.
 */
export const policy: PolicyTable = {
  owner: { ...STAFF_BASICS, health: 'all' },
  regional: { ...STAFF_BASICS, health: 'consent' },
  otherSide: { ...STAFF_BASICS, health: 'consent' },
  provider: { ...STAFF_BASICS, health: 'consent' },
  ...COMMON_ROWS,
}

/** Every field through which a caller reaches health's data, with its category. */
export const gates: Gates = {
  ...eventGates('health'),
  ...referenceGates('health'),
  'Query.icd10Codes': { category: 'reference' },
  'Query.accessAudit': { category: 'audit' },
  'Query.healthUndeliveredSignals': { only: ['administrator'] },
  'Child.health': { category: 'health', subject: (child: { id: string }) => child.id },
  'ProgrammeService.rehabilitationSessions': {
    category: 'health',
    rows: (session: { childId: string }) => session.childId,
  },
  'Provider.healthStaffing': { category: 'staff' },
  'RegionalIndicators.healthStaffing': { category: 'aggregates' },
  Mutation: { only: ['owner'] },
  'Mutation.followChildMerge': { only: ['socialService'] },
  'Mutation.freezeReportIndicators': { only: ['socialService'] },
}
