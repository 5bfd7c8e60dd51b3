import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChildCardDocument, type ChildCardQuery } from '../../schema/__generated__/operations.js'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { testVerifier } from '@hub/testing/auth'
import { backends, openPostgresTestDatabase, testDatabaseName, type TestDatabase } from '@hub/testing/databases'
import { startHub, type Hub, type HubDatabases } from '../support/hub.js'
import { withAdmin } from '@hub/testing/postgres'
import { insertChildKnownToEverySide } from '../support/scenario.js'
import { subgraphs } from '../support/subgraphs.js'

// The README's backup and restore procedure, run as documented: scripts/backup.sh (pg_dump --format=custom) of each
// subgraph's database, scripts/restore.sh (pg_restore --no-owner) into fresh databases, and the hub started on them.
// PostgreSQL only: the embedded PGlite default is backed up by copying its data folder while it is stopped.

const root = fileURLToPath(new URL('../../', import.meta.url))
const run = promisify(execFile)

/** Runs backup.sh or restore.sh for one subgraph, with its database URL in the variable the subgraph reads. */
function script(name: 'backup' | 'restore', subgraph: SubgraphName, url: string, ...options: string[]) {
  return run('bash', [`scripts/${name}.sh`, '--subgraph', subgraph, ...options], {
    cwd: root,
    env: { ...process.env, [`${subgraph.toUpperCase()}_DATABASE_URL`]: url },
  })
}

/** A fresh, empty database, as `createdb` makes it. */
async function createFreshDatabase(subgraph: SubgraphName) {
  const name = testDatabaseName(subgraph)
  await withAdmin((client) => client.query(`create database "${name}"`))
  return name
}

async function restoreIntoFreshDatabase<DB>(subgraph: SubgraphName, dump: string): Promise<TestDatabase<DB>> {
  const database = openPostgresTestDatabase<DB>(await createFreshDatabase(subgraph))
  await script('restore', subgraph, database.url!, '--in', dump)
  return database
}

describe.skipIf(!backends.includes('postgres'))('backup and restore of each subgraph (postgres)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hub-backup-'))
  const dumps = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, join(folder, `${name}.dump`)])) as Record<
    SubgraphName,
    string
  >
  let original: Hub
  let restored: Hub | undefined
  let childId: string
  let card: ChildCardQuery

  beforeAll(async () => {
    original = await startHub('postgres')
    childId = (await insertChildKnownToEverySide(original.databases)).child.id
    card = await original.run(ChildCardDocument, { id: childId })
    for (const name of SUBGRAPH_NAMES) {
      const { stdout } = await script('backup', name, original.databases[name].url!, '--out', dumps[name])
      expect(stdout).toContain(`backed up the ${name} database into ${dumps[name]}`)
    }
  })
  afterAll(async () => {
    await restored?.stop()
    await original?.stop()
    rmSync(folder, { recursive: true, force: true })
  })

  it('writes one dump per subgraph in pg_dump’s custom format', () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(statSync(dumps[name]).size, name).toBeGreaterThan(1_000)
    }
  })

  it('gives the same ChildCard from a hub started on the four restored databases, with no migration left to run', async () => {
    expect(card.child?.health?.diagnoses).toHaveLength(1)
    expect(card.child?.ngo?.sessions).toHaveLength(1)
    const databases = {
      social: await restoreIntoFreshDatabase('social', dumps.social),
      health: await restoreIntoFreshDatabase('health', dumps.health),
      education: await restoreIntoFreshDatabase('education', dumps.education),
      ngo: await restoreIntoFreshDatabase('ngo', dumps.ngo),
    } as HubDatabases
    // A subgraph migrates its database at start; on a restored one the migration history came with the dump.
    for (const name of SUBGRAPH_NAMES) {
      expect(await migrateToLatest(databases[name].db, subgraphs[name].migrations), name).toEqual([])
    }
    restored = await startHub('postgres', { databases })
    expect(await restored.run(ChildCardDocument, { id: childId })).toEqual(card)
  })

  it('restores one subgraph alone while the others keep serving, and the gateway answers fully again', async () => {
    const hub = original
    const port = Number(new URL(hub.services.health.url).port)
    await hub.services.health.stop()
    const partial = await hub.query<ChildCardQuery>(ChildCardDocument, { id: childId })
    expect(partial.data?.child).toEqual({ ...card.child, health: null })
    expect(partial.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'UNAVAILABLE', serviceName: 'health' }),
    ])

    const health = await restoreIntoFreshDatabase<HealthDB>('health', dumps.health)
    const replaced = hub.databases.health
    hub.databases.health = health
    await replaced.close()
    hub.services.health = await startSubgraphServer(
      subgraphs.health.create({ db: health.db, grants: hub.grantsFor('health') }),
      { host: '127.0.0.1', port, verifier: testVerifier, database: health.db },
    )
    expect(await hub.run(ChildCardDocument, { id: childId })).toEqual(card)
  })

  it('refuses to restore over a database that already has tables, and changes nothing there', async () => {
    const target = original.databases.ngo
    const failure = await script('restore', 'ngo', target.url!, '--in', dumps.ngo).catch((error: unknown) => error)
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the ngo database already has') as unknown,
    })
    expect(await original.run(ChildCardDocument, { id: childId })).toEqual(card)
  })

  it('names the variable it needs when the database URL is not set', async () => {
    const failure = await run('bash', ['scripts/backup.sh', '--subgraph', 'education', '--out', dumps.education], {
      cwd: root,
      env: { PATH: process.env.PATH },
    }).catch((error: unknown) => error)
    expect(failure).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('EDUCATION_DATABASE_URL is not set') as unknown,
    })
  })
})
