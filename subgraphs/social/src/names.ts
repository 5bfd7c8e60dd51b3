/** ФИО in the official order: surname, given name, patronymic where there is one. */
export function fullName(person: { lastName: string; firstName: string; patronymic: string | null }) {
  return [person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' ')
}
