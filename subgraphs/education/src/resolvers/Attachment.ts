import { attachmentFields } from '../../../kit/src/attachments/attachments.js'
import type { AttachmentResolvers } from '../__generated__/resolvers-types.js'

export const Attachment: AttachmentResolvers = attachmentFields
