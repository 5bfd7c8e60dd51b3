import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { DeadlineNotificationResolvers } from '../../../__generated__/resolvers-types.js'
import { linkOf, whatIsDue } from '../services/notifications.js'

export const DeadlineNotification: DeadlineNotificationResolvers = {
  kind: (row) => row.crossing,
  child: (row, _args, { loaders }) => loadExisting(loaders.childById, row.childId, 'child'),
  provider: (row, _args, { loaders }) =>
    row.providerId === null ? null : loadExisting(loaders.providerById, row.providerId, 'provider'),
  title: (row) => whatIsDue(row.clock, row.startedOn),
  link: (row) => linkOf(row),
  read: (row) => Boolean(row.read),
}
