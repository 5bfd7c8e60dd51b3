import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The header that carries the signature of a webhook's body: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-hub-signature'

/** A new subscription's secret: 32 random bytes, shown once to the administrator who created it. */
export function newWebhookSecret() {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

function digest(secret: string, timestamp: number, body: string) {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

/** The signature header of a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string) {
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`
}

/**
 * Whether a received body carries a valid signature made within `toleranceSeconds` of `now` (unix seconds): what a
 * receiver checks before it trusts a webhook, so that a captured request cannot be replayed later.
 */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  { now = Math.floor(Date.now() / 1000), toleranceSeconds = 300 } = {},
) {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]))
  const timestamp = Number(parts.t)
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds || !parts.v1) return false
  const expected = Buffer.from(digest(secret, timestamp, body), 'hex')
  const given = Buffer.from(parts.v1, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
