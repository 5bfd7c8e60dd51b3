import type { Kysely } from 'kysely'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type Icd10CodeRow = Awaited<ReturnType<typeof listIcd10Codes>>[number]

/** The codes a new diagnosis may take: in force, and a disease's code rather than a block or class (A00-B99). */
export function listIcd10Codes(db: Kysely<DB>) {
  return db
    .selectFrom('icd10_code')
    .select(columns.icd10Code)
    .where('icd10_code.active', '=', true)
    .where('icd10_code.code', 'not like', '%-%')
    .orderBy('icd10_code.code')
    .execute()
}

export function findIcd10CodeByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('icd10_code').select(columns.icd10Code).where('icd10_code.code', '=', code).executeTakeFirst()
}
