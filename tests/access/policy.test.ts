import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { auditView } from '@hub/subgraph-kit/access/audit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  RecordConsentDocument,
  ReferChildDocument,
  RevokeConsentDocument,
} from '../../schema/__generated__/operations.js'
import { authorizationFor, gatewayCallHeaders, viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertChild, insertProvider } from '../../subgraphs/social/test/support/factories.js'
import { postGraphQL, type GraphQLResponse } from '@hub/testing/graphql'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'
import { ENTITIES_QUERY } from '@hub/testing/subgraph'

/** One child with a piece of every category, as the matrix reads it through the gateway. */
const CARD = /* GraphQL */ `
  query AccessCard($id: ID!) {
    child(id: $id) {
      id
      fullName
      criteria {
        code
      }
      family {
        id
        inSop
      }
      health {
        diagnoses {
          icd10
        }
      }
      education {
        pmpkConclusions {
          id
        }
        preschoolApplications {
          id
        }
      }
      ngo {
        sessions {
          id
        }
      }
    }
  }
`

const HEALTH_ENTITIES = `${ENTITIES_QUERY}
  fragment Selection on Child {
    health {
      diagnoses {
        icd10
      }
    }
  }
`

interface Card {
  child: {
    id: string
    fullName: string
    criteria: { code: string }[]
    family: { id: string; inSop: boolean } | null
    health: { diagnoses: { icd10: string }[] } | null
    education: { pmpkConclusions: { id: string }[] | null; preschoolApplications: { id: string }[] } | null
    ngo: { sessions: { id: string }[] } | null
  } | null
}

/** The paths a response was refused, each with the category its error names. */
function refusals(response: Pick<GraphQLResponse<unknown>, 'errors'>) {
  return Object.fromEntries(
    (response.errors ?? [])
      .filter((error) => error.extensions?.code === 'FORBIDDEN')
      .map((error) => [error.path?.join('.') ?? '', error.extensions?.category]),
  )
}

describe.each(backends)('who may see what (%s)', (backend) => {
  let hub: Hub
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>
  let referredTo: string
  let stranger: string
  const card = (as: TestViewer, headers?: Record<string, string>) =>
    headers
      ? authorizationFor(as).then((authorization) =>
          fetch(hub.gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization, ...headers },
            body: JSON.stringify({ query: CARD, variables: { id: fixture.child.id } }),
          }).then(
            async (response) =>
              ({ status: response.status, ...((await response.json()) as object) }) as GraphQLResponse<Card>,
          ),
        )
      : hub.query<Card>(CARD, { id: fixture.child.id }, as)

  beforeAll(async () => {
    hub = await startHub(backend)
    fixture = await insertChildKnownToEverySide(hub.databases)
    // An NGO the clinic referred the child to, and one that never met the child.
    referredTo = (await insertProvider(hub.databases.social.db, { side: 'NGO' })).id
    stranger = (await insertProvider(hub.databases.social.db, { side: 'NGO' })).id
    await hub.run(
      ReferChildDocument,
      {
        input: {
          childId: fixture.child.id,
          providerId: referredTo,
          fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
          reason: 'Нарушения развития',
          receivedOn: new Date().toISOString().slice(0, 10),
          // A non-state provider receives a referral only with the family's consent; this one opens no read for
          // early help, so what the provider sees below comes from the referral alone.
          consent: {
            representativeId: fixture.mother.id,
            purpose: 'NEED_DETERMINATION',
            scopes: ['FAMILY'],
            document: 'Согласие на передачу сведений поставщику',
          },
        },
      },
      viewers.specialist('health'),
    )
  })
  afterAll(() => hub?.stop())

  it('shows a health specialist the diagnosis, but no ПМПК conclusion or family without the family’s consent', async () => {
    const response = await card(viewers.specialist('health'))
    expect(response.data?.child?.fullName).toBe('Соколова Алёна Игоревна')
    expect(response.data?.child?.health?.diagnoses).toEqual([{ icd10: 'Q90.0' }])
    expect(response.data?.child?.education?.preschoolApplications).toHaveLength(1)
    expect(response.data?.child?.family).toBeNull()
    expect(refusals(response)).toEqual({
      'child.family': 'family',
      'child.education.pmpkConclusions': 'pmpk',
    })
  })

  it('shows a registry operator that the child meets HEALTH_GROUP_IV_V, not the diagnosis', async () => {
    const response = await card(viewers.specialist('social'))
    expect(response.data?.child?.criteria).toEqual([{ code: 'HEALTH_GROUP_IV_V' }])
    expect(response.data?.child?.family?.inSop).toBe(true)
    expect(response.data?.child?.health).toBeNull()
    expect(refusals(response)).toEqual({ 'child.health': 'health', 'child.education.pmpkConclusions': 'pmpk' })
  })

  it('shows the regional coordinator everything the family consented to share with it', async () => {
    const response = await card(viewers.coordinator('regional'))
    expect(response.errors).toBeUndefined()
    expect(response.data?.child?.health?.diagnoses).toEqual([{ icd10: 'Q90.0' }])
    expect(response.data?.child?.education?.pmpkConclusions).toEqual([{ id: fixture.pmpk.id }])
  })

  it('opens nothing for a purpose the family did not consent to', async () => {
    const response = await card(viewers.coordinator('regional'), { 'x-access-purpose': 'TRANSITION' })
    expect(refusals(response)).toEqual({ 'child.health': 'health', 'child.education.pmpkConclusions': 'pmpk' })
  })

  it('refuses a purpose that is not one of the list, naming the header', async () => {
    const response = await card(viewers.coordinator('regional'), { 'x-access-purpose': 'CURIOSITY' })
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'x-access-purpose' })
    expect(response.data ?? null).toBeNull()
  })

  it('shows a provider the child referred to it, without the diagnosis', async () => {
    const response = await card(viewers.specialist('ngo', referredTo))
    expect(response.data?.child?.fullName).toBe('Соколова Алёна Игоревна')
    expect(response.data?.child?.ngo?.sessions).toHaveLength(1)
    expect(refusals(response)).toEqual({ 'child.health': 'health', 'child.education.pmpkConclusions': 'pmpk' })
  })

  it('shows a provider no child that was not referred to it, neither by id nor in the registry', async () => {
    const response = await card(viewers.specialist('ngo', stranger))
    expect(response.data?.child).toBeNull()
    expect(Object.values(refusals(response))).toContain('identity')
    const page = await hub.query<{ children: { totalCount: number } }>(
      '{ children(first: 10) { totalCount } }',
      {},
      viewers.specialist('ngo', stranger),
    )
    expect(page.data?.children.totalCount).toBe(0)
    const referred = await hub.query<{ children: { totalCount: number; edges: { node: { id: string } }[] } }>(
      '{ children(first: 10) { totalCount edges { node { id } } } }',
      {},
      viewers.specialist('ngo', referredTo),
    )
    expect(referred.data?.children.edges.map((edge) => edge.node.id)).toEqual([fixture.child.id])
  })

  it('gives an analyst no child and no registry, and the public reader only the provider registry and the catalogue', async () => {
    for (const as of [viewers.analyst('regional'), viewers.public(), viewers.administrator('health')]) {
      const response = await card(as)
      expect(response.data?.child, as.role).toBeNull()
      expect(Object.values(refusals(response)), as.role).toContain('identity')
      const page = await hub.query('{ children(first: 1) { totalCount } }', {}, as)
      expect(page.errors?.[0]?.extensions, as.role).toMatchObject({ code: 'FORBIDDEN', category: 'identity' })
    }
    const registry = await hub.query<{ providers: { id: string }[]; serviceTypes: { code: string }[] }>(
      '{ providers { id } serviceTypes { code } }',
      {},
      viewers.public(),
    )
    expect(registry.errors).toBeUndefined()
    expect(registry.data?.providers.map((provider) => provider.id)).toContain(referredTo)
    expect(registry.data?.serviceTypes.length).toBeGreaterThan(0)
    const clocks = await hub.query('{ deadlineClocks { code } }', {}, viewers.public())
    expect(clocks.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', category: 'reference' })
  })

  it('refuses a change from a side that does not own the data, and from a provider for another organisation', async () => {
    const diagnosis = await hub.query(
      'mutation ($input: RecordDiagnosisInput!) { recordDiagnosis(input: $input) { id } }',
      { input: { childId: fixture.child.id, icd10: 'G80.1', diagnosedOn: '2026-01-01', primary: false } },
      viewers.coordinator('regional'),
    )
    expect(diagnosis.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.recordDiagnosis' })
    const session = await hub.query(
      'mutation ($input: RecordNgoSessionInput!) { recordNgoSession(input: $input) { id } }',
      {
        input: {
          childId: fixture.child.id,
          providerId: referredTo,
          serviceCode: 'COGNITIVE',
          programmeServiceId: randomUUID(),
          deliveredOn: '2026-11-01',
          durationMinutes: 30,
          mode: 'REMOTE',
          attended: true,
        },
      },
      viewers.specialist('ngo', stranger),
    )
    expect(session.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.providerId' })
  })

  describe('straight to a subgraph', () => {
    const entities = async (as: TestViewer, representation: object = {}) =>
      postGraphQL<{ _entities: ({ health: { diagnoses: { icd10: string }[] } | null } | null)[] }>(
        hub.services.health.url,
        HEALTH_ENTITIES,
        { representations: [{ __typename: 'Child', id: fixture.child.id, ...representation }] },
        await authorizationFor(as),
      )

    it('decides _entities by the same policy as through the gateway', async () => {
      expect((await entities(viewers.specialist('health'))).data?._entities[0]?.health?.diagnoses).toEqual([
        { icd10: 'Q90.0' },
      ])
      expect((await entities(viewers.coordinator('regional'))).data?._entities[0]?.health?.diagnoses).toEqual([
        { icd10: 'Q90.0' },
      ])
      for (const as of [viewers.specialist('education'), viewers.analyst('health'), viewers.public()]) {
        const response = await entities(as)
        expect(response.data?._entities[0]?.health ?? null, as.role).toBeNull()
        expect(response.errors?.[0]?.extensions, as.role).toMatchObject({ code: 'FORBIDDEN', category: 'health' })
      }
    })

    it.each([
      ['education', 'education { pmpkConclusions { id } }', 'education'],
      ['ngo', 'ngo { sessions { id } }', 'sessions'],
      ['social', 'fullName', 'identity'],
    ] as const)(
      'decides _entities on %s for its own staff, an analyst and the public reader',
      async (name, selection, category) => {
        const query = `${ENTITIES_QUERY}\nfragment Selection on Child { ${selection} }`
        const representation = {
          __typename: 'Child',
          id: fixture.child.id,
          ...(name === 'ngo' ? { family: { id: fixture.family.id } } : {}),
          ...(name === 'education' ? { birthDate: '2025-02-11' } : {}),
        }
        // Child.education and Child.ngo read what the gateway puts into the representation (@requires): they answer
        // only a call of the gateway's query plan, which carries the gateway's assertion for the caller's token.
        const ask = async (as: TestViewer) =>
          postGraphQL<{ _entities: (Record<string, unknown> | null)[] }>(
            hub.services[name].url,
            query,
            { representations: [representation] },
            name === 'social' ? await authorizationFor(as) : await gatewayCallHeaders(as),
          )
        const own = await ask(viewers.specialist(name))
        expect(own.errors).toBeUndefined()
        expect(JSON.stringify(own.data?._entities[0])).not.toBe('null')
        for (const as of [viewers.analyst('regional'), viewers.public()]) {
          const refused = await ask(as)
          expect(refused.errors?.[0]?.extensions, as.role).toMatchObject({ code: 'FORBIDDEN', category })
        }
      },
    )

    it('lets no forged representation unlock anything', async () => {
      for (const forged of [
        { consentScopes: ['HEALTH'] },
        { consent: { scopes: ['HEALTH'], recipientSide: 'EDUCATION' } },
        { referred: true, family: { id: fixture.family.id } },
      ]) {
        const response = await entities(viewers.specialist('education'), forged)
        expect(response.data?._entities[0]?.health ?? null).toBeNull()
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' })
      }
    })

    it('answers service calls only to the subgraphs they are meant for', async () => {
      const grants = await postGraphQL(
        hub.services.social.url,
        '{ accessGrants(childIds: [], side: "health", purpose: EARLY_HELP) { childId } }',
        {},
        await authorizationFor(viewers.coordinator('regional')),
      )
      expect(grants.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.accessGrants' })
      const follow = await postGraphQL(
        hub.services.health.url,
        'mutation ($input: FollowChildMergeInput!) { followChildMerge(input: $input) { movedRecords } }',
        { input: { mergeId: randomUUID(), survivorId: randomUUID(), mergedId: randomUUID(), action: 'APPLY' } },
        await authorizationFor(viewers.service('health')),
      )
      expect(follow.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.followChildMerge' })
    })
  })

  describe('consent', () => {
    it('opens health data to another side from the moment it is recorded, and closes it the moment it is revoked', async () => {
      const education = viewers.specialist('education')
      expect(refusals(await card(education))).toMatchObject({ 'child.health': 'health' })

      const { recordConsent } = await hub.run(RecordConsentDocument, {
        input: {
          childId: fixture.child.id,
          representativeId: fixture.mother.id,
          purpose: 'EARLY_HELP',
          recipientSide: 'EDUCATION',
          scopes: ['HEALTH'],
          document: 'Согласие № 17 от 20.11.2026',
        },
      })
      const opened = await card(education)
      expect(opened.data?.child?.health?.diagnoses).toEqual([{ icd10: 'Q90.0' }])
      // The ПМПК conclusion is education's own; the family still needs a consent of its own scope.
      expect(refusals(opened)).toEqual({ 'child.family': 'family' })

      const { revokeConsent } = await hub.run(RevokeConsentDocument, {
        input: { consentId: recordConsent.id, note: 'Заявление матери об отзыве согласия' },
      })
      expect(revokeConsent).toMatchObject({ inForce: false, revocationNote: 'Заявление матери об отзыве согласия' })
      expect(refusals(await card(education))).toMatchObject({ 'child.health': 'health' })
    })

    it('opens a provider’s view only for itself, not for every NGO', async () => {
      await hub.run(RecordConsentDocument, {
        input: {
          childId: fixture.child.id,
          representativeId: fixture.mother.id,
          purpose: 'EARLY_HELP',
          recipientProviderId: referredTo,
          scopes: ['HEALTH'],
          document: 'Согласие № 18',
        },
      })
      expect((await card(viewers.specialist('ngo', referredTo))).data?.child?.health?.diagnoses).toHaveLength(1)
      expect((await card(viewers.specialist('ngo', stranger))).data?.child).toBeNull()
    })

    it('refuses a consent signed by someone who does not represent the child, and writes nothing', async () => {
      const other = await insertChild(hub.databases.social.db)
      const response = await hub.query(RecordConsentDocument, {
        input: {
          childId: other.id,
          representativeId: fixture.mother.id,
          purpose: 'EARLY_HELP',
          recipientSide: 'HEALTH',
          scopes: ['PMPK'],
          document: 'Согласие',
        },
      })
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.representativeId' })
      const both = await hub.query(RecordConsentDocument, {
        input: {
          childId: fixture.child.id,
          representativeId: fixture.mother.id,
          purpose: 'EARLY_HELP',
          recipientSide: 'HEALTH',
          recipientProviderId: referredTo,
          scopes: ['PMPK'],
          document: 'Согласие',
        },
      })
      expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recipientSide' })
      const rows = await hub.databases.social.db
        .selectFrom('consent')
        .select('id')
        .where('child_id', '=', other.id)
        .execute()
      expect(rows).toEqual([])
    })
  })

  describe('the access audit', () => {
    const audits = () => ({
      social: auditView(hub.databases.social.db),
      health: auditView(hub.databases.health.db),
      education: auditView(hub.databases.education.db),
    })
    const auditOf = (name: 'social' | 'health' | 'education', subject: string) => {
      const audit = audits()[name]
      return audit
        .selectFrom('access_audit')
        .select(['subject', 'side', 'organisation', 'role', 'child_id', 'categories', 'operation', 'purpose'])
        .where('subject', '=', subject)
        .execute()
    }

    it('writes a row in each owning subgraph for every read of personal data, and none for a refused read', async () => {
      const nurse: TestViewer = { side: 'health', role: 'specialist', org: 'clinic-7', subject: `nurse-${backend}` }
      await card(nurse)
      const row = {
        subject: nurse.subject,
        side: 'health',
        organisation: 'clinic-7',
        role: 'specialist',
        child_id: fixture.child.id,
        operation: 'AccessCard',
        purpose: 'EARLY_HELP',
      }
      expect(await auditOf('health', nurse.subject!)).toEqual([{ ...row, categories: ['health'] }])
      expect(await auditOf('social', nurse.subject!)).toEqual([{ ...row, categories: ['criteria', 'identity'] }])
      // ПМПК was refused: the education row names only what was read.
      expect(await auditOf('education', nurse.subject!)).toEqual([{ ...row, categories: ['education'] }])

      const analyst: TestViewer = { side: 'regional', role: 'analyst', subject: `analyst-${backend}` }
      await card(analyst)
      for (const name of ['social', 'health', 'education'] as const)
        expect(await auditOf(name, analyst.subject!)).toEqual([])
    })

    it('refuses every change of an audit row at the database', async () => {
      const { db } = hub.databases.health
      await card({ side: 'health', role: 'specialist', subject: `audited-${backend}` })
      await expect(db.updateTable('access_audit').set({ subject: 'someone else' }).execute()).rejects.toThrow(
        /append-only: UPDATE refused/,
      )
      await expect(db.deleteFrom('access_audit').execute()).rejects.toThrow(/append-only: DELETE refused/)
      await expect(sql`truncate access_audit`.execute(db)).rejects.toThrow(/append-only: TRUNCATE refused/)
      expect((await auditOf('health', `audited-${backend}`)).length).toBe(1)
    })

    it('is read by the subgraph’s own administrators on the subgraph itself, and by nobody else', async () => {
      const query =
        '{ accessAudit(childId: "' + fixture.child.id + '", first: 500) { subject categories operationName } }'
      const own = await postGraphQL<{ accessAudit: { subject: string; categories: string[] }[] }>(
        hub.services.health.url,
        query,
        {},
        await authorizationFor(viewers.administrator('health')),
      )
      expect(own.errors).toBeUndefined()
      expect(own.data?.accessAudit.map((row) => row.subject)).toContain(`nurse-${backend}`)
      for (const as of [viewers.administrator('social'), viewers.specialist('health')]) {
        const other = await postGraphQL(hub.services.health.url, query, {}, await authorizationFor(as))
        expect(other.errors?.[0]?.extensions, as.side!).toMatchObject({ code: 'FORBIDDEN', category: 'audit' })
      }
      const throughGateway = await hub.query(query, {}, viewers.administrator('health'))
      expect(throughGateway.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
    })
  })
})
