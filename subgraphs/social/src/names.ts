import { badUserInput } from '../../kit/src/errors.js'
import { requireText } from '../../kit/src/validation.js'

const NAME = /^\p{L}[\p{L}'’\s-]*$/u

/** A surname, given name or patronymic: letters, with spaces, hyphens or apostrophes between them. */
export function requireName(field: string, value: string) {
  const name = requireText(field, value, 100)
  if (!NAME.test(name)) throw badUserInput(field, 'must be letters, with spaces, hyphens or apostrophes between them')
  return name
}

/** ФИО in the official order: surname, given name, patronymic where there is one. */
export function fullName(person: { lastName: string; firstName: string; patronymic: string | null }) {
  return [person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' ')
}

/**
 * The full name as duplicate detection compares it: case, ё/е, runs of
 * spaces and hyphens do not make two registrations different children.
 */
export function nameKey(person: { lastName: string; firstName: string; patronymic: string | null }) {
  return fullName({ ...person, patronymic: person.patronymic ?? '' })
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s\-‐‑–—]+/g, ' ')
    .trim()
}
