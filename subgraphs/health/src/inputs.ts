import type { InputRules } from '@hub/subgraph-kit/inputs'

/** How health's inputs are checked before any resolver runs (the kit's `applyInputRules`; docs/architecture.md, Bad input). */
export const inputs: InputRules = {
  maxItems: {},
  dates: {
    'RecordDetectionEventInput.occurredOn': 'event',
    'AssessHealthGroupInput.assessedOn': 'event',
    'RecordDiagnosisInput.diagnosedOn': 'event',
    'RecordRiskFactorInput.notedOn': 'event',
    'StartDispensaryObservationInput.startedOn': 'event',
    'EndDispensaryObservationInput.endedOn': 'event',
    'OpenRehabilitationEpisodeInput.startedOn': 'event',
    'CloseRehabilitationEpisodeInput.endedOn': 'event',
    'RecordRehabilitationSessionInput.heldOn': 'event',
  },
  multiLine: ['RecordRiskFactorInput.details', 'OpenRehabilitationEpisodeInput.goal'],
}
