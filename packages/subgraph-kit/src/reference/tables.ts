import type { ColumnType, Generated, GeneratedAlways, Kysely } from 'kysely'
import type { ReferenceAttributes } from './kinds.js'

/** A calendar day as PostgreSQL returns it (the kit's type parser keeps `date` a `YYYY-MM-DD` text). */
type Day = ColumnType<string, string, string>

/**
 * The tables of the versioned dictionaries (migration `create_reference_dictionaries`, one copy per subgraph that
 * keeps dictionaries). `reference_entry` is every code a dictionary has ever held, with its latest state: a code is
 * never deleted, so that an old record's code still reads; `reference_entry_version` is its history, each version in
 * force from `valid_from` (null: since before the hub knew the dictionary) to the day before `valid_to` (null: still in
 * force); `attributes` (jsonb) are what a kind keeps besides a name (migration `add_reference_attributes`);
 * `reference_import` is the history of applied imports.
 */
export interface ReferenceTables {
  reference_entry: {
    kind: string
    code: string
    name: string
    parent_code: string | null
    active: boolean
    attributes: ColumnType<ReferenceAttributes, string, string>
  }
  reference_entry_version: {
    id: GeneratedAlways<string>
    kind: string
    code: string
    name: string
    parent_code: string | null
    attributes: ColumnType<ReferenceAttributes, string, string>
    valid_from: Day | null
    valid_to: Day | null
    import_id: string | null
  }
  reference_import: {
    id: Generated<string>
    kind: string
    file_name: string
    sha256: string
    imported_by: string
    imported_at: Generated<Date>
    valid_from: Day
    added: number
    changed: number
    retired: number
    unchanged: number
  }
}

export type ReferenceDatabase = Kysely<ReferenceTables>

/** A subgraph's database seen through its dictionary tables alone (as `eventsView` does for the event tables). */
export function referenceView<DB extends ReferenceTables>(db: Kysely<DB>): ReferenceDatabase {
  return db as unknown as ReferenceDatabase
}
