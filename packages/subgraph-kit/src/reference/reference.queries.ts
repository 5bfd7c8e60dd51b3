import { sql } from 'kysely'
import { attributesText } from './diff.js'
import type { ReferenceEntry } from './kinds.js'
import type { ReferenceDatabase } from './tables.js'

const entryColumns = [
  'reference_entry.code',
  'reference_entry.name',
  'reference_entry.parent_code as parentCode',
  'reference_entry.active',
  'reference_entry.attributes',
] as const

/** The columns an entry and each of its versions share, as written. */
const entryValues = (kind: string, entry: ReferenceEntry) => ({
  kind,
  code: entry.code,
  name: entry.name,
  parent_code: entry.parentCode,
  attributes: attributesText(entry.attributes),
})

const importColumns = [
  'reference_import.id',
  'reference_import.kind',
  'reference_import.file_name as fileName',
  'reference_import.sha256',
  'reference_import.imported_by as importedBy',
  'reference_import.imported_at as importedAt',
  'reference_import.valid_from as validFrom',
  'reference_import.added',
  'reference_import.changed',
  'reference_import.retired',
  'reference_import.unchanged',
] as const

export type ReferenceImportRow = Awaited<ReturnType<typeof listReferenceImports>>[number]

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table here. */
const BATCH = 2_000

/** Every entry a dictionary has ever held, with its latest state. */
export function listReferenceEntries(db: ReferenceDatabase, kind: string): Promise<ReferenceEntry[]> {
  return db.selectFrom('reference_entry').select(entryColumns).where('kind', '=', kind).orderBy('code').execute()
}

export function findReferenceEntry(db: ReferenceDatabase, kind: string, code: string) {
  return db
    .selectFrom('reference_entry')
    .select(entryColumns)
    .where('kind', '=', kind)
    .where('code', '=', code)
    .executeTakeFirst()
}

/** The version of an entry in force on a day, if one was. */
export function findReferenceVersionOn(db: ReferenceDatabase, kind: string, code: string, day: string) {
  return db
    .selectFrom('reference_entry_version')
    .select(['name', 'parent_code as parentCode', 'attributes', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('kind', '=', kind)
    .where('code', '=', code)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', day)]))
    .executeTakeFirst()
}

/**
 * Of the given codes, those in force on a day, and whether the dictionary holds any entry at all (a region that has not
 * imported it yet): one statement for a whole record's codes.
 */
export async function findReferenceCodesInForce(
  db: ReferenceDatabase,
  kind: string,
  codes: readonly string[],
  day: string,
) {
  const { rows } = await sql<{ held: boolean; codes: string[] }>`
    select exists (select 1 from reference_entry where kind = ${kind}) as held,
      array(
        select code from reference_entry_version
        where kind = ${kind} and code = any(${[...codes]}::text[])
          and (valid_from is null or valid_from <= ${day}) and (valid_to is null or valid_to > ${day})
      ) as codes
  `.execute(db)
  return { held: rows[0]!.held, inForce: new Set(rows[0]!.codes) }
}

/** How many entries a dictionary holds, and how many of them are in force. */
export async function countReferenceEntries(db: ReferenceDatabase, kind: string) {
  const row = await db
    .selectFrom('reference_entry')
    .select((eb) => [
      eb.fn.countAll<string>().as('entries'),
      eb.fn.countAll<string>().filterWhere('active', '=', true).as('active'),
    ])
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow()
  return { entries: Number(row.entries), active: Number(row.active) }
}

/** Keeps imports of one kind one at a time: the second waits and then compares against what the first wrote. */
export async function lockReferenceKind(trx: ReferenceDatabase, kind: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`reference:${kind}`}))`.execute(trx)
}

export async function insertReferenceEntries(
  trx: ReferenceDatabase,
  kind: string,
  entries: readonly ReferenceEntry[],
  importId: string,
  versions: { validFrom: string | null; retiredOn: string },
) {
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH)
    await trx
      .insertInto('reference_entry')
      .values(batch.map((e) => ({ ...entryValues(kind, e), active: e.active })))
      .execute()
    await trx
      .insertInto('reference_entry_version')
      .values(
        batch.map((e) => ({
          ...entryValues(kind, e),
          // An entry the file states out of force was in force before the hub learnt it; it ends on the import's day.
          valid_from: e.active ? versions.validFrom : null,
          valid_to: e.active ? null : versions.retiredOn,
          import_id: importId,
        })),
      )
      .execute()
  }
}

export function updateReferenceEntry(trx: ReferenceDatabase, kind: string, entry: ReferenceEntry) {
  return trx
    .updateTable('reference_entry')
    .set({
      name: entry.name,
      parent_code: entry.parentCode,
      active: entry.active,
      attributes: attributesText(entry.attributes),
    })
    .where('kind', '=', kind)
    .where('code', '=', entry.code)
    .execute()
}

/** The latest version of an entry. */
export function findLatestReferenceVersion(trx: ReferenceDatabase, kind: string, code: string) {
  return trx
    .selectFrom('reference_entry_version')
    .select(['id', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('kind', '=', kind)
    .where('code', '=', code)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
}

export function updateReferenceVersion(
  trx: ReferenceDatabase,
  id: string,
  values: {
    name?: string
    parentCode?: string | null
    attributes?: ReferenceEntry['attributes']
    validTo?: string | null
  },
) {
  return trx
    .updateTable('reference_entry_version')
    .set({
      ...(values.name !== undefined && { name: values.name }),
      ...(values.parentCode !== undefined && { parent_code: values.parentCode }),
      ...(values.attributes !== undefined && { attributes: attributesText(values.attributes) }),
      ...(values.validTo !== undefined && { valid_to: values.validTo }),
    })
    .where('id', '=', id)
    .execute()
}

export function insertReferenceVersion(
  trx: ReferenceDatabase,
  kind: string,
  entry: ReferenceEntry,
  validFrom: string,
  importId: string,
) {
  return trx
    .insertInto('reference_entry_version')
    .values({
      ...entryValues(kind, entry),
      valid_from: validFrom,
      valid_to: null,
      import_id: importId,
    })
    .execute()
}

export async function insertReferenceImport(
  trx: ReferenceDatabase,
  values: {
    kind: string
    fileName: string
    sha256: string
    importedBy: string
    validFrom: string
    added: number
    changed: number
    retired: number
    unchanged: number
  },
) {
  const { id } = await trx
    .insertInto('reference_import')
    .values({
      kind: values.kind,
      file_name: values.fileName,
      sha256: values.sha256,
      imported_by: values.importedBy,
      valid_from: values.validFrom,
      added: values.added,
      changed: values.changed,
      retired: values.retired,
      unchanged: values.unchanged,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The day from which the latest applied import of a kind put its changes in force. */
export async function findLastReferenceImportDay(db: ReferenceDatabase, kind: string) {
  const row = await db
    .selectFrom('reference_import')
    .select((eb) => eb.fn.max('valid_from').as('day'))
    .where('kind', '=', kind)
    .executeTakeFirst()
  return row?.day ?? null
}

/** The applied imports of the given kinds (or of one), newest first. */
export function listReferenceImports(
  db: ReferenceDatabase,
  kinds: readonly string[],
  first: number,
  kind?: string | null,
) {
  return db
    .selectFrom('reference_import')
    .select(importColumns)
    .where('kind', 'in', kind ? [kind] : kinds)
    .orderBy('imported_at', 'desc')
    .orderBy('id')
    .limit(first)
    .execute()
}
