import { ConfigError, type VariableSpec } from './variables.js'

/**
 * The region's time: every service of a deployment counts "today", deadlines and clocks on the region's calendar, and
 * opens its database sessions in the same zone, so that SQL's `current_date` is the services' today. A process serves
 * one region, so the zone is held here, set once at start from `HUB_TIME_ZONE` (`useRegionTimeZone`); the many rules
 * that ask for today (validation, clocks, queues) read it without each taking the zone as an argument.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow'

export const timeZoneVariable: VariableSpec = {
  name: 'HUB_TIME_ZONE',
  description:
    "The region's time zone (IANA name): the day the services and their database sessions count as today, for dates, deadlines and the digest's hour; the same in every service",
  default: DEFAULT_TIME_ZONE,
  requiredInDeployment: false,
}

export function parseTimeZone(name: string, value: string | undefined) {
  try {
    if (!value) throw new RangeError('no time zone')
    new Intl.DateTimeFormat('en', { timeZone: value })
  } catch {
    throw new ConfigError(`${name}: must be an IANA time zone such as Europe/Moscow, got "${value}"`)
  }
  return value
}

/** The zone of `HUB_TIME_ZONE` among the values a service's config read (its variables include `timeZoneVariable`). */
export function loadTimeZone(values: Readonly<Record<string, string | undefined>>) {
  return parseTimeZone(timeZoneVariable.name, values[timeZoneVariable.name])
}

let regionZone = DEFAULT_TIME_ZONE

/** Sets the region's zone for this process; a service calls it once at start with its config's zone. */
export function useRegionTimeZone(timeZone: string) {
  regionZone = parseTimeZone(timeZoneVariable.name, timeZone)
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
