import { sql } from 'kysely'

/**
 * `= any($1::uuid[])`: a whole batch of ids as one array parameter, so a
 * loader batch is one statement with one parameter however large it is.
 */
export function anyUuid(ids: readonly string[]) {
  return sql<string>`any(${[...ids]}::uuid[])`
}

export function anyText<T extends string>(values: readonly T[]) {
  return sql<T>`any(${[...values]}::text[])`
}
