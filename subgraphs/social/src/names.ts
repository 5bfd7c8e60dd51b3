import { badUserInput } from '@hub/platform/errors'
import { dayFromText } from '@hub/platform/scalars'
import { requireText } from '@hub/subgraph-kit/validation'
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

/** A word of a search that is meant as a date: digits with dots, hyphens or slashes between them. */
const DATE_LIKE = /^\d+(?:[./-]\d+)+$/

/**
 * The words a search's text names people by, as the name key writes them: letters and apostrophes, lower case, «ё» as
 * «е»; hyphens, spaces and punctuation separate them.
 */
export function nameWords(text: string) {
  return normaliseName(text).match(/[\p{L}'’]+/gu) ?? []
}

/** The text of a search, trimmed: 2 to 100 characters. */
export function searchText(field: string, text: string) {
  const trimmed = text.trim()
  if (trimmed.length < 2 || trimmed.length > 100)
    throw badUserInput(field, 'TEXT_LENGTH', 'must be 2 to 100 characters', { min: 2, max: 100 })
  return trimmed
}

const SEARCH_TERM = 'must be a СНИЛС of 11 digits, words of a full name or a birth date'

/** What a registry search asks for: a СНИЛС, or words that begin words of the name, with a birth date or without. */
export type RegistrySearch = { snils: string } | { words: string[]; birthDate: string | null }

/**
 * A registry search (`ChildFilter.search`): a СНИЛС written any way; or words each of which begins a word of the
 * full name (surname, given name or patronymic, in any order), with or without one birth date among them
 * (`12.03.2025` or `2025-03-12`).
 */
export function registrySearch(field: string, text: string): RegistrySearch {
  const trimmed = searchText(field, text)
  const snils = snilsDigits(trimmed)
  if (snils) return { snils }
  const words: string[] = []
  const days: string[] = []
  for (const part of trimmed.split(/\s+/)) {
    if (DATE_LIKE.test(part)) {
      const day = dayFromText(part)
      if (!day) throw badUserInput(field, 'SEARCH_DATE', `${part} must be a real date written DD.MM.YYYY`)
      days.push(day)
    } else if (/\d/.test(part)) {
      throw badUserInput(field, 'SEARCH_TERM', SEARCH_TERM)
    } else {
      words.push(...nameWords(part))
    }
  }
  if (days.length > 1) throw badUserInput(field, 'SEARCH_DATE', 'must name one birth date at most')
  if (words.length === 0 && days.length === 0) throw badUserInput(field, 'SEARCH_TERM', SEARCH_TERM)
  return { words, birthDate: days[0] ?? null }
}
