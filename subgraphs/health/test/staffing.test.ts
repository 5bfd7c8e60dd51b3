import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import type { SpecialistRole } from '@hub/side-contract/staffing/database'
import { backends } from '@hub/testing/databases'
import { insertSpecialist, insertTraining } from '@hub/testing/factories/staffing'
import { staffingOperations, type StaffingAnswer } from '@hub/testing/staffing'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import {
  daysFromToday,
  expectRefusedBySchema,
  expectRefusedWithoutWriting,
  FUTURE,
  snapshot,
} from '@hub/testing/writes'
import { healthSubgraph } from './support/subgraph.js'

const { register, recordTraining, end, staffingSelection } = staffingOperations('health')
const NUMBER_RULE = 'must be the provider’s personnel number (табельный номер)'

describe.each(backends)('specialists of health providers and their training (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  /** The provider's health staffing, as the gateway asks for it: with the side and roles social resolved. */
  async function staffingOf(provider: string, requiredSpecialistRoles: SpecialistRole[] = []) {
    const response = await health.entities<{ staffing: StaffingAnswer | null }>(
      [{ __typename: 'Provider', id: provider, side: 'HEALTH', requiredSpecialistRoles }],
      staffingSelection,
    )
    expect(response.errors).toBeUndefined()
    return response.data?._entities[0]?.staffing
  }

  describe('registerHealthSpecialist', () => {
    const valid = (provider = randomUUID()) => ({
      providerId: provider,
      personnelNumber: ' 0042 ',
      role: 'DEFECTOLOGIST',
      employedFrom: '2024-09-02',
    })

    it('registers a specialist by personnel number, who then fills that role in the provider’s staffing', async () => {
      const provider = randomUUID()
      expect(await staffingOf(provider, ['PSYCHOLOGIST', 'DEFECTOLOGIST'])).toEqual({
        missingRoles: ['PSYCHOLOGIST', 'DEFECTOLOGIST'],
        specialists: [],
      })
      const registered = await health.query<{ specialist: { id: string } }>(register, { input: valid(provider) })
      expect(registered.errors).toBeUndefined()
      const id = registered.data!.specialist.id
      expect(registered.data?.specialist).toEqual({
        id,
        personnelNumber: '0042',
        role: 'DEFECTOLOGIST',
        employedFrom: '2024-09-02',
        employedUntil: null,
        trainings: [],
      })
      expect(await staffingOf(provider, ['PSYCHOLOGIST', 'DEFECTOLOGIST'])).toEqual({
        missingRoles: ['PSYCHOLOGIST'],
        specialists: [
          {
            id,
            personnelNumber: '0042',
            role: 'DEFECTOLOGIST',
            employedFrom: '2024-09-02',
            employedUntil: null,
            trainings: [],
          },
        ],
      })
    })

    it('reuses a personnel number whose holder has left', async () => {
      const provider = randomUUID()
      await insertSpecialist(health.db, provider, {
        personnel_number: '0042',
        employed_from: '2019-02-11',
        employed_until: '2024-06-30',
      })
      const registered = await health.query(register, { input: valid(provider) })
      expect(registered.errors).toBeUndefined()
      expect((await staffingOf(provider))?.specialists).toHaveLength(2)
    })

    it.each([
      ['input.providerId', { providerId: 'ГБУЗ-1' }, 'must be an id (UUID)'],
      ['input.personnelNumber', { personnelNumber: '  ' }, NUMBER_RULE],
      ['input.personnelNumber', { personnelNumber: 'Петрова' }, NUMBER_RULE],
      ['input.personnelNumber', { personnelNumber: 'Анна Петрова 7' }, NUMBER_RULE],
      ['input.personnelNumber', { personnelNumber: `Т${'1'.repeat(32)}` }, NUMBER_RULE],
      ['input.employedFrom', { employedFrom: FUTURE }, 'must not be in the future'],
    ])('refuses a specialist whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      await expectRefusedWithoutWriting(
        health.db,
        () => health.query(register, { input: { ...valid(), ...override } }),
        {
          code: 'BAD_USER_INPUT',
          field,
          rule,
        },
      )
    })

    it('refuses a role that is not a specialist role of the Standard before any resolver runs', async () => {
      const before = await snapshot(health.db)
      expectRefusedBySchema(await health.query(register, { input: { ...valid(), role: 'MASSEUR' } }), 'input.role')
      expect(await snapshot(health.db)).toEqual(before)
    })

    it('answers CONFLICT when a specialist still employed by the provider has the number, and writes nothing', async () => {
      const provider = randomUUID()
      const holder = await insertSpecialist(health.db, provider, { personnel_number: '0042' })
      await expectRefusedWithoutWriting(health.db, () => health.query(register, { input: valid(provider) }), {
        code: 'CONFLICT',
        field: 'input.personnelNumber',
        rule: holder.id,
      })
    })

    it('lets only one of two simultaneous registrations of a number through and answers the other with CONFLICT', async () => {
      const input = valid()
      const responses = await Promise.all([health.query(register, { input }), health.query(register, { input })])
      expect(responses.filter((response) => response.errors === undefined)).toHaveLength(1)
      expect(responses.flatMap((response) => response.errors ?? []).map((error) => error.extensions?.code)).toEqual([
        'CONFLICT',
      ])
      expect((await staffingOf(input.providerId))?.specialists).toHaveLength(1)
    })
  })

  describe('recordHealthSpecialistTraining', () => {
    const valid = (specialistId: string) => ({
      specialistId,
      course: ' Оценка функционирования ребёнка раннего возраста на основе МКФ-ДП ',
      hours: 36,
      completedOn: '2025-10-17',
      certificateNumber: ' 782400012345 ',
    })

    it('records a course, the latest first among the specialist’s trainings, including one taken before the job', async () => {
      const provider = randomUUID()
      const specialist = await insertSpecialist(health.db, provider, { employed_from: '2024-09-02' })
      await insertTraining(health.db, specialist.id, { completed_on: '2023-03-01', certificate_number: '1' })
      const recorded = await health.query<{ training: { id: string } }>(recordTraining, {
        input: valid(specialist.id),
      })
      expect(recorded.errors).toBeUndefined()
      expect(recorded.data?.training).toEqual({
        id: recorded.data!.training.id,
        course: 'Оценка функционирования ребёнка раннего возраста на основе МКФ-ДП',
        hours: 36,
        completedOn: '2025-10-17',
        certificateNumber: '782400012345',
      })
      const staffing = await staffingOf(provider)
      expect(staffing?.specialists[0]?.trainings.map((training) => training.completedOn)).toEqual([
        '2025-10-17',
        '2023-03-01',
      ])
    })

    it.each([
      ['input.specialistId', { specialistId: '0042' }, 'must be an id (UUID)'],
      ['input.course', { course: '  ' }, 'must not be empty'],
      ['input.course', { course: 'к'.repeat(301) }, 'must be at most 300 characters'],
      ['input.hours', { hours: 0 }, 'must be a whole number from 1 to 2000'],
      ['input.hours', { hours: 2001 }, 'must be a whole number from 1 to 2000'],
      ['input.completedOn', { completedOn: FUTURE }, 'must not be in the future'],
      [
        'input.completedOn',
        { completedOn: '2026-07-01' },
        'must not be after the specialist’s employedUntil (2026-06-30)',
      ],
      ['input.certificateNumber', { certificateNumber: ' ' }, 'must not be empty'],
      ['input.certificateNumber', { certificateNumber: '7'.repeat(65) }, 'must be at most 64 characters'],
    ])('refuses a training whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      const specialist = await insertSpecialist(health.db, randomUUID(), {
        employed_from: '2024-09-02',
        employed_until: '2026-06-30',
      })
      const input = { ...valid(specialist.id), completedOn: '2026-05-20', ...override }
      await expectRefusedWithoutWriting(health.db, () => health.query(recordTraining, { input }), {
        code: 'BAD_USER_INPUT',
        field,
        rule,
      })
    })

    it('answers CONFLICT when the certificate is already recorded for the specialist, and writes nothing', async () => {
      const specialist = await insertSpecialist(health.db, randomUUID())
      const recorded = await insertTraining(health.db, specialist.id, { certificate_number: '782400012345' })
      await expectRefusedWithoutWriting(
        health.db,
        () => health.query(recordTraining, { input: valid(specialist.id) }),
        {
          code: 'CONFLICT',
          field: 'input.certificateNumber',
          rule: recorded.id,
        },
      )
    })

    it('answers NOT_FOUND for a specialist that does not exist, and writes nothing', async () => {
      await expectRefusedWithoutWriting(health.db, () => health.query(recordTraining, { input: valid(randomUUID()) }), {
        code: 'NOT_FOUND',
        field: 'input.specialistId',
      })
    })
  })

  describe('endHealthSpecialistEmployment', () => {
    it('ends the employment: from the next day the role is missing again, while an end today still counts', async () => {
      const provider = randomUUID()
      const leaving = await insertSpecialist(health.db, provider, { role: 'NEUROLOGIST' })
      const lastDay = await insertSpecialist(health.db, provider, { role: 'NURSE' })
      const yesterday = daysFromToday(-1)
      const ended = await health.query(end, { input: { specialistId: leaving.id, employedUntil: yesterday } })
      expect(ended.errors).toBeUndefined()
      expect(ended.data?.specialist).toEqual({ id: leaving.id, employedFrom: '2024-09-01', employedUntil: yesterday })
      const today = daysFromToday(0)
      expect((await health.query(end, { input: { specialistId: lastDay.id, employedUntil: today } })).errors).toBe(
        undefined,
      )
      expect((await staffingOf(provider, ['NEUROLOGIST', 'NURSE']))?.missingRoles).toEqual(['NEUROLOGIST'])
    })

    it('records an end of employment that lies ahead, and the specialist counts until then', async () => {
      const provider = randomUUID()
      const specialist = await insertSpecialist(health.db, provider, { role: 'NURSE' })
      const ended = await health.query(end, { input: { specialistId: specialist.id, employedUntil: FUTURE } })
      expect(ended.errors).toBeUndefined()
      expect((await staffingOf(provider, ['NURSE']))?.missingRoles).toEqual([])
    })

    it.each([
      ['input.specialistId', { specialistId: 'ТН-0042' }, 'must be an id (UUID)'],
      ['input.employedUntil', { employedUntil: '2024-08-31' }, 'must not be before the specialist’s employedFrom'],
      [
        'input.employedUntil',
        { employedUntil: '2025-10-16' },
        'must not be before the last recorded training (2025-10-17)',
      ],
    ])('refuses an end whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      const specialist = await insertSpecialist(health.db, randomUUID(), { employed_from: '2024-09-01' })
      await insertTraining(health.db, specialist.id, { completed_on: '2025-10-17' })
      const input = { specialistId: specialist.id, employedUntil: '2026-06-30', ...override }
      await expectRefusedWithoutWriting(health.db, () => health.query(end, { input }), {
        code: 'BAD_USER_INPUT',
        field,
        rule,
      })
    })

    it('answers CONFLICT when the employment has already ended, and writes nothing', async () => {
      const specialist = await insertSpecialist(health.db, randomUUID(), { employed_until: '2026-06-30' })
      const input = { specialistId: specialist.id, employedUntil: '2026-07-31' }
      await expectRefusedWithoutWriting(health.db, () => health.query(end, { input }), {
        code: 'CONFLICT',
        field: 'input.specialistId',
        rule: 'already ended on 2026-06-30',
      })
    })

    it('answers NOT_FOUND for a specialist that does not exist, and writes nothing', async () => {
      const input = { specialistId: randomUUID(), employedUntil: '2026-07-31' }
      await expectRefusedWithoutWriting(health.db, () => health.query(end, { input }), {
        code: 'NOT_FOUND',
        field: 'input.specialistId',
      })
    })
  })

  it('resolves a page of providers with their staffing in key order, one statement per table; other sides’ providers and representations without the required fields have none', async () => {
    const providers = [randomUUID(), randomUUID(), randomUUID()]
    for (const [index, provider] of providers.entries()) {
      const specialist = await insertSpecialist(health.db, provider, { personnel_number: `${index}`, role: 'NURSE' })
      await insertTraining(health.db, specialist.id, { hours: index + 1, certificate_number: `${index}` })
    }
    const socialsOwn = randomUUID()
    await insertSpecialist(health.db, socialsOwn)
    health.statements.length = 0

    const required: SpecialistRole[] = ['NURSE', 'PAEDIATRICIAN']
    const response = await health.entities<{ id: string; staffing: StaffingAnswer | null }>(
      [
        { __typename: 'Provider', id: providers[2], side: 'HEALTH', requiredSpecialistRoles: required },
        { __typename: 'Provider', id: socialsOwn, side: 'SOCIAL', requiredSpecialistRoles: required },
        { __typename: 'Provider', id: providers[0], side: 'HEALTH', requiredSpecialistRoles: required },
        { __typename: 'Provider', id: providers[1] },
      ],
      staffingSelection,
    )
    expect(response.errors).toBeUndefined()
    const entities = response.data!._entities
    expect(entities.map((entity) => entity?.id)).toEqual([providers[2], socialsOwn, providers[0], providers[1]])
    expect(entities.map((entity) => entity?.staffing?.missingRoles ?? null)).toEqual([
      ['PAEDIATRICIAN'],
      null,
      ['PAEDIATRICIAN'],
      null,
    ])
    expect(entities[0]?.staffing?.specialists.map((specialist) => specialist.trainings[0]?.hours)).toEqual([3])
    expect(entities[2]?.staffing?.specialists.map((specialist) => specialist.personnelNumber)).toEqual(['0'])
    expect(countByTable(health.statements)).toEqual({ specialist: 1, specialist_training: 1 })
  })
})
