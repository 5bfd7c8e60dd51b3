/** One column list per table, aliasing snake_case to the camelCase rows resolvers receive. */
export const columns = {
  kindergarten: ['kindergarten.id', 'kindergarten.name', 'kindergarten.municipality_oktmo as municipalityOktmo'],
  pmpkConclusion: [
    'pmpk_conclusion.id',
    'pmpk_conclusion.child_id as childId',
    'pmpk_conclusion.number',
    'pmpk_conclusion.commission',
    'pmpk_conclusion.concluded_on as concludedOn',
    'pmpk_conclusion.needs_special_conditions as needsSpecialConditions',
    'pmpk_conclusion.recommended_programme as recommendedProgramme',
    'pmpk_conclusion.recommended_conditions as recommendedConditions',
  ],
  preschoolApplication: [
    'preschool_application.id',
    'preschool_application.child_id as childId',
    'preschool_application.applied_on as appliedOn',
    'preschool_application.desired_start_on as desiredStartOn',
    'preschool_application.status',
    'preschool_application.kindergarten_id as kindergartenId',
    'preschool_application.enrolled_on as enrolledOn',
    'preschool_application.group_type as groupType',
  ],
} as const
