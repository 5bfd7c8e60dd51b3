import { hubError } from './errors.js'

/** Why a side reads a child's data; a consent is given for one purpose. */
export const PURPOSES = {
  EARLY_HELP: 'Оказание услуг ранней помощи и реализация ИПРП',
  NEED_DETERMINATION: 'Определение нуждаемости в услугах ранней помощи',
  TRANSITION: 'Сопровождение перехода в дошкольную образовательную организацию',
} as const
export type Purpose = keyof typeof PURPOSES
export const DEFAULT_PURPOSE: Purpose = 'EARLY_HELP'

/** The header a caller states its purpose in; consents are given for a purpose, and the audit records it. */
export const PURPOSE_HEADER = 'x-access-purpose'

/**
 * The purpose a request states, or the default when it states none. Only the table's own keys count: `in` would also
 * take what every object inherits (`constructor`, `toString`, `__proto__`). A bad value refuses the whole request with
 * HTTP 400, before anything is read.
 */
export function purposeOf(header: string | string[] | undefined): Purpose {
  if (header === undefined || header === '') return DEFAULT_PURPOSE
  if (typeof header === 'string' && Object.hasOwn(PURPOSES, header)) return header as Purpose
  throw hubError(
    'BAD_USER_INPUT',
    'ACCESS_PURPOSE',
    `${PURPOSE_HEADER}: must be one of ${Object.keys(PURPOSES).join(', ')}`,
    {
      field: PURPOSE_HEADER,
      http: { status: 400 },
    },
  )
}
