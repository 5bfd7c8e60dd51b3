import { DEFAULT_TIME_ZONE, isTimeZone } from './region-time.js'
import { ConfigError, type VariableSpec } from './variables.js'

/** The region's time zone, one variable every service reads unprefixed, so that all count the same day. */
export const timeZoneVariable: VariableSpec = {
  name: 'HUB_TIME_ZONE',
  description:
    "The region's time zone (IANA name): the day the services and their database sessions count as today, for dates, deadlines and the digest's hour; the same in every service",
  default: DEFAULT_TIME_ZONE,
  requiredInDeployment: false,
}

/** The zone of `HUB_TIME_ZONE` among the values a service's config read (its variables include `timeZoneVariable`). */
export function loadTimeZone(values: Readonly<Record<string, string | undefined>>) {
  const value = values[timeZoneVariable.name]
  if (!isTimeZone(value)) {
    throw new ConfigError(`${timeZoneVariable.name}: must be an IANA time zone such as Europe/Moscow, got "${value}"`)
  }
  return value
}
