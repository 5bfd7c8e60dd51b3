import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openVerifier } from '@hub/platform/auth/config'
import { GATEWAY_CALL_HEADER } from '@hub/platform/auth/tokens'
import { loadSubgraphConfig } from '@hub/subgraph-kit/config'
import {
  authorizationFor,
  gatewayCallHeaders,
  testCredentials,
  testJwks,
  testServiceKeys,
  testServiceSigners,
  testSigner,
  viewers,
} from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { postGraphQL, type GraphQLResponse } from '@hub/testing/graphql'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'
import { ENTITIES_QUERY } from '@hub/testing/subgraph'

// Keys are bound to identities: the identity provider's keys sign people's tokens only, a subgraph's key only its own
// service token, the gateway's only its assertion on the calls of its query plans. Each forgery below was accepted by a
// hub whose services trusted one list of every key.

const DIAGNOSES = `${ENTITIES_QUERY}
  fragment Selection on Child { health { diagnoses { icd10 } } }
`
const IDENTITY = 'query ($id: ID!) { child(id: $id) { fullName snils } }'
const FOLLOW_MERGE = `mutation ($input: FollowChildMergeInput!) { followChildMerge(input: $input) { movedRecords } }`

const bearer = (token: string) => `Bearer ${token}`

function expectRefused(response: GraphQLResponse<unknown>, rule: RegExp | string) {
  expect(response.status).toBe(401)
  expect(response.data ?? null).toBeNull()
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  expect(response.errors?.[0]?.message).toMatch(rule)
}

describe.each(backends)('forged identities (%s)', (backend) => {
  let hub: Hub
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>
  const mergeInput = () => ({
    mergeId: randomUUID(),
    survivorId: randomUUID(),
    mergedId: fixture.child.id,
    action: 'APPLY',
  })

  beforeAll(async () => {
    hub = await startHub(backend)
    fixture = await insertChildKnownToEverySide(hub.databases)
  })
  afterAll(() => hub?.stop())

  const diagnosesAt = (authorization: string | Record<string, string>) =>
    postGraphQL<{ _entities: ({ health: { diagnoses: { icd10: string }[] } | null } | null)[] }>(
      hub.services.health.url,
      DIAGNOSES,
      { representations: [{ __typename: 'Child', id: fixture.child.id }] },
      authorization,
    )

  it("refuses ngo's service key claiming a health specialist, who would read diagnoses at health", async () => {
    const forged = await testServiceSigners.ngo.sign('forger', { side: 'health', role: 'specialist' }, 600)
    expectRefused(await diagnosesAt(bearer(forged)), "ngo's service key is accepted only as ngo's service token")
    // The same read by a real health specialist is answered: the refusal is the key's, not the read's.
    const genuine = await diagnosesAt(await authorizationFor(viewers.specialist('health')))
    expect(genuine.data?._entities[0]?.health?.diagnoses).toEqual([{ icd10: 'Q90.0' }])
  })

  it("refuses ngo's service key claiming a regional coordinator, who would read identity and СНИЛС at social", async () => {
    const forged = await testServiceSigners.ngo.sign('forger', { side: 'regional', role: 'coordinator' }, 600)
    const response = await postGraphQL(hub.services.social.url, IDENTITY, { id: fixture.child.id }, bearer(forged))
    expectRefused(response, "ngo's service key")
    expect(JSON.stringify(response)).not.toContain(fixture.child.snils)
  })

  it("refuses ngo's service key claiming social's service, and health moves nothing", async () => {
    const asSocial = await testServiceSigners.ngo.sign('service:social', { side: 'social', role: 'service' }, 600)
    const response = await postGraphQL(hub.services.health.url, FOLLOW_MERGE, { input: mergeInput() }, bearer(asSocial))
    expectRefused(response, "ngo's service key is accepted only as ngo's service token")
    const diagnoses = await hub.databases.health.db.selectFrom('diagnosis').select('child_id').execute()
    expect(diagnoses.map((row) => row.child_id)).toContain(fixture.child.id)
    // Social's own key still signs social's service token, which health accepts.
    const genuine = await postGraphQL(
      hub.services.health.url,
      FOLLOW_MERGE,
      { input: { ...mergeInput(), mergedId: randomUUID() } },
      await testCredentials('social').authorization(),
    )
    expect(genuine.errors).toBeUndefined()
  })

  it('refuses a token of the identity provider claiming role service, at a subgraph and at the gateway', async () => {
    const forged = await testSigner.sign('service:social', { side: 'social', role: 'service' }, 600)
    const atHealth = await postGraphQL(hub.services.health.url, FOLLOW_MERGE, { input: mergeInput() }, bearer(forged))
    expectRefused(atHealth, 'claim "role" service is refused in a token of the identity provider')
    const atGateway = await postGraphQL(hub.gateway.url, IDENTITY, { id: fixture.child.id }, bearer(forged))
    expectRefused(atGateway, 'claim "role" service is refused in a token of the identity provider')
  })

  it("refuses a subgraph's genuine service token at the gateway", async () => {
    const response = await postGraphQL(
      hub.gateway.url,
      IDENTITY,
      { id: fixture.child.id },
      await testCredentials('social').authorization(),
    )
    expectRefused(response, /^authorization: /)
    expect(JSON.stringify(response)).not.toContain(fixture.child.snils)
  })

  it("refuses the gateway's key as a bearer token", async () => {
    const forged = await testServiceSigners.gateway.sign('forger', { side: 'regional', role: 'coordinator' }, 600)
    const response = await postGraphQL(hub.services.social.url, IDENTITY, { id: fixture.child.id }, bearer(forged))
    expectRefused(response, "a token signed by the gateway's key is only an x-hub-gateway assertion")
  })

  it("refuses a gateway assertion bound to another caller's token, or signed by another key", async () => {
    const coordinator = await gatewayCallHeaders(viewers.coordinator('regional'))
    const analyst = await authorizationFor(viewers.analyst('regional'))
    const replayed = await diagnosesAt({
      authorization: analyst,
      [GATEWAY_CALL_HEADER]: coordinator[GATEWAY_CALL_HEADER],
    })
    expectRefused(replayed, `${GATEWAY_CALL_HEADER}: is bound to another caller's token`)
    const { [GATEWAY_CALL_HEADER]: genuine } = coordinator
    const ath = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString()) as { ath: string }
    const byNgo = await testServiceSigners.ngo.sign('gateway', { ath: ath.ath }, 600)
    const forged = await diagnosesAt({ authorization: coordinator.authorization, [GATEWAY_CALL_HEADER]: byNgo })
    expectRefused(forged, `${GATEWAY_CALL_HEADER}: the token is not signed by a trusted key`)
  })

  it('still answers people through the gateway and each subgraph its own service calls', async () => {
    const card = await hub.query<{ child: { fullName: string; health: { diagnoses: { icd10: string }[] } } }>(
      'query ($id: ID!) { child(id: $id) { fullName health { diagnoses { icd10 } } } }',
      { id: fixture.child.id },
      viewers.coordinator('regional'),
    )
    expect(card.errors).toBeUndefined()
    expect(card.data?.child.health.diagnoses).toEqual([{ icd10: 'Q90.0' }])
    const grants = await postGraphQL<{ accessGrants: unknown[] }>(
      hub.services.social.url,
      '{ accessGrants(childIds: [], side: "health", purpose: EARLY_HELP) { childId } }',
      {},
      await testCredentials('health').authorization(),
    )
    expect(grants.errors).toBeUndefined()
  })
})

describe('a key set of the identity provider', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hub-forged-keys-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it("refuses to hold a subgraph's service key, which would sign any user's token", async () => {
    const serviceKey = { ...testServiceKeys.ngo.jwks.keys[0]!, kid: 'ngo-service-1' }
    const mixed = join(folder, 'mixed-jwks.json')
    writeFileSync(mixed, JSON.stringify({ keys: [...testJwks.keys, serviceKey] }))
    const config = loadSubgraphConfig('health', { HEALTH_JWKS: mixed, HUB_DEV_KEYS_DIR: folder })
    await expect(openVerifier(config.auth)).rejects.toThrow(
      `HEALTH_JWKS: key "ngo-service-1" is ngo's service key; the identity provider's set holds user keys only`,
    )
  })

  it('refuses one key listed for two owners', async () => {
    const idp = join(folder, 'idp-jwks.json')
    const ngo = join(folder, 'ngo-jwks.json')
    writeFileSync(idp, JSON.stringify(testJwks))
    writeFileSync(ngo, JSON.stringify(testServiceKeys.ngo.jwks))
    const config = loadSubgraphConfig('health', {
      HEALTH_JWKS: idp,
      HEALTH_SERVICE_JWKS: `ngo=${ngo},social=${ngo}`,
      HUB_DEV_KEYS_DIR: folder,
    })
    await expect(openVerifier(config.auth)).rejects.toThrow(
      /HEALTH_SERVICE_JWKS: key "test-ngo-key" is listed for both/,
    )
  })

  it('names the rule of HEALTH_SERVICE_JWKS when an entry names no known owner', () => {
    expect(() => loadSubgraphConfig('health', { HEALTH_SERVICE_JWKS: 'idp=/keys/idp.json' })).toThrow(
      'HEALTH_SERVICE_JWKS: each entry is owner=path or URL with owner one of gateway, social, health, education, ngo',
    )
  })
})
