import type { VolunteerResolvers } from '../__generated__/resolvers-types.js'

export const Volunteer: VolunteerResolvers = {
  provider: (volunteer) => ({ id: volunteer.providerId }),
  hours: (volunteer, _args, { loaders }) => loaders.hoursByVolunteerId.load(volunteer.id),
  // From the same batch as `hours`: asking for both costs one statement.
  totalHours: async (volunteer, _args, { loaders }) => {
    const records = await loaders.hoursByVolunteerId.load(volunteer.id)
    return records.reduce((minutes, record) => minutes + record.minutes, 0) / 60
  },
}
