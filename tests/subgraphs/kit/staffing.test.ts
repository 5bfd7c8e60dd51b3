import { randomUUID } from 'node:crypto'
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'
import type { SpecialistRole } from '@hub/side-contract/staffing/database'
import { staffingOfSide } from '@hub/side-contract/staffing/resolvers'
import {
  missingRoles,
  validateEndSpecialistEmployment,
  validateRecordSpecialistTraining,
  validateRegisterSpecialist,
} from '@hub/side-contract/staffing/services'
import type { SpecialistRow } from '@hub/side-contract/staffing/specialist.queries'
import { daysFromToday, FUTURE } from '@hub/testing/writes'

/** The field and message of the BAD_USER_INPUT a rule throws. */
function rejection(run: () => unknown) {
  try {
    run()
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error
    return { code: error.extensions.code, field: error.extensions.field, message: error.message }
  }
  throw new Error('the input was accepted')
}

const NUMBER_RULE = 'must be the provider’s personnel number (табельный номер)'

describe('the staffing rules every side shares', () => {
  const register = (override: Record<string, unknown> = {}) => ({
    providerId: randomUUID(),
    personnelNumber: ' ТН-0042 ',
    role: 'DEFECTOLOGIST' as const,
    employedFrom: '2024-09-01',
    ...override,
  })

  it('accepts a specialist and trims the personnel number', () => {
    const input = register()
    expect(validateRegisterSpecialist(input)).toEqual({ ...input, personnelNumber: 'ТН-0042' })
  })

  it.each([
    ['input.providerId', { providerId: 'ЦРП-1' }, 'must be an id (UUID)'],
    ['input.personnelNumber', { personnelNumber: '   ' }, NUMBER_RULE],
    ['input.personnelNumber', { personnelNumber: 'Петрова' }, NUMBER_RULE],
    ['input.personnelNumber', { personnelNumber: 'Анна Петрова 7' }, NUMBER_RULE],
    ['input.personnelNumber', { personnelNumber: `Т${'1'.repeat(32)}` }, NUMBER_RULE],
    ['input.employedFrom', { employedFrom: FUTURE }, 'must not be in the future'],
  ])('refuses a specialist whose %s breaks its rule', (field, override, rule) => {
    const refused = rejection(() => validateRegisterSpecialist(register(override)))
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field })
    expect(refused.message.startsWith(`${field}: `)).toBe(true)
    expect(refused.message).toContain(rule)
  })

  const training = (override: Record<string, unknown> = {}) => ({
    specialistId: randomUUID(),
    course: '  Оценка функционирования ребёнка раннего возраста на основе МКФ-ДП ',
    hours: 36,
    completedOn: '2019-05-30',
    certificateNumber: ' 782400012345 ',
    ...override,
  })

  it('accepts a course completed long before, and trims the course and the certificate number', () => {
    const input = training()
    expect(validateRecordSpecialistTraining(input)).toEqual({
      ...input,
      course: 'Оценка функционирования ребёнка раннего возраста на основе МКФ-ДП',
      certificateNumber: '782400012345',
    })
    expect(validateRecordSpecialistTraining(training({ hours: 1 })).hours).toBe(1)
    expect(validateRecordSpecialistTraining(training({ hours: 2000 })).hours).toBe(2000)
  })

  it.each([
    ['input.specialistId', { specialistId: '42' }, 'must be an id (UUID)'],
    ['input.course', { course: ' ' }, 'must not be empty'],
    ['input.course', { course: 'к'.repeat(301) }, 'must be at most 300 characters'],
    ['input.hours', { hours: 0 }, 'must be a whole number from 1 to 2000'],
    ['input.hours', { hours: 2001 }, 'must be a whole number from 1 to 2000'],
    ['input.hours', { hours: 1.5 }, 'must be a whole number from 1 to 2000'],
    ['input.completedOn', { completedOn: FUTURE }, 'must not be in the future'],
    ['input.certificateNumber', { certificateNumber: '' }, 'must not be empty'],
    ['input.certificateNumber', { certificateNumber: '7'.repeat(65) }, 'must be at most 64 characters'],
  ])('refuses a training whose %s breaks its rule', (field, override, rule) => {
    const refused = rejection(() => validateRecordSpecialistTraining(training(override)))
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field })
    expect(refused.message).toContain(rule)
  })

  it('accepts an end of employment that lies ahead, and refuses a malformed specialist id', () => {
    const specialistId = randomUUID()
    expect(validateEndSpecialistEmployment({ specialistId, employedUntil: FUTURE })).toEqual({
      specialistId,
      employedUntil: FUTURE,
    })
    expect(
      rejection(() => validateEndSpecialistEmployment({ specialistId: 'x', employedUntil: FUTURE })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.specialistId' })
  })
})

describe('mandatory roles', () => {
  const specialist = (
    role: SpecialistRole,
    employedUntil: string | null,
    employedFrom = '2020-01-01',
  ): SpecialistRow => ({
    id: randomUUID(),
    providerId: randomUUID(),
    personnelNumber: '1',
    role,
    employedFrom,
    employedUntil,
  })

  it('flags each required role that no specialist employed today fills, in the order required', () => {
    const required: SpecialistRole[] = ['PSYCHOLOGIST', 'DEFECTOLOGIST', 'SPEECH_THERAPIST', 'ADAPTIVE_PE_INSTRUCTOR']
    const staff = [
      specialist('PSYCHOLOGIST', null),
      specialist('DEFECTOLOGIST', daysFromToday(-1)),
      specialist('SPEECH_THERAPIST', daysFromToday(0)),
      specialist('NURSE', null),
    ]
    expect(missingRoles(required, staff)).toEqual(['DEFECTOLOGIST', 'ADAPTIVE_PE_INSTRUCTOR'])
    expect(
      missingRoles(required, [
        ...staff,
        specialist('DEFECTOLOGIST', FUTURE),
        specialist('ADAPTIVE_PE_INSTRUCTOR', null),
      ]),
    ).toEqual([])
    expect(missingRoles([], staff)).toEqual([])
  })

  it('gives a side the staffing of its own providers only, and only with what @requires brings', () => {
    const health = staffingOfSide('HEALTH')
    const id = randomUUID()
    expect(health({ id, side: 'HEALTH', requiredSpecialistRoles: ['NURSE'] })).toEqual({
      providerId: id,
      requiredRoles: ['NURSE'],
    })
    expect(health({ id, side: 'HEALTH', requiredSpecialistRoles: [] })).toEqual({ providerId: id, requiredRoles: [] })
    expect(health({ id, side: 'SOCIAL', requiredSpecialistRoles: ['NURSE'] })).toBeNull()
    expect(health({ id })).toBeNull()
    expect(health({ id, side: 'HEALTH' })).toBeNull()
  })
})
