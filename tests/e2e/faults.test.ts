import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChildCardDocument, type ChildCardQuery } from '../../schema/__generated__/operations.js'
import { print } from 'graphql'
import { backends } from '@hub/testing/databases'
import { postGraphQL } from '@hub/testing/graphql'
import { startLoad, type Load, type LoadWindow } from '../support/load.js'
import { countKeptWrites, startHubWithChild, type ProcessDatabases, type ProcessHub } from '../support/process-hub.js'

/** The gateway's timeout per subgraph call in these tests: a frozen side costs at most this. */
const TIMEOUT_MS = 1_500
/** How long an open circuit waits before trying the side again. */
const OPEN_MS = 1_000
/** How long each fault lasts under load. */
const FAULT_MS = 3_000

const backend = backends.includes('postgres') ? 'postgres' : 'pglite'
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Under any single fault, the gateway still answers every request, and every card still has its child. */
function expectAnswered(window: LoadWindow) {
  expect(window.requests).toBeGreaterThan(3)
  expect(Object.keys(window.statuses)).toEqual(['200'])
  expect(window.cardsWithoutChild).toBe(0)
  expect(window.errorCodes).not.toHaveProperty('INTERNAL_SERVER_ERROR')
}

describe(`faults under load: each service its own process (${backend})`, () => {
  let started: Awaited<ReturnType<typeof startHubWithChild>>
  let databases: ProcessDatabases
  let hub: ProcessHub
  let load: Load
  let childId: string
  let reader: string

  /** Polls until a ChildCard comes whole again, and says how long that took. */
  async function untilWhole(deadlineMs = 15_000) {
    const started = performance.now()
    let last = ''
    while (performance.now() - started < deadlineMs) {
      const response = await postGraphQL<ChildCardQuery>(
        `${hub.gatewayUrl}/graphql`,
        print(ChildCardDocument),
        { id: childId },
        reader,
      )
      if (response.status === 200 && !response.errors && response.data?.child?.ngo) {
        return performance.now() - started
      }
      last = JSON.stringify(response.errors)
      await pause(100)
    }
    throw new Error(`the ChildCard was not whole again within ${deadlineMs} ms: ${last}`)
  }

  /** Once the card is whole again, the next second of load meets no error at all. */
  async function expectWholeAgain() {
    await untilWhole()
    await load.take()
    await pause(1_000)
    const after = await load.take()
    expectAnswered(after)
    expect(after.errorCodes, after.messages.join('\n')).toEqual({})
  }

  beforeAll(async () => {
    started = await startHubWithChild(backend, {
      GATEWAY_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
      GATEWAY_CIRCUIT_OPEN_MS: String(OPEN_MS),
    })
    ;({ databases, hub, childId } = started)
    reader = started.callers.reader
    await untilWhole()
    load = startLoad(`${hub.gatewayUrl}/graphql`, started.callers, { childId })
    await pause(2_000)
    const warm = await load.take()
    expectAnswered(warm)
    expect(warm.errorCodes).toEqual({})
  }, 180_000)

  afterAll(async () => {
    await load?.stop()
    await started?.stop()
  })

  it('answers with the other sides while ngo is killed, and whole again once it is restarted', async () => {
    hub.processes.ngo.kill('SIGKILL')
    await load.take()
    await pause(FAULT_MS)
    const during = await load.take()
    expectAnswered(during)
    expect(Object.keys(during.failedSides)).toEqual(['ngo'])
    expect(during.slowestMs).toBeLessThan(TIMEOUT_MS)

    await hub.restart('ngo')
    await expectWholeAgain()
  }, 60_000)

  it('answers within the timeout while health is frozen, and whole again once it runs', async () => {
    hub.processes.health.kill('SIGSTOP')
    await load.take()
    await pause(FAULT_MS)
    const during = await load.take()
    hub.processes.health.kill('SIGCONT')
    expectAnswered(during)
    expect(Object.keys(during.failedSides)).toEqual(['health'])
    expect(during.slowestMs).toBeLessThan(TIMEOUT_MS + 1_000)

    await expectWholeAgain()
  }, 60_000)

  it('drains in-flight requests when a subgraph is stopped and started again under load', async () => {
    await load.take()
    await hub.restart('education')
    await untilWhole()
    const during = await load.take()
    expectAnswered(during)
    // A request that reached education before the stop was answered; the others found it down.
    expect(Object.keys(during.failedSides).filter((side) => side !== 'education')).toEqual([])
    expect(during.errorCodes).not.toHaveProperty('INTERNAL_SERVER_ERROR')
  }, 60_000)

  // An embedded PGlite lives inside its subgraph's process: there is no database server of its own to stop.
  if (backend === 'postgres') {
    it('answers with the other sides while health’s PostgreSQL is stopped, and whole again once it is back', async () => {
      const readiness = new URL('/readyz', hub.subgraphUrls.health)
      // The database's state is an operator's detail: anyone else gets the status only.
      const operator = {
        headers: { authorization: await hub.authorization({ side: 'health', role: 'administrator' }) },
      }
      await hub.databaseProxies.health!.set('refuse')
      await load.take()
      await pause(FAULT_MS)
      const during = await load.take()
      const unready = await fetch(readiness, operator)
      expect(unready.status).toBe(503)
      expect(await unready.json()).toMatchObject({ status: 'unready', database: { reachable: false } })
      await hub.databaseProxies.health!.set('pass')
      expectAnswered(during)
      expect(during.failedSides).toHaveProperty('health')
      expect(Object.keys(during.failedSides).filter((side) => side !== 'health')).toEqual([])
      expect(during.errorCodes).toHaveProperty('UNAVAILABLE')
      expect(during.slowestMs).toBeLessThan(TIMEOUT_MS)

      await expectWholeAgain()
      const ready = await fetch(readiness, operator)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toMatchObject({ status: 'ready', database: { reachable: true } })
    }, 60_000)
  }

  it('answers the requests it has taken when the gateway is stopped, and serves again once restarted', async () => {
    // Education frozen holds each card in the gateway for the whole timeout: the signal comes while all are in flight.
    hub.processes.education.kill('SIGSTOP')
    const cards = Array.from({ length: 8 }, () =>
      postGraphQL<ChildCardQuery>(`${hub.gatewayUrl}/graphql`, print(ChildCardDocument), { id: childId }, reader),
    )
    await pause(TIMEOUT_MS / 3)
    const exited = new Promise((resolve) => hub.processes.gateway.once('exit', resolve))
    hub.processes.gateway.kill('SIGTERM')
    const answers = await Promise.all(cards)
    hub.processes.education.kill('SIGCONT')
    for (const response of answers) {
      expect(response.status).toBe(200)
      expect(response.data?.child?.fullName).toBeTruthy()
      expect(response.errors?.map((error) => error.extensions?.serviceName)).toEqual(['education'])
    }
    await exited
    await hub.restart('gateway')
    await expectWholeAgain()
  }, 60_000)

  it('keeps every write it acknowledged, through all the faults', async () => {
    await load.stop()
    const { children, detectionEvents } = load.acknowledged
    expect(children.length).toBeGreaterThan(5)
    expect(detectionEvents.length).toBeGreaterThan(5)
    await hub.stop()
    expect(await countKeptWrites(databases, load.acknowledged)).toEqual({
      children: children.length,
      detectionEvents: detectionEvents.length,
    })
  }, 60_000)
})
