import type { Kysely } from 'kysely'
import { auditView, insertAuditRows } from '@hub/subgraph-kit/access/audit'
import type { GrantSource } from '@hub/subgraph-kit/access/request'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import { createSignalDelivery, type SignalDeliveryOptions } from '@hub/side-contract/signals/delivery'
import { createEventDelivery, DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import type { SubgraphDefinition } from '@hub/subgraph-kit/server'
import { INDICATOR_AND_AUDIT_WORK } from '@hub/subgraph-kit/work-budget'
import { DEFAULT_TRANSITION_AGE_MONTHS } from './config.js'
import { typeDefs } from './schema.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { inputs } from './inputs.js'
import type { AttachmentSettings } from '@hub/subgraph-kit/attachments/attachments'
import { DEFAULT_ATTACHMENTS } from '@hub/subgraph-kit/attachments/config'
import { attachmentBodyBytes } from '@hub/platform/attachment-content'
import { MAX_REFERENCE_FILE_BYTES } from '@hub/subgraph-kit/reference/import'
import { educationAttachments } from './services/attachments.js'

export function createEducationServer({
  db,
  grants,
  transitionAgeMonths = DEFAULT_TRANSITION_AGE_MONTHS,
  signalDelivery,
  credentials,
  webhooks = DEFAULT_WEBHOOK_OPTIONS,
  attachments = educationAttachments(DEFAULT_ATTACHMENTS),
}: {
  db: Kysely<DB>
  grants: GrantSource
  transitionAgeMonths?: number
  /** Where social receives child-find signals; with `credentials`, what education signs its calls with. */
  signalDelivery?: SignalDeliveryOptions
  credentials?: ServiceCredentials
  /** How its events are delivered to subscribed systems; unset: the defaults. */
  webhooks?: WebhookOptions
  /** Where the signed scans are kept and how large one may be; unset: in the database, up to the default size. */
  attachments?: AttachmentSettings<DB>
}): SubgraphDefinition<Context> {
  const settings = Object.freeze({ transitionAgeMonths })
  // Without a delivery (a subgraph tested alone) signals stay in the outbox for a run that delivers them.
  const delivery = signalDelivery && credentials && createSignalDelivery(db, signalDelivery, credentials)
  return {
    name: 'education',
    typeDefs,
    inputs,
    resolvers,
    createContext: (access, scoped) => createContext(access, scoped(db), settings, webhooks, attachments),
    access: { policy, gates, grants, audit: (rows) => insertAuditRows(auditView(db), rows) },
    expensive: INDICATOR_AND_AUDIT_WORK,
    // A scan, or a dictionary's file, travels as base64 in its mutation.
    bodyBytes: attachmentBodyBytes(Math.max(attachments.maxBytes, MAX_REFERENCE_FILE_BYTES)),
    background: delivery,
    events: createEventDelivery(db, 'education', webhooks),
  }
}
