import { badUserInput } from '@hub/platform/errors'
import { addMonths } from '@hub/subgraph-kit/validation'
import type { PreschoolStatus } from '../db/database.js'

/*
 * The transition from early help to a kindergarten (DOMAIN.md, stage 8), computed on every request and never stored:
 * it depends on today and on the birth date, which only social holds. The gateway brings the birth date with the
 * representation (`@requires(fields: "birthDate")`), so this module sees it for the length of one request only.
 */

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export type PreschoolTransitionStatus = 'NOT_YET_DUE' | 'DUE' | 'PLACED' | 'OVERDUE_WITHOUT_PLACEMENT'

export interface PreschoolTransition {
  dueOn: string
  status: PreschoolTransitionStatus
  daysUntilThirdBirthday: number
}

/** Applications that give the child a place: a direction issued or an enrolment. */
const PLACED: ReadonlySet<PreschoolStatus> = new Set(['DIRECTED', 'ENROLLED'])

function isoOf(ms: number) {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A calendar date of the representation; the gateway copies it from social, whose Date scalar already checked it. */
function parseBirthDate(value: string) {
  const match = ISO_DATE.exec(value)
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN
  if (Number.isNaN(ms) || isoOf(ms) !== value) {
    throw badUserInput('Child.birthDate', 'INVALID_DATE', 'must be a calendar date written YYYY-MM-DD')
  }
  return value
}

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/**
 * The child's transition on `today`: a place (direction or enrolment) settles it at any age; without one the child is
 * due from `dueOn` (the configured age, 2 years 9 months by default) and overdue from the third birthday on.
 */
export function preschoolTransition(
  birthDate: string,
  applications: readonly { status: PreschoolStatus }[],
  settings: { transitionAgeMonths: number; today: string },
): PreschoolTransition {
  const born = parseBirthDate(birthDate)
  const dueOn = addMonths(born, settings.transitionAgeMonths)
  const thirdBirthday = addMonths(born, 36)
  const daysUntilThirdBirthday = daysBetween(settings.today, thirdBirthday)
  let status: PreschoolTransitionStatus
  if (applications.some((application) => PLACED.has(application.status))) status = 'PLACED'
  else if (settings.today >= thirdBirthday) status = 'OVERDUE_WITHOUT_PLACEMENT'
  else if (settings.today >= dueOn) status = 'DUE'
  else status = 'NOT_YET_DUE'
  return { dueOn, status, daysUntilThirdBirthday }
}
