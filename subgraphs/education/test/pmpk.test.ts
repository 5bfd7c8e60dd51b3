import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertPmpkConclusion } from './support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedBySchema, expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { educationSubgraph } from './support/subgraph.js'

const FIELDS = 'id number commission concludedOn needsSpecialConditions recommendedProgramme recommendedConditions'
const RECORD = /* GraphQL */ `
  mutation ($input: RecordPmpkConclusionInput!) {
    recordPmpkConclusion(input: $input) { ${FIELDS} }
  }
`
const CONCLUSIONS = `fragment Selection on Child { education { pmpkConclusions { ${FIELDS} } } }`

interface Conclusion {
  id: string
  number: string
}

describe.each(backends)('ПМПК conclusions (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
  })
  afterAll(() => education?.stop())

  let serial = 0
  const valid = (childId: string = randomUUID()) => ({
    childId,
    number: `ТПМПК-2026/${++serial}`,
    commission: 'Территориальная ПМПК г. Верхнекамска',
    concludedOn: '2026-03-12',
    needsSpecialConditions: true,
    recommendedProgramme: 'ADAPTED',
    recommendedConditions: ['Занятия с учителем-логопедом', 'Сопровождение педагога-психолога'],
  })

  async function conclusionsOf(childId: string) {
    const response = await education.entities<{ education: { pmpkConclusions: Conclusion[] } }>(
      [{ __typename: 'Child', id: childId }],
      CONCLUSIONS,
    )
    expect(response.errors).toBeUndefined()
    return response.data!._entities[0]!.education.pmpkConclusions
  }

  async function rejected(input: Record<string, unknown>) {
    const before = await snapshot(education.db)
    const response = await education.query(RECORD, { input })
    expect(await snapshot(education.db)).toEqual(before)
    return response
  }

  it('records a conclusion, trimmed, and the child’s conclusions show it', async () => {
    const input = { ...valid(), number: '  ТПМПК-В-2026/7 ', recommendedConditions: [' Услуги тьютора '] }
    const response = await education.query<{ recordPmpkConclusion: Conclusion }>(RECORD, { input })
    expect(response.errors).toBeUndefined()
    const expected = {
      id: response.data!.recordPmpkConclusion.id,
      number: 'ТПМПК-В-2026/7',
      commission: 'Территориальная ПМПК г. Верхнекамска',
      concludedOn: '2026-03-12',
      needsSpecialConditions: true,
      recommendedProgramme: 'ADAPTED',
      recommendedConditions: ['Услуги тьютора'],
    }
    expect(response.data!.recordPmpkConclusion).toEqual(expected)
    expect(await conclusionsOf(input.childId)).toEqual([expected])
  })

  it('records a conclusion of the general programme without special conditions', async () => {
    const input = {
      ...valid(),
      needsSpecialConditions: false,
      recommendedProgramme: 'GENERAL',
      recommendedConditions: [],
    }
    const response = await education.query(RECORD, { input })
    expect(response.errors).toBeUndefined()
    expect(await conclusionsOf(input.childId)).toMatchObject([
      { recommendedProgramme: 'GENERAL', needsSpecialConditions: false, recommendedConditions: [] },
    ])
  })

  it.each([
    { name: 'child id is not a UUID', change: { childId: '112-233-445 95' }, field: 'input.childId', rule: 'UUID' },
    { name: 'number is blank', change: { number: '  ' }, field: 'input.number', rule: 'must not be empty' },
    { name: 'number is too long', change: { number: '7'.repeat(65) }, field: 'input.number', rule: 'at most 64' },
    { name: 'commission is blank', change: { commission: '' }, field: 'input.commission', rule: 'must not be empty' },
    { name: 'date is in the future', change: { concludedOn: FUTURE }, field: 'input.concludedOn', rule: 'future' },
    {
      name: 'second condition is blank',
      change: { recommendedConditions: ['Услуги тьютора', '   '] },
      field: 'input.recommendedConditions[1]',
      rule: 'must not be empty',
    },
    {
      name: 'special conditions are needed but none is named',
      change: { recommendedConditions: [] },
      field: 'input.recommendedConditions',
      rule: 'at least one condition',
    },
    {
      name: 'adapted programme comes without special conditions',
      change: { needsSpecialConditions: false, recommendedConditions: [] },
      field: 'input.recommendedProgramme',
      rule: 'ADAPTED only when needsSpecialConditions is true',
    },
  ])('refuses a conclusion whose $name, writing nothing', async ({ change, field, rule }) => {
    expectRejected(await rejected({ ...valid(), ...change }), { code: 'BAD_USER_INPUT', field, rule })
  })

  it('refuses a programme outside the list before any resolver runs', async () => {
    expectRefusedBySchema(await rejected({ ...valid(), recommendedProgramme: 'SPECIAL' }), 'SPECIAL')
  })

  it('answers CONFLICT for a number the commission already used, writing nothing', async () => {
    const recorded = await insertPmpkConclusion(education.db, randomUUID(), {
      number: 'ЦПМПК-2026/151',
      commission: 'Центральная ПМПК Заозёрской области',
    })
    const response = await rejected({
      ...valid(),
      number: 'ЦПМПК-2026/151',
      commission: 'Центральная ПМПК Заозёрской области',
    })
    expectRejected(response, { code: 'CONFLICT', field: 'input.number', rule: `already recorded (${recorded.id})` })
  })
})
