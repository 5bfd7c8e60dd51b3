import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

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
