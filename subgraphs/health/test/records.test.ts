import { randomUUID } from 'node:crypto'
import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RecordDiagnosisDocument } from '@hub/schema/operations'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedBySchema, expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { healthSubgraph } from './support/subgraph.js'

const RECORD_DETECTION_EVENT = /* GraphQL */ `
  mutation ($input: RecordDetectionEventInput!) {
    recordDetectionEvent(input: $input) {
      id
      kind
      result
      occurredOn
      organisation
    }
  }
`
const ASSESS_HEALTH_GROUP = /* GraphQL */ `
  mutation ($input: AssessHealthGroupInput!) {
    assessHealthGroup(input: $input) {
      id
      group
      assessedOn
    }
  }
`
const RECORD_DIAGNOSIS = print(RecordDiagnosisDocument)
const RECORD_RISK_FACTOR = /* GraphQL */ `
  mutation ($input: RecordRiskFactorInput!) {
    recordRiskFactor(input: $input) {
      id
      kind
      notedOn
      details
    }
  }
`

const HEALTH = `fragment Selection on Child {
  health {
    healthGroup { id group assessedOn }
    detectionEvents { id kind result occurredOn organisation }
    diagnoses { id icd10 name diagnosedOn primary }
    riskFactors { id kind notedOn details }
  }
}`

interface ChildHealth {
  health: {
    healthGroup: { id: string; group: string; assessedOn: string } | null
    detectionEvents: { id: string }[]
    diagnoses: { id: string }[]
    riskFactors: { id: string }[]
  }
}

describe.each(backends)('health records written through mutations (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  async function healthOf(childId: string) {
    const response = await health.entities<ChildHealth>([{ __typename: 'Child', id: childId }], HEALTH)
    expect(response.errors).toBeUndefined()
    return response.data!._entities[0]!.health
  }

  /** Sends the mutation and asserts it was rejected without writing anything. */
  async function rejected(document: string, input: Record<string, unknown>) {
    const before = await snapshot(health.db)
    const response = await health.query(document, { input })
    expect(await snapshot(health.db)).toEqual(before)
    return response
  }

  describe('recordDetectionEvent', () => {
    const valid = () => ({
      childId: randomUUID(),
      kind: 'AUDIOLOGY_SCREENING',
      result: 'POSITIVE',
      occurredOn: '2025-04-02',
      organisation: 'ГБУЗ «Областной сурдологический центр»',
    })

    it('records a screening with its result, and the child’s detection events show it', async () => {
      const input = valid()
      const response = await health.query<{ recordDetectionEvent: { id: string } }>(RECORD_DETECTION_EVENT, { input })
      expect(response.errors).toBeUndefined()
      const { id } = response.data!.recordDetectionEvent
      expect((await healthOf(input.childId)).detectionEvents).toEqual([
        {
          id,
          kind: 'AUDIOLOGY_SCREENING',
          result: 'POSITIVE',
          occurredOn: '2025-04-02',
          organisation: 'ГБУЗ «Областной сурдологический центр»',
        },
      ])
    })

    it('records a paediatric visit without a screening result, dated today, with the organisation trimmed', async () => {
      const input = { ...valid(), kind: 'PAEDIATRIC_VISIT', result: null, occurredOn: daysFromToday(0) }
      input.organisation = '  ГБУЗ «Детская поликлиника № 1»  '
      const response = await health.query<{ recordDetectionEvent: object }>(RECORD_DETECTION_EVENT, { input })
      expect(response.errors).toBeUndefined()
      expect(response.data!.recordDetectionEvent).toMatchObject({
        kind: 'PAEDIATRIC_VISIT',
        result: null,
        organisation: 'ГБУЗ «Детская поликлиника № 1»',
      })
      expect((await healthOf(input.childId)).detectionEvents).toHaveLength(1)
    })

    it.each([
      { name: 'child id is not a UUID', change: { childId: '42' }, field: 'input.childId', rule: 'UUID' },
      {
        name: 'screening has no result',
        change: { kind: 'NEONATAL_SCREENING', result: null },
        field: 'input.result',
        rule: 'is required for a screening',
      },
      { name: 'date is in the future', change: { occurredOn: FUTURE }, field: 'input.occurredOn', rule: 'future' },
      { name: 'organisation is blank', change: { organisation: '   ' }, field: 'input.organisation', rule: 'empty' },
      {
        name: 'organisation is longer than 300 characters',
        change: { organisation: 'Б'.repeat(301) },
        field: 'input.organisation',
        rule: 'at most 300',
      },
    ])('rejects a detection event whose $name, writing nothing', async ({ change, field, rule }) => {
      const response = await rejected(RECORD_DETECTION_EVENT, { ...valid(), ...change })
      expectRejected(response, { code: 'BAD_USER_INPUT', field, rule })
    })

    it('rejects a detection event of a kind the schema does not know, writing nothing', async () => {
      const response = await rejected(RECORD_DETECTION_EVENT, { ...valid(), kind: 'HOME_VISIT' })
      expectRefusedBySchema(response, 'input.kind')
    })
  })

  describe('assessHealthGroup', () => {
    const valid = () => ({ childId: randomUUID(), group: 'IV', assessedOn: '2025-05-12' })

    it('records a health group, and it becomes the child’s health group in force', async () => {
      const input = valid()
      await health.query(ASSESS_HEALTH_GROUP, { input: { ...input, group: 'III', assessedOn: '2025-01-20' } })
      const response = await health.query<{ assessHealthGroup: { id: string } }>(ASSESS_HEALTH_GROUP, { input })
      expect(response.errors).toBeUndefined()
      expect((await healthOf(input.childId)).healthGroup).toEqual({
        id: response.data!.assessHealthGroup.id,
        group: 'IV',
        assessedOn: '2025-05-12',
      })
    })

    it.each([
      { name: 'child id is not a UUID', change: { childId: 'child-1' }, field: 'input.childId', rule: 'UUID' },
      { name: 'date is in the future', change: { assessedOn: FUTURE }, field: 'input.assessedOn', rule: 'future' },
    ])('rejects a health group whose $name, writing nothing', async ({ change, field, rule }) => {
      const response = await rejected(ASSESS_HEALTH_GROUP, { ...valid(), ...change })
      expectRejected(response, { code: 'BAD_USER_INPUT', field, rule })
    })

    it('rejects a health group outside I–V, writing nothing', async () => {
      const response = await rejected(ASSESS_HEALTH_GROUP, { ...valid(), group: 'VI' })
      expectRefusedBySchema(response, 'input.group')
    })

    it('rejects a date that is not a calendar date, writing nothing', async () => {
      const response = await rejected(ASSESS_HEALTH_GROUP, { ...valid(), assessedOn: '12.05.2025' })
      expectRefusedBySchema(response, 'input.assessedOn')
    })
  })

  describe('recordDiagnosis (the RecordDiagnosis operation)', () => {
    const valid = () => ({ childId: randomUUID(), icd10: 'Q90.0', diagnosedOn: '2025-03-20', primary: true })

    it('records a diagnosis with its МКБ-10 name, and the child’s diagnoses show it', async () => {
      const input = valid()
      const response = await health.query<{ recordDiagnosis: { id: string } }>(RECORD_DIAGNOSIS, { input })
      expect(response.errors).toBeUndefined()
      const expected = {
        id: response.data!.recordDiagnosis.id,
        icd10: 'Q90.0',
        name: 'Трисомия 21, мейотическое нерасхождение',
        diagnosedOn: '2025-03-20',
        primary: true,
      }
      expect(response.data!.recordDiagnosis).toEqual(expected)
      expect((await healthOf(input.childId)).diagnoses).toEqual([expected])
    })

    it.each([
      { name: 'a lower-case letter', icd10: 'g80.1' },
      { name: 'a Cyrillic letter that looks Latin', icd10: 'Р07.3' },
      { name: 'three digits before the dot', icd10: 'G801' },
      { name: 'three digits after the dot', icd10: 'G80.123' },
      { name: 'a dot with no digits after it', icd10: 'G80.' },
      { name: 'spaces around it', icd10: ' G80.1 ' },
    ])('rejects an МКБ-10 code with $name, writing nothing', async ({ icd10 }) => {
      const response = await rejected(RECORD_DIAGNOSIS, { ...valid(), icd10 })
      expectRejected(response, {
        code: 'BAD_USER_INPUT',
        field: 'input.icd10',
        rule: 'a Latin capital letter, two digits, optionally a dot and one or two digits',
      })
    })

    it('rejects a well-formed code that is not in the МКБ-10 dictionary, writing nothing', async () => {
      const response = await rejected(RECORD_DIAGNOSIS, { ...valid(), icd10: 'Z99.9' })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.icd10', rule: 'dictionary' })
    })

    it.each([
      { name: 'child id is not a UUID', change: { childId: '' }, field: 'input.childId', rule: 'UUID' },
      { name: 'date is in the future', change: { diagnosedOn: FUTURE }, field: 'input.diagnosedOn', rule: 'future' },
    ])('rejects a diagnosis whose $name, writing nothing', async ({ change, field, rule }) => {
      const response = await rejected(RECORD_DIAGNOSIS, { ...valid(), ...change })
      expectRejected(response, { code: 'BAD_USER_INPUT', field, rule })
    })

    it('rejects a diagnosis that does not say whether it is primary, writing nothing', async () => {
      const { primary: _primary, ...input } = valid()
      const response = await rejected(RECORD_DIAGNOSIS, input)
      expectRefusedBySchema(response, 'primary')
    })
  })

  describe('recordRiskFactor', () => {
    const valid = () => ({ childId: randomUUID(), kind: 'LOW_BIRTH_WEIGHT', notedOn: '2025-02-01', details: '1450 г' })

    it('records a risk factor, and the child’s risk factors show it', async () => {
      const input = valid()
      const response = await health.query<{ recordRiskFactor: { id: string } }>(RECORD_RISK_FACTOR, { input })
      expect(response.errors).toBeUndefined()
      expect((await healthOf(input.childId)).riskFactors).toEqual([
        { id: response.data!.recordRiskFactor.id, kind: 'LOW_BIRTH_WEIGHT', notedOn: '2025-02-01', details: '1450 г' },
      ])
    })

    it('records a risk factor without details', async () => {
      const input = { ...valid(), details: null }
      const response = await health.query<{ recordRiskFactor: object }>(RECORD_RISK_FACTOR, { input })
      expect(response.errors).toBeUndefined()
      expect(response.data!.recordRiskFactor).toMatchObject({ details: null })
    })

    it.each([
      { name: 'child id is not a UUID', change: { childId: 'x' }, field: 'input.childId', rule: 'UUID' },
      { name: 'date is in the future', change: { notedOn: FUTURE }, field: 'input.notedOn', rule: 'future' },
      { name: 'details are blank', change: { details: ' ' }, field: 'input.details', rule: 'empty' },
      {
        name: 'details are longer than 500 characters',
        change: { details: 'д'.repeat(501) },
        field: 'input.details',
        rule: 'at most 500',
      },
    ])('rejects a risk factor whose $name, writing nothing', async ({ change, field, rule }) => {
      const response = await rejected(RECORD_RISK_FACTOR, { ...valid(), ...change })
      expectRejected(response, { code: 'BAD_USER_INPUT', field, rule })
    })

    it('rejects a risk factor of a kind the schema does not know, writing nothing', async () => {
      const response = await rejected(RECORD_RISK_FACTOR, { ...valid(), kind: 'SMOKING' })
      expectRefusedBySchema(response, 'input.kind')
    })
  })

  it('lists the МКБ-10 dictionary in code order', async () => {
    const response = await health.query<{ icd10Codes: { code: string; name: string }[] }>(
      '{ icd10Codes { code name } }',
    )
    expect(response.errors).toBeUndefined()
    const codes = response.data!.icd10Codes
    expect(codes.map((row) => row.code)).toEqual(codes.map((row) => row.code).sort())
    expect(codes).toContainEqual({ code: 'G80.1', name: 'Спастическая диплегия' })
    expect(codes.length).toBeGreaterThanOrEqual(35)
  })
})
