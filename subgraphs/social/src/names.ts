import { badUserInput } from '../../kit/src/errors.js'
import { requireText } from '../../kit/src/validation.js'
import { snilsDigits } from './identifiers.js'

const NAME = /^\p{L}[\p{L}'’\s-]*$/u

/** A surname, given name or patronymic: letters, with spaces, hyphens or apostrophes between them. */
export function requireName(field: string, value: string) {
  const name = requireText(field, value, 100)
  if (!NAME.test(name))
    throw badUserInput(field, 'PERSON_NAME', 'must be letters, with spaces, hyphens or apostrophes between them')
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
  return normaliseName(fullName({ ...person, patronymic: person.patronymic ?? '' }))
}

function normaliseName(text: string) {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s\-‐‑–—]+/g, ' ')
    .trim()
}

/** A registry search (`ChildFilter.search`): a СНИЛС written any way, or the beginning of a full name. */
export function registrySearch(field: string, text: string) {
  const trimmed = text.trim()
  if (trimmed.length < 2 || trimmed.length > 100)
    throw badUserInput(field, 'TEXT_LENGTH', 'must be 2 to 100 characters', { min: 2, max: 100 })
  const snils = snilsDigits(trimmed)
  if (snils) return { snils }
  if (/\d/.test(trimmed))
    throw badUserInput(field, 'SEARCH_TERM', 'must be a СНИЛС of 11 digits or the beginning of a full name')
  return { namePrefix: normaliseName(trimmed) }
}
