import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertCriterion,
  insertFamily,
  insertMunicipality,
  insertProgramme,
  insertProvider,
  insertSocialSession,
} from './support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { countByTable } from '@hub/testing/statements'
import { socialSubgraph } from './support/subgraph.js'

describe.each(backends)('social _entities (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
  })
  afterAll(() => social?.stop())
  beforeEach(() => {
    social.statements.length = 0
  })

  it('resolves Child by id in the order asked, null for unknown and malformed ids, in one statement per table', async () => {
    const first = await insertChild(social.db, { first_name: 'Первый' })
    const second = await insertChild(social.db, { first_name: 'Второй' })
    await insertCriterion(social.db, first.id)
    social.statements.length = 0

    const response = await social.entities(
      [second, { id: randomUUID() }, first, { id: 'not-a-uuid' }].map(({ id }) => ({ __typename: 'Child', id })),
      'fragment Selection on Child { id firstName criteria { code } municipality { oktmo } }',
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?._entities).toEqual([
      { __typename: 'Child', id: second.id, firstName: 'Второй', criteria: [], municipality: { oktmo: '71800000' } },
      null,
      {
        __typename: 'Child',
        id: first.id,
        firstName: 'Первый',
        criteria: [{ code: 'HEALTH_GROUP_IV_V' }],
        municipality: { oktmo: '71800000' },
      },
      null,
    ])
    expect(countByTable(social.statements)).toEqual({ child: 1, child_criterion: 1, municipality: 1 })
  })

  it('resolves Family by id', async () => {
    const family = await insertFamily(social.db, { address: 'ул. Лесная, д. 7' })
    const response = await social.entities(
      [
        { __typename: 'Family', id: family.id },
        { __typename: 'Family', id: randomUUID() },
      ],
      'fragment Selection on Family { id address inSop }',
    )
    expect(response.data?._entities).toEqual([
      { __typename: 'Family', id: family.id, address: 'ул. Лесная, д. 7', inSop: false },
      null,
    ])
  })

  it('resolves Municipality by oktmo', async () => {
    await insertMunicipality(social.db)
    const response = await social.entities(
      [
        { __typename: 'Municipality', oktmo: '71800000' },
        { __typename: 'Municipality', oktmo: '99999999' },
      ],
      'fragment Selection on Municipality { oktmo name }',
    )
    expect(response.data?._entities).toEqual([
      { __typename: 'Municipality', oktmo: '71800000', name: 'Тестовый муниципальный район' },
      null,
    ])
  })

  it('resolves Provider by id', async () => {
    const provider = await insertProvider(social.db, { side: 'EDUCATION', remote_delivery: true })
    const response = await social.entities(
      [{ __typename: 'Provider', id: provider.id }],
      'fragment Selection on Provider { id name side remoteDelivery municipality { oktmo } }',
    )
    expect(response.data?._entities).toEqual([
      {
        __typename: 'Provider',
        id: provider.id,
        name: provider.name,
        side: 'EDUCATION',
        remoteDelivery: true,
        municipality: { oktmo: '71800000' },
      },
    ])
  })

  it('resolves ServiceType by code from the regional catalogue', async () => {
    const response = await social.entities(
      [
        { __typename: 'ServiceType', code: 'MOBILITY' },
        { __typename: 'ServiceType', code: 'UNKNOWN' },
      ],
      'fragment Selection on ServiceType { code name }',
    )
    expect(response.data?._entities).toEqual([
      { __typename: 'ServiceType', code: 'MOBILITY', name: 'Содействие развитию мобильности ребёнка' },
      null,
    ])
  })

  it('resolves ProgrammeService by id with its programme and sessions, null for unknown and malformed ids, in one statement per table', async () => {
    const provider = await insertProvider(social.db, { side: 'SOCIAL' })
    const child = await insertChild(social.db, { registry_status: 'PROGRAMME_ACTIVE' })
    const { programme, services } = await insertProgramme(social.db, child.id, provider.id, {}, [
      {},
      { service_code: 'MOBILITY', responsible_side: 'HEALTH', mode: 'AT_HOME' },
    ])
    const [speech, mobility] = services as [(typeof services)[number], (typeof services)[number]]
    const session = await insertSocialSession(social.db, speech.id)
    social.statements.length = 0

    const response = await social.entities(
      [mobility.id, randomUUID(), speech.id, 'not-a-uuid'].map((id) => ({ __typename: 'ProgrammeService', id })),
      `fragment Selection on ProgrammeService {
        id responsibleSide mode serviceType { code } programme { id version status child { id } } socialSessions { id }
      }`,
    )
    expect(response.errors).toBeUndefined()
    const inProgramme = { id: programme.id, version: 1, status: 'SIGNED', child: { id: child.id } }
    expect(response.data?._entities).toEqual([
      {
        __typename: 'ProgrammeService',
        id: mobility.id,
        responsibleSide: 'HEALTH',
        mode: 'AT_HOME',
        serviceType: { code: 'MOBILITY' },
        programme: inProgramme,
        socialSessions: [],
      },
      null,
      {
        __typename: 'ProgrammeService',
        id: speech.id,
        responsibleSide: 'SOCIAL',
        mode: 'IN_CENTRE',
        serviceType: { code: 'COMMUNICATION_SPEECH' },
        programme: inProgramme,
        socialSessions: [{ id: session.id }],
      },
      null,
    ])
    expect(countByTable(social.statements)).toEqual({
      programme_service: 1,
      programme: 1,
      child: 1,
      service_type_version: 1,
      social_session: 1,
    })
  })

  it('resolves RegionalIndicators by a live id and a filed report’s id, null for a report that was never filed', async () => {
    const filed = await social.query<{ fileQuarterlyReport: { id: string } }>(
      'mutation { fileQuarterlyReport(input: { year: 2026, quarter: 1, definitionVersion: "2026.1" }) { id } }',
    )
    expect(filed.errors).toBeUndefined()
    const reportId = filed.data!.fileQuarterlyReport.id
    const live = 'live:2026-01-01:2026-03-31:region:PROGRAMME_IN_FORCE:2026.1'
    const response = await social.entities(
      [live, `report:${reportId}:region`, `report:${randomUUID()}:region`].map((id) => ({
        __typename: 'RegionalIndicators',
        id,
      })),
      'fragment Selection on RegionalIndicators { id period { from to } coverage { share { total { count } } } }',
    )
    expect(response.errors).toBeUndefined()
    const indicators = (id: string) => ({
      __typename: 'RegionalIndicators',
      id,
      period: { from: '2026-01-01', to: '2026-03-31' },
      coverage: { share: { total: { count: 0 } } },
    })
    expect(response.data?._entities).toEqual([indicators(live), indicators(`report:${reportId}:region`), null])

    const reports = await social.entities(
      [reportId, randomUUID()].map((id) => ({ __typename: 'QuarterlyReport', id })),
      'fragment Selection on QuarterlyReport { id year quarter dueOn }',
    )
    expect(reports.data?._entities).toEqual([
      { __typename: 'QuarterlyReport', id: reportId, year: 2026, quarter: 1, dueOn: '2026-04-10' },
      null,
    ])
  })

  it('resolves ProgrammeExitsDue by a provider’s id or the region’s: its children, and the programmes of the enrolled', async () => {
    const provider = await insertProvider(social.db, { side: 'SOCIAL', kind: 'SOCIAL_SERVICE_CENTRE' })
    const child = await insertChild(social.db)
    const { programme } = await insertProgramme(social.db, child.id, provider.id, { signed_on: '2026-09-01' })
    const listed = await social.entities(
      [{ __typename: 'ProgrammeExitsDue', id: provider.id }],
      'fragment Selection on ProgrammeExitsDue { id childrenInProgrammes }',
    )
    expect(listed.data?._entities).toEqual([
      { __typename: 'ProgrammeExitsDue', id: provider.id, childrenInProgrammes: [child.id] },
    ])

    const enrolled = (educationEnrolments: unknown) =>
      social.entities(
        [{ __typename: 'ProgrammeExitsDue', id: 'REGION', educationEnrolments }],
        'fragment Selection on ProgrammeExitsDue { programmes { enrolledOn programme { id } } }',
      )
    const due = await enrolled([
      { childId: child.id, enrolledOn: '2026-10-01' },
      { childId: randomUUID(), enrolledOn: '2026-10-01' },
    ])
    expect(due.data?._entities).toEqual([
      { __typename: 'ProgrammeExitsDue', programmes: [{ enrolledOn: '2026-10-01', programme: { id: programme.id } }] },
    ])
    // Enrolled before the programme was signed: the programme was agreed for a child already in a kindergarten.
    expect((await enrolled([{ childId: child.id, enrolledOn: '2026-08-31' }])).data?._entities).toEqual([
      { __typename: 'ProgrammeExitsDue', programmes: [] },
    ])
    const silent = await enrolled(null)
    expect(silent.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', rule: 'SUBGRAPH_UNAVAILABLE' })
  })

  it('refuses a ProgrammeExitsDue id it did not make, naming the field', async () => {
    const response = await social.entities(
      [{ __typename: 'ProgrammeExitsDue', id: 'somewhere' }],
      'fragment Selection on ProgrammeExitsDue { childrenInProgrammes }',
    )
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } })
  })

  it('refuses a RegionalIndicators id it did not make, naming the field', async () => {
    const response = await social.entities(
      [{ __typename: 'RegionalIndicators', id: 'live:2026-01-01:2026-03-31:region:PROGRAMME_IN_FORCE:1999.1' }],
      'fragment Selection on RegionalIndicators { id }',
    )
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } })
  })
})
