import type { Kysely } from 'kysely'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import type { SideContext } from '@hub/side-contract/context'
import { createStaffingContext } from '@hub/side-contract/staffing/resolvers'
import { createEventsContext } from '@hub/subgraph-kit/events/resolvers'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import type { DB } from './db/database.js'
import { createLoaders, type Loaders } from './loaders.js'
import type { HealthSignalRules } from './services/signals.js'

export type Context = SideContext<DB, Loaders> & {
  /** Which records send a child-find signal. */
  signals: HealthSignalRules
}

export function createContext(
  access: RequestAccess,
  db: Kysely<DB>,
  signals: HealthSignalRules,
  webhooks: WebhookOptions,
): Context {
  return {
    access,
    db,
    loaders: createLoaders(db),
    staffing: createStaffingContext(db),
    events: createEventsContext(db, webhooks),
    signals,
  }
}
