import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertKindergarten, insertPmpkConclusion, insertPreschoolApplication } from './support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedBySchema, expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { educationSubgraph } from './support/subgraph.js'

const FIELDS = 'id appliedOn desiredStartOn status enrolledOn groupType withdrawalReason kindergarten { id name }'
const APPLY = /* GraphQL */ `
  mutation ($input: ApplyForPreschoolInput!) {
    applyForPreschool(input: $input) { ${FIELDS} }
  }
`
const DIRECT = /* GraphQL */ `
  mutation ($input: DirectToKindergartenInput!) {
    directToKindergarten(input: $input) { ${FIELDS} }
  }
`
const ENROL = /* GraphQL */ `
  mutation ($input: EnrolInKindergartenInput!) {
    enrolInKindergarten(input: $input) { ${FIELDS} }
  }
`
const WITHDRAW = /* GraphQL */ `
  mutation ($input: WithdrawPreschoolApplicationInput!) {
    withdrawPreschoolApplication(input: $input) { ${FIELDS} }
  }
`
const APPLICATIONS = `fragment Selection on Child { education { preschoolApplications { ${FIELDS} } } }`

interface Application {
  id: string
  status: string
  kindergarten: { id: string; name: string } | null
}

describe.each(backends)('the preschool queue (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let kindergarten: Awaited<ReturnType<typeof insertKindergarten>>

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
    kindergarten = await insertKindergarten(education.db, { name: 'МБДОУ «Детский сад комбинированного вида № 12»' })
  })
  afterAll(() => education?.stop())

  async function applicationsOf(childId: string) {
    const response = await education.entities<{ education: { preschoolApplications: Application[] } }>(
      [{ __typename: 'Child', id: childId }],
      APPLICATIONS,
    )
    expect(response.errors).toBeUndefined()
    return response.data!._entities[0]!.education.preschoolApplications
  }

  async function rejected(document: string, input: Record<string, unknown>) {
    const before = await snapshot(education.db)
    const response = await education.query(document, { input })
    expect(await snapshot(education.db)).toEqual(before)
    return response
  }

  /** An application of a new child, in the given state (a directed or enrolled one has a place). */
  function application(overrides: Parameters<typeof insertPreschoolApplication>[2] = {}) {
    const placed = overrides.status === 'DIRECTED' || overrides.status === 'ENROLLED'
    return insertPreschoolApplication(education.db, randomUUID(), {
      applied_on: '2025-06-01',
      ...(placed ? { kindergarten_id: kindergarten.id, group_type: 'GENERAL' } : {}),
      ...(overrides.status === 'ENROLLED' ? { enrolled_on: '2026-09-01' } : {}),
      ...overrides,
    })
  }

  describe('applyForPreschool', () => {
    const valid = (childId: string = randomUUID()) => ({
      childId,
      appliedOn: '2026-05-20',
      desiredStartOn: '2027-09-01',
    })

    it('puts the child in the queue, and the child’s applications show it', async () => {
      const input = valid()
      const response = await education.query<{ applyForPreschool: Application }>(APPLY, { input })
      expect(response.errors).toBeUndefined()
      const expected = {
        id: response.data!.applyForPreschool.id,
        appliedOn: '2026-05-20',
        desiredStartOn: '2027-09-01',
        status: 'QUEUED',
        enrolledOn: null,
        groupType: null,
        withdrawalReason: null,
        kindergarten: null,
      }
      expect(response.data!.applyForPreschool).toEqual(expected)
      expect(await applicationsOf(input.childId)).toEqual([expected])
    })

    it('accepts a new application once the earlier one was withdrawn or led to enrolment', async () => {
      const withdrawn = await application({ status: 'WITHDRAWN' })
      const response = await education.query(APPLY, { input: valid(withdrawn.child_id) })
      expect(response.errors).toBeUndefined()
      expect((await applicationsOf(withdrawn.child_id)).map((row) => row.status)).toEqual(['QUEUED', 'WITHDRAWN'])
    })

    it.each([
      { name: 'child id is not a UUID', change: { childId: 'Соколова' }, field: 'input.childId', rule: 'UUID' },
      {
        name: 'application date is in the future',
        change: { appliedOn: FUTURE },
        field: 'input.appliedOn',
        rule: 'future',
      },
      {
        name: 'desired start is before the application',
        change: { desiredStartOn: '2026-05-19' },
        field: 'input.desiredStartOn',
        rule: 'must not be before appliedOn',
      },
    ])('refuses an application whose $name, writing nothing', async ({ change, field, rule }) => {
      expectRejected(await rejected(APPLY, { ...valid(), ...change }), { code: 'BAD_USER_INPUT', field, rule })
    })

    it.each(['QUEUED', 'DIRECTED'] as const)(
      'answers CONFLICT for a child whose application is %s, writing nothing',
      async (status) => {
        const inForce = await application({ status })
        const response = await rejected(APPLY, valid(inForce.child_id))
        expectRejected(response, {
          code: 'CONFLICT',
          field: 'input.childId',
          rule: `already has an application in force (${inForce.id}, ${status})`,
        })
      },
    )
  })

  describe('directToKindergarten', () => {
    it('directs a queued application to a kindergarten’s general group', async () => {
      const queued = await application()
      const response = await education.query<{ directToKindergarten: Application }>(DIRECT, {
        input: { applicationId: queued.id, kindergartenId: kindergarten.id, groupType: 'GENERAL' },
      })
      expect(response.errors).toBeUndefined()
      const [read] = await applicationsOf(queued.child_id)
      expect(read).toMatchObject({
        id: queued.id,
        status: 'DIRECTED',
        groupType: 'GENERAL',
        kindergarten: { id: kindergarten.id, name: 'МБДОУ «Детский сад комбинированного вида № 12»' },
      })
      expect(response.data!.directToKindergarten).toEqual(read)
    })

    it.each(['COMPENSATORY', 'COMBINED'])(
      'directs to a %s group a child whose latest ПМПК conclusion recommends the adapted programme',
      async (groupType) => {
        const queued = await application()
        await insertPmpkConclusion(education.db, queued.child_id, { concluded_on: '2026-01-15' })
        const response = await education.query(DIRECT, {
          input: { applicationId: queued.id, kindergartenId: kindergarten.id, groupType },
        })
        expect(response.errors).toBeUndefined()
        expect(await applicationsOf(queued.child_id)).toMatchObject([{ status: 'DIRECTED', groupType }])
      },
    )

    it('refuses a COMPENSATORY group to a child without a ПМПК conclusion, saying so, and writes nothing', async () => {
      const queued = await application()
      const response = await rejected(DIRECT, {
        applicationId: queued.id,
        kindergartenId: kindergarten.id,
        groupType: 'COMPENSATORY',
      })
      expectRejected(response, {
        code: 'BAD_USER_INPUT',
        field: 'input.groupType',
        rule: 'COMPENSATORY requires the child’s latest ПМПК conclusion to recommend the ADAPTED programme; the child has none',
      })
    })

    it('refuses a COMBINED group when a later ПМПК conclusion recommends the general programme, writing nothing', async () => {
      const queued = await application()
      await insertPmpkConclusion(education.db, queued.child_id, { concluded_on: '2025-10-01' })
      await insertPmpkConclusion(education.db, queued.child_id, {
        number: 'ТПМПК-2026/88',
        concluded_on: '2026-04-02',
        needs_special_conditions: false,
        recommended_programme: 'GENERAL',
        recommended_conditions: [],
      })
      const response = await rejected(DIRECT, {
        applicationId: queued.id,
        kindergartenId: kindergarten.id,
        groupType: 'COMBINED',
      })
      expectRejected(response, {
        code: 'BAD_USER_INPUT',
        field: 'input.groupType',
        rule: 'the latest one (№ ТПМПК-2026/88 of 2026-04-02) recommends GENERAL',
      })
    })

    it('answers NOT_FOUND for a kindergarten that does not exist, writing nothing', async () => {
      const queued = await application()
      const missing = randomUUID()
      const response = await rejected(DIRECT, {
        applicationId: queued.id,
        kindergartenId: missing,
        groupType: 'GENERAL',
      })
      expectRejected(response, {
        code: 'NOT_FOUND',
        field: 'input.kindergartenId',
        rule: `no kindergarten with id ${missing}`,
      })
    })

    it('answers NOT_FOUND for an application that does not exist, writing nothing', async () => {
      const response = await rejected(DIRECT, {
        applicationId: randomUUID(),
        kindergartenId: kindergarten.id,
        groupType: 'GENERAL',
      })
      expectRejected(response, { code: 'NOT_FOUND', field: 'input.applicationId', rule: 'no preschool application' })
    })

    it.each([
      { name: 'application id', change: { applicationId: '42' }, field: 'input.applicationId' },
      { name: 'kindergarten id', change: { kindergartenId: 'Солнышко' }, field: 'input.kindergartenId' },
    ])('refuses a $name that is not a UUID, writing nothing', async ({ change, field }) => {
      const queued = await application()
      const input = { applicationId: queued.id, kindergartenId: kindergarten.id, groupType: 'GENERAL', ...change }
      expectRejected(await rejected(DIRECT, input), { code: 'BAD_USER_INPUT', field, rule: 'UUID' })
    })

    it('refuses a group type outside the list before any resolver runs', async () => {
      const queued = await application()
      const input = { applicationId: queued.id, kindergartenId: kindergarten.id, groupType: 'NURSERY' }
      expectRefusedBySchema(await rejected(DIRECT, input), 'NURSERY')
    })

    it.each(['DIRECTED', 'ENROLLED', 'WITHDRAWN'] as const)(
      'answers CONFLICT for an application that is %s, writing nothing',
      async (status) => {
        const moved = await application({ status })
        const response = await rejected(DIRECT, {
          applicationId: moved.id,
          kindergartenId: kindergarten.id,
          groupType: 'GENERAL',
        })
        expectRejected(response, {
          code: 'CONFLICT',
          field: 'input.applicationId',
          rule: `the application is ${status}; only an application that is QUEUED can be directed`,
        })
      },
    )
  })

  describe('enrolInKindergarten', () => {
    it('enrols a child by a direction, and the child’s applications show the enrolment', async () => {
      const directed = await application({ status: 'DIRECTED' })
      const response = await education.query<{ enrolInKindergarten: Application }>(ENROL, {
        input: { applicationId: directed.id, enrolledOn: '2026-09-01' },
      })
      expect(response.errors).toBeUndefined()
      const [read] = await applicationsOf(directed.child_id)
      expect(read).toMatchObject({
        id: directed.id,
        status: 'ENROLLED',
        enrolledOn: '2026-09-01',
        kindergarten: { id: kindergarten.id },
      })
      expect(response.data!.enrolInKindergarten).toEqual(read)
    })

    it.each([
      { name: 'is in the future', enrolledOn: FUTURE, rule: 'future' },
      { name: 'is before the application', enrolledOn: '2025-05-31', rule: 'appliedOn (2025-06-01)' },
    ])('refuses an enrolment date that $name, writing nothing', async ({ enrolledOn, rule }) => {
      const directed = await application({ status: 'DIRECTED' })
      const response = await rejected(ENROL, { applicationId: directed.id, enrolledOn })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.enrolledOn', rule })
    })

    it.each(['QUEUED', 'ENROLLED', 'WITHDRAWN'] as const)(
      'answers CONFLICT for an application that is %s, writing nothing',
      async (status) => {
        const other = await application({ status })
        const response = await rejected(ENROL, { applicationId: other.id, enrolledOn: '2026-09-01' })
        expectRejected(response, {
          code: 'CONFLICT',
          field: 'input.applicationId',
          rule: `the application is ${status}; only an application that is DIRECTED can be enrolled`,
        })
      },
    )

    it('answers NOT_FOUND for an application that does not exist, writing nothing', async () => {
      const response = await rejected(ENROL, { applicationId: randomUUID(), enrolledOn: '2026-09-01' })
      expectRejected(response, { code: 'NOT_FOUND', field: 'input.applicationId', rule: 'no preschool application' })
    })
  })

  describe('withdrawPreschoolApplication', () => {
    it.each(['QUEUED', 'DIRECTED'] as const)('withdraws a %s application with its reason', async (status) => {
      const inForce = await application({ status })
      const response = await education.query<{ withdrawPreschoolApplication: Application }>(WITHDRAW, {
        input: { applicationId: inForce.id, reason: 'MOVED_AWAY' },
      })
      expect(response.errors).toBeUndefined()
      const [read] = await applicationsOf(inForce.child_id)
      expect(read).toMatchObject({
        id: inForce.id,
        status: 'WITHDRAWN',
        withdrawalReason: 'MOVED_AWAY',
        // A withdrawn direction still names the place that was declined.
        kindergarten: status === 'DIRECTED' ? { id: kindergarten.id } : null,
      })
      expect(response.data!.withdrawPreschoolApplication).toEqual(read)
    })

    it.each(['ENROLLED', 'WITHDRAWN'] as const)(
      'answers CONFLICT for an application that is %s, writing nothing',
      async (status) => {
        const other = await application({ status })
        const response = await rejected(WITHDRAW, { applicationId: other.id, reason: 'PARENTS_REQUEST' })
        expectRejected(response, {
          code: 'CONFLICT',
          field: 'input.applicationId',
          rule: `the application is ${status}; only an application that is QUEUED or DIRECTED can be withdrawn`,
        })
      },
    )

    it('refuses an application id that is not a UUID, writing nothing', async () => {
      const response = await rejected(WITHDRAW, { applicationId: 'заявление', reason: 'OTHER' })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.applicationId', rule: 'UUID' })
    })

    it('refuses a reason in free text before any resolver runs', async () => {
      const queued = await application()
      expectRefusedBySchema(
        await rejected(WITHDRAW, { applicationId: queued.id, reason: 'Ребёнок болен' }),
        'Ребёнок болен',
      )
    })
  })

  it('keeps one application in force per child in the database itself', async () => {
    const queued = await application()
    await expect(insertPreschoolApplication(education.db, queued.child_id)).rejects.toThrow()
  })
})
