import type { NotificationOptions } from '../../src/modules/pathway/services/notification-scheduler.js'

/** Deadline notifications as a test runs them: three days ahead, the digest from 07:00 Moscow time, no timer. */
export const NOTIFY: NotificationOptions = {
  daysAhead: 3,
  sweepMs: 60_000,
  digestAt: '07:00',
  timeZone: 'Europe/Moscow',
  screensUrl: 'https://hub.example.ru',
  smtpUrl: null,
  mailFrom: 'Ранняя помощь <no-reply@hub.example.ru>',
}

/** A moment of a day of the region (Moscow time). */
export const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00+03:00`)
