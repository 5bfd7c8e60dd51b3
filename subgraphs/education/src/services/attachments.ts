import type { Kysely } from 'kysely'
import { attachmentSettings, type AttachmentSettings } from '@hub/subgraph-kit/attachments/attachments'
import type { AttachmentConfig } from '@hub/subgraph-kit/attachments/config'
import type { DB } from '../db/database.js'
import { findPmpkConclusionById } from '../db/queries/pmpk_conclusion.queries.js'

/** The signed document education keeps scans of: the ПМПК conclusion, read under the rule of the child's conclusions. */
export const EDUCATION_ATTACHABLE: AttachmentSettings<DB>['kinds'] = {
  PMPK_CONCLUSION_SCAN: {
    category: 'pmpk',
    record: 'pmpk conclusion',
    find: (db: Kysely<DB>, id) => findPmpkConclusionById(db, id),
  },
}

/** No person's name is stored outside social: education keeps neither a file's uploaded name nor its uploader's. */
export const educationAttachments = (config: AttachmentConfig) =>
  attachmentSettings(EDUCATION_ATTACHABLE, config, { names: false })
