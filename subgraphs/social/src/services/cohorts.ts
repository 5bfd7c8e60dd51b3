import { isSuppressed } from '../../../kit/src/access/analytics.js'
import type { RequestAccess } from '../../../kit/src/access/request.js'
import { hubError } from '../../../kit/src/errors.js'
import type { listCohort } from '../db/queries/child.queries.js'

/** A depersonalised list under pseudonyms, in pseudonym order; refused to an analyst when it has 1–4 children. */
export function depersonalise(
  rows: Awaited<ReturnType<typeof listCohort>>,
  access: RequestAccess,
  pseudonym: (childId: string) => string,
  field: string,
) {
  if (isSuppressed(access, rows.length)) {
    throw hubError('FORBIDDEN', `${field}: a list of fewer than 5 children is not shown to analysts`, {
      field,
      category: 'aggregates',
    })
  }
  return rows
    .map((row) => ({
      pseudonym: pseudonym(row.id),
      birthYear: Number(row.birthDate.slice(0, 4)),
      sex: row.sex,
      criteria: [...row.criteria].sort(),
    }))
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym))
}
