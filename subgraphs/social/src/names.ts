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
