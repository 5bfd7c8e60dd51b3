import { ConfigError, parsePositiveInt, parseUrl, readVariables, type VariableSpec } from '@hub/platform/variables'
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '@hub/platform/attachment-content'
import type { S3Settings } from './store.js'

/** How a side that keeps signed scans stores them and how large one may be. */
export interface AttachmentConfig {
  maxBytes: number
  /** Where the bytes go: the side's own database when null. */
  s3: S3Settings | null
}

/** Without configuration: the side's database, files up to the default size. */
export const DEFAULT_ATTACHMENTS: AttachmentConfig = Object.freeze({ maxBytes: DEFAULT_MAX_ATTACHMENT_BYTES, s3: null })

const S3_PARTS = ['URL', 'BUCKET', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY'] as const

/** The variables of a side's attachments, under its prefix (`SOCIAL_ATTACHMENTS_MAX_BYTES`, …). */
export function attachmentVariables(prefix: string): VariableSpec[] {
  const s3 = (part: string, description: string) => ({
    name: `${prefix}_ATTACHMENTS_S3_${part}`,
    description,
    requiredInDeployment: false,
  })
  return [
    {
      name: `${prefix}_ATTACHMENTS_MAX_BYTES`,
      description: 'Largest signed scan one may attach, in bytes',
      default: String(DEFAULT_MAX_ATTACHMENT_BYTES),
      requiredInDeployment: false,
    },
    s3('URL', 'S3-compatible object store for the attachments (unset: they are kept in the database)'),
    s3('BUCKET', 'Its bucket, which must exist'),
    s3('ACCESS_KEY_ID', 'Its access key id'),
    s3('SECRET_ACCESS_KEY', 'Its secret access key'),
    { ...s3('REGION', 'Region the store signs requests for'), default: 'us-east-1' },
  ]
}

/** Reads the attachments' variables once; an object store is configured by all four of its variables or none. */
export function loadAttachmentConfig(prefix: string, env: NodeJS.ProcessEnv): AttachmentConfig {
  const values = readVariables(attachmentVariables(prefix), env)
  const name = (part: string) => `${prefix}_ATTACHMENTS_S3_${part}`
  const maxBytes = parsePositiveInt(`${prefix}_ATTACHMENTS_MAX_BYTES`, values[`${prefix}_ATTACHMENTS_MAX_BYTES`])
  const set = S3_PARTS.filter((part) => values[name(part)] !== undefined)
  if (set.length === 0) return Object.freeze({ maxBytes, s3: null })
  const missing = S3_PARTS.find((part) => values[name(part)] === undefined)
  if (missing !== undefined) {
    throw new ConfigError(`${name(missing)}: must be set with ${name(set[0]!)} (an object store needs all four)`)
  }
  const s3: S3Settings = Object.freeze({
    url: parseUrl(name('URL'), values[name('URL')], ['http:', 'https:']),
    bucket: values[name('BUCKET')]!,
    region: values[name('REGION')]!,
    accessKeyId: values[name('ACCESS_KEY_ID')]!,
    secretAccessKey: values[name('SECRET_ACCESS_KEY')]!,
  })
  return Object.freeze({ maxBytes, s3 })
}
