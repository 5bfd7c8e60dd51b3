import type { Kysely } from 'kysely'
import { auditView, insertAuditRows } from '../../kit/src/access/audit.js'
import type { GrantSource } from '../../kit/src/access/request.js'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import { createEventDelivery, DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from '../../kit/src/events/delivery.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { createSignalDelivery, type SignalDeliveryOptions } from '../../kit/src/signals/delivery.js'
import { INDICATOR_AND_AUDIT_WORK } from '../../kit/src/work-budget.js'
import { DEFAULT_SIGNAL_ICD10, parseSignalIcd10 } from './config.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { inputs } from './inputs.js'

const typeDefs = subgraphTypeDefs('health')

/**
 * Without `signalDelivery` (a subgraph tested alone) child-find signals are written to the outbox and stay there
 * for a later run that delivers them.
 */
export function createHealthServer({
  db,
  grants,
  signalIcd10 = parseSignalIcd10(DEFAULT_SIGNAL_ICD10),
  signalDelivery,
  credentials,
  webhooks = DEFAULT_WEBHOOK_OPTIONS,
}: {
  db: Kysely<DB>
  grants: GrantSource
  /** МКБ-10 codes or their beginnings whose diagnosis sends a signal. */
  signalIcd10?: readonly string[]
  /** Where social receives signals; with `credentials`, what health signs its calls with. */
  signalDelivery?: SignalDeliveryOptions
  credentials?: ServiceCredentials
  /** How its events are delivered to subscribed systems; unset: the defaults. */
  webhooks?: WebhookOptions
}): SubgraphDefinition<Context> {
  const delivery = signalDelivery && credentials && createSignalDelivery(db, signalDelivery, credentials)
  const signals = Object.freeze({ icd10: signalIcd10 })
  return {
    name: 'health',
    typeDefs,
    inputs,
    resolvers,
    createContext: (access, scoped) => createContext(access, scoped(db), signals, webhooks),
    access: { policy, gates, grants, audit: (rows) => insertAuditRows(auditView(db), rows) },
    expensive: INDICATOR_AND_AUDIT_WORK,
    background: delivery,
    events: createEventDelivery(db, 'health', webhooks),
  }
}
