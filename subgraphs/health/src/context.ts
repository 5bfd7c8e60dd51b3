import type { Kysely } from 'kysely'
import type { RequestAccess } from '../../kit/src/access/request.js'
import type { SubgraphContext } from '../../kit/src/server.js'
import { createStaffingContext } from '../../kit/src/staffing/resolvers.js'
import { createEventsContext } from '../../kit/src/events/resolvers.js'
import type { WebhookOptions } from '../../kit/src/events/delivery.js'
import type { DB } from './db/database.js'
import { createLoaders, type Loaders } from './loaders.js'
import type { HealthSignalRules } from './services/signals.js'

export type Context = SubgraphContext<DB, Loaders> & {
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
