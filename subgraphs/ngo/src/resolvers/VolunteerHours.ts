import { loadExisting } from '../../../kit/src/loaders.js'
import type { VolunteerHoursResolvers } from '../__generated__/resolvers-types.js'

export const VolunteerHours: VolunteerHoursResolvers = {
  volunteer: (record, _args, { loaders }) => loadExisting(loaders.volunteerById, record.volunteerId, 'volunteer'),
  hours: (record) => record.minutes / 60,
}
