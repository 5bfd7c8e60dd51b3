import { attachmentFields } from '@hub/subgraph-kit/attachments/attachments'
import type { AttachmentResolvers } from '../__generated__/resolvers-types.js'

export const Attachment: AttachmentResolvers = attachmentFields
