import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, DiagnosisTable } from '../database.js'

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

export function findDiagnosisById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('diagnosis')
    .innerJoin('icd10_code', 'icd10_code.code', 'diagnosis.icd10_code')
    .select(columns.diagnosis)
    .where('diagnosis.id', '=', id)
    .executeTakeFirstOrThrow()
}

export function insertDiagnosis(db: Kysely<DB>, values: Insertable<DiagnosisTable>) {
  return db.insertInto('diagnosis').values(values).returning('diagnosis.id').executeTakeFirstOrThrow()
}
