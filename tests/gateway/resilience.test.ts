import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChildCardDocument,
  RegisterChildDocument,
  type ChildCardQuery,
  type RegisterChildMutation,
} from '../../schema/__generated__/operations.js'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startFaultProxy, type FaultProxy } from '../support/faults.js'
import { MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'
import { daysFromToday } from '@hub/testing/writes'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'

const OPEN_MS = 1_000

interface ReadyAnswer {
  subgraphs: { name: string; reachable: boolean; circuit: string }[]
}

async function circuits(hub: Hub) {
  // The circuits are an operator's detail: anyone else gets the status only.
  const response = await fetch(new URL('/readyz', hub.gateway.url), {
    headers: { authorization: await authorizationFor(viewers.administrator('regional')) },
  })
  const body = (await response.json()) as ReadyAnswer
  return Object.fromEntries(body.subgraphs.map(({ name, circuit }) => [name, circuit]))
}

/** `hub_subgraph_circuit_open` by subgraph, from the gateway's /metrics. */
async function circuitGauges(hub: Hub) {
  const text = await (await fetch(new URL('/metrics', hub.gateway.url))).text()
  return Object.fromEntries(
    [...text.matchAll(/^hub_subgraph_circuit_open\{[^}]*subgraph="(\w+)"[^}]*\} (\d+)$/gm)].map(([, name, value]) => [
      name,
      Number(value),
    ]),
  )
}

function registration(lastName: string) {
  return {
    input: {
      lastName,
      firstName: 'Пётр',
      birthDate: daysFromToday(-200),
      sex: 'MALE' as const,
      municipality: MUNICIPALITY.oktmo,
      source: 'SOCIAL' as const,
      criteria: [
        {
          code: 'PARENT_CONCERN' as const,
          evidenceDocument: 'Заявление матери',
          evidenceDate: daysFromToday(-30),
          validFrom: daysFromToday(-30),
        },
      ],
    },
  }
}

describe.each(backends)('the gateway’s retries and circuit breakers (%s)', (backend) => {
  let hub: Hub
  let proxies: Record<SubgraphName, FaultProxy>
  let childId: string

  beforeAll(async () => {
    // Each subgraph behind a proxy the test can break: the gateway calls the proxies.
    hub = await startHub(backend, {
      timeoutMs: 2_000,
      resilience: { retries: 2, retryBaseMs: 20, failuresToOpen: 3, openMs: OPEN_MS },
      urls: async (started) => {
        proxies = Object.fromEntries(
          await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await startFaultProxy(started[name])])),
        ) as Record<SubgraphName, FaultProxy>
        return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, proxies[name].url]))
      },
    })
    childId = (await insertChildKnownToEverySide(hub.databases)).child.id
  })
  afterAll(async () => {
    await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.close()))
    await hub?.stop()
  })

  it('sends a read again after its connection broke, and the card comes whole', async () => {
    const before = proxies.health.requests
    proxies.health.breakNextRequests(2)
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    expect(response.errors).toBeUndefined()
    expect(response.data?.child?.health?.diagnoses[0]?.icd10).toBe('Q90.0')
    // Two broken attempts and the one that passed, for each health fetch of the plan.
    expect(proxies.health.requests - before).toBeGreaterThanOrEqual(3)
    expect(await circuits(hub)).toMatchObject({ health: 'closed' })
  })

  it('sends a mutation once: a broken connection is reported, not repeated, and nothing is written', async () => {
    const before = proxies.social.requests
    proxies.social.breakNextRequests(1)
    const failed = await hub.query<RegisterChildMutation>(RegisterChildDocument, registration('Обрывов'))
    expect(proxies.social.requests - before).toBe(1)
    expect(failed.data).toBeNull()
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', serviceName: 'social' })
    const rows = await hub.databases.social.db
      .selectFrom('child')
      .select('id')
      .where('last_name', '=', 'Обрывов')
      .execute()
    expect(rows).toHaveLength(0)

    const retried = await hub.query<RegisterChildMutation>(RegisterChildDocument, registration('Обрывов'))
    expect(retried.errors).toBeUndefined()
    expect(retried.data?.registerChild.child.id).toBeTruthy()
  })

  it('opens ngo’s circuit after repeated failures: calls fail at once without reaching ngo, the others answer', async () => {
    await proxies.ngo.set('reset')
    // One request: its first attempt and two retries fail, three failures in a row open the circuit.
    const first = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    expect(first.data?.child?.ngo).toBeNull()
    expect(await circuits(hub)).toMatchObject({ ngo: 'open', health: 'closed', social: 'closed' })
    expect(await circuitGauges(hub)).toMatchObject({ ngo: 1, health: 0, social: 0 })

    const reached = proxies.ngo.requests
    const started = performance.now()
    const second = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    const elapsed = performance.now() - started
    expect(proxies.ngo.requests).toBe(reached)
    expect(second.data?.child?.fullName).toBeTruthy()
    expect(second.data?.child?.health?.diagnoses[0]?.icd10).toBe('Q90.0')
    expect(second.data?.child?.ngo).toBeNull()
    expect(second.errors).toHaveLength(1)
    expect(second.errors?.[0]?.message).toMatch(/Subgraph "ngo" is unavailable: circuit open/)
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', serviceName: 'ngo' })
    expect(elapsed).toBeLessThan(OPEN_MS)
  })

  it('uses ngo again by itself once it is back, without a gateway restart', async () => {
    await proxies.ngo.set('pass')
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS))
    expect(await circuits(hub)).toMatchObject({ ngo: 'half-open' })
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    expect(response.errors).toBeUndefined()
    expect(response.data?.child?.ngo).not.toBeNull()
    expect(await circuits(hub)).toMatchObject({ ngo: 'closed' })
    expect(await circuitGauges(hub)).toMatchObject({ ngo: 0 })
  })

  it('keeps the circuit open for another period when the trial call fails', async () => {
    await proxies.education.set('refuse')
    await hub.query(ChildCardDocument, { id: childId })
    expect(await circuits(hub)).toMatchObject({ education: 'open' })
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS))
    const trial = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    // The trial reached for education (and was refused); any other education fetch of the plan failed at once.
    expect(trial.errors?.map(({ message }) => message)).toContain('Subgraph "education" is unavailable: ECONNREFUSED')
    expect(await circuits(hub)).toMatchObject({ education: 'open' })
    await proxies.education.set('pass')
  })
})
