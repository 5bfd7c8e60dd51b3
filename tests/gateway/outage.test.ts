import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChildCardDocument, type ChildCardQuery } from '../../schema/__generated__/operations.js'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'

/** A subgraph that accepts connections and never answers. */
async function startHangingServer() {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A loopback URL on which connections are refused. */
async function closedPortUrl() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/graphql`
}

describe.each(backends)('a subgraph that is down or hangs (%s)', (backend) => {
  describe('with the ngo subgraph stopped', () => {
    let hub: Hub
    let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>

    beforeAll(async () => {
      hub = await startHub(backend)
      fixture = await insertChildKnownToEverySide(hub.databases)
      await hub.services.ngo.stop()
    })
    afterAll(() => hub?.stop())

    it('answers 200 with the other sides’ data, ngo null and an error naming ngo', async () => {
      const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: fixture.child.id })
      expect(response.status).toBe(200)
      const child = response.data?.child
      expect(child?.fullName).toBe('Соколова Алёна Игоревна')
      expect(child?.family?.legalRepresentatives).toHaveLength(1)
      expect(child?.health?.diagnoses[0]?.icd10).toBe('Q90.0')
      expect(child?.education?.pmpkConclusions).toHaveLength(1)
      expect(child?.ngo).toBeNull()
      expect(response.errors).toHaveLength(1)
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAVAILABLE',
        serviceName: 'ngo',
        rule: 'SUBGRAPH_UNAVAILABLE',
        params: { side: 'ngo' },
      })
    })

    it('lists ngo as unreachable on /readyz while staying ready', async () => {
      const response = await fetch(new URL('/readyz', hub.gateway.url), {
        headers: { authorization: await authorizationFor(viewers.administrator('regional')) },
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as {
        supergraphLoaded: boolean
        subgraphs: { name: string; reachable: boolean }[]
      }
      expect(body.supergraphLoaded).toBe(true)
      expect(Object.fromEntries(body.subgraphs.map((s) => [s.name, s.reachable]))).toEqual({
        social: true,
        health: true,
        education: true,
        ngo: false,
      })
    })
  })

  describe('with the health subgraph never started', () => {
    let hub: Hub
    let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>

    beforeAll(async () => {
      // The gateway must start from the committed supergraph with nothing listening where health should be.
      hub = await startHub(backend, { urls: { health: await closedPortUrl() } })
      fixture = await insertChildKnownToEverySide(hub.databases)
    })
    afterAll(() => hub?.stop())

    it('starts from the committed supergraph and serves the other sides', async () => {
      const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: fixture.child.id })
      expect(response.status).toBe(200)
      expect(response.data?.child?.fullName).toBe('Соколова Алёна Игоревна')
      expect(response.data?.child?.education?.pmpkConclusions).toHaveLength(1)
      expect(response.data?.child?.health).toBeNull()
      expect(response.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: 'UNAVAILABLE', serviceName: 'health', reason: 'ECONNREFUSED' }),
      ])
    })
  })

  describe('with an education subgraph that accepts connections and never answers', () => {
    const TIMEOUT_MS = 500
    let hub: Hub
    let hanging: Awaited<ReturnType<typeof startHangingServer>>
    let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>

    beforeAll(async () => {
      hanging = await startHangingServer()
      hub = await startHub(backend, { timeoutMs: TIMEOUT_MS, urls: { education: hanging.url } })
      fixture = await insertChildKnownToEverySide(hub.databases)
    })
    afterAll(async () => {
      await hub?.stop()
      await hanging?.close()
    })

    it('answers within its timeout with the other sides’ data and an error naming education', async () => {
      const started = performance.now()
      const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: fixture.child.id })
      const elapsed = performance.now() - started

      expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000)
      expect(response.status).toBe(200)
      expect(response.data?.child?.health?.diagnoses).toHaveLength(1)
      expect(response.data?.child?.ngo?.sessions).toHaveLength(1)
      expect(response.data?.child?.education).toBeNull()
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', serviceName: 'education' })
      expect(response.errors?.[0]?.message).toContain(`no answer within ${TIMEOUT_MS} ms`)
    })
  })
})
