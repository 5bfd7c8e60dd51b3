import type { RehabilitationEpisodeResolvers } from '../__generated__/resolvers-types.js'

export const RehabilitationEpisode: RehabilitationEpisodeResolvers = {
  sessions: (episode, _args, { loaders }) => loaders.rehabilitationSessionsByEpisodeId.load(episode.id),
}
