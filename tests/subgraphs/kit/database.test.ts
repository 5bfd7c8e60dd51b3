import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PREPARED_PARAMETERS_AT_MOST } from '@hub/subgraph-kit/database'
import type { DB } from '../../../subgraphs/social/src/db/database.js'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { socialSubgraph } from '../../../subgraphs/social/test/support/subgraph.js'

describe.each(backends.filter((backend) => backend === 'postgres'))('a PostgreSQL connection (%s)', (backend) => {
  let database: TestDatabase<DB>

  beforeAll(async () => {
    database = await openTestDatabase<DB>(socialSubgraph, backend)
  })
  afterAll(() => database?.close())

  it('prepares a statement with parameters once and runs it again by name', async () => {
    await database.db.connection().execute(async (connection) => {
      const lookup = (id: string) => sql`select count(*) from child where id = any(${[id]}::uuid[])`.execute(connection)
      await lookup('00000000-0000-4000-8000-000000000001')
      await lookup('00000000-0000-4000-8000-000000000002')
      const { rows } = await sql<{
        statement: string
        generic_plans: string
        custom_plans: string
      }>`select statement, generic_plans, custom_plans from pg_prepared_statements`.execute(connection)
      const prepared = rows.filter((row) => row.statement.includes('from child where id = any'))
      expect(prepared).toHaveLength(1)
      expect(Number(prepared[0]!.generic_plans) + Number(prepared[0]!.custom_plans)).toBe(2)
    })
  })

  it(`sends a statement of more than ${PREPARED_PARAMETERS_AT_MOST} parameters (a bulk write) as text`, async () => {
    await database.db.connection().execute(async (connection) => {
      const values = Array.from({ length: PREPARED_PARAMETERS_AT_MOST + 1 }, (_, i) => sql`(${i})`)
      const { rows } = await sql<{
        n: number
      }>`select count(*)::int as n from (values ${sql.join(values)}) as t (i)`.execute(connection)
      expect(rows).toEqual([{ n: PREPARED_PARAMETERS_AT_MOST + 1 }])
      const prepared = await sql<{
        statement: string
      }>`select statement from pg_prepared_statements where statement like '%from (values%'`.execute(connection)
      expect(prepared.rows).toEqual([])
    })
  })

  it('runs a script of several statements without parameters as text, with JIT and parallel workers off and random reads priced as from memory', async () => {
    await database.db.connection().execute(async (connection) => {
      await sql`create temporary table scratch (n int); insert into scratch values (1), (2)`.execute(connection)
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from scratch`.execute(connection)
      expect(rows).toEqual([{ n: 2 }])
      const jit = await sql<{ jit: string }>`show jit`.execute(connection)
      expect(jit.rows).toEqual([{ jit: 'off' }])
      const workers = await sql<{
        max_parallel_workers_per_gather: string
      }>`show max_parallel_workers_per_gather`.execute(connection)
      expect(workers.rows).toEqual([{ max_parallel_workers_per_gather: '0' }])
      const pageCost = await sql<{ random_page_cost: string }>`show random_page_cost`.execute(connection)
      expect(pageCost.rows).toEqual([{ random_page_cost: '1.1' }])
    })
  })
})
