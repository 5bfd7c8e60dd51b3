import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql, type Kysely } from 'kysely'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGateway } from '../../gateway/src/server.js'
import { isDatabaseUnavailable } from '@hub/platform/errors'
import { PURPOSE_HEADER } from '@hub/platform/purpose'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertMunicipality, MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import type { GraphQLResponse } from '@hub/testing/graphql'
import { startHub, supergraphSdl, type Hub } from '../support/hub.js'
import { expectCatalogued } from '@hub/testing/error-rules'
import { daysFromToday, snapshot } from '@hub/testing/writes'

const REGISTER_CHILD = /* GraphQL */ `
  mutation RegisterChild($input: RegisterChildInput!) {
    registerChild(input: $input) {
      outcome
      child {
        id
      }
    }
  }
`
const REGISTER_FAMILY = /* GraphQL */ `
  mutation RegisterFamily($input: RegisterFamilyInput!) {
    registerFamily(input: $input) {
      id
    }
  }
`
const RECORD_DETECTION = /* GraphQL */ `
  mutation RecordDetection($input: RecordDetectionEventInput!) {
    recordDetectionEvent(input: $input) {
      id
    }
  }
`

const child = (overrides: Record<string, unknown> = {}) => ({
  lastName: 'Смирнова',
  firstName: 'Ольга',
  birthDate: daysFromToday(-300),
  sex: 'FEMALE',
  municipality: MUNICIPALITY.oktmo,
  ...overrides,
})
const criterion = (overrides: Record<string, unknown> = {}) => ({
  code: 'DISABLED_CHILD',
  evidenceDocument: 'Справка МСЭ № 1',
  evidenceDate: daysFromToday(-30),
  validFrom: daysFromToday(-30),
  ...overrides,
})
const family = (overrides: Record<string, unknown> = {}) => ({
  municipality: MUNICIPALITY.oktmo,
  address: 'г. Тестовск, ул. Ленина, д. 1',
  members: [{ lastName: 'Смирнова', firstName: 'Анна', kinship: 'PARENT' }],
  ...overrides,
})
const detection = (overrides: Record<string, unknown> = {}) => ({
  childId: '00000000-0000-4000-8000-000000000001',
  kind: 'PAEDIATRIC_VISIT',
  occurredOn: daysFromToday(-3),
  organisation: 'ГБУЗ «Детская поликлиника № 1»',
  ...overrides,
})

/** A bad input: what is sent, and the field and rule its refusal must name. */
interface BadInput {
  name: string
  subgraph: 'social' | 'health'
  query: string
  input: Record<string, unknown>
  field: string
  rule: string
  /** Refused by the `Date` scalar (HTTP 400, nothing planned) rather than by the input rules in the resolver (200). */
  scalar?: boolean
}

const socialCoordinator = viewers.coordinator('social')
const healthCoordinator = viewers.coordinator('health')
const CALLER = { social: socialCoordinator, health: healthCoordinator }

const BAD_INPUTS: BadInput[] = [
  {
    name: 'a day February does not have',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ birthDate: '2025-02-30' }),
    field: 'input.birthDate',
    rule: 'real calendar date',
    scalar: true,
  },
  {
    name: 'a 31st of April in a criterion',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ criteria: [criterion({ evidenceDate: '2025-04-31' })] }),
    field: 'input.criteria[0].evidenceDate',
    rule: 'real calendar date',
    scalar: true,
  },
  {
    name: 'a date that is not written YYYY-MM-DD',
    subgraph: 'health',
    query: RECORD_DETECTION,
    input: detection({ occurredOn: '03.02.2025' }),
    field: 'input.occurredOn',
    rule: 'real calendar date',
    scalar: true,
  },
  {
    name: 'a line feed in a surname',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ lastName: 'Смир\nнова' }),
    field: 'input.lastName',
    rule: 'U+000A',
  },
  {
    name: 'a tab in a surname',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ lastName: 'Смирнова\t' }),
    field: 'input.lastName',
    rule: 'U+0009',
  },
  {
    name: 'BEL in an address',
    subgraph: 'social',
    query: REGISTER_FAMILY,
    input: family({ address: 'ул. Ленина\u0007, д. 1' }),
    field: 'input.address',
    rule: 'U+0007',
  },
  {
    name: 'ESC in an address',
    subgraph: 'social',
    query: REGISTER_FAMILY,
    input: family({ address: '\u001b[31mул. Ленина' }),
    field: 'input.address',
    rule: 'U+001B',
  },
  {
    name: 'DEL in an address',
    subgraph: 'social',
    query: REGISTER_FAMILY,
    input: family({ address: 'ул. Ленина\u007f' }),
    field: 'input.address',
    rule: 'U+007F',
  },
  {
    name: 'a C1 control in a member’s name',
    subgraph: 'social',
    query: REGISTER_FAMILY,
    input: family({ members: [{ lastName: 'Смир\u0085нова', firstName: 'Анна', kinship: 'PARENT' }] }),
    field: 'input.members[0].lastName',
    rule: 'U+0085',
  },
  {
    name: 'a right-to-left override in a member’s name',
    subgraph: 'social',
    query: REGISTER_FAMILY,
    input: family({ members: [{ lastName: 'Смирнова', firstName: '\u202eанна', kinship: 'PARENT' }] }),
    field: 'input.members[0].firstName',
    rule: 'U+202E',
  },
  {
    name: 'a zero-width space in a criterion’s document',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ criteria: [criterion({ evidenceDocument: 'Справка\u200b МСЭ' })] }),
    field: 'input.criteria[0].evidenceDocument',
    rule: 'U+200B',
  },
  {
    name: 'a line feed in a single-line organisation',
    subgraph: 'health',
    query: RECORD_DETECTION,
    input: detection({ organisation: 'Поликлиника\nи ещё строка' }),
    field: 'input.organisation',
    rule: 'U+000A',
  },
  {
    name: 'a birth date in year 1',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ birthDate: '0001-01-01' }),
    field: 'input.birthDate',
    rule: 'under 8 years old',
  },
  {
    name: 'a birth date in year 9999',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ birthDate: '9999-12-31' }),
    field: 'input.birthDate',
    rule: 'must not be in the future',
  },
  {
    name: 'a member born in year 1',
    subgraph: 'social',
    query: REGISTER_FAMILY,
    input: family({
      members: [{ lastName: 'Смирнова', firstName: 'Анна', kinship: 'PARENT', birthDate: '0001-01-01' }],
    }),
    field: 'input.members[0].birthDate',
    rule: 'must not be before 1900-01-01',
  },
  {
    name: 'a criterion valid until 9999',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ criteria: [criterion({ validTo: '9999-12-31' })] }),
    field: 'input.criteria[0].validTo',
    rule: 'must not be after',
  },
  {
    name: 'a detection in year 1',
    subgraph: 'health',
    query: RECORD_DETECTION,
    input: detection({ occurredOn: '0001-01-01' }),
    field: 'input.occurredOn',
    rule: 'must not be before 2000-01-01',
  },
  {
    name: 'a detection in year 9999',
    subgraph: 'health',
    query: RECORD_DETECTION,
    input: detection({ occurredOn: '9999-12-31' }),
    field: 'input.occurredOn',
    rule: 'must not be in the future',
  },
  {
    name: '2,000 identical criteria in one registration',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ criteria: Array.from({ length: 2_000 }, () => criterion()) }),
    field: 'input.criteria',
    rule: 'at most 20 items, got 2000',
  },
  {
    name: 'the same criterion twice',
    subgraph: 'social',
    query: REGISTER_CHILD,
    input: child({ criteria: [criterion(), criterion()] }),
    field: 'input.criteria[1]',
    rule: 'repeats input.criteria[0]',
  },
  {
    name: '21 family members',
    subgraph: 'social',
    query: REGISTER_FAMILY,
    input: family({
      members: Array.from({ length: 21 }, (_, i) => ({
        lastName: 'Смирнова',
        firstName: `Анна${i}`,
        kinship: 'OTHER',
      })),
    }),
    field: 'input.members',
    rule: 'at most 20 items, got 21',
  },
]

/** Posts an operation with the given caller and extra headers; the HTTP status with the parsed body. */
async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  as: TestViewer,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Record<string, unknown>>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await authorizationFor(as), ...headers },
    body: JSON.stringify({ query, variables }),
  })
  return { status: response.status, ...((await response.json()) as object) }
}

/** Refused as BAD_USER_INPUT naming the field and the rule, and never as an outage. */
function expectRefused(response: GraphQLResponse<unknown>, field: string, rule: string) {
  expect(response.data ?? null).toBeNull()
  expect(response.errors).toHaveLength(1)
  const [error] = response.errors!
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT')
  expect(error!.extensions?.field).toBe(field)
  expect(error!.message).toContain(field)
  expect(error!.message).toContain(rule)
  expectCatalogued(error)
}

describe.each(backends)('bad input is refused, clearly, and never stored (%s)', (backend) => {
  let hub: Hub

  beforeAll(async () => {
    hub = await startHub(backend)
    await insertMunicipality(hub.databases.social.db)
  })
  afterAll(() => hub?.stop())

  const doors = [
    { door: 'through the gateway', url: () => hub.gateway.url, gateway: true },
    { door: 'straight at the subgraph', url: (subgraph: 'social' | 'health') => hub.services[subgraph].url },
  ]

  describe.each(doors)('$door', ({ url, gateway }) => {
    it.each(BAD_INPUTS)('refuses $name, naming the field and the rule, and stores nothing', async (bad) => {
      const db: Kysely<unknown> = hub.databases[bad.subgraph].db as Kysely<unknown>
      const before = await snapshot(db)
      const response = await post(url(bad.subgraph), bad.query, { input: bad.input }, CALLER[bad.subgraph])
      expectRefused(response, bad.field, bad.rule)
      // The scalar's refusal comes before the request runs (400); the input rules refuse a field inside it, whose
      // answer is a GraphQL result with the field's error (200).
      expect(response.status).toBe(bad.scalar ? 400 : 200)
      if (gateway) expect(response.errors![0]!.message).not.toContain('unavailable')
      expect(await snapshot(db)).toEqual(before)
    })

    it.each([
      { literal: 'birthDate: "2025-02-30"', field: 'input.birthDate' },
      {
        literal: `birthDate: "${daysFromToday(-300)}", criteria: [{ code: DISABLED_CHILD, evidenceDocument: "МСЭ",
          evidenceDate: "${daysFromToday(-30)}", validFrom: "${daysFromToday(-30)}" }, { code: FAMILY_SOP,
          evidenceDocument: "Постановление КДН", evidenceDate: "2025-04-31", validFrom: "${daysFromToday(-30)}" }]`,
        field: 'input.criteria[1].evidenceDate',
      },
    ])('refuses an impossible date written into the query itself, naming $field', async ({ literal, field }) => {
      const before = await snapshot(hub.databases.social.db)
      const query = REGISTER_CHILD.replace('($input: RegisterChildInput!)', '').replace(
        'registerChild(input: $input)',
        `registerChild(input: { lastName: "Смирнова", firstName: "Ольга", ${literal}, sex: FEMALE,
           municipality: "${MUNICIPALITY.oktmo}" })`,
      )
      const response = await post(url('social'), query, {}, socialCoordinator)
      expect(response.status).toBe(400)
      expectRefused(response, field, 'real calendar date')
      expect(await snapshot(hub.databases.social.db)).toEqual(before)
    })
  })

  it('refuses 9,000 criteria (more bind parameters than PostgreSQL takes) straight at social by their cap, not as an unavailable database', async () => {
    const before = await snapshot(hub.databases.social.db)
    const criteria = Array.from({ length: 9_000 }, (_, i) =>
      // Short enough that they fit under the subgraph's body limit: the cap, not the size, refuses them.
      criterion({ evidenceDocument: `№ ${i}` }),
    )
    const response = await post(
      hub.services.social.url,
      REGISTER_CHILD,
      { input: child({ criteria }) },
      socialCoordinator,
    )
    expectRefused(response, 'input.criteria', 'at most 20 items, got 9000')
    expect(await snapshot(hub.databases.social.db)).toEqual(before)
  })

  it('takes what the rules allow: a registration with a criterion, and a line break where text may span lines', async () => {
    const registered = await post(
      hub.gateway.url,
      REGISTER_CHILD,
      { input: child({ lastName: 'Петрова-Водкина', criteria: [criterion()] }) },
      socialCoordinator,
    )
    expect(registered.errors).toBeUndefined()
    expect((registered.data?.registerChild as { outcome: string }).outcome).toBe('CREATED')
    const continued = await post(
      hub.gateway.url,
      REGISTER_CHILD,
      {
        input: child({
          lastName: 'Кузнецова',
          birthDate: daysFromToday(-5 * 365),
          continuationReason: 'Не готова к переходу:\nзаключение ПМПК ожидается',
        }),
      },
      socialCoordinator,
    )
    expect(continued.errors).toBeUndefined()
  })

  it('reports a statement over the bind-parameter limit as a fault of the statement, not as an unavailable database', async () => {
    const values = Array.from({ length: 70_000 }, (_, i) => sql`${i}`)
    const error = await sql`select 1 where 1 in (${sql.join(values)})`.execute(hub.databases.social.db).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(Error)
    expect(isDatabaseUnavailable(error)).toBe(false)
  })

  describe('the purpose header', () => {
    const CHILDREN = /* GraphQL */ `
      query {
        children(first: 1) {
          totalCount
        }
      }
    `
    const refusedPurposes = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'EARLY_HELP; drop', 'early_help']

    async function auditRows() {
      const counts = await Promise.all(
        (['social', 'health', 'education', 'ngo'] as const).map(async (name) => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from access_audit`.execute(
            hub.databases[name].db,
          )
          return rows[0]!.n
        }),
      )
      return counts
    }

    it.each(refusedPurposes)('refuses %j with 400 at the gateway, before any subgraph is called', async (purpose) => {
      const audited = await auditRows()
      const response = await post(hub.gateway.url, CHILDREN, {}, viewers.coordinator('regional'), {
        [PURPOSE_HEADER]: purpose,
      })
      expect(response.status).toBe(400)
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'ACCESS_PURPOSE' })
      expect(response.errors?.[0]?.message).toContain(PURPOSE_HEADER)
      expect(response.data ?? null).toBeNull()
      expect(await auditRows()).toEqual(audited)
    })

    it.each(refusedPurposes)('refuses %j with 400 at every subgraph', async (purpose) => {
      for (const name of ['social', 'health', 'education', 'ngo'] as const) {
        const response = await post(hub.services[name].url, '{ __typename }', {}, viewers.coordinator(name), {
          [PURPOSE_HEADER]: purpose,
        })
        expect(response.status, name).toBe(400)
        expect(response.errors?.[0]?.extensions, name).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'ACCESS_PURPOSE' })
        expect(response.errors?.[0]?.message, name).toContain(PURPOSE_HEADER)
      }
    })

    it.each(refusedPurposes)('refuses %j with 400 on the report download', async (purpose) => {
      const response = await fetch(new URL('/reports/quarterly/any.csv', hub.gateway.url), {
        headers: { authorization: await authorizationFor(viewers.analyst('regional')), [PURPOSE_HEADER]: purpose },
      })
      expect(response.status).toBe(400)
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] }
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'ACCESS_PURPOSE' })
      expect(body.errors[0]!.message).toContain(PURPOSE_HEADER)
    })

    it('takes a purpose of the list', async () => {
      const response = await post(hub.gateway.url, CHILDREN, {}, viewers.coordinator('regional'), {
        [PURPOSE_HEADER]: 'NEED_DETERMINATION',
      })
      expect(response.status).toBe(200)
      expect(response.errors).toBeUndefined()
    })
  })
})

describe('a subgraph’s refusal of the client’s input, through the gateway', () => {
  let subgraph: Server
  let gateway: Awaited<ReturnType<typeof startGateway>>
  const refusal = {
    message: 'input.birthDate: must be a real calendar date written YYYY-MM-DD (e.g. 2025-02-28)',
    extensions: { code: 'BAD_USER_INPUT', field: 'input.birthDate' },
  }

  beforeAll(async () => {
    // A subgraph that refuses every request as the client's error, as a subgraph of another version of the schema
    // would refuse a value this gateway let through.
    subgraph = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [refusal] }))
    })
    await new Promise<void>((listening) => subgraph.listen(0, '127.0.0.1', listening))
    const { port } = subgraph.address() as AddressInfo
    gateway = await startGateway(
      {
        supergraphSdl,
        verifier: testGatewayVerifier,
        callSigner: testGatewaySigner,
        subgraphs: { social: { url: `http://127.0.0.1:${port}/graphql`, timeoutMs: 2_000 } },
        resilience: { retries: 0, failuresToOpen: 2 },
      },
      { host: '127.0.0.1', port: 0 },
    )
  })
  afterAll(async () => {
    await gateway?.stop()
    subgraph?.close()
  })

  it('reaches the client as the BAD_USER_INPUT it is, field and rule kept, and never opens the circuit', async () => {
    for (let call = 0; call < 5; call += 1) {
      const response = await post(
        gateway.url,
        '{ children(first: 1) { totalCount } }',
        {},
        viewers.coordinator('regional'),
      )
      expect(response.errors).toHaveLength(1)
      expect(response.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT')
      expect(response.errors![0]!.extensions?.field).toBe('input.birthDate')
      expect(response.errors![0]!.message).toBe(refusal.message)
    }
  })
})
