import { loadSubgraphConfig, subgraphVariables } from '@hub/subgraph-kit/config'
import { DEFAULT_SUBGRAPH_PORTS } from '@hub/platform/sides'
import {
  ConfigError,
  parsePositiveInt,
  parseWholeNumber,
  parseUrl,
  readVariables,
  type VariableSpec,
} from '@hub/platform/variables'
import { attachmentVariables, loadAttachmentConfig } from '@hub/subgraph-kit/attachments/config'
import type { MergeSide } from './db/database.js'
import type { MergeDeliveryOptions } from './modules/merges/services/merge-delivery.js'
import type { NotificationOptions } from './modules/pathway/services/notification-scheduler.js'

const MERGE_SIDE_NAMES = { HEALTH: 'health', EDUCATION: 'education', NGO: 'ngo' } as const

const mergeDeliveryVariables: VariableSpec[] = [
  ...Object.values(MERGE_SIDE_NAMES).map((name) => ({
    name: `SOCIAL_${name.toUpperCase()}_URL`,
    description: `GraphQL URL of the ${name} subgraph itself (not the gateway), to which merges of children are delivered and which freezes its part of a filed report`,
    default: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
    requiredInDeployment: true,
  })),
  {
    name: 'SOCIAL_MERGE_RETRY_MS',
    description: 'How often undelivered merges are sent again to a subgraph that was down',
    default: '10000',
    requiredInDeployment: false,
  },
  {
    name: 'SOCIAL_MERGE_TIMEOUT_MS',
    description: 'How long one delivery of a merge to a subgraph may take',
    default: '5000',
    requiredInDeployment: false,
  },
]

const notificationVariables: VariableSpec[] = [
  {
    name: 'SOCIAL_NOTIFY_DAYS_AHEAD',
    description: 'How many calendar days before its due date a running deadline is notified (0: on the due date)',
    default: '3',
    requiredInDeployment: false,
  },
  {
    name: 'SOCIAL_NOTIFY_SWEEP_MS',
    description: 'How often deadlines are swept for crossings and digests due',
    default: '600000',
    requiredInDeployment: false,
  },
  {
    name: 'SOCIAL_DIGEST_AT',
    description: "The region's local time (HH:MM) from which the daily e-mail digest is sent",
    default: '07:00',
    requiredInDeployment: false,
  },
  {
    name: 'SOCIAL_SMTP_URL',
    description: 'The mail server of the digest, smtp://user:password@host:port (smtps:// for TLS); unset: no e-mail',
    requiredInDeployment: false,
  },
  {
    name: 'SOCIAL_MAIL_FROM',
    description: 'The sender of the digest',
    default: 'Ранняя помощь <no-reply@early-help.localhost>',
    requiredInDeployment: false,
  },
  {
    name: 'SOCIAL_SCREENS_URL',
    description: 'Where the screens are served (the gateway), for the links in the digest',
    default: 'http://localhost:4000',
    requiredInDeployment: false,
  },
]

export const variables = [
  ...subgraphVariables('social'),
  ...mergeDeliveryVariables,
  ...notificationVariables,
  ...attachmentVariables('SOCIAL'),
]

function parseTimeOfDay(name: string, value: string | undefined) {
  if (!value || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) {
    throw new ConfigError(`${name}: must be a time of day HH:MM, got "${value}"`)
  }
  return value
}

function loadNotificationOptions(env: NodeJS.ProcessEnv, timeZone: string): NotificationOptions {
  const values = readVariables(notificationVariables, env)
  const smtp = values.SOCIAL_SMTP_URL
  return Object.freeze({
    daysAhead: parseWholeNumber('SOCIAL_NOTIFY_DAYS_AHEAD', values.SOCIAL_NOTIFY_DAYS_AHEAD),
    sweepMs: parsePositiveInt('SOCIAL_NOTIFY_SWEEP_MS', values.SOCIAL_NOTIFY_SWEEP_MS),
    digestAt: parseTimeOfDay('SOCIAL_DIGEST_AT', values.SOCIAL_DIGEST_AT),
    timeZone,
    smtpUrl: smtp ? parseUrl('SOCIAL_SMTP_URL', smtp, ['smtp:', 'smtps:']) : null,
    mailFrom: values.SOCIAL_MAIL_FROM!,
    screensUrl: parseUrl('SOCIAL_SCREENS_URL', values.SOCIAL_SCREENS_URL, ['http:', 'https:']).replace(/\/$/, ''),
  })
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const values = readVariables(mergeDeliveryVariables, env)
  const urls = Object.fromEntries(
    Object.entries(MERGE_SIDE_NAMES).map(([side, name]) => {
      const variable = `SOCIAL_${name.toUpperCase()}_URL`
      return [side, parseUrl(variable, values[variable], ['http:', 'https:'])]
    }),
  ) as Record<MergeSide, string>
  const mergeDelivery: MergeDeliveryOptions = Object.freeze({
    urls: Object.freeze(urls),
    retryMs: parsePositiveInt('SOCIAL_MERGE_RETRY_MS', values.SOCIAL_MERGE_RETRY_MS),
    timeoutMs: parsePositiveInt('SOCIAL_MERGE_TIMEOUT_MS', values.SOCIAL_MERGE_TIMEOUT_MS),
  })
  const subgraph = loadSubgraphConfig('social', env)
  return Object.freeze({
    ...subgraph,
    mergeDelivery,
    notifications: loadNotificationOptions(env, subgraph.timeZone),
    attachments: loadAttachmentConfig('SOCIAL', env),
  })
}
