import { ConfigError, parseUrl, type VariableSpec } from '../variables.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** What a service reports about itself: how much it logs, and where its traces go (none unless configured). */
export interface TelemetryConfig {
  logLevel: LogLevel
  /** The OTLP/HTTP traces URL; unset means no span is made and nothing is sent. */
  tracesUrl?: string
  /** The bearer token `/metrics` asks for; unset means it answers anyone who reaches the port. */
  metricsToken?: string
}

/** The variables of a service's logs and traces, prefixed like its others (`GATEWAY_LOG_LEVEL`, `HEALTH_TRACING`). */
export function telemetryVariables(prefix: string): VariableSpec[] {
  return [
    {
      name: `${prefix}_LOG_LEVEL`,
      description: `Lowest level of the JSON log lines written to stdout (${LOG_LEVELS.join(', ')})`,
      default: 'info',
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_TRACING`,
      description: 'off, or otlp to export OpenTelemetry spans over OTLP/HTTP',
      default: 'off',
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_OTLP_TRACES_URL`,
      description: `Where the spans go when ${prefix}_TRACING=otlp (an OpenTelemetry collector's OTLP/HTTP traces endpoint)`,
      default: 'http://127.0.0.1:4318/v1/traces',
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_METRICS_TOKEN`,
      description: 'Bearer token GET /metrics requires (at least 16 characters); unset means no token is asked for',
      requiredInDeployment: false,
    },
  ]
}

export function loadTelemetryConfig(prefix: string, values: Readonly<Record<string, string | undefined>>) {
  const level = values[`${prefix}_LOG_LEVEL`]
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    throw new ConfigError(`${prefix}_LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`)
  }
  const tracing = values[`${prefix}_TRACING`]
  if (tracing !== 'off' && tracing !== 'otlp') {
    throw new ConfigError(`${prefix}_TRACING: must be off or otlp, got "${tracing}"`)
  }
  const urlName = `${prefix}_OTLP_TRACES_URL`
  const metricsToken = values[`${prefix}_METRICS_TOKEN`]
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) {
    throw new ConfigError(`${prefix}_METRICS_TOKEN: must be at least 16 printable characters without spaces`)
  }
  return Object.freeze({
    logLevel: level as LogLevel,
    tracesUrl: tracing === 'otlp' ? parseUrl(urlName, values[urlName], ['http:', 'https:']) : undefined,
    metricsToken,
  }) satisfies TelemetryConfig
}
