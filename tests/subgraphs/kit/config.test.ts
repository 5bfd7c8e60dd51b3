import { describe, expect, it } from 'vitest'
import { loadConfig as loadGatewayConfig } from '../../../gateway/src/config.js'
import { loadSubgraphConfig } from '@hub/subgraph-kit/config'
import { ConfigError } from '@hub/platform/variables'

describe('service configuration', () => {
  it('defaults a subgraph to its embedded database under data/<name> on its own port', () => {
    const config = loadSubgraphConfig('health', {})
    expect(config.port).toBe(4002)
    expect(config.database).toEqual({ dataDir: expect.stringMatching(/data\/health$/) })
  })

  it('uses PostgreSQL when the subgraph’s database URL is set', () => {
    const config = loadSubgraphConfig('ngo', { NGO_DATABASE_URL: 'postgres://postgres@db:5432/ngo' })
    expect(config.database).toEqual({ url: 'postgres://postgres@db:5432/ngo' })
  })

  it('names the variable and the rule when a value is invalid', () => {
    expect(() => loadSubgraphConfig('social', { SOCIAL_PORT: 'eighty' })).toThrow(
      new ConfigError('SOCIAL_PORT: must be a TCP port number from 0 to 65535, got "eighty"'),
    )
    expect(() => loadSubgraphConfig('social', { SOCIAL_DATABASE_URL: 'mysql://x/y' })).toThrow(
      /SOCIAL_DATABASE_URL: must use/,
    )
    expect(() => loadGatewayConfig({ GATEWAY_SUBGRAPH_TIMEOUT_MS: '-5' })).toThrow(/GATEWAY_SUBGRAPH_TIMEOUT_MS/)
  })

  it('refuses in production to fall back to the embedded database', () => {
    expect(() =>
      loadSubgraphConfig('education', { NODE_ENV: 'production', EDUCATION_HOST: '0.0.0.0', EDUCATION_PORT: '4003' }),
    ).toThrow(/EDUCATION_DATABASE_URL: must be set when NODE_ENV=production/)
  })

  it('gives each subgraph its own timeout, defaulting to the gateway-wide one', () => {
    const config = loadGatewayConfig({ GATEWAY_SUBGRAPH_TIMEOUT_MS: '2500', GATEWAY_HEALTH_TIMEOUT_MS: '800' })
    expect(config.subgraphs.health.timeoutMs).toBe(800)
    expect(config.subgraphs.social.timeoutMs).toBe(2500)
  })

  it('logs at info and traces nothing unless tracing is switched on', () => {
    expect(loadSubgraphConfig('health', {}).telemetry).toEqual({
      logLevel: 'info',
      tracesUrl: undefined,
      metricsToken: undefined,
    })
    expect(loadGatewayConfig({ GATEWAY_LOG_LEVEL: 'warn', GATEWAY_TRACING: 'otlp' }).telemetry).toEqual({
      logLevel: 'warn',
      tracesUrl: 'http://127.0.0.1:4318/v1/traces',
      metricsToken: undefined,
    })
    expect(
      loadSubgraphConfig('ngo', { NGO_TRACING: 'otlp', NGO_OTLP_TRACES_URL: 'http://collector:4318/v1/traces' })
        .telemetry.tracesUrl,
    ).toBe('http://collector:4318/v1/traces')
  })

  it('names the variable and the rule when a log level or the tracing switch is invalid', () => {
    expect(() => loadSubgraphConfig('social', { SOCIAL_LOG_LEVEL: 'verbose' })).toThrow(
      new ConfigError('SOCIAL_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'),
    )
    expect(() => loadGatewayConfig({ GATEWAY_TRACING: 'jaeger' })).toThrow(
      new ConfigError('GATEWAY_TRACING: must be off or otlp, got "jaeger"'),
    )
    expect(() =>
      loadSubgraphConfig('education', { EDUCATION_TRACING: 'otlp', EDUCATION_OTLP_TRACES_URL: 'grpc://x' }),
    ).toThrow(/EDUCATION_OTLP_TRACES_URL: must use http: or https:/)
  })
})
