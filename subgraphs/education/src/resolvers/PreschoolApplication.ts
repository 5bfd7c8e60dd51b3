import type { PreschoolApplicationResolvers } from '../__generated__/resolvers-types.js'

export const PreschoolApplication: PreschoolApplicationResolvers = {
  kindergarten: (application, _args, { loaders }) =>
    application.kindergartenId ? loaders.kindergartenById.load(application.kindergartenId) : null,
}
