import { badUserInput } from '../../kit/src/errors.js'

/*
 * Input rules of the ngo mutations that the kit does not already have. Children, families, providers, municipalities
 * and catalogue services belong to social: ngo cannot see whether such an id exists, so it checks only that the id is
 * well formed, and a record pointing at an id social never issued is found by reconciliation, not here.
 */

const OKTMO = /^[0-9]{8}$/
// The catalogue's codes are capital snake case today; a region's own codes may also carry digits, '-' or '.'.
const SERVICE_CODE = /^[A-Za-z0-9_.-]{1,64}$/
// A number, not a place for a name: no spaces, and at least one digit, so that «Иванова» or «Мария Иванова» fail.
const REGISTRATION_NUMBER = /^[\p{L}\p{N}\-/.№]{1,32}$/u

export function requireOktmo(field: string, value: string) {
  if (!OKTMO.test(value)) throw badUserInput(field, 'must be an ОКТМО code of 8 digits')
  return value
}

export function requireServiceCode(field: string, value: string) {
  if (!SERVICE_CODE.test(value)) {
    throw badUserInput(field, 'must be a service code of the regional catalogue: 1–64 Latin letters, digits, _ . -')
  }
  return value
}

export function requireRegistrationNumber(field: string, value: string) {
  const trimmed = value.trim()
  if (!REGISTRATION_NUMBER.test(trimmed) || !/\p{N}/u.test(trimmed)) {
    throw badUserInput(
      field,
      'must be the provider’s registration number: up to 32 letters, digits, - / . №, with a digit and no spaces',
    )
  }
  return trimmed
}

export function requireIntegerBetween(field: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(field, `must be a whole number from ${min} to ${max}`)
  }
  return value
}

export function requireAtLeast(field: string, value: number, min: number) {
  if (!Number.isInteger(value) || value < min) throw badUserInput(field, `must be a whole number of at least ${min}`)
  return value
}

/** Hours in quarter-hour steps, returned as whole minutes (how they are stored). */
export function requireQuarterHours(field: string, hours: number) {
  const quarters = hours * 4
  if (!Number.isInteger(quarters) || quarters < 1 || quarters > 96) {
    throw badUserInput(field, 'must be from 0.25 to 24 hours in steps of a quarter of an hour')
  }
  return quarters * 15
}
