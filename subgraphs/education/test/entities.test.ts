import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertKindergarten, insertPmpkConclusion, insertPreschoolApplication } from './support/factories.js'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { educationSubgraph } from './support/subgraph.js'

const SELECTION = `fragment Selection on Child {
  id
  education {
    pmpkConclusions { number recommendedProgramme recommendedConditions }
    preschoolApplications { status enrolledOn groupType kindergarten { name municipality { oktmo } } }
  }
}`

describe.each(backends)('education subgraph (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
  })
  afterAll(() => education?.stop())

  it('resolves Child by id with ПМПК conclusions and preschool applications, in key order', async () => {
    const placed = randomUUID()
    const unknown = randomUUID()
    const kindergarten = await insertKindergarten(education.db, { name: 'МБДОУ «Детский сад № 5 „Солнышко“»' })
    await insertPmpkConclusion(education.db, placed, { number: 'ТПМПК-1' })
    await insertPreschoolApplication(education.db, placed, {
      status: 'ENROLLED',
      kindergarten_id: kindergarten.id,
      enrolled_on: '2026-09-01',
      group_type: 'COMBINED',
    })
    education.statements.length = 0

    const response = await education.entities(
      [placed, unknown].map((id) => ({ __typename: 'Child', id })),
      SELECTION,
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?._entities).toEqual([
      {
        __typename: 'Child',
        id: placed,
        education: {
          pmpkConclusions: [
            {
              number: 'ТПМПК-1',
              recommendedProgramme: 'ADAPTED',
              recommendedConditions: ['Услуги ассистента (помощника)', 'Занятия с учителем-логопедом'],
            },
          ],
          preschoolApplications: [
            {
              status: 'ENROLLED',
              enrolledOn: '2026-09-01',
              groupType: 'COMBINED',
              kindergarten: { name: 'МБДОУ «Детский сад № 5 „Солнышко“»', municipality: { oktmo: '71800000' } },
            },
          ],
        },
      },
      { __typename: 'Child', id: unknown, education: { pmpkConclusions: [], preschoolApplications: [] } },
    ])
    expect(countByTable(education.statements)).toEqual({
      pmpk_conclusion: 1,
      preschool_application: 1,
      kindergarten: 1,
    })
  })

  it('resolves ProgrammeExitsDue with the latest enrolment of each of social’s children, in one statement', async () => {
    const kindergarten = await insertKindergarten(education.db)
    const [twice, queued, unknown] = [randomUUID(), randomUUID(), randomUUID()]
    const enrol = (childId: string, enrolledOn: string) =>
      insertPreschoolApplication(education.db, childId, {
        status: 'ENROLLED',
        kindergarten_id: kindergarten.id,
        enrolled_on: enrolledOn,
        group_type: 'GENERAL',
      })
    await enrol(twice, '2025-09-01')
    await enrol(twice, '2026-09-01')
    await insertPreschoolApplication(education.db, queued)
    education.statements.length = 0

    const response = await education.entities(
      [{ __typename: 'ProgrammeExitsDue', id: 'REGION', childrenInProgrammes: [twice, queued, unknown] }],
      'fragment Selection on ProgrammeExitsDue { educationEnrolments { childId enrolledOn } }',
    )
    expect(response.data?._entities).toEqual([
      { __typename: 'ProgrammeExitsDue', educationEnrolments: [{ childId: twice, enrolledOn: '2026-09-01' }] },
    ])
    expect(countByTable(education.statements)).toMatchObject({ preschool_application: 1 })

    const malformed = await education.entities(
      [{ __typename: 'ProgrammeExitsDue', id: 'REGION', childrenInProgrammes: ['ребёнок'] }],
      'fragment Selection on ProgrammeExitsDue { educationEnrolments { childId } }',
    )
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'childrenInProgrammes[0]',
    })
  })

  it('refuses an enrolment without an enrolment date', async () => {
    const kindergarten = await insertKindergarten(education.db)
    await expect(
      insertPreschoolApplication(education.db, randomUUID(), { status: 'ENROLLED', kindergarten_id: kindergarten.id }),
    ).rejects.toThrow()
  })
})
