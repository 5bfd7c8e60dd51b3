import type { Kysely } from 'kysely'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import {
  createAttachmentContext,
  type AttachmentContext,
  type AttachmentSettings,
} from '@hub/subgraph-kit/attachments/attachments'
import type { SideContext } from '@hub/side-contract/context'
import { createStaffingContext } from '@hub/side-contract/staffing/resolvers'
import { createEventsContext } from '@hub/subgraph-kit/events/resolvers'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import type { DB } from './db/database.js'
import { createLoaders, type Loaders } from './loaders.js'

/** What the education subgraph is configured with (config.ts), fixed for the life of the process. */
export interface EducationSettings {
  /** Age in months from which a child without a place is due for transition planning. */
  transitionAgeMonths: number
}

export type Context = SideContext<DB, Loaders> & {
  settings: EducationSettings
  /** The signed scans of education's documents: where they are kept, and this request's loader of them. */
  attachments: AttachmentContext<DB>
}

export function createContext(
  access: RequestAccess,
  db: Kysely<DB>,
  settings: EducationSettings,
  webhooks: WebhookOptions,
  attachments: AttachmentSettings<DB>,
): Context {
  return {
    access,
    db,
    loaders: createLoaders(db),
    staffing: createStaffingContext(db),
    events: createEventsContext(db, webhooks),
    settings,
    attachments: createAttachmentContext(db, attachments),
  }
}
