import type { ProgrammeReviewResolvers } from '../../../__generated__/resolvers-types.js'

export const ProgrammeReview: ProgrammeReviewResolvers = {
  ratings: (review, _args, { loaders }) => loaders.ratingsByReviewId.load(review.id),
}
