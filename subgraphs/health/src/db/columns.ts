/** One column list per table, aliasing snake_case to the camelCase rows resolvers receive. */
export const columns = {
  healthGroupAssessment: [
    'health_group_assessment.id',
    'health_group_assessment.child_id as childId',
    'health_group_assessment.health_group as group',
    'health_group_assessment.assessed_on as assessedOn',
  ],
  detectionEvent: [
    'detection_event.id',
    'detection_event.child_id as childId',
    'detection_event.kind',
    'detection_event.result',
    'detection_event.occurred_on as occurredOn',
    'detection_event.organisation',
  ],
  diagnosis: [
    'diagnosis.id',
    'diagnosis.child_id as childId',
    'diagnosis.icd10_code as icd10',
    'icd10_code.name',
    'diagnosis.diagnosed_on as diagnosedOn',
    'diagnosis.is_primary as primary',
  ],
  riskFactor: [
    'risk_factor.id',
    'risk_factor.child_id as childId',
    'risk_factor.kind',
    'risk_factor.noted_on as notedOn',
    'risk_factor.details',
  ],
} as const
