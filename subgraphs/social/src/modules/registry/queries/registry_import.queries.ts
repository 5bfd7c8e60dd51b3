import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { columns } from '../../../db/columns.js'
import { anyUuid } from '@hub/subgraph-kit/sql'
import type { DB, RegistryImportRowTable, RegistryImportTable } from '../../../db/database.js'

export type RegistryImportRow = Awaited<ReturnType<typeof findRegistryImportsByIds>>[number]
export type RegistryImportRowOutcome = Awaited<ReturnType<typeof findRefusedImportRows>>[number]

export function findRegistryImportsByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('registry_import').select(columns.registryImport).where('id', '=', anyUuid(ids)).execute()
}

export function findUnfinishedImportByFile(db: Kysely<DB>, fileSha256: string) {
  return db
    .selectFrom('registry_import')
    .select(columns.registryImport)
    .where('file_sha256', '=', fileSha256)
    .where('finished_at', 'is', null)
    .executeTakeFirst()
}

export function insertRegistryImport(db: Kysely<DB>, row: Insertable<RegistryImportTable>) {
  return db.insertInto('registry_import').values(row).returning(columns.registryImport).executeTakeFirstOrThrow()
}

export function lockRegistryImportById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('registry_import')
    .select(columns.registryImport)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** Adds a batch's outcomes to the job's counts; the job is finished when its last row is done. */
export function recordImportProgress(
  db: Kysely<DB>,
  id: string,
  progress: { rows: number; created: number; merged: number; refused: number },
) {
  return db
    .updateTable('registry_import')
    .set((eb) => ({
      rows_done: eb('rows_done', '+', progress.rows),
      created: eb('created', '+', progress.created),
      merged: eb('merged', '+', progress.merged),
      refused: eb('refused', '+', progress.refused),
      finished_at: sql<Date | null>`case when rows_done + ${progress.rows} = total_rows then now() end`,
    }))
    .where('id', '=', id)
    .returning(columns.registryImport)
    .executeTakeFirstOrThrow()
}

export async function insertImportRows(db: Kysely<DB>, rows: readonly Insertable<RegistryImportRowTable>[]) {
  if (rows.length > 0) await db.insertInto('registry_import_row').values(rows).execute()
}

/** The refused rows of imports, in the order of their lines: the error report. */
export function findRefusedImportRows(db: Kysely<DB>, importIds: readonly string[]) {
  return db
    .selectFrom('registry_import_row')
    .select(['registry_import_row.import_id as importId', ...columns.registryImportRow])
    .where('import_id', '=', anyUuid(importIds))
    .where('outcome', '=', 'REFUSED')
    .orderBy('import_id')
    .orderBy('line')
    .execute()
}
