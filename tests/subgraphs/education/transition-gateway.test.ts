import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TransitionWatchlistDocument, type TransitionWatchlistQuery } from '../../../schema/__generated__/operations.js'
import { addMonths } from '@hub/subgraph-kit/validation'
import { today } from '@hub/subgraph-kit/validation'
import { backends } from '@hub/testing/databases'
import {
  insertKindergarten,
  insertPmpkConclusion,
  insertPreschoolApplication,
} from '../../../subgraphs/education/test/support/factories.js'
import { buildChild, insertChildren, consentForEveryChild } from '../../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../../support/hub.js'
import { countByTable } from '@hub/testing/statements'
import { daysFromToday } from '@hub/testing/writes'

const CHILD_TRANSITION = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      id
      birthDate
      education {
        transition {
          dueOn
          status
          daysUntilThirdBirthday
        }
      }
    }
  }
`

// The gateway takes the birth date from social in the fetch it makes anyway and hands it to education with the
// representation (@requires): education computes the transition without ever storing the birth date.
describe.each(backends)('the transition to preschool through the gateway (%s)', (backend) => {
  let hub: Hub
  let children: ReturnType<typeof buildChild>[]

  beforeAll(async () => {
    hub = await startHub(backend)
    const { social, education } = hub.databases
    children = await insertChildren(social.db, [
      buildChild({ birth_date: daysFromToday(-1200), last_name: 'Без места' }),
      buildChild({ birth_date: daysFromToday(-1050), last_name: 'Пора планировать' }),
      buildChild({ birth_date: daysFromToday(-1150), last_name: 'С направлением' }),
      ...Array.from({ length: 40 }, () => buildChild({ birth_date: daysFromToday(-400) })),
    ])
    const kindergarten = await insertKindergarten(education.db)
    await insertPreschoolApplication(education.db, children[2]!.id, {
      status: 'DIRECTED',
      kindergarten_id: kindergarten.id,
      group_type: 'COMPENSATORY',
    })
    await insertPmpkConclusion(education.db, children[2]!.id)
    for (const child of children.slice(3)) await insertPreschoolApplication(education.db, child.id)
    await consentForEveryChild(social.db)
  })
  afterAll(() => hub?.stop())

  it('answers one child’s transition, computed from the birth date social holds', async () => {
    const [overdue] = children
    const response = await hub.query(CHILD_TRANSITION, { id: overdue!.id })
    expect(response.errors).toBeUndefined()
    const thirdBirthday = addMonths(overdue!.birth_date, 36)
    expect(response.data).toEqual({
      child: {
        id: overdue!.id,
        birthDate: overdue!.birth_date,
        education: {
          transition: {
            dueOn: addMonths(overdue!.birth_date, 33),
            status: 'OVERDUE_WITHOUT_PLACEMENT',
            daysUntilThirdBirthday: Math.round(
              (Date.parse(`${thirdBirthday}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86_400_000,
            ),
          },
        },
      },
    })
  })

  it('lists a registry page with every child’s transition at one statement per subgraph per entity type', async () => {
    hub.resetStatementCounts()
    const response = await hub.query<TransitionWatchlistQuery>(TransitionWatchlistDocument, { first: 100 })
    expect(response.errors).toBeUndefined()
    const statuses = new Map(
      response.data!.children.edges.map(({ node }) => [node.id, node.education?.transition?.status]),
    )
    expect(statuses.size).toBe(children.length)
    expect(statuses.get(children[0]!.id)).toBe('OVERDUE_WITHOUT_PLACEMENT')
    expect(statuses.get(children[1]!.id)).toBe('DUE')
    expect(statuses.get(children[2]!.id)).toBe('PLACED')
    expect(children.slice(3).every((child) => statuses.get(child.id) === 'NOT_YET_DUE')).toBe(true)

    // Education asks social once which of the children's families consented to show their ПМПК conclusions.
    expect(countByTable(hub.databases.social.statements)).toEqual({ child: 1, municipality: 1, consent: 1 })
    // The transition and the applications share one loader: one statement for both.
    expect(countByTable(hub.databases.education.statements)).toEqual({ pmpk_conclusion: 1, preschool_application: 1 })
    expect(hub.databases.health.statements).toEqual([])
    expect(hub.databases.ngo.statements).toEqual([])
  })
})
