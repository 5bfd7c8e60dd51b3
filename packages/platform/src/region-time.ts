/**
 * The region's time: every service of a deployment counts "today", deadlines and clocks on the region's calendar, and
 * opens its database sessions in the same zone, so that SQL's `current_date` is the services' today. A process serves
 * one region, so the zone is held here, set once at start (`setRegionTimeZone`): by a service from `HUB_TIME_ZONE`
 * (`region-time-config.ts`), by the screens from the gateway's `GET /auth/config`. The many rules that ask for today
 * (validation, clocks, queues, a form's default date) read it without each taking the zone as an argument.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow'

/** Whether `value` names a time zone of the IANA database that this runtime knows. */
export function isTimeZone(value: string | undefined): value is string {
  if (!value) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

let regionZone = DEFAULT_TIME_ZONE

/** Sets the region's zone for this process; a service calls it once at start with its config's zone. */
export function setRegionTimeZone(timeZone: string) {
  if (!isTimeZone(timeZone)) throw new RangeError(`not an IANA time zone: "${timeZone}"`)
  regionZone = timeZone
}

export function regionTimeZone() {
  return regionZone
}

/** The region's day ('YYYY-MM-DD') and time ('HH:MM') at `now`. */
export function regionTime(now: Date = new Date(), timeZone: string = regionZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  )
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

/** The region's calendar day ('YYYY-MM-DD') of an instant; without one, today in the region. */
export function regionDay(instant: Date = new Date(), timeZone: string = regionZone) {
  return regionTime(instant, timeZone).day
}
