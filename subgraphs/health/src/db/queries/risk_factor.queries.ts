import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, RiskFactorTable } from '../database.js'

export type RiskFactorRow = Awaited<ReturnType<typeof findRiskFactorsByChildIds>>[number]

export function findRiskFactorsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('risk_factor')
    .select(columns.riskFactor)
    .where('risk_factor.child_id', '=', anyUuid(childIds))
    .orderBy('risk_factor.noted_on')
    .orderBy('risk_factor.id')
    .execute()
}

export function findRiskFactorById(db: Kysely<DB>, id: string) {
  return db.selectFrom('risk_factor').select(columns.riskFactor).where('risk_factor.id', '=', id).executeTakeFirst()
}

export function insertRiskFactor(db: Kysely<DB>, values: Insertable<RiskFactorTable>) {
  return db.insertInto('risk_factor').values(values).returning(columns.riskFactor).executeTakeFirstOrThrow()
}
