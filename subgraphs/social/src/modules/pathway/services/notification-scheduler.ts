import type { Kysely } from 'kysely'
import nodemailer from 'nodemailer'
import type { Logger } from '@hub/platform/telemetry/logger'
import { regionTime } from '@hub/platform/region-time'
import type { DB } from '../../../db/database.js'
import {
  listRecipientsDueForDigest,
  lockRecipientDueForDigest,
  markDigestSent,
} from '../queries/notification_recipient.queries.js'
import { findProvidersByIds } from '../../providers/queries/provider.queries.js'
import { loadCalendar } from '../loaders.js'
import { composeDigest, type Digest } from './digest.js'
import { audienceOf, findCrossings, reaches, recordCrossings } from './notifications.js'

/** How deadline notifications run: the window, the region's digest hour, the links and the mail server. */
export interface NotificationOptions {
  /** A running clock is notified this many calendar days before its due date. */
  daysAhead: number
  /** How often the sweep looks for crossings and for digests due. */
  sweepMs: number
  /** The region's local time ('HH:MM') from which the day's digest goes out. */
  digestAt: string
  /** The region's time zone (IANA), which decides the day and the hour. */
  timeZone: string
  /** Where the screens are: links in e-mails lead there. */
  screensUrl: string
  /** smtp://user:pass@host:port or smtps://…; null: e-mail is off. */
  smtpUrl: string | null
  mailFrom: string
}

/** What sends one message; nodemailer over SMTP in the subgraph. */
export interface Mailer {
  send(message: Digest & { to: string }): Promise<unknown>
  close(): void
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl)
  return {
    send: (message) => transport.sendMail({ from, ...message }),
    close: () => transport.close(),
  }
}

export interface RoundResult {
  /** Notifications written by this round's sweep. */
  created: number
  /** Digests e-mailed. */
  sent: number
  /** Digests whose sending failed: retried by the next round. */
  failed: number
}

/**
 * One round at `now`: the sweep writes the crossings of the region's day, then, from the digest hour on, each
 * registered member of staff who wants the digest and has not had it today gets one. A digest is marked sent in the
 * transaction that holds the recipient's row while the message goes out: a failure leaves it unmarked for the next
 * round, and a restart does not send it again.
 */
export async function runNotificationRound(
  db: Kysely<DB>,
  options: NotificationOptions,
  mailer: Mailer | null,
  now: Date,
  logger?: Logger,
): Promise<RoundResult> {
  const { day, time } = regionTime(now, options.timeZone)
  const calendar = await loadCalendar(db)
  const crossings = await findCrossings(db, calendar, day, options.daysAhead)
  const created = await recordCrossings(db, crossings)
  const result = { created, sent: 0, failed: 0 }
  if (!mailer || time < options.digestAt) return result

  const recipients = await listRecipientsDueForDigest(db, day)
  if (recipients.length === 0) return result
  const providerIds = new Set(crossings.flatMap((crossing) => (crossing.providerId ? [crossing.providerId] : [])))
  const providers = new Map(
    (await findProvidersByIds(db, [...providerIds])).map((provider) => [provider.id, provider.name]),
  )
  for (const recipient of recipients) {
    try {
      const sent = await db.transaction().execute(async (trx) => {
        const locked = await lockRecipientDueForDigest(trx, recipient.subject, day)
        if (!locked?.email) return false
        const audience = audienceOf(locked)
        const items = crossings
          .filter((crossing) => reaches(audience, crossing.providerId))
          .map((crossing) => ({
            crossing,
            providerName: crossing.providerId ? (providers.get(crossing.providerId) ?? '—') : null,
          }))
        if (items.length > 0) {
          const digest = composeDigest({
            name: locked.name,
            items,
            calendar,
            today: day,
            screensUrl: options.screensUrl,
          })
          await mailer.send({ to: locked.email, ...digest })
        }
        await markDigestSent(trx, locked.subject, day)
        return items.length > 0
      })
      if (sent) result.sent++
    } catch (error) {
      result.failed++
      logger?.warn({ err: error, subject: recipient.subject }, 'deadline digest not sent; retried on the next round')
    }
  }
  return result
}

/**
 * The sweep and the digest on a timer, started once the subgraph listens and stopped before it: rounds never
 * overlap, and stopping waits for the round under way.
 */
export function createNotificationScheduler(db: Kysely<DB>, options: NotificationOptions) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false
  let mailer: Mailer | null = null

  function schedule(logger: Logger) {
    if (!stopped) timer = setTimeout(() => round(logger), options.sweepMs)
  }

  function round(logger: Logger) {
    running = runNotificationRound(db, options, mailer, new Date(), logger)
      .then((result) => {
        if (result.created || result.sent || result.failed) logger.info(result, 'deadline notifications')
      })
      .catch((error: unknown) => logger.error({ err: error }, 'deadline notification round failed'))
      .finally(() => {
        running = undefined
        schedule(logger)
      })
  }

  return {
    start(logger: Logger) {
      if (options.smtpUrl) mailer = smtpMailer(options.smtpUrl, options.mailFrom)
      else logger.info('deadline digests by e-mail are off: SOCIAL_SMTP_URL is not set')
      round(logger)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
      mailer?.close()
    },
  }
}
