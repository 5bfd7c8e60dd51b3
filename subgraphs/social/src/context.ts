import type { Kysely } from 'kysely'
import type { RequestAccess } from '../../kit/src/access/request.js'
import {
  createAttachmentContext,
  type AttachmentContext,
  type AttachmentSettings,
} from '../../kit/src/attachments/attachments.js'
import type { SubgraphContext } from '../../kit/src/server.js'
import { createStaffingContext } from '../../kit/src/staffing/resolvers.js'
import { createEventsContext } from '../../kit/src/events/resolvers.js'
import type { WebhookOptions } from '../../kit/src/events/delivery.js'
import type { DB } from './db/database.js'
import { createLoaders, type Loaders } from './loaders.js'
import type { SideEndpoints } from './side-indicators.js'
import type { LiveFigures } from './services/indicators.js'

export type Context = SubgraphContext<DB, Loaders> & {
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
