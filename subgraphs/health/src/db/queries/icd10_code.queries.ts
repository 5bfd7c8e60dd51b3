import type { Kysely } from 'kysely'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type Icd10CodeRow = Awaited<ReturnType<typeof listIcd10Codes>>[number]

export function listIcd10Codes(db: Kysely<DB>) {
  return db.selectFrom('icd10_code').select(columns.icd10Code).orderBy('icd10_code.code').execute()
}

export function findIcd10CodeByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('icd10_code').select(columns.icd10Code).where('icd10_code.code', '=', code).executeTakeFirst()
}
