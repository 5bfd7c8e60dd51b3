import { serverAudits, type AuditResult } from 'graphql-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'

/**
 * The GraphQL over HTTP specification's audits (`graphql-http`), run against a service with a signed-in caller: every
 * MUST rule passes. SHOULD and MAY rules are reported by the audit but not required here.
 */
async function failedMustRules(url: string, authorization: string) {
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    headers.set('authorization', authorization)
    return fetch(input, { ...init, headers })
  }
  const failures: string[] = []
  const audits = serverAudits({ url, fetchFn })
  for (const audit of audits.filter((candidate) => candidate.name.startsWith('MUST'))) {
    const result: AuditResult = await audit.fn()
    if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`)
  }
  return { failures, audited: audits.length }
}

describe.each(backends)('GraphQL over HTTP (%s)', (backend) => {
  let hub: Hub
  let authorization: string

  beforeAll(async () => {
    hub = await startHub(backend)
    authorization = await authorizationFor(viewers.coordinator('regional'))
  }, 60_000)
  afterAll(() => hub?.stop())

  it('passes every MUST audit at the gateway', async () => {
    const { failures, audited } = await failedMustRules(hub.gateway.url, authorization)
    expect(audited).toBeGreaterThan(30)
    expect(failures).toEqual([])
  })

  it.each(SUBGRAPH_NAMES)('passes every MUST audit at the %s subgraph', async (name) => {
    const { failures } = await failedMustRules(hub.services[name].url, authorization)
    expect(failures).toEqual([])
  })
})
