import type { InputRules } from '@hub/subgraph-kit/inputs'

/** How ngo's inputs are checked before any resolver runs (the kit's `applyInputRules`; docs/architecture.md, Bad input). */
export const inputs: InputRules = {
  maxItems: {
    'RegisterVolunteerInput.activityKinds': 20,
  },
  dates: {
    'CreateParentGroupInput.startedOn': 'event',
    'RecordParentGroupMeetingInput.heldOn': 'event',
    'JoinParentGroupInput.joinedOn': 'event',
    'LeaveParentGroupInput.leftOn': 'event',
    'RegisterVolunteerInput.startedOn': 'event',
    'EndVolunteerInput.endedOn': 'event',
    'RecordVolunteerHoursInput.workedOn': 'event',
    'RecordNgoSessionInput.deliveredOn': 'event',
  },
  multiLine: [],
}
