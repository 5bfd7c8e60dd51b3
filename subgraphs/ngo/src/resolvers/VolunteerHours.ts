import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { VolunteerHoursResolvers } from '../__generated__/resolvers-types.js'

export const VolunteerHours: VolunteerHoursResolvers = {
  volunteer: (record, _args, { loaders }) => loadExisting(loaders.volunteerById, record.volunteerId, 'volunteer'),
  hours: (record) => record.minutes / 60,
}
