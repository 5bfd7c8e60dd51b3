import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../subgraphs/social/src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertMunicipality,
  insertProvider,
  MUNICIPALITY,
} from '../../subgraphs/social/test/support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedWithoutWriting } from '@hub/testing/writes'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'

const REFER = /* GraphQL */ `
  mutation ($input: ReferChildInput!) {
    referChild(input: $input) {
      id
      fromSide
      fromOrganisation
    }
  }
`
const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterChildInput!) {
    registerChild(input: $input) {
      outcome
      child {
        id
        criteria {
          code
          source
        }
      }
    }
  }
`

interface Referred {
  referChild: { id: string; fromSide: string; fromOrganisation: string }
}
interface Registered {
  registerChild: { outcome: string; child: { id: string; criteria: { code: string; source: string }[] } }
}

const CLINIC = 'ГБУЗ «Детская поликлиника № 1»'

/**
 * A referral's sender and a registration's source are who the caller is, by its verified token: an attacker with an
 * ordinary account of one side cannot record its work as another side's or another organisation's.
 */
describe.each(backends)('who did it comes from the token (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let centre: string
  let clinic: string

  const referral = (childId: string, overrides: Record<string, unknown> = {}) => ({
    childId,
    providerId: centre,
    reason: 'Задержка речевого развития',
    receivedOn: daysFromToday(-1),
    ...overrides,
  })
  const registration = (lastName: string, overrides: Record<string, unknown> = {}) => ({
    lastName,
    firstName: 'Ирина',
    birthDate: daysFromToday(-300),
    sex: 'FEMALE',
    municipality: MUNICIPALITY.oktmo,
    criteria: [
      {
        code: 'DEVELOPMENTAL_PARTICULARITY',
        evidenceDocument: 'Заключение',
        evidenceDate: daysFromToday(-5),
        validFrom: daysFromToday(-5),
      },
    ],
    ...overrides,
  })

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db)
    centre = (await insertProvider(social.db, { side: 'SOCIAL', moderation_status: 'APPROVED' })).id
    clinic = (await insertProvider(social.db, { side: 'HEALTH', name: CLINIC, moderation_status: 'APPROVED' })).id
  })
  afterAll(() => social?.stop())

  it("refuses an education specialist's referral that claims to come from health, and stores nothing", async () => {
    const child = await insertChild(social.db)
    await expectRefusedWithoutWriting(
      social.db,
      () =>
        social.query(
          REFER,
          { input: referral(child.id, { fromSide: 'HEALTH', fromOrganisation: CLINIC }) },
          viewers.specialist('education'),
        ),
      { code: 'FORBIDDEN', field: 'input.fromSide', rule: "the caller's own side (EDUCATION)" },
    )
  })

  it("records an education specialist's referral as sent by education", async () => {
    const child = await insertChild(social.db)
    const response = await social.query<Referred>(
      REFER,
      { input: referral(child.id, { fromOrganisation: 'МБДОУ «Детский сад № 5»' }) },
      viewers.specialist('education'),
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?.referChild).toMatchObject({
      fromSide: 'EDUCATION',
      fromOrganisation: 'МБДОУ «Детский сад № 5»',
    })
  })

  it("records the organisation of the caller's token, and refuses another one claimed in the input", async () => {
    const nurse = viewers.specialist('health', clinic)
    const child = await insertChild(social.db)
    await expectRefusedWithoutWriting(
      social.db,
      () => social.query(REFER, { input: referral(child.id, { fromOrganisation: 'ГБУЗ «Другая больница»' }) }, nurse),
      { code: 'FORBIDDEN', field: 'input.fromOrganisation', rule: `the caller's own organisation (${CLINIC})` },
    )
    const response = await social.query<Referred>(REFER, { input: referral(child.id) }, nurse)
    expect(response.errors).toBeUndefined()
    expect(response.data?.referChild).toMatchObject({ fromSide: 'HEALTH', fromOrganisation: CLINIC })
  })

  it('refuses a health specialist registering a child as social, and stores nothing', async () => {
    await expectRefusedWithoutWriting(
      social.db,
      () =>
        social.query(
          REGISTER,
          { input: registration('Подлогова', { source: 'SOCIAL' }) },
          viewers.specialist('health'),
        ),
      { code: 'FORBIDDEN', field: 'input.source', rule: "the caller's own side (HEALTH)" },
    )
  })

  it("takes a registration's source, and its criteria's, from the caller's side", async () => {
    const response = await social.query<Registered>(
      REGISTER,
      { input: registration('Источникова') },
      viewers.specialist('health'),
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?.registerChild.child.criteria).toEqual([
      { code: 'DEVELOPMENTAL_PARTICULARITY', source: 'HEALTH' },
    ])
  })

  it('lets the regional coordinator act for a side only by naming it', async () => {
    const regional = viewers.coordinator('regional')
    const child = await insertChild(social.db)
    await expectRefusedWithoutWriting(
      social.db,
      () => social.query(REFER, { input: referral(child.id, { fromOrganisation: CLINIC }) }, regional),
      { code: 'BAD_USER_INPUT', field: 'input.fromSide', rule: 'acts on behalf of a side' },
    )
    await expectRefusedWithoutWriting(
      social.db,
      () => social.query(REGISTER, { input: registration('Региональная') }, regional),
      { code: 'BAD_USER_INPUT', field: 'input.source', rule: 'acts on behalf of a side' },
    )
    const referred = await social.query<Referred>(
      REFER,
      { input: referral(child.id, { fromSide: 'HEALTH', fromOrganisation: CLINIC }) },
      regional,
    )
    expect(referred.data?.referChild).toMatchObject({ fromSide: 'HEALTH', fromOrganisation: CLINIC })
  })
})
