/** ФИО in the official order: surname, given name, patronymic where there is one. */
export function fullName(person: { lastName: string; firstName: string; patronymic: string | null }) {
  return [person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' ')
}

/** Today's calendar date, 'YYYY-MM-DD', to compare with validity dates stored as text. */
export function today() {
  return new Date().toISOString().slice(0, 10)
}
