import type { InputRules } from '@hub/subgraph-kit/inputs'

/** How education's inputs are checked before any resolver runs (the kit's `applyInputRules`; docs/architecture.md, Bad input). */
export const inputs: InputRules = {
  maxItems: {
    'RecordPmpkConclusionInput.recommendedConditions': 30,
  },
  dates: {
    'RecordPmpkConclusionInput.concludedOn': 'event',
    'ApplyForPreschoolInput.appliedOn': 'event',
    'ApplyForPreschoolInput.desiredStartOn': 'term',
    'EnrolInKindergartenInput.enrolledOn': 'event',
    'RecordEducationSessionInput.deliveredOn': 'event',
  },
  multiLine: [],
}
