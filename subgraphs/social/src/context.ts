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
import type { SideEndpoints } from './modules/monitoring/services/side-indicators.js'
import type { LiveFigures } from './modules/monitoring/services/indicators.js'

export type Context = SideContext<DB, Loaders> & {
  /** Tells the merge delivery that a merge or undo has committed and waits for the other subgraphs. */
  mergeCommitted: () => void
  /** The other subgraphs, asked to freeze their part of a report being filed; absent when social runs alone. */
  sides: SideEndpoints | undefined
  /** The signed scans of social's documents: where they are kept, and this request's loader of them. */
  attachments: AttachmentContext<DB>
}

export function createContext(
  access: RequestAccess,
  db: Kysely<DB>,
  mergeCommitted: () => void,
  sides: SideEndpoints | undefined,
  live: LiveFigures,
  webhooks: WebhookOptions,
  attachments: AttachmentSettings<DB>,
): Context {
  return {
    access,
    db,
    loaders: createLoaders(db, live),
    staffing: createStaffingContext(db),
    events: createEventsContext(db, webhooks),
    attachments: createAttachmentContext(db, attachments),
    mergeCommitted,
    // The freeze of a report is made for this request: the other sides log it under its id.
    sides: sides && { ...sides, callHeaders: access.callHeaders },
  }
}
