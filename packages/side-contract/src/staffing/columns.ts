/** One column list per staffing table, aliasing snake_case to the camelCase rows resolvers receive. */
export const staffingColumns = {
  specialist: [
    'specialist.id',
    'specialist.provider_id as providerId',
    'specialist.personnel_number as personnelNumber',
    'specialist.role',
    'specialist.employed_from as employedFrom',
    'specialist.employed_until as employedUntil',
  ],
  specialistTraining: [
    'specialist_training.id',
    'specialist_training.specialist_id as specialistId',
    'specialist_training.course',
    'specialist_training.hours',
    'specialist_training.completed_on as completedOn',
    'specialist_training.certificate_number as certificateNumber',
  ],
} as const
