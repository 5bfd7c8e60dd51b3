import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, type VariableSpec } from '@hub/platform/variables'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { today } from '@hub/subgraph-kit/validation'
import { loadConfig, variables } from '../src/config.js'
import type { DB } from '../src/db/database.js'
import { createEducationServer } from '../src/server.js'
import { addMonths } from '@hub/subgraph-kit/validation'
import { preschoolTransition } from '../src/services/transition.js'
import { backends, openTestDatabase } from '@hub/testing/databases'
import { insertKindergarten, insertPreschoolApplication } from './support/factories.js'
import { gatewayCallHeaders, testVerifier, viewers } from '@hub/testing/auth'
import { postGraphQL } from '@hub/testing/graphql'
import { sideGrants } from '@hub/testing/subgraph'
import { countByTable } from '@hub/testing/statements'
import { ENTITIES_QUERY, startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday } from '@hub/testing/writes'
import { educationSubgraph } from './support/subgraph.js'

const TRANSITION = `fragment Selection on Child { education { transition { dueOn status daysUntilThirdBirthday } } }`

interface Transition {
  dueOn: string
  status: string
  daysUntilThirdBirthday: number
}
type Entity = { education: { transition: Transition | null } } | null

/** Whole days from today to `date`, counted as the subgraph counts them (UTC calendar days). */
function daysUntil(date: string) {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86_400_000)
}

describe('the transition to preschool, computed', () => {
  it.each([
    ['2024-11-15', 14, '2026-01-15'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-05-31', 33, '2027-02-28'],
    ['2024-02-29', 36, '2027-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
  ])(
    'counts %s plus %i months as %s, the last day of a shorter month standing for a missing one',
    (date, months, day) => {
      expect(addMonths(date, months)).toBe(day)
    },
  )

  const settings = (on: string) => ({ transitionAgeMonths: 33, today: on })

  it.each([
    ['2027-02-27', 'NOT_YET_DUE', 93],
    ['2027-02-28', 'DUE', 92],
    ['2027-05-30', 'DUE', 1],
    ['2027-05-31', 'OVERDUE_WITHOUT_PLACEMENT', 0],
    ['2028-06-01', 'OVERDUE_WITHOUT_PLACEMENT', -367],
  ])('on %s a child born on 2024-05-31 without a place is %s, %i days from the third birthday', (on, status, days) => {
    expect(preschoolTransition('2024-05-31', [], settings(on))).toEqual({
      dueOn: '2027-02-28',
      status,
      daysUntilThirdBirthday: days,
    })
  })

  it('counts a child born on 29 February as three on 28 February', () => {
    expect(preschoolTransition('2024-02-29', [], settings('2027-02-28'))).toMatchObject({
      status: 'OVERDUE_WITHOUT_PLACEMENT',
      daysUntilThirdBirthday: 0,
    })
  })

  it.each([
    ['DIRECTED', 'PLACED'],
    ['ENROLLED', 'PLACED'],
    ['QUEUED', 'OVERDUE_WITHOUT_PLACEMENT'],
    ['WITHDRAWN', 'OVERDUE_WITHOUT_PLACEMENT'],
  ] as const)('counts an application that is %s as %s after the third birthday', (applicationStatus, status) => {
    const transition = preschoolTransition('2023-01-10', [{ status: 'WITHDRAWN' }, { status: applicationStatus }], {
      transitionAgeMonths: 33,
      today: '2026-11-23',
    })
    expect(transition.status).toBe(status)
  })

  it('counts a place given before the due age as placed', () => {
    expect(preschoolTransition('2025-06-01', [{ status: 'ENROLLED' }], settings('2026-11-23')).status).toBe('PLACED')
  })

  it('refuses a birth date that is no calendar date', () => {
    expect(() => preschoolTransition('2024-02-30', [], settings('2026-11-23'))).toThrow(/Child.birthDate/)
  })
})

describe('EDUCATION_TRANSITION_AGE_MONTHS', () => {
  it('is declared in the education configuration with its default, and no deployment has to set it', () => {
    expect(variables).toContainEqual<VariableSpec>(
      expect.objectContaining({ name: 'EDUCATION_TRANSITION_AGE_MONTHS', default: '33', requiredInDeployment: false }),
    )
    expect(loadConfig({}).transitionAgeMonths).toBe(33)
    expect(loadConfig({ EDUCATION_TRANSITION_AGE_MONTHS: '30' }).transitionAgeMonths).toBe(30)
  })

  it.each(['0', '37', '2y9m', '33.5'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ EDUCATION_TRANSITION_AGE_MONTHS: value })).toThrow(ConfigError)
    expect(() => loadConfig({ EDUCATION_TRANSITION_AGE_MONTHS: value })).toThrow(/^EDUCATION_TRANSITION_AGE_MONTHS: /)
  })
})

describe.each(backends)('ChildEducation.transition through _entities (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
  })
  afterAll(() => education?.stop())

  it('computes each child’s transition from the birth date in its representation, in key order', async () => {
    const kindergarten = await insertKindergarten(education.db)
    const child = () => randomUUID()
    const toddler = { id: child(), birthDate: daysFromToday(-730) }
    const due = { id: child(), birthDate: daysFromToday(-1050) }
    const overdue = { id: child(), birthDate: daysFromToday(-1200) }
    const queued = { id: child(), birthDate: daysFromToday(-1200) }
    const directed = { id: child(), birthDate: daysFromToday(-1200) }
    const enrolledEarly = { id: child(), birthDate: daysFromToday(-500) }
    await insertPreschoolApplication(education.db, queued.id)
    await insertPreschoolApplication(education.db, directed.id, {
      status: 'DIRECTED',
      kindergarten_id: kindergarten.id,
      group_type: 'GENERAL',
    })
    await insertPreschoolApplication(education.db, enrolledEarly.id, {
      status: 'ENROLLED',
      kindergarten_id: kindergarten.id,
      group_type: 'GENERAL',
      enrolled_on: '2026-09-01',
    })
    const children = [toddler, due, overdue, queued, directed, enrolledEarly]
    education.statements.length = 0

    const response = await education.entities<Entity>(
      children.map((row) => ({ __typename: 'Child', ...row })),
      TRANSITION,
    )
    expect(response.errors).toBeUndefined()
    const transitions = response.data!._entities.map((entity) => entity!.education.transition!)
    expect(transitions.map((transition) => transition.status)).toEqual([
      'NOT_YET_DUE',
      'DUE',
      'OVERDUE_WITHOUT_PLACEMENT',
      'OVERDUE_WITHOUT_PLACEMENT',
      'PLACED',
      'PLACED',
    ])
    expect(transitions.map((transition) => transition.daysUntilThirdBirthday)).toEqual(
      children.map((row) => daysUntil(addMonths(row.birthDate, 36))),
    )
    expect(transitions[2]!.daysUntilThirdBirthday).toBeLessThan(0)
    // The applications it is computed from are read once for the whole batch.
    expect(countByTable(education.statements)).toEqual({ preschool_application: 1 })
  })

  it('reaches 2 years 9 months on the day the calendar says', async () => {
    const response = await education.entities<Entity>(
      [{ __typename: 'Child', id: randomUUID(), birthDate: '2024-05-31' }],
      TRANSITION,
    )
    expect(response.errors).toBeUndefined()
    expect(response.data!._entities[0]!.education.transition).toMatchObject({
      dueOn: '2027-02-28',
      daysUntilThirdBirthday: daysUntil('2027-05-31'),
    })
  })

  it('has no transition without a birth date, and still answers the rest of the child’s education', async () => {
    const response = await education.entities<Entity & object>(
      [{ __typename: 'Child', id: randomUUID() }],
      'fragment Selection on Child { education { transition { status } preschoolApplications { id } } }',
    )
    expect(response.errors).toBeUndefined()
    expect(response.data!._entities).toEqual([
      { __typename: 'Child', education: { transition: null, preschoolApplications: [] } },
    ])
  })

  it('refuses a birth date in the representation that is no calendar date', async () => {
    const response = await education.entities<Entity>(
      [{ __typename: 'Child', id: randomUUID(), birthDate: '14.03.2025' }],
      TRANSITION,
    )
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Child.birthDate' })
  })

  it('uses the transition age the subgraph was configured with', async () => {
    const database = await openTestDatabase<DB>(educationSubgraph, backend)
    const service = await startSubgraphServer(
      createEducationServer({ db: database.db, grants: sideGrants('education'), transitionAgeMonths: 24 }),
      {
        host: '127.0.0.1',
        port: 0,
        verifier: testVerifier,
        database: database.db,
      },
    )
    try {
      const response = await postGraphQL<{ _entities: Entity[] }>(
        service.url,
        `${ENTITIES_QUERY}\n${TRANSITION}`,
        { representations: [{ __typename: 'Child', id: randomUUID(), birthDate: daysFromToday(-800) }] },
        // The birth date comes from the gateway's plan (@requires): the field answers only a call carrying its assertion.
        await gatewayCallHeaders(viewers.coordinator('education')),
      )
      expect(response.errors).toBeUndefined()
      expect(response.data!._entities[0]!.education.transition).toMatchObject({ status: 'DUE' })
    } finally {
      await service.stop()
      await database.close()
    }
  })
})
