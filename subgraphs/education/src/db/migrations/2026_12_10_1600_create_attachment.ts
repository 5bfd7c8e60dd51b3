import { attachmentMigration } from '@hub/subgraph-kit/attachments/migration'

// Made once in the kit for every side that keeps signed scans (frozen in time like this file); no names outside social.
export const { up, down } = attachmentMigration({ names: false })
