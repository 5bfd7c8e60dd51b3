import type { Kysely } from 'kysely'
import { auditView, insertAuditRows } from '@hub/subgraph-kit/access/audit'
import type { GrantSource } from '@hub/subgraph-kit/access/request'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import { createEventDelivery, DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import type { SubgraphDefinition } from '@hub/subgraph-kit/server'
import { createSignalDelivery, type SignalDeliveryOptions } from '@hub/side-contract/signals/delivery'
import { INDICATOR_AND_AUDIT_WORK } from '@hub/subgraph-kit/work-budget'
import { attachmentBodyBytes } from '@hub/platform/attachment-content'
import { MAX_REFERENCE_FILE_BYTES } from '@hub/subgraph-kit/reference/import'
import { DEFAULT_SIGNAL_ICD10, parseSignalIcd10 } from './config.js'
import { typeDefs } from './schema.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { inputs } from './inputs.js'

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
    // A dictionary's file travels as base64 in its import mutation.
    bodyBytes: attachmentBodyBytes(MAX_REFERENCE_FILE_BYTES),
    background: delivery,
    events: createEventDelivery(db, 'health', webhooks),
  }
}
