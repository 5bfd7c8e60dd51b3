import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertMunicipality } from '../support/factories.js'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { socialSubgraph } from '../support/subgraph.js'

const OTHER = { oktmo: '71900000', name: 'Город Тестовск' }
const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterProviderInput!) {
    registerProvider(input: $input) {
      id
      moderationStatus
      municipalitiesServed {
        oktmo
      }
      services {
        code
      }
    }
  }
`
const MODERATE = /* GraphQL */ `
  mutation ($input: ModerateProviderInput!) {
    moderateProvider(input: $input) {
      id
      moderationStatus
      moderationNote
    }
  }
`

function provider(overrides: Record<string, unknown> = {}) {
  return {
    name: 'АНО «Центр ранней помощи „Росток“»',
    side: 'NGO',
    kind: 'NON_PROFIT',
    inn: '7707083893',
    ogrn: '1027700132195',
    municipality: '71800000',
    remoteDelivery: true,
    municipalities: ['71800000', OTHER.oktmo],
    services: ['COMMUNICATION_SPEECH', 'PARENT_GROUP'],
    ...overrides,
  }
}

describe.each(backends)('the provider registry and the regional catalogue (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  async function providerCount() {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from provider`.execute(social.db)
    return rows[0]!.n
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db)
    await insertMunicipality(social.db, OTHER)
  })
  afterAll(() => social?.stop())

  it('serves a municipality’s boundary as GeoJSON, and null where none was loaded', async () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [48, 57],
          [48.1, 57],
          [48.1, 57.1],
          [48, 57.1],
          [48, 57],
        ],
      ],
    }
    await social.db
      .updateTable('municipality')
      .set({ boundary: JSON.stringify(square) })
      .where('oktmo', '=', OTHER.oktmo)
      .execute()
    social.statements.length = 0
    const response = await social.query<{ municipalities: { oktmo: string; boundary: unknown }[] }>(
      '{ municipalities { oktmo boundary } }',
    )
    expect(response.data!.municipalities).toEqual(
      expect.arrayContaining([
        { oktmo: OTHER.oktmo, boundary: square },
        { oktmo: '71800000', boundary: null },
      ]),
    )
    expect(countByTable(social.statements)).toEqual({ municipality: 2 })
  })

  it('ships the regional catalogue with durations, remote delivery and required specialists', async () => {
    const response = await social.query<{
      serviceTypes: {
        code: string
        kind: string
        remoteAllowed: boolean
        requiredRoles: string[]
        standardDurationMinutes: number
      }[]
    }>('{ serviceTypes { code kind remoteAllowed requiredRoles standardDurationMinutes } }')
    const catalogue = new Map(response.data!.serviceTypes.map((service) => [service.code, service]))
    expect([...catalogue.keys()]).toEqual(
      expect.arrayContaining(['NEED_DETERMINATION', 'IPRP_DEVELOPMENT', 'IPRP_REVIEW', 'CONSULTATION', 'PARENT_GROUP']),
    )
    expect(catalogue.size).toBe(13)
    expect(catalogue.get('NEED_DETERMINATION')).toMatchObject({ kind: 'NEED_DETERMINATION', remoteAllowed: false })
    expect(catalogue.get('COMMUNICATION_SPEECH')).toMatchObject({
      kind: 'PROGRAMME',
      requiredRoles: ['SPEECH_THERAPIST'],
    })
  })

  it('registers a provider as pending, lists it once approved, and filters by municipality and service', async () => {
    const registered = await social.query<{ registerProvider: { id: string; moderationStatus: string } }>(REGISTER, {
      input: provider(),
    })
    expect(registered.errors).toBeUndefined()
    expect(registered.data?.registerProvider).toMatchObject({
      moderationStatus: 'PENDING',
      municipalitiesServed: [{ oktmo: OTHER.oktmo }, { oktmo: '71800000' }],
      services: [{ code: 'COMMUNICATION_SPEECH' }, { code: 'PARENT_GROUP' }],
    })
    const id = registered.data!.registerProvider.id
    const listed = async (filter: Record<string, unknown>) =>
      (
        await social.query<{ providers: { id: string }[] }>(
          'query ($f: ProviderFilter) { providers(filter: $f) { id } }',
          { f: filter },
        )
      ).data!.providers.map((row) => row.id)

    expect(await listed({})).not.toContain(id)
    const approved = await social.query(MODERATE, {
      input: { providerId: id, status: 'APPROVED', note: 'Документы проверены' },
    })
    expect(approved.errors).toBeUndefined()
    expect(await listed({})).toContain(id)
    expect(await listed({ municipality: OTHER.oktmo, service: 'PARENT_GROUP' })).toEqual([id])
    expect(await listed({ service: 'MOBILITY' })).not.toContain(id)
    expect(await listed({ side: 'HEALTH' })).not.toContain(id)
  })

  it('loads served municipalities and services for a list of providers in one statement each', async () => {
    social.statements.length = 0
    await social.query('{ providers { id municipalitiesServed { oktmo } services { code requiredRoles } } }')
    expect(countByTable(social.statements)).toEqual({ provider: 1, provider_municipality: 1, provider_service: 1 })
  })

  it.each([
    ['input.inn', { inn: '7707083894' }, 'check digit'],
    ['input.inn', { inn: '77070838' }, '10 digits'],
    ['input.ogrn', { ogrn: '1027700132196' }, 'check digit'],
    ['input.municipalities', { municipalities: ['99999999'] }, '99999999 is not the ОКТМО code'],
    ['input.services', { services: ['ASTROLOGY'] }, 'ASTROLOGY is not in the regional catalogue'],
    ['input.name', { name: '   ' }, 'must not be empty'],
  ])('rejects %s (%j) naming the field and the rule, writing nothing', async (field, overrides, rule) => {
    const before = await providerCount()
    const response = await social.query(REGISTER, {
      input: provider({ inn: '7736050003', ogrn: '1027700070518', ...overrides }),
    })
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(response.errors?.[0]?.message).toContain(`${field}: `)
    expect(response.errors?.[0]?.message).toContain(rule)
    expect(await providerCount()).toBe(before)
  })

  it('refuses a second registration of the same organisation', async () => {
    const before = await providerCount()
    const response = await social.query(REGISTER, { input: provider({ name: 'Другое название' }) })
    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT')
    expect(await providerCount()).toBe(before)
  })

  it('allows only the moderation steps that make sense', async () => {
    const registered = await social.query<{ registerProvider: { id: string } }>(REGISTER, {
      input: provider({ inn: '7736050003', ogrn: '1027700070518' }),
    })
    const id = registered.data!.registerProvider.id
    const suspend = await social.query(MODERATE, { input: { providerId: id, status: 'SUSPENDED', note: 'x' } })
    expect(suspend.errors?.[0]?.message).toBe(
      'input.status: a PENDING provider cannot become SUSPENDED; allowed: APPROVED, REJECTED',
    )
  })
})
