import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RememberedResults, type ChangeWatch } from '@hub/subgraph-kit/changes'
import type { DB } from '../../../subgraphs/social/src/db/database.js'
import { FIGURES_CHANNEL } from '../../../subgraphs/social/src/modules/monitoring/services/indicators.js'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { socialSubgraph } from '../../../subgraphs/social/test/support/subgraph.js'

/** Waits until `check` holds, for at most two seconds: a notification travels over a connection. */
async function eventually(check: () => boolean) {
  const until = Date.now() + 2_000
  while (!check()) {
    if (Date.now() > until) throw new Error('the condition did not hold within 2 s')
    await new Promise((resolveWait) => setTimeout(resolveWait, 10))
  }
}

/** Lets notifications already sent arrive, so that a version that should not move is seen not to. */
const settle = () => new Promise((resolveWait) => setTimeout(resolveWait, 100))

describe.each(backends)('a watch of a notification channel (%s)', (backend) => {
  let database: TestDatabase<DB>
  let watch: ChangeWatch
  let day = 0
  const nextDay = () => `2030-01-${String(++day).padStart(2, '0')}`

  beforeAll(async () => {
    database = await openTestDatabase<DB>(socialSubgraph, backend)
    watch = await database.watch(FIGURES_CHANNEL)
  })
  afterAll(() => database?.close())

  it('moves after a write to a table of the figures commits, and not before', async () => {
    expect(watch.live).toBe(true)
    const before = watch.version
    let inside = 0
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('non_working_day').values({ day: nextDay(), note: null }).execute()
      await settle()
      inside = watch.version
    })
    expect(inside).toBe(before)
    await eventually(() => watch.version > before)
  })

  it('does not move for a write that is rolled back or a table outside the figures', async () => {
    const before = watch.version
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('non_working_day').values({ day: nextDay(), note: null }).execute()
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    await sql`insert into municipality (oktmo, name) values ('99999999', 'Проверочный')`.execute(database.db)
    await settle()
    expect(watch.version).toBe(before)
  })

  it('remembers a result until the next change, and keeps none computed while a change arrived', async () => {
    const remembered = new RememberedResults<number>(watch, 2)
    let computed = 0
    const compute = async () => ++computed
    expect(await remembered.get('a', compute)).toBe(1)
    expect(await remembered.get('a', compute)).toBe(1)
    expect(await remembered.get('b', compute)).toBe(2)

    const before = watch.version
    await database.db.insertInto('non_working_day').values({ day: nextDay(), note: null }).execute()
    await eventually(() => watch.version > before)
    expect(await remembered.get('a', compute)).toBe(3)

    const during = remembered.get('c', async () => {
      const version = watch.version
      await database.db.insertInto('non_working_day').values({ day: nextDay(), note: null }).execute()
      await eventually(() => watch.version > version)
      return ++computed
    })
    expect(await during).toBe(4)
    expect(await remembered.get('c', compute)).toBe(5)
    expect(await remembered.get('c', compute)).toBe(5)
  })

  it('forgets the least recently used result beyond its size, and a failed computation', async () => {
    const remembered = new RememberedResults<string>(watch, 2)
    let computed = 0
    const compute = (key: string) => async () => `${key}${++computed}`
    await remembered.get('a', compute('a'))
    await remembered.get('b', compute('b'))
    await remembered.get('a', compute('a'))
    await remembered.get('c', compute('c'))
    expect(await remembered.get('a', compute('a'))).toBe('a1')
    expect(await remembered.get('b', compute('b'))).toBe('b4')

    await expect(remembered.get('d', () => Promise.reject(new Error('statement failed')))).rejects.toThrow()
    expect(await remembered.get('d', compute('d'))).toBe('d5')
  })
})

describe.each(backends.filter((backend) => backend === 'postgres'))('a PostgreSQL watch (%s)', (backend) => {
  let database: TestDatabase<DB>

  beforeAll(async () => {
    database = await openTestDatabase<DB>(socialSubgraph, backend)
  })
  afterAll(() => database?.close())

  it('is not live while its connection is lost, keeps nothing then, and listens again by itself', async () => {
    const watch = await database.watch(FIGURES_CHANNEL)
    const remembered = new RememberedResults<number>(watch, 4)
    let computed = 0
    const compute = async () => ++computed
    await remembered.get('a', compute)
    const before = watch.version

    await sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query like 'listen %'
    `.execute(database.db)
    await eventually(() => !watch.live)
    expect(watch.version).toBeGreaterThan(before)
    expect(await remembered.get('a', compute)).toBe(2)
    expect(await remembered.get('a', compute)).toBe(3)

    await eventually(() => watch.live)
    expect(await remembered.get('a', compute)).toBe(4)
    expect(await remembered.get('a', compute)).toBe(4)
    const after = watch.version
    await database.db.insertInto('non_working_day').values({ day: '2031-01-01', note: null }).execute()
    await eventually(() => watch.version > after)
  })
})
