import type { IncomingMessage } from 'node:http'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_SUBGRAPH_BATCH } from '@hub/platform/limits'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { ChildCardDocument, type ChildCardQuery } from '../../schema/__generated__/operations.js'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'

describe.each(backends)('ChildCard through the gateway (%s)', (backend) => {
  let hub: Hub
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>

  beforeAll(async () => {
    hub = await startHub(backend)
    fixture = await insertChildKnownToEverySide(hub.databases)
  })
  afterAll(() => hub?.stop())

  it('returns identity, family and the health, education and ngo parts of one child', async () => {
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: fixture.child.id })
    expect(response.status).toBe(200)
    expect(response.errors).toBeUndefined()
    const child = response.data?.child
    expect(child).toMatchObject({
      id: fixture.child.id,
      fullName: 'Соколова Алёна Игоревна',
      birthDate: '2025-02-11',
      sex: 'FEMALE',
      snils: '112-233-445 95',
      registryStatus: 'PROGRAMME_ACTIVE',
      municipality: { oktmo: '71800000', name: 'Тестовый муниципальный район' },
      criteria: [{ id: fixture.criterion.id, code: 'HEALTH_GROUP_IV_V', source: 'HEALTH', active: true }],
      family: {
        id: fixture.family.id,
        inSop: true,
        legalRepresentatives: [{ id: fixture.mother.id, fullName: 'Иванова Мария Петровна', relation: 'MOTHER' }],
        situations: [{ id: fixture.sop.id, kind: 'SOP', decidedOn: '2026-01-15', endedOn: null }],
      },
      health: {
        healthGroup: { group: 'IV', assessedOn: fixture.healthGroup.assessed_on },
        diagnoses: [
          { id: fixture.diagnosis.id, icd10: 'Q90.0', name: 'Трисомия 21, мейотическое нерасхождение', primary: true },
        ],
        detectionEvents: [{ id: fixture.detection.id, kind: 'NEONATAL_SCREENING', result: 'POSITIVE' }],
        riskFactors: [{ id: fixture.risk.id, kind: 'PREMATURITY' }],
      },
      education: {
        pmpkConclusions: [{ id: fixture.pmpk.id, recommendedProgramme: 'ADAPTED', needsSpecialConditions: true }],
        preschoolApplications: [
          {
            id: fixture.application.id,
            status: 'DIRECTED',
            groupType: 'COMPENSATORY',
            kindergarten: {
              id: fixture.kindergarten.id,
              municipality: { oktmo: '71800000', name: 'Тестовый муниципальный район' },
            },
          },
        ],
      },
      ngo: {
        sessions: [
          {
            id: fixture.session.id,
            provider: { id: fixture.provider.id, name: fixture.provider.name },
            service: { code: fixture.service.code, name: fixture.service.name },
            mode: 'IN_CENTRE',
          },
        ],
        parentGroupParticipations: [
          { id: fixture.participation.id, group: { id: fixture.group.id, provider: { id: fixture.provider.id } } },
        ],
      },
    })
  })

  it("sends social the plan's parallel fetches as batches: fewer HTTP requests than fetches, the same card", async () => {
    let requests = 0
    const count = (request: IncomingMessage) => {
      if (request.method === 'POST') requests++
    }
    hub.services.social.httpServer.on('request', count)
    try {
      const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: fixture.child.id })
      expect(response.errors).toBeUndefined()
      expect(response.data?.child?.ngo?.sessions[0]?.provider).toEqual({
        id: fixture.provider.id,
        name: fixture.provider.name,
      })
    } finally {
      hub.services.social.httpServer.off('request', count)
    }
    // Unbatched: the card's own fetch, eight fetches of what the other sides name, two consent lookups (health,
    // education). Batched, ngo's four and education's three fetches go as one request each.
    expect(requests).toBeGreaterThanOrEqual(4)
    expect(requests).toBeLessThanOrEqual(6)
  })

  it('answers a batch sent to a subgraph in order, each operation on its own, and refuses a batch too large', async () => {
    const post = async (body: unknown) => {
      const response = await fetch(hub.services.social.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: await authorizationFor(viewers.coordinator('regional')),
        },
        body: JSON.stringify(body),
      })
      return { status: response.status, body: (await response.json()) as unknown }
    }
    const child = { query: 'query ($id: ID!) { child(id: $id) { id lastName } }', variables: { id: fixture.child.id } }
    // A service call only: refused to the coordinator, with the other operations of the batch still answered.
    const refused = {
      query: 'query ($ids: [ID!]!) { accessGrants(childIds: $ids, side: "health", purpose: EARLY_HELP) { childId } }',
      variables: { ids: [fixture.child.id] },
    }
    const answered = await post([child, refused, child])
    expect(answered.status).toBe(200)
    const [first, second, third] = answered.body as { data?: unknown; errors?: { extensions: unknown }[] }[]
    expect(first).toEqual({ data: { child: { id: fixture.child.id, lastName: 'Соколова' } } })
    expect(second?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' })
    expect(third).toEqual(first)

    const tooLarge = await post(Array.from({ length: MAX_SUBGRAPH_BATCH + 1 }, () => child))
    expect(tooLarge.status).toBe(400)
    expect(tooLarge.body).toMatchObject({
      errors: [
        {
          message: `request body: a batch may hold at most ${MAX_SUBGRAPH_BATCH} operations, got ${MAX_SUBGRAPH_BATCH + 1}`,
          extensions: { code: 'BAD_USER_INPUT', limit: 'batch' },
        },
      ],
    })
  })

  it('returns null without errors for an id the registry does not hold', async () => {
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: '00000000-0000-4000-8000-000000000000' })
    expect(response.errors).toBeUndefined()
    expect(response.data?.child).toBeNull()
  })
})
