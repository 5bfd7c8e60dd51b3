import type { Kysely } from 'kysely'
import { badUserInput } from '@hub/platform/errors'
import type { DB } from '../db/database.js'
import { findIcd10CodeByCode } from '../db/queries/icd10_code.queries.js'

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

/** A well-formed code may still be one the region's dictionary does not hold; the foreign key would refuse it anyway. */
export async function requireKnownIcd10Code(db: Kysely<DB>, field: string, code: string) {
  const known = await findIcd10CodeByCode(db, code)
  if (!known) {
    throw badUserInput(
      field,
      'ICD10_UNKNOWN',
      `must be a code of the МКБ-10 dictionary (Query.icd10Codes); ${code} is not in it`,
      { code },
    )
  }
  return known
}
