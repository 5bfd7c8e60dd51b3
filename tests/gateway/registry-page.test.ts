import { randomUUID } from 'node:crypto'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { print } from 'graphql'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RegistryPageDocument, type RegistryPageQuery } from '../../schema/__generated__/operations.js'
import { COMPRESS_FROM_BYTES } from '../../gateway/src/server.js'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  buildChild,
  consentForEveryChild,
  insertChildren,
  insertFamily,
  insertProvider,
} from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { countByTable } from '@hub/testing/statements'

const CHILDREN = 500

describe.each(backends)('RegistryPage through the gateway (%s)', (backend) => {
  let hub: Hub

  beforeAll(async () => {
    hub = await startHub(backend)
    const { social, health, education, ngo } = hub.databases
    const provider = await insertProvider(social.db)
    const families: Awaited<ReturnType<typeof insertFamily>>[] = []
    for (let i = 0; i < 50; i++) families.push(await insertFamily(social.db))
    const children = await insertChildren(
      social.db,
      Array.from({ length: CHILDREN }, (_, i) => buildChild({ family_id: families[i % families.length]!.id })),
    )
    await social.db
      .insertInto('child_criterion')
      .values(
        children.map((child) => ({
          child_id: child.id,
          code: 'PARENT_CONCERN',
          source: 'SOCIAL',
          valid_from: '2025-01-01',
        })),
      )
      .execute()
    await social.db
      .insertInto('family_situation')
      .values(
        families.slice(0, 10).map((family, i) => ({
          family_id: family.id,
          kind: 'SOP',
          decision_number: `КДН-${i}`,
          decided_on: '2026-01-01',
        })),
      )
      .execute()
    await health.db
      .insertInto('health_group_assessment')
      .values(children.map((child) => ({ child_id: child.id, health_group: 'III', assessed_on: '2025-06-01' })))
      .execute()
    await health.db
      .insertInto('diagnosis')
      .values(children.map((child) => ({ child_id: child.id, icd10_code: 'P07.3', diagnosed_on: '2025-03-01' })))
      .execute()
    await education.db
      .insertInto('pmpk_conclusion')
      .values(
        children.slice(0, 200).map((child) => ({
          child_id: child.id,
          number: randomUUID().slice(0, 8),
          commission: 'ТПМПК',
          concluded_on: '2026-01-20',
          needs_special_conditions: false,
          recommended_programme: 'GENERAL',
        })),
      )
      .execute()
    await education.db
      .insertInto('preschool_application')
      .values(
        children.map((child) => ({
          child_id: child.id,
          applied_on: '2025-05-01',
          desired_start_on: '2027-09-01',
          status: 'QUEUED',
        })),
      )
      .execute()
    await ngo.db
      .insertInto('ngo_session')
      .values(
        children.map((child) => ({
          child_id: child.id,
          provider_id: provider.id,
          service_code: 'COMMUNICATION_SPEECH',
          delivered_on: '2026-10-01',
          duration_minutes: 45,
          mode: 'REMOTE',
          attended: true,
        })),
      )
      .execute()
    await consentForEveryChild(social.db)
  })
  afterAll(() => hub?.stop())

  it('issues exactly one SQL statement per subgraph per entity type for a page of 500 children, and one consent lookup per subgraph that needs consent', async () => {
    hub.resetStatementCounts()
    const response = await hub.query<RegistryPageQuery>(RegistryPageDocument, { first: CHILDREN })

    expect(response.errors).toBeUndefined()
    const page = response.data!.children
    expect(page.totalCount).toBe(CHILDREN)
    expect(page.edges).toHaveLength(CHILDREN)
    expect(page.edges.every((edge) => edge.node.health?.diagnoses[0]?.icd10 === 'P07.3')).toBe(true)
    expect(page.edges.every((edge) => edge.node.education?.preschoolApplications[0]?.status === 'QUEUED')).toBe(true)
    expect(page.edges.every((edge) => edge.node.ngo?.sessions.length === 1)).toBe(true)
    expect(page.edges.filter((edge) => edge.node.family?.inSop)).toHaveLength(100)

    expect(countByTable(hub.databases.social.statements)).toEqual({
      child: 1,
      child_criterion: 1,
      family: 1,
      family_situation: 1,
      municipality: 1,
      // Health and education each ask social once which of the 500 children's families consented.
      consent: 2,
    })
    expect(countByTable(hub.databases.health.statements)).toEqual({ health_group_assessment: 1, diagnosis: 1 })
    expect(countByTable(hub.databases.education.statements)).toEqual({ pmpk_conclusion: 1, preschool_application: 1 })
    expect(countByTable(hub.databases.ngo.statements)).toEqual({ ngo_session: 1 })
  })

  it('compresses a large answer for a client that accepts it, and a small one or for another client not', async () => {
    const body = JSON.stringify({ query: print(RegistryPageDocument), variables: { first: CHILDREN } })
    const post = async (requestBody: string, acceptEncoding?: string) => {
      const response = await request(hub.gateway.url, {
        method: 'POST',
        body: requestBody,
        headers: {
          'content-type': 'application/json',
          authorization: await authorizationFor(viewers.coordinator('regional')),
          ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
        },
      })
      return { encoding: response.headers['content-encoding'], bytes: Buffer.from(await response.body.arrayBuffer()) }
    }
    const plain = await post(body)
    expect(plain.encoding).toBeUndefined()
    const answer = JSON.parse(plain.bytes.toString()) as { data: RegistryPageQuery }
    expect(answer.data.children.edges).toHaveLength(CHILDREN)

    const brotli = await post(body, 'gzip, br')
    expect(brotli.encoding).toBe('br')
    expect(brotli.bytes.length).toBeLessThan(plain.bytes.length / 5)
    expect(JSON.parse(brotliDecompressSync(brotli.bytes).toString())).toEqual(answer)
    const gzip = await post(body, 'gzip')
    expect(gzip.encoding).toBe('gzip')
    expect(JSON.parse(gunzipSync(gzip.bytes).toString())).toEqual(answer)

    const small = JSON.stringify({ query: print(RegistryPageDocument), variables: { first: 1 } })
    const one = await post(small, 'gzip, br')
    expect(one.bytes.length).toBeLessThan(COMPRESS_FROM_BYTES)
    expect(one.encoding).toBeUndefined()
  })

  it('pages through the registry with cursors without repeating or losing a child', async () => {
    const seen = new Set<string>()
    let after: string | null | undefined
    let pages = 0
    do {
      const response = await hub.query<RegistryPageQuery>(RegistryPageDocument, { first: 150, after })
      expect(response.errors).toBeUndefined()
      const page = response.data!.children
      expect(page.totalCount).toBe(CHILDREN)
      for (const edge of page.edges) seen.add(edge.node.id)
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined
      pages++
    } while (after)
    expect(pages).toBe(4)
    expect(seen.size).toBe(CHILDREN)
  })
})
