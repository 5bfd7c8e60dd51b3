import type { NotificationPageResolvers } from '../../../__generated__/resolvers-types.js'
import { encodeOffset } from '../services/notifications.js'

export const NotificationPage: NotificationPageResolvers = {
  pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.hasNextPage ? encodeOffset(page.next) : null }),
}
