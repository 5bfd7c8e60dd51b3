import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { ParentGroupMeetingResolvers } from '../__generated__/resolvers-types.js'

export const ParentGroupMeeting: ParentGroupMeetingResolvers = {
  group: (meeting, _args, { loaders }) => loadExisting(loaders.parentGroupById, meeting.parentGroupId, 'parent group'),
}
