import { sql, type RawBuilder } from 'kysely'

/** A JSON array of the rows a subquery aggregates, `[]` rather than null when it finds none. */
export const json = (rows: RawBuilder<unknown>) => sql`coalesce((${rows}), '[]'::json)`
