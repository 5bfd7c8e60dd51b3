import { badUserInput, hubError } from '@hub/platform/errors'

/*
 * Input rules of the ngo mutations that the kit does not already have. Children, families, providers, municipalities
 * and catalogue services belong to social: ngo cannot see whether such an id exists, so it checks only that the id is
 * well formed, and a record pointing at an id social never issued is found by reconciliation, not here.
 */

export function requireAtLeast(field: string, value: number, min: number) {
  if (!Number.isInteger(value) || value < min)
    throw badUserInput(field, 'NUMBER_AT_LEAST', `must be a whole number of at least ${min}`, { min })
  return value
}

/** Hours in quarter-hour steps, returned as whole minutes (how they are stored). */
export function requireQuarterHours(field: string, hours: number) {
  const quarters = hours * 4
  if (!Number.isInteger(quarters) || quarters < 1 || quarters > 96) {
    throw badUserInput(field, 'QUARTER_HOURS', 'must be from 0.25 to 24 hours in steps of a quarter of an hour')
  }
  return quarters * 15
}

/**
 * A provider's staff act only on their own organisation's groups and volunteers; ngo's own staff (`organisation`
 * null) on any. Checked on the locked row, so the field named is the id the caller sent.
 */
export function requireOwnProvider(field: string, providerId: string, organisation: string | null) {
  if (organisation !== null && providerId !== organisation) {
    throw hubError('FORBIDDEN', 'OWN_ORGANISATION_ONLY', `${field}: must be of the caller's own organisation`, {
      field,
    })
  }
}
