import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { backends, openTestDatabase } from '@hub/testing/databases'
import { subgraphs } from '../../support/subgraphs.js'

/**
 * The foreign keys whose columns lead no index: deleting or changing a referenced row, and every join along the key,
 * would read the whole referencing table.
 */
const UNINDEXED_FOREIGN_KEYS = sql<{ table: string; columns: string[] }>`
  select c.conrelid::regclass::text as table, array_agg(a.attname::text order by k.n) as columns
  from pg_constraint c
  cross join lateral unnest(c.conkey) with ordinality as k(attnum, n)
  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
  where c.contype = 'f' and not exists (
    select 1 from pg_index i
    where i.indrelid = c.conrelid
      and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
      and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
  )
  group by c.conrelid, c.conname
  order by 1, 2
`

describe.each(backends)('the indexes of each subgraph’s database (%s)', (backend) => {
  it.each(SUBGRAPH_NAMES)('lead every foreign key of %s with its columns', async (name) => {
    const database = await openTestDatabase(subgraphs[name], backend)
    try {
      const { rows } = await UNINDEXED_FOREIGN_KEYS.execute(database.db)
      const foreignKeys = await sql<{ count: number }>`
        select count(*)::int as count from pg_constraint where contype = 'f'
      `.execute(database.db)
      expect(foreignKeys.rows[0]!.count).toBeGreaterThan(name === 'social' ? 20 : 0)
      expect(rows).toEqual([])
    } finally {
      await database.close()
    }
  })
})
