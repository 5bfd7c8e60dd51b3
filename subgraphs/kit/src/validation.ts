import { badUserInput } from './errors.js'
import { isUuid } from './loaders.js'

/** Today's calendar date, 'YYYY-MM-DD' (dates are stored and compared as text). */
export function today() {
  return new Date().toISOString().slice(0, 10)
}

/** Whether a period [from, to] (to null: open-ended) contains the given day. */
export function inForce(from: string, to: string | null | undefined, day = today()) {
  return from <= day && (to === null || to === undefined || to >= day)
}

/** An id argument that must name a record: a malformed one is the caller's error. */
export function requireUuid(field: string, value: string) {
  if (!isUuid(value)) throw badUserInput(field, 'must be an id (UUID)')
  return value
}

export function requireNotInFuture(field: string, date: string) {
  if (date > today()) throw badUserInput(field, `must not be in the future (today is ${today()})`)
  return date
}

/** An end that may be open but may not precede its start. */
export function requireNotBefore(field: string, date: string | null | undefined, startField: string, start: string) {
  if (date !== null && date !== undefined && date < start) throw badUserInput(field, `must not be before ${startField}`)
  return date ?? null
}

export function requireText(field: string, value: string, maxLength = 500) {
  const trimmed = value.trim()
  if (trimmed.length === 0) throw badUserInput(field, 'must not be empty')
  if (trimmed.length > maxLength) throw badUserInput(field, `must be at most ${maxLength} characters`)
  return trimmed
}
