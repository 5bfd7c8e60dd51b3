import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../subgraphs/social/src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertConsent,
  insertFamily,
  insertProvider,
  insertRepresentative,
} from '../../subgraphs/social/test/support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedWithoutWriting } from '@hub/testing/writes'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'

const REFER = /* GraphQL */ `
  mutation ($input: ReferChildInput!) {
    referChild(input: $input) {
      id
      fromSide
      provider {
        id
      }
    }
  }
`
/** What an NGO's staff see of a child once a referral to their organisation is recorded. */
const CHILD = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      fullName
    }
  }
`

interface Referred {
  referChild: { id: string; fromSide: string; provider: { id: string } }
}

const NO_CONSENT_RULE = "a referral to a non-state provider needs the family's consent in force for that provider"

/**
 * A referral opens the child's record to the provider it names (the `referred` rule). A non-state provider gets it
 * only with the family's consent for that provider (152-ФЗ ст. 6, 9); a state provider of a ministry under the law
 * that charges it with early help.
 */
describe.each(backends)('a referral to a non-state provider needs the family’s consent (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let ngo: string

  /** A child of a family whose mother may sign, referred by a health specialist (the token names no organisation). */
  async function childOfFamily() {
    const family = await insertFamily(social.db)
    const mother = await insertRepresentative(social.db, family.id)
    const child = await insertChild(social.db, { family_id: family.id })
    return { child, mother }
  }
  const refer = (childId: string, overrides: Record<string, unknown> = {}) =>
    social.query<Referred>(
      REFER,
      {
        input: {
          childId,
          providerId: ngo,
          fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
          reason: 'Положительный аудиологический скрининг',
          receivedOn: daysFromToday(-1),
          ...overrides,
        },
      },
      viewers.specialist('health'),
    )
  const referrals = async (childId: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from referral where child_id = ${childId}`.execute(social.db))
      .rows[0]!.n

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    ngo = (await insertProvider(social.db, { side: 'NGO', moderation_status: 'APPROVED' })).id
  })
  afterAll(() => social?.stop())

  it('refuses a referral to an NGO without any consent, stores nothing, and the NGO still cannot read the child', async () => {
    const { child } = await childOfFamily()
    await expectRefusedWithoutWriting(social.db, () => refer(child.id), {
      code: 'FORBIDDEN',
      field: 'input.providerId',
      rule: NO_CONSENT_RULE,
    })
    const read = await social.query<{ child: unknown }>(CHILD, { id: child.id }, viewers.specialist('ngo', ngo))
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('refuses it when the only consents are for another provider, for another purpose, or revoked', async () => {
    const { child, mother } = await childOfFamily()
    const other = await insertProvider(social.db, { side: 'NGO', moderation_status: 'APPROVED' })
    await insertConsent(social.db, child.id, mother.id, { recipient_provider_id: other.id })
    await insertConsent(social.db, child.id, mother.id, { recipient_provider_id: ngo, purpose: 'TRANSITION' })
    await insertConsent(social.db, child.id, mother.id, {
      recipient_provider_id: ngo,
      revoked_at: new Date(Date.now() - 60_000).toISOString(),
    })
    await expectRefusedWithoutWriting(social.db, () => refer(child.id), {
      code: 'FORBIDDEN',
      field: 'input.providerId',
      rule: NO_CONSENT_RULE,
    })
  })

  it('accepts it with a consent in force recorded before, for that provider or for every NGO', async () => {
    for (const recipient of [{ recipient_provider_id: ngo }, { recipient_side: 'NGO' as const }]) {
      const { child, mother } = await childOfFamily()
      await insertConsent(social.db, child.id, mother.id, { ...recipient, purpose: 'NEED_DETERMINATION' })
      const response = await refer(child.id)
      expect(response.errors).toBeUndefined()
      expect(response.data?.referChild).toMatchObject({ fromSide: 'HEALTH', provider: { id: ngo } })
    }
  })

  it('accepts it with the consent signed with the referral, recording both in one transaction', async () => {
    const { child, mother } = await childOfFamily()
    const response = await refer(child.id, {
      consent: {
        representativeId: mother.id,
        purpose: 'EARLY_HELP',
        scopes: ['FAMILY'],
        document: 'Согласие на передачу сведений поставщику № 12',
      },
    })
    expect(response.errors).toBeUndefined()
    const { rows } = await sql<{ recipient_provider_id: string; purpose: string; representative_id: string }>`
      select recipient_provider_id, purpose, representative_id from consent where child_id = ${child.id}
    `.execute(social.db)
    expect(rows).toEqual([{ recipient_provider_id: ngo, purpose: 'EARLY_HELP', representative_id: mother.id }])
    expect(await referrals(child.id)).toBe(1)
    const read = await social.query<{ child: unknown }>(CHILD, { id: child.id }, viewers.specialist('ngo', ngo))
    expect(read.errors).toBeUndefined()
  })

  it('refuses a consent given with the referral that cannot cover it, storing neither', async () => {
    const { child, mother } = await childOfFamily()
    const stranger = await insertRepresentative(social.db, (await insertFamily(social.db)).id)
    const consent = {
      representativeId: mother.id,
      purpose: 'EARLY_HELP',
      scopes: ['FAMILY'],
      document: 'Согласие на передачу сведений поставщику',
    }
    await expectRefusedWithoutWriting(
      social.db,
      () => refer(child.id, { consent: { ...consent, representativeId: stranger.id } }),
      { code: 'CONFLICT', field: 'input.consent.representativeId', rule: "must represent the child's family" },
    )
    await expectRefusedWithoutWriting(
      social.db,
      () => refer(child.id, { consent: { ...consent, purpose: 'TRANSITION' } }),
      { code: 'BAD_USER_INPUT', field: 'input.consent.purpose', rule: 'NEED_DETERMINATION or EARLY_HELP' },
    )
  })

  it('closes the child to the NGO when the family revokes the consent, though the referral stands', async () => {
    const { child, mother } = await childOfFamily()
    const referred = await refer(child.id, {
      consent: {
        representativeId: mother.id,
        purpose: 'EARLY_HELP',
        scopes: ['FAMILY'],
        document: 'Согласие на передачу сведений поставщику № 13',
      },
    })
    expect(referred.errors).toBeUndefined()
    const staff = viewers.specialist('ngo', ngo)
    const readChild = () => social.query<{ child: { fullName: string } | null }>(CHILD, { id: child.id }, staff)
    expect((await readChild()).data?.child?.fullName).toBe(`${child.last_name} ${child.first_name} ${child.patronymic}`)
    const listed = async () =>
      (
        await social.query<{ children: { edges: { node: { id: string } }[] } }>(
          `query { children(first: 1000) { edges { node { id } } } }`,
          {},
          staff,
        )
      ).data?.children.edges.map((edge) => edge.node.id)
    expect(await listed()).toContain(child.id)

    const { rows } = await sql<{ id: string }>`select id from consent where child_id = ${child.id}`.execute(social.db)
    const revoked = await social.query(
      `mutation ($input: RevokeConsentInput!) { revokeConsent(input: $input) { id revokedAt } }`,
      { input: { consentId: rows[0]!.id, note: 'Заявление матери об отзыве согласия' } },
      viewers.coordinator('social'),
    )
    expect(revoked.errors).toBeUndefined()
    expect(await referrals(child.id)).toBe(1)
    const refused = await readChild()
    expect(refused.data?.child ?? null).toBeNull()
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await listed()).not.toContain(child.id)
  })

  it('refers to a state provider of a ministry without a consent', async () => {
    const { child } = await childOfFamily()
    const centre = await insertProvider(social.db, { side: 'SOCIAL', moderation_status: 'APPROVED' })
    const response = await refer(child.id, { providerId: centre.id })
    expect(response.errors).toBeUndefined()
    expect(response.data?.referChild).toMatchObject({ fromSide: 'HEALTH', provider: { id: centre.id } })
  })
})
