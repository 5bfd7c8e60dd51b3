import { print } from 'graphql'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  AddServiceTypeDocument,
  ChangeServiceTypeDocument,
  RetireServiceTypeDocument,
  ServiceCatalogueDocument,
} from '@hub/schema/operations'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { viewers, type TestViewer } from '@hub/testing/auth'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedWithoutWriting, snapshot } from '@hub/testing/writes'
import { insertChild, insertProgramme, insertProvider, insertReferral } from '../support/factories.js'
import { socialSubgraph } from '../support/subgraph.js'

const ADD = print(AddServiceTypeDocument)
const CHANGE = print(ChangeServiceTypeDocument)
const RETIRE = print(RetireServiceTypeDocument)
const CATALOGUE = print(ServiceCatalogueDocument)
const DRAFT = /* GraphQL */ `
  mutation ($input: DraftProgrammeInput!) {
    draftProgramme(input: $input) {
      id
    }
  }
`
const COVERAGE = /* GraphQL */ `
  mutation ($input: SetProviderCoverageInput!) {
    setProviderCoverage(input: $input) {
      services {
        code
      }
    }
  }
`
const PROGRAMME = /* GraphQL */ `
  query ($id: ID!) {
    programme(id: $id) {
      services {
        serviceType {
          code
          name
          retiredFrom
        }
      }
    }
  }
`

interface Service {
  code: string
  name: string
  standardDurationMinutes: number | null
  effectiveFrom: string
  includedFrom: string
  retiredFrom: string | null
  versions: { effectiveFrom: string; name: string; standardDurationMinutes: number | null; retired: boolean }[]
}

const REGIONAL = viewers.coordinator('regional')
const ADMINISTRATOR = viewers.administrator('social')

/** An edition of a service: everything a change states, from `effectiveFrom`. */
function edition(effectiveFrom: string, overrides: Record<string, unknown> = {}) {
  return {
    effectiveFrom,
    name: 'Групповые занятия по развитию речи',
    description: 'Занятия в малой группе детей с родителями.',
    standardDurationMinutes: 30,
    standardFrequency: '1 раз в неделю',
    remoteAllowed: false,
    requiredRoles: ['SPEECH_THERAPIST'],
    ...overrides,
  }
}

/** A new service's input: a speech group from 10 days ahead, unless its edition says otherwise. */
const newService = (code: string, overrides: Record<string, unknown> = {}) => ({
  code,
  kind: 'PROGRAMME',
  edition: edition(daysFromToday(10), overrides),
})

/** A change's input: the service's new edition from `effectiveFrom`. */
const change = (code: string, effectiveFrom: string, overrides: Record<string, unknown> = {}) => ({
  code,
  edition: edition(effectiveFrom, overrides),
})

describe.each(backends)('the regional list of services in editions (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let providerId: string

  const catalogue = async (on?: string, as?: TestViewer) => {
    const response = await social.query<{ serviceTypes: Service[] }>(CATALOGUE, on ? { on } : {}, as)
    expect(response.errors).toBeUndefined()
    return new Map(response.data!.serviceTypes.map((service) => [service.code, service]))
  }
  const run = (mutation: string, input: Record<string, unknown>, as: TestViewer = REGIONAL) =>
    social.query<Record<string, Service>>(mutation, { input }, as)
  const refused = (
    mutation: string,
    input: Record<string, unknown>,
    expected: Parameters<typeof expectRefusedWithoutWriting>[2],
    as: TestViewer = REGIONAL,
  ) => expectRefusedWithoutWriting(social.db, () => run(mutation, input, as), expected)

  /** A child in need with an accepted referral to the test provider: what a programme is drafted on. */
  const childInNeed = async () => {
    const child = await insertChild(social.db, { registry_status: 'IN_NEED' })
    const referral = await insertReferral(social.db, child.id, providerId, {
      received_on: daysFromToday(-20),
      status: 'ACCEPTED',
      decided_on: daysFromToday(-19),
      need_determined_on: daysFromToday(-18),
      need_outcome: 'IN_NEED',
    })
    return { childId: child.id, referralId: referral.id }
  }
  const draftNaming = async (serviceCode: string) =>
    social.query(DRAFT, {
      input: {
        ...(await childInNeed()),
        goals: [{ icfCode: 'd310', baselineQualifier: 3, targetQualifier: 1, description: 'Понимает речь' }],
        services: [
          {
            serviceCode,
            sessionsPerMonth: 4,
            durationMinutes: 45,
            mode: 'IN_CENTRE',
            responsibleSide: 'SOCIAL',
            providerId,
          },
        ],
      },
    })

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    providerId = (await insertProvider(social.db, { side: 'SOCIAL', moderation_status: 'APPROVED' })).id
  })
  afterEach(() => vi.useRealTimers())
  afterAll(() => social?.stop())

  it('adds a service from a day and answers, for any day, the edition then in force', async () => {
    const added = await run(ADD, newService('SPEECH_GROUP'))
    expect(added.errors).toBeUndefined()
    expect(added.data?.addServiceType).toMatchObject({
      code: 'SPEECH_GROUP',
      effectiveFrom: daysFromToday(10),
      includedFrom: daysFromToday(10),
      retiredFrom: null,
    })
    const changed = await run(
      CHANGE,
      change('SPEECH_GROUP', daysFromToday(20), { standardDurationMinutes: 45, remoteAllowed: true }),
    )
    expect(changed.errors).toBeUndefined()
    expect(changed.data?.changeServiceType).toMatchObject({
      effectiveFrom: daysFromToday(20),
      includedFrom: daysFromToday(10),
      standardDurationMinutes: 45,
      remoteAllowed: true,
    })

    expect((await catalogue()).has('SPEECH_GROUP')).toBe(false)
    expect((await catalogue(daysFromToday(9))).has('SPEECH_GROUP')).toBe(false)
    expect((await catalogue(daysFromToday(10))).get('SPEECH_GROUP')).toMatchObject({
      effectiveFrom: daysFromToday(10),
      standardDurationMinutes: 30,
    })
    expect((await catalogue(daysFromToday(19))).get('SPEECH_GROUP')?.standardDurationMinutes).toBe(30)
    const later = (await catalogue(daysFromToday(20))).get('SPEECH_GROUP')
    expect(later).toMatchObject({ effectiveFrom: daysFromToday(20), standardDurationMinutes: 45 })
    expect(later?.versions.map((version) => [version.effectiveFrom, version.standardDurationMinutes])).toEqual([
      [daysFromToday(10), 30],
      [daysFromToday(20), 45],
    ])
  })

  it('keeps the installed edition of a shipped service in force until its change takes effect', async () => {
    const changed = await run(
      CHANGE,
      change('COGNITIVE', daysFromToday(30), {
        name: 'Содействие развитию познавательной активности ребёнка в игре',
        standardDurationMinutes: 60,
        requiredRoles: ['DEFECTOLOGIST', 'PSYCHOLOGIST'],
      }),
      ADMINISTRATOR,
    )
    expect(changed.errors).toBeUndefined()
    const today = (await catalogue()).get('COGNITIVE')
    expect(today).toMatchObject({ effectiveFrom: '2000-01-01', standardDurationMinutes: 45 })
    expect((await catalogue('2010-06-01')).get('COGNITIVE')?.name).toBe(
      'Содействие развитию познавательной активности ребёнка',
    )
    expect((await catalogue(daysFromToday(30))).get('COGNITIVE')).toMatchObject({
      name: 'Содействие развитию познавательной активности ребёнка в игре',
      standardDurationMinutes: 60,
    })
    expect(today?.versions.map((version) => version.effectiveFrom)).toEqual(['2000-01-01', daysFromToday(30)])
    expect((await catalogue('1999-12-31')).size).toBe(0)
  })

  it('records the same addition, change or retirement once, however often it is sent', async () => {
    expect((await run(ADD, newService('TWICE'))).errors).toBeUndefined()
    const before = await snapshot(social.db)
    const again = await run(ADD, newService('TWICE'))
    expect(again.errors).toBeUndefined()
    expect(again.data?.addServiceType?.code).toBe('TWICE')
    expect(await snapshot(social.db)).toEqual(before)

    const twice = change('TWICE', daysFromToday(15), { standardFrequency: '2 раза в неделю' })
    expect((await run(CHANGE, twice)).errors).toBeUndefined()
    const changedOnce = await snapshot(social.db)
    const changedAgain = await run(CHANGE, twice)
    expect(changedAgain.data?.changeServiceType).toMatchObject({ standardFrequency: '2 раза в неделю' })
    // A change that says what the edition in force that day already says records nothing either.
    expect(
      (await run(CHANGE, { ...twice, edition: { ...twice.edition, effectiveFrom: daysFromToday(16) } })).errors,
    ).toBeUndefined()
    expect(await snapshot(social.db)).toEqual(changedOnce)

    const retirement = { code: 'TWICE', effectiveFrom: daysFromToday(40) }
    expect((await run(RETIRE, retirement)).errors).toBeUndefined()
    const retiredOnce = await snapshot(social.db)
    expect((await run(RETIRE, retirement)).data?.retireServiceType?.retiredFrom).toBe(daysFromToday(40))
    expect(await snapshot(social.db)).toEqual(retiredOnce)
  })

  it('corrects a planned edition until its day comes, and refuses to rewrite the one in force today', async () => {
    expect((await run(ADD, newService('PLANNED'))).errors).toBeUndefined()
    const corrected = await run(CHANGE, change('PLANNED', daysFromToday(10), { name: 'Речевая группа' }))
    expect(corrected.errors).toBeUndefined()
    expect((await catalogue(daysFromToday(10))).get('PLANNED')?.versions).toEqual([
      expect.objectContaining({
        effectiveFrom: daysFromToday(10),
        name: 'Речевая группа',
        standardDurationMinutes: 30,
        retired: false,
      }),
    ])

    expect((await run(ADD, newService('TODAY', { effectiveFrom: daysFromToday(0) }))).errors).toBeUndefined()
    await refused(CHANGE, change('TODAY', daysFromToday(0), { name: 'Другое название' }), {
      code: 'CONFLICT',
      field: 'input.edition.effectiveFrom',
      rule: 'already in force',
    })
    expect((await run(CHANGE, change('TODAY', daysFromToday(1), { name: 'Другое название' }))).errors).toBeUndefined()
  })

  it('retires a service: the list leaves it out from that day, while the records that name it still read it', async () => {
    const { programme } = await insertProgramme(social.db, (await insertChild(social.db)).id, providerId, {}, [
      { service_code: 'SELF_CARE' },
    ])
    const retired = await run(RETIRE, { code: 'SELF_CARE', effectiveFrom: daysFromToday(3) })
    expect(retired.errors).toBeUndefined()
    expect(retired.data?.retireServiceType).toMatchObject({
      effectiveFrom: daysFromToday(3),
      retiredFrom: daysFromToday(3),
      name: 'Содействие развитию самообслуживания и бытовых навыков ребёнка',
    })
    expect((await catalogue(daysFromToday(2))).get('SELF_CARE')?.retiredFrom).toBe(daysFromToday(3))
    expect((await catalogue(daysFromToday(3))).has('SELF_CARE')).toBe(false)
    const kept = await social.query<{ programme: { services: { serviceType: Record<string, unknown> }[] } }>(
      PROGRAMME,
      { id: programme.id },
    )
    expect(kept.data?.programme.services[0]?.serviceType).toEqual({
      code: 'SELF_CARE',
      name: 'Содействие развитию самообслуживания и бытовых навыков ребёнка',
      retiredFrom: daysFromToday(3),
    })
    const entity = await social.entities<{ code: string; retiredFrom: string }>(
      [{ __typename: 'ServiceType', code: 'SELF_CARE' }],
      'fragment Selection on ServiceType { code retiredFrom }',
      viewers.public(),
    )
    expect(entity.data?._entities).toEqual([
      { __typename: 'ServiceType', code: 'SELF_CARE', retiredFrom: daysFromToday(3) },
    ])
  })

  it('refuses a retired service for a new programme item and a provider’s offer from its retirement day, not the day before', async () => {
    // The tokens are signed at the real time first; the clock then goes back a day, to the day before retirement.
    await catalogue(undefined, REGIONAL)
    await catalogue()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() - 86_400_000)
    const dayBefore = daysFromToday(0)
    expect((await run(RETIRE, { code: 'SOCIAL_EMOTIONAL', effectiveFrom: daysFromToday(1) })).errors).toBeUndefined()
    expect((await draftNaming('SOCIAL_EMOTIONAL')).errors).toBeUndefined()
    expect(
      (
        await social.query(COVERAGE, {
          input: { providerId, municipalities: ['71800000'], services: ['SOCIAL_EMOTIONAL'] },
        })
      ).errors,
    ).toBeUndefined()
    vi.useRealTimers()
    expect(daysFromToday(0) > dayBefore).toBe(true)

    const inNeed = await childInNeed()
    await expectRefusedWithoutWriting(
      social.db,
      () =>
        social.query(DRAFT, {
          input: {
            ...inNeed,
            goals: [{ icfCode: 'd310', baselineQualifier: 3, targetQualifier: 1, description: 'Понимает речь' }],
            services: [
              {
                serviceCode: 'SOCIAL_EMOTIONAL',
                sessionsPerMonth: 4,
                durationMinutes: 45,
                mode: 'IN_CENTRE',
                responsibleSide: 'SOCIAL',
                providerId,
              },
            ],
          },
        }),
      { code: 'BAD_USER_INPUT', field: 'input.services[0].serviceCode', rule: 'left the regional list' },
    )
    await expectRefusedWithoutWriting(
      social.db,
      () =>
        social.query(COVERAGE, {
          input: { providerId, municipalities: ['71800000'], services: ['COGNITIVE', 'SOCIAL_EMOTIONAL'] },
        }),
      { code: 'BAD_USER_INPUT', field: 'input.services', rule: 'left the regional list' },
    )
  })

  it('refuses a service that enters the list later for a programme item until its day', async () => {
    expect((await run(ADD, newService('NOT_YET', { effectiveFrom: daysFromToday(5) }))).errors).toBeUndefined()
    const response = await draftNaming('NOT_YET')
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.services[0].serviceCode',
      rule: 'SERVICE_NOT_YET_INCLUDED',
    })
  })

  it('refuses bad editions naming the field and the rule, writing nothing', async () => {
    expect((await run(ADD, newService('RULES', { effectiveFrom: daysFromToday(5) }))).errors).toBeUndefined()
    expect(
      (await run(CHANGE, change('RULES', daysFromToday(30), { standardDurationMinutes: 40 }))).errors,
    ).toBeUndefined()
    await refused(ADD, newService('RULES', { name: 'Другая услуга' }), {
      code: 'CONFLICT',
      field: 'input.code',
      rule: 'already in the regional list',
    })
    await refused(ADD, newService('две услуги'), { code: 'BAD_USER_INPUT', field: 'input.code' })
    await refused(ADD, newService('EMPTY_NAME', { name: '   ' }), {
      code: 'BAD_USER_INPUT',
      field: 'input.edition.name',
    })
    await refused(ADD, newService('SHORT', { standardDurationMinutes: 3 }), {
      code: 'BAD_USER_INPUT',
      field: 'input.edition.standardDurationMinutes',
    })
    await refused(ADD, newService('PAST', { effectiveFrom: daysFromToday(-1) }), {
      code: 'BAD_USER_INPUT',
      field: 'input.edition.effectiveFrom',
    })
    await refused(ADD, newService('FAR', { effectiveFrom: daysFromToday(400) }), {
      code: 'BAD_USER_INPUT',
      field: 'input.edition.effectiveFrom',
    })
    await refused(CHANGE, change('NO_SUCH_SERVICE', daysFromToday(5)), { code: 'NOT_FOUND', field: 'input.code' })
    await refused(CHANGE, change('RULES', daysFromToday(4)), {
      code: 'BAD_USER_INPUT',
      field: 'input.edition.effectiveFrom',
      rule: 'before the service entered the list',
    })
    await refused(
      RETIRE,
      { code: 'RULES', effectiveFrom: daysFromToday(20) },
      { code: 'CONFLICT', field: 'input.effectiveFrom', rule: 'is planned' },
    )
    expect((await run(RETIRE, { code: 'RULES', effectiveFrom: daysFromToday(40) })).errors).toBeUndefined()
    await refused(CHANGE, change('RULES', daysFromToday(45)), {
      code: 'CONFLICT',
      field: 'input.edition.effectiveFrom',
      rule: 'leaves the list',
    })
    await refused(
      RETIRE,
      { code: 'RULES', effectiveFrom: daysFromToday(41) },
      { code: 'CONFLICT', field: 'input.effectiveFrom', rule: 'leaves the list' },
    )
    const repeated = await run(ADD, newService('ROLES', { requiredRoles: ['PSYCHOLOGIST', 'PSYCHOLOGIST'] }))
    expect(repeated.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'LIST_REPEATS' })
  })

  it('lets the region’s coordinator and social’s administrator keep the list, and nobody else', async () => {
    const gate = { code: 'FORBIDDEN', field: 'Mutation.addServiceType' } as const
    await refused(ADD, newService('BY_SOCIAL'), gate, viewers.coordinator('social'))
    await refused(ADD, newService('BY_HEALTH_ADMIN'), gate, viewers.administrator('health'))
    await refused(ADD, newService('BY_PROVIDER'), gate, viewers.coordinator('ngo', providerId))
    await refused(ADD, newService('BY_ANALYST'), gate, viewers.analyst('regional'))
    await refused(ADD, newService('BY_PUBLIC'), gate, viewers.public())
    await refused(
      ADD,
      newService('BY_REGIONAL_SPECIALIST'),
      { code: 'FORBIDDEN', field: 'input', rule: "social's administrator and the region's coordinator" },
      viewers.specialist('regional'),
    )
    expect((await run(ADD, newService('BY_ADMINISTRATOR'), ADMINISTRATOR)).errors).toBeUndefined()
    expect((await run(ADD, newService('BY_COORDINATOR'), REGIONAL)).errors).toBeUndefined()
  })

  it('serves the list on a day to the public reader in one statement per table', async () => {
    social.statements.length = 0
    const list = await catalogue(daysFromToday(20), viewers.public())
    expect(list.get('COMMUNICATION_SPEECH')?.versions).toHaveLength(1)
    expect(list.size).toBeGreaterThan(10)
    expect(countByTable(social.statements)).toEqual({ service_type_version: 2 })
  })
})
