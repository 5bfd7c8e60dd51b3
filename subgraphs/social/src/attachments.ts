import type { Kysely } from 'kysely'
import type { AttachmentSettings } from '@hub/subgraph-kit/attachments/attachments'
import { attachmentSettings } from '@hub/subgraph-kit/attachments/attachments'
import type { AttachmentConfig } from '@hub/subgraph-kit/attachments/config'
import { badUserInput } from '@hub/platform/errors'
import type { DB } from './db/database.js'
import { findCriterionById } from './modules/registry/queries/child_criterion.queries.js'
import { findConsentsByIds } from './modules/families/queries/consent.queries.js'
import { findProgrammesByIds } from './modules/pathway/queries/programme.queries.js'

const first = async <T>(rows: Promise<T[]>) => (await rows)[0]

/**
 * The signed documents social keeps scans of, each read under the rule of its record: the ИПРП as programme data,
 * the consent as family data, the disability certificate (МСЭ) as the child's target-group criteria.
 */
export const SOCIAL_ATTACHABLE: AttachmentSettings<DB>['kinds'] = {
  PROGRAMME_SCAN: {
    category: 'programme',
    record: 'programme',
    find: (db: Kysely<DB>, id) => first(findProgrammesByIds(db, [id])),
  },
  CONSENT_SCAN: {
    category: 'family',
    record: 'consent',
    find: (db: Kysely<DB>, id) => first(findConsentsByIds(db, [id])),
  },
  DISABILITY_CERTIFICATE_SCAN: {
    category: 'criteria',
    record: 'criterion',
    async find(db: Kysely<DB>, id) {
      const criterion = await findCriterionById(db, id)
      if (criterion && criterion.code !== 'DISABLED_CHILD') {
        throw badUserInput(
          'input.recordId',
          'ATTACHMENT_RECORD',
          `a disability certificate is attached to a DISABLED_CHILD criterion, not ${criterion.code}`,
        )
      }
      return criterion
    },
  },
}

/** Social holds people's identity: it keeps the names of the files and of who attached them. */
export const socialAttachments = (config: AttachmentConfig) =>
  attachmentSettings(SOCIAL_ATTACHABLE, config, { names: true })
