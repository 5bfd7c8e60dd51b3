import type { Kysely } from 'kysely'
import { MAX_REFERENCE_FILE_BYTES } from '@hub/subgraph-kit/reference/import'
import { auditView, insertAuditRows } from '@hub/subgraph-kit/access/audit'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import type { ChangeWatch } from '@hub/subgraph-kit/changes'
import { createEventDelivery, DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import type { SubgraphDefinition } from '@hub/subgraph-kit/server'
import { INDICATOR_AND_AUDIT_WORK, longPage, type ExpensiveFields } from '@hub/subgraph-kit/work-budget'
import { typeDefs } from './schema.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { createMergeDelivery, type MergeDeliveryOptions } from './modules/merges/services/merge-delivery.js'
import {
  createNotificationScheduler,
  type NotificationOptions,
} from './modules/pathway/services/notification-scheduler.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { grantsFromRegistry } from './modules/families/services/consents.js'
import { liveFigures } from './modules/monitoring/services/indicators.js'
import { inputs } from './inputs.js'
import { createStaffDirectory } from './modules/pathway/services/programme-leads.js'
import { today } from '@hub/subgraph-kit/validation'
import type { AttachmentSettings } from '@hub/subgraph-kit/attachments/attachments'
import { DEFAULT_ATTACHMENTS } from '@hub/subgraph-kit/attachments/config'
import { attachmentBodyBytes } from '@hub/platform/attachment-content'
import { socialAttachments } from './attachments.js'

/** Social's work that grows with the registry: figures, summaries and cohorts over it, long pages, a report's filing. */
const SOCIAL_EXPENSIVE_FIELDS: ExpensiveFields = {
  ...INDICATOR_AND_AUDIT_WORK,
  'Query.regionalIndicators': true,
  'Query.indicators': true,
  'Query.indicatorCohort': true,
  'Query.indicatorChildren': true,
  'Query.registrySummary': true,
  'Query.registryCohort': true,
  'Query.children': longPage(50),
  'Mutation.fileQuarterlyReport': true,
}

/**
 * Without `mergeDelivery` (a subgraph tested alone) merges are recorded
 * and stay queued for the other subgraphs.
 */
export function createSocialServer({
  db,
  mergeDelivery,
  credentials,
  figureChanges,
  notifications,
  webhooks = DEFAULT_WEBHOOK_OPTIONS,
  attachments = socialAttachments(DEFAULT_ATTACHMENTS),
}: {
  db: Kysely<DB>
  /** How its events are delivered to subscribed systems; unset: the defaults. */
  webhooks?: WebhookOptions
  mergeDelivery?: MergeDeliveryOptions
  /** The deadline sweep and the daily digest; without it (a subgraph tested alone) neither runs on a timer. */
  notifications?: NotificationOptions
  /** What social signs its own calls to the other subgraphs with. */
  credentials?: ServiceCredentials
  /** A watch of `FIGURES_CHANNEL`: live figures are remembered until social's data changes; without it, never. */
  figureChanges?: ChangeWatch
  /** Where the signed scans are kept and how large one may be; unset: in the database, up to the default size. */
  attachments?: AttachmentSettings<DB>
}): SubgraphDefinition<Context> {
  const live = liveFigures(figureChanges)
  const staffDirectory = createStaffDirectory(db, today)
  const delivery = mergeDelivery && credentials && createMergeDelivery(db, mergeDelivery, credentials)
  const scheduler = notifications && createNotificationScheduler(db, notifications)
  const background = [delivery, scheduler].filter((work) => work !== undefined)
  const sides = mergeDelivery &&
    credentials && { urls: mergeDelivery.urls, timeoutMs: mergeDelivery.timeoutMs, credentials }
  return {
    name: 'social',
    typeDefs,
    inputs,
    resolvers,
    createContext: (access, scoped) => {
      // Outside the request's statements: the directory's write must outlive a request the client abandons.
      staffDirectory.note(access.viewer)
      return createContext(access, scoped(db), () => delivery?.wake(), sides, live, webhooks, attachments)
    },
    access: { policy, gates, grants: grantsFromRegistry(db), audit: (rows) => insertAuditRows(auditView(db), rows) },
    expensive: SOCIAL_EXPENSIVE_FIELDS,
    // A scan, or a dictionary's file, travels as base64 in its mutation.
    bodyBytes: attachmentBodyBytes(Math.max(attachments.maxBytes, MAX_REFERENCE_FILE_BYTES)),
    background: {
      start: (logger) => background.forEach((work) => work.start(logger)),
      stop: async () => void (await Promise.all(background.map((work) => work.stop()))),
    },
    events: createEventDelivery(db, 'social', webhooks),
  }
}
