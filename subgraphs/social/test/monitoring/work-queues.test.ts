import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertConsent,
  insertCriterion,
  insertFamily,
  insertProgramme,
  insertProvider,
  insertRepresentative,
} from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const CRITERIA = /* GraphQL */ `
  query ($filter: WorkQueueFilter, $first: Int, $offset: Int) {
    expiredCriteria(filter: $filter, first: $first, offset: $offset) {
      totalCount
      items {
        id
        code
        validTo
        child {
          id
        }
      }
    }
  }
`
const DRAFTS = /* GraphQL */ `
  query ($filter: WorkQueueFilter, $first: Int, $offset: Int) {
    programmeDraftsAwaitingSignature(filter: $filter, first: $first, offset: $offset) {
      totalCount
      items {
        id
        status
        provider {
          id
        }
        child {
          id
        }
      }
    }
  }
`
const CONSENTS = /* GraphQL */ `
  query ($filter: WorkQueueFilter, $days: Int, $first: Int, $offset: Int) {
    consentsRequiringAttention(filter: $filter, days: $days, first: $first, offset: $offset) {
      totalCount
      items {
        id
        revokedAt
        child {
          id
        }
      }
    }
  }
`

interface Page {
  totalCount: number
  items: { id: string; child: { id: string } }[]
}

const OTHER_MUNICIPALITY = { oktmo: '71900000', name: 'Другой муниципальный район' }

describe.each(backends)('the work queues (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let ours: { id: string }
  let theirs: { id: string }
  const expired: string[] = []
  let elsewhere: string
  let ourDraft: string
  let theirDraft: string
  let revoked: string
  let lapsing: string

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await social.db.insertInto('municipality').values(OTHER_MUNICIPALITY).execute()
    ours = await insertProvider(social.db)
    theirs = await insertProvider(social.db)
    // Three disabilities whose term ran out, oldest first, and one renewed (not waiting for anyone).
    for (const days of [-30, -20, -10]) {
      const child = await insertChild(social.db)
      await insertCriterion(social.db, child.id, {
        code: 'DISABLED_CHILD',
        source: 'SOCIAL',
        valid_to: daysFromToday(days),
      })
      expired.push(child.id)
    }
    const renewed = await insertChild(social.db)
    await insertCriterion(social.db, renewed.id, { code: 'DISABLED_CHILD', valid_to: daysFromToday(-40) })
    await insertCriterion(social.db, renewed.id, { code: 'DISABLED_CHILD', valid_from: daysFromToday(-39) })
    const far = await insertChild(social.db, { municipality_oktmo: OTHER_MUNICIPALITY.oktmo })
    await insertCriterion(social.db, far.id, { code: 'HEALTH_GROUP_IV_V', valid_to: daysFromToday(-5) })
    elsewhere = far.id
    const left = await insertChild(social.db, { registry_status: 'EXITED' })
    await insertCriterion(social.db, left.id, { code: 'DISABLED_CHILD', valid_to: daysFromToday(-3) })

    // The first child is in our provider's care with a draft; another child has a draft of the other provider.
    const first = await insertProgramme(social.db, expired[0]!, ours.id, { status: 'DRAFT', signed_on: null })
    ourDraft = first.programme.id
    const other = await insertChild(social.db)
    theirDraft = (await insertProgramme(social.db, other.id, theirs.id, { status: 'DRAFT', signed_on: null })).programme
      .id
    const signedChild = await insertChild(social.db)
    await insertProgramme(social.db, signedChild.id, ours.id)

    // Our child's consent was revoked yesterday; another family's mother's term ends in ten days.
    const family = await insertFamily(social.db)
    const mother = await insertRepresentative(social.db, family.id)
    await social.db.updateTable('child').set({ family_id: family.id }).where('id', '=', expired[0]!).execute()
    revoked = (
      await insertConsent(social.db, expired[0]!, mother.id, {
        given_at: new Date(Date.now() - 10 * 86_400_000).toISOString(),
        revoked_at: new Date(Date.now() - 86_400_000).toISOString(),
      })
    ).id
    await insertConsent(social.db, expired[0]!, mother.id)
    // A non-state provider has a child in its care only with the family's consent for it.
    await insertConsent(social.db, expired[0]!, mother.id, { recipient_side: null, recipient_provider_id: ours.id })
    const guardianFamily = await insertFamily(social.db)
    const guardian = await insertRepresentative(social.db, guardianFamily.id, {
      relation: 'GUARDIAN',
      kinship: 'GRANDPARENT',
      birth_date: '1960-01-01',
      valid_to: daysFromToday(10),
    })
    const ward = await insertChild(social.db, { family_id: guardianFamily.id })
    lapsing = (await insertConsent(social.db, ward.id, guardian.id)).id
    const distant = await insertRepresentative(social.db, guardianFamily.id, {
      first_name: 'Ольга',
      valid_to: daysFromToday(200),
    })
    await insertConsent(social.db, ward.id, distant.id)
  })

  afterAll(async () => {
    await social?.stop()
  })

  it('lists criteria whose validity ended with nothing in their place, oldest first, with the total', async () => {
    const page = await social.query<{ expiredCriteria: Page }>(CRITERIA, {})
    expect(page.errors).toBeUndefined()
    expect(page.data?.expiredCriteria.totalCount).toBe(4)
    expect(page.data?.expiredCriteria.items.map((item) => item.child.id)).toEqual([...expired, elsewhere])
  })

  it('pages the queue by first and offset, still counting every row past the end', async () => {
    const second = await social.query<{ expiredCriteria: Page }>(CRITERIA, { first: 2, offset: 2 })
    expect(second.data?.expiredCriteria).toMatchObject({ totalCount: 4 })
    expect(second.data?.expiredCriteria.items.map((item) => item.child.id)).toEqual([expired[2], elsewhere])
    const past = await social.query<{ expiredCriteria: Page }>(CRITERIA, { first: 2, offset: 10 })
    expect(past.data?.expiredCriteria).toEqual({ totalCount: 4, items: [] })
    const tooMany = await social.query(CRITERIA, { first: 1001 })
    expect(tooMany.errors?.[0]).toMatchObject({
      message: 'first: must be between 1 and 1000',
      extensions: { code: 'BAD_USER_INPUT' },
    })
    const negative = await social.query(CRITERIA, { offset: -1 })
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'offset' })
  })

  it('answers one page in one statement, and audits each child it shows', async () => {
    social.statements.length = 0
    await social.query(CRITERIA, { filter: { municipality: OTHER_MUNICIPALITY.oktmo } })
    const reads = social.statements.filter((statement) => statement.includes('child_criterion'))
    expect(reads).toHaveLength(1)
    const audit = await social.db
      .selectFrom('access_audit')
      .select(['child_id', 'categories'])
      .where('child_id', '=', elsewhere)
      .execute()
    expect(audit.some((row) => (row.categories as string[]).includes('criteria'))).toBe(true)
  })

  it('filters by the child’s municipality and by the provider caring for the child', async () => {
    const far = await social.query<{ expiredCriteria: Page }>(CRITERIA, {
      filter: { municipality: OTHER_MUNICIPALITY.oktmo },
    })
    expect(far.data?.expiredCriteria.items.map((item) => item.child.id)).toEqual([elsewhere])
    const cared = await social.query<{ expiredCriteria: Page }>(CRITERIA, { filter: { provider: ours.id } })
    expect(cared.data?.expiredCriteria.items.map((item) => item.child.id)).toEqual([expired[0]])
    const bad = await social.query(CRITERIA, { filter: { municipality: 'где-то' } })
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.municipality' })
  })

  it('lists the drafts nobody has signed, and a provider sees only its own', async () => {
    const all = await social.query<{ programmeDraftsAwaitingSignature: Page }>(DRAFTS, {})
    expect(all.data?.programmeDraftsAwaitingSignature.totalCount).toBe(2)
    expect(all.data?.programmeDraftsAwaitingSignature.items.map((item) => item.id).sort()).toEqual(
      [ourDraft, theirDraft].sort(),
    )
    const own = await social.query<{ programmeDraftsAwaitingSignature: Page }>(
      DRAFTS,
      {},
      viewers.specialist('ngo', ours.id),
    )
    expect(own.errors).toBeUndefined()
    expect(own.data?.programmeDraftsAwaitingSignature).toMatchObject({ totalCount: 1, items: [{ id: ourDraft }] })
    const another = await social.query(DRAFTS, { filter: { provider: theirs.id } }, viewers.specialist('ngo', ours.id))
    expect(another.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.provider' })
  })

  it('shows a provider only the expired criteria of children in its care', async () => {
    const own = await social.query<{ expiredCriteria: Page }>(CRITERIA, {}, viewers.coordinator('ngo', ours.id))
    expect(own.errors).toBeUndefined()
    expect(own.data?.expiredCriteria).toMatchObject({ totalCount: 1, items: [{ child: { id: expired[0] } }] })
  })

  it('lists consents revoked lately and consents whose signer’s term ends soon, by that day', async () => {
    const page = await social.query<{ consentsRequiringAttention: Page }>(CONSENTS, {})
    expect(page.errors).toBeUndefined()
    expect(page.data?.consentsRequiringAttention).toMatchObject({
      totalCount: 2,
      items: [{ id: revoked }, { id: lapsing }],
    })
    const narrow = await social.query<{ consentsRequiringAttention: Page }>(CONSENTS, { days: 5 })
    expect(narrow.data?.consentsRequiringAttention.items.map((item) => item.id)).toEqual([revoked])
    const wrong = await social.query(CONSENTS, { days: 0 })
    expect(wrong.errors?.[0]).toMatchObject({ message: 'days: must be a whole number from 1 to 365' })
  })

  it('refuses the queues to analysts and administrators', async () => {
    for (const viewer of [viewers.analyst('social'), viewers.administrator('social')]) {
      for (const query of [CRITERIA, DRAFTS, CONSENTS]) {
        const refused = await social.query(query, {}, viewer)
        expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
        expect(refused.data).toBeNull()
      }
    }
  })

  it('lets the health side see the consent queue only where the family consented to it', async () => {
    const health = await social.query<{ consentsRequiringAttention: Page }>(CONSENTS, {}, viewers.specialist('health'))
    expect(health.errors).toBeUndefined()
    expect(health.data?.consentsRequiringAttention.items).toEqual([])
  })
})
