import type { Kysely } from 'kysely'
import { badUserInput } from '@hub/platform/errors'
import { findReferenceVersionOn } from '@hub/subgraph-kit/reference/reference.queries'
import { referenceView } from '@hub/subgraph-kit/reference/tables'
import type { DB } from '../db/database.js'
import { findIcd10CodeByCode } from '../db/queries/icd10_code.queries.js'
import { ICD10_KIND } from '../reference.js'

// [A-Z] and not \p{Lu}: a Cyrillic «Р» or «С» typed for the Latin letter must not pass as a code.
export const ICD10_FORMAT = /^[A-Z][0-9]{2}(\.[0-9]{1,2})?$/

export function requireIcd10Format(field: string, code: string) {
  if (!ICD10_FORMAT.test(code)) {
    throw badUserInput(
      field,
      'ICD10_FORMAT',
      'must be an МКБ-10 code: a Latin capital letter, two digits, optionally a dot and one or two digits (e.g. G80.1)',
    )
  }
  return code
}

/**
 * A well-formed code may still be one the region's dictionary does not hold (the foreign key would refuse it anyway),
 * or one that was not in force on the record's day: retired before it, or brought in after. A retired code stays in
 * the dictionary, so that the records made while it was in force still read it.
 */
export async function requireIcd10CodeInForce(db: Kysely<DB>, field: string, code: string, day: string) {
  const known = await findIcd10CodeByCode(db, code)
  if (!known) {
    throw badUserInput(
      field,
      'ICD10_UNKNOWN',
      `must be a code of the МКБ-10 dictionary (Query.icd10Codes); ${code} is not in it`,
      { code },
    )
  }
  if (!(await findReferenceVersionOn(referenceView(db), ICD10_KIND.code, code, day))) {
    throw badUserInput(field, 'ICD10_NOT_IN_FORCE', `${code} was not in force on ${day}`, { code, day })
  }
  return known
}
