import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type DiagnosisRow = Awaited<ReturnType<typeof findDiagnosesByChildIds>>[number]

export function findDiagnosesByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('diagnosis')
    .innerJoin('icd10_code', 'icd10_code.code', 'diagnosis.icd10_code')
    .select(columns.diagnosis)
    .where('diagnosis.child_id', '=', anyUuid(childIds))
    .orderBy('diagnosis.is_primary', 'desc')
    .orderBy('diagnosis.diagnosed_on')
    .orderBy('diagnosis.id')
    .execute()
}
