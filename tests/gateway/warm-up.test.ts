import { readdirSync, readFileSync } from 'node:fs'
import { QueryPlanner } from '@apollo/query-planner'
import { parse, print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startGateway } from '../../gateway/src/server.js'
import { ChildCardDocument } from '../../schema/__generated__/operations.js'
import { freePorts } from '../../scripts/processes.js'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, viewers } from '@hub/testing/auth'
import { postGraphQL } from '@hub/testing/graphql'
import { supergraphSdl } from '../support/hub.js'

const operationsDir = new URL('../../schema/operations/', import.meta.url)
const committed = readdirSync(operationsDir).filter(
  (file) =>
    file.endsWith('.graphql') &&
    parse(readFileSync(new URL(file, operationsDir), 'utf8')).definitions.some(
      (definition) => definition.kind === 'OperationDefinition',
    ),
)

describe('the gateway planning the committed operations at start', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>

  beforeAll(async () => {
    // No subgraph listens: the warm-up must reach none.
    const ports = await freePorts(SUBGRAPH_NAMES.length)
    gateway = await startGateway(
      {
        supergraphSdl,
        verifier: testGatewayVerifier,
        callSigner: testGatewaySigner,
        subgraphs: Object.fromEntries(
          SUBGRAPH_NAMES.map((name, i) => [name, { url: `http://127.0.0.1:${ports[i]}/graphql`, timeoutMs: 1_000 }]),
        ),
      },
      { host: '127.0.0.1', port: 0 },
    )
  })
  afterAll(() => gateway?.stop())

  it('plans every committed operation before it listens, with every subgraph down', () => {
    expect(committed.length).toBeGreaterThan(50)
    expect(gateway.warmedUp.unplanned).toEqual([])
    expect(gateway.warmedUp.operations).toBe(committed.length)
  })

  it('answers a committed operation from the cached plan and plans an operation it has not seen', async () => {
    const planned = vi.spyOn(QueryPlanner.prototype, 'buildQueryPlan')
    try {
      const authorization = await authorizationFor(viewers.coordinator('regional'))
      const card = await postGraphQL(gateway.url, print(ChildCardDocument), { id: crypto.randomUUID() }, authorization)
      expect(card.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', serviceName: 'social' })
      expect(planned).not.toHaveBeenCalled()
      await postGraphQL(gateway.url, '{ providers { id } }', {}, authorization)
      expect(planned).toHaveBeenCalledTimes(1)
    } finally {
      planned.mockRestore()
    }
  })
})
