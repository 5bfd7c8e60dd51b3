import { sql, type Kysely, type Migration } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChildCardDocument, type ChildCardQuery } from '../../schema/__generated__/operations.js'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import { openDatabase, type Database } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { testVerifier } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'
import { subgraphs } from '../support/subgraphs.js'

// docs/operations.md "Upgrading one subgraph": a ministry stops its subgraph, starts the new version on the same database (which
// migrates it at start) and the gateway, never restarted, answers fully again; meanwhile the other sides keep
// answering. The new version here brings an expand step, a nullable column the old code does not know.

const EXPAND_STEP = '2099_01_01_0000_add_detection_event_upgrade_note'
const newVersionMigrations: Record<string, Migration> = {
  ...subgraphs.health.migrations,
  [EXPAND_STEP]: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, below the app's types
    up: (db: Kysely<any>) => db.schema.alterTable('detection_event').addColumn('upgrade_note', 'text').execute(),
  },
}

/** Polls the gateway until the card is whole again: it may keep a side marked down for a moment. */
async function untilWhole(hub: Hub, childId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    if (response.errors === undefined || Date.now() > deadline) return response
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe.each(backends)('upgrading one subgraph while the others serve (%s)', (backend) => {
  let hub: Hub
  let childId: string
  let card: ChildCardQuery
  let newInstance: Database<HealthDB> | undefined

  beforeAll(async () => {
    hub = await startHub(backend)
    childId = (await insertChildKnownToEverySide(hub.databases)).child.id
    card = await hub.run(ChildCardDocument, { id: childId })
  })
  afterAll(async () => {
    // The new instance's server goes before its connections, and those before the hub drops the database.
    if (newInstance) {
      await hub.services.health.stop()
      await newInstance.close()
    }
    await hub?.stop()
  })

  it('answers the other sides while health is stopped, and the whole card once its new version runs', async () => {
    const port = Number(new URL(hub.services.health.url).port)
    await hub.services.health.stop()

    const during = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    expect(during.status).toBe(200)
    expect(during.data?.child).toEqual({ ...card.child, health: null })
    expect(during.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'UNAVAILABLE', serviceName: 'health' }),
    ])

    // A new process opens its own connections to the same database; PGlite in memory lives in this process only.
    const db =
      backend === 'postgres'
        ? (newInstance = openDatabase<HealthDB>({ url: hub.databases.health.url! }, { poolSize: 2 })).db
        : hub.databases.health.db
    expect(await migrateToLatest(db, newVersionMigrations)).toEqual([EXPAND_STEP])
    // Every later start of the same version finds nothing to do.
    expect(await migrateToLatest(db, newVersionMigrations)).toEqual([])
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_name = 'detection_event' and column_name = 'upgrade_note'`.execute(db)
    expect(rows).toEqual([{ column_name: 'upgrade_note' }])

    hub.services.health = await startSubgraphServer(subgraphs.health.create({ db, grants: hub.grantsFor('health') }), {
      host: '127.0.0.1',
      port,
      verifier: testVerifier,
      database: db,
    })
    const after = await untilWhole(hub, childId)
    expect(after.errors).toBeUndefined()
    expect(after.data).toEqual(card)
  })
})
