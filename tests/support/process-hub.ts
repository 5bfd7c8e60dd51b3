import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { openDevSignIn } from '../../scripts/dev-sign-in.js'
import { startHubProcesses } from '../../scripts/hub-processes.js'
import { freePorts } from '../../scripts/processes.js'
import type { HubClaims } from '@hub/platform/auth/viewer'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { openDatabase, type DatabaseLocation } from '@hub/subgraph-kit/database'
import type { DB as EducationDB } from '../../subgraphs/education/src/db/database.js'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import type { DB as NgoDB } from '../../subgraphs/ngo/src/db/database.js'
import type { DB as SocialDB } from '../../subgraphs/social/src/db/database.js'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import type { Backend } from '@hub/testing/databases'
import { startFaultProxy, type FaultProxy } from './faults.js'
import type { LoadCallers } from './load.js'
import { insertChildKnownToEverySide } from './scenario.js'
import { databaseUrl, withAdmin } from '@hub/testing/postgres'
import { subgraphs } from './subgraphs.js'

/** The four databases a hub of processes runs on: clones of the PostgreSQL templates, or PGlite folders. */
export async function createProcessDatabases(backend: Backend) {
  const folder = mkdtempSync(join(tmpdir(), 'hub-processes-'))
  const names = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, `hub_${name}_${inject('testRunId')}_${randomBytes(4).toString('hex')}`]),
  ) as Record<SubgraphName, string>
  if (backend === 'postgres') {
    const templates = inject('postgresTemplates')
    if (!templates) throw new Error('PostgreSQL templates were not prepared by the global setup')
    await withAdmin(async (client) => {
      for (const name of SUBGRAPH_NAMES)
        await client.query(`create database "${names[name]}" template "${templates[name]}"`)
    })
  }
  const locations = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      backend === 'postgres' ? { url: databaseUrl(names[name]) } : { dataDir: join(folder, name) },
    ]),
  ) as Record<SubgraphName, DatabaseLocation>

  return {
    folder,
    locations,
    /** Opens the four databases in this process (migrated), for a test to write or check; close before the hub runs on PGlite. */
    async open() {
      const open = async <DB>(name: SubgraphName) => {
        const database = openDatabase<DB>(locations[name], { poolSize: 2 })
        await migrateToLatest(database.db, subgraphs[name].migrations)
        return database
      }
      return {
        social: await open<SocialDB>('social'),
        health: await open<HealthDB>('health'),
        education: await open<EducationDB>('education'),
        ngo: await open<NgoDB>('ngo'),
      }
    },
    async drop() {
      if (backend === 'postgres') {
        await withAdmin(async (client) => {
          for (const name of SUBGRAPH_NAMES) await client.query(`drop database if exists "${names[name]}" with (force)`)
        })
      }
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

export type ProcessDatabases = Awaited<ReturnType<typeof createProcessDatabases>>

/** How many of the writes a load saw acknowledged are in the databases (open them once the hub has stopped). */
export async function countKeptWrites(
  databases: ProcessDatabases,
  { children, detectionEvents }: { children: readonly string[]; detectionEvents: readonly string[] },
) {
  const opened = await databases.open()
  try {
    const keptChildren = await opened.social.db.selectFrom('child').select('id').where('id', 'in', children).execute()
    const keptEvents = await opened.health.db
      .selectFrom('detection_event')
      .select('id')
      .where('id', 'in', detectionEvents)
      .execute()
    return { children: keptChildren.length, detectionEvents: keptEvents.length }
  } finally {
    for (const database of Object.values(opened)) await database.close()
  }
}

/**
 * The hub as it is deployed, each service its own process started from its bundle, on loopback: a test can kill,
 * freeze or restart one. On PostgreSQL each subgraph reaches its database through a fault proxy
 * (`databaseProxies`), so that a test can stop one subgraph's database without touching the shared server.
 */
export async function startProcessHub(databases: ProcessDatabases, env: NodeJS.ProcessEnv = {}) {
  const [gatewayPort, ...subgraphPorts] = await freePorts(1 + SUBGRAPH_NAMES.length)
  const databaseProxies: Partial<Record<SubgraphName, FaultProxy>> = {}
  const serviceEnv: NodeJS.ProcessEnv = {
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'development',
    HUB_DEV_KEYS_DIR: join(databases.folder, 'auth'),
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_RATE_LIMIT_REQUESTS: '100000000',
    // The load comes from this one address; the per-address limits are production guards, not under test here.
    ...Object.fromEntries(
      ['GATEWAY', ...SUBGRAPH_NAMES.map((name) => name.toUpperCase())].map((prefix) => [
        `${prefix}_ADDRESS_RATE_LIMIT_REQUESTS`,
        '100000000',
      ]),
    ),
    ...env,
  }
  for (const [i, name] of SUBGRAPH_NAMES.entries()) {
    const prefix = name.toUpperCase()
    serviceEnv[`${prefix}_PORT`] = String(subgraphPorts[i])
    const location = databases.locations[name]
    if ('url' in location) {
      const proxy = await startFaultProxy(location.url)
      databaseProxies[name] = proxy
      serviceEnv[`${prefix}_DATABASE_URL`] = proxy.url
    } else {
      serviceEnv[`${prefix}_DATA_DIR`] = location.dataDir
    }
  }
  const signIn = await openDevSignIn(serviceEnv)
  const hub = await startHubProcesses(serviceEnv, { output: 'ignore' })
  return {
    ...hub,
    databaseProxies,
    /** The `authorization` header of a caller signed in with the hub's development keys. */
    authorization: async (claims: HubClaims, subject = 'fault-test') =>
      `Bearer ${await signIn.sign(subject, claims, 3_600)}`,
    async stop() {
      await hub.stop()
      await Promise.all(Object.values(databaseProxies).map((proxy) => proxy.close()))
    },
  }
}

export type ProcessHub = Awaited<ReturnType<typeof startProcessHub>>

/**
 * A hub of processes on fresh databases that hold one child known to every side (the card a load reads), and the
 * callers of a mixed load (`load.ts`), signed in with the hub's development keys.
 */
export async function startHubWithChild(backend: Backend, env: NodeJS.ProcessEnv = {}) {
  const databases = await createProcessDatabases(backend)
  const opened = await databases.open()
  const childId = (await insertChildKnownToEverySide(opened)).child.id
  for (const database of Object.values(opened)) await database.close()
  const hub = await startProcessHub(databases, env)
  const callers: LoadCallers = {
    reader: await hub.authorization({ side: 'regional', role: 'coordinator' }),
    socialWriter: await hub.authorization({ side: 'social', role: 'specialist' }, 'social-writer'),
    healthWriter: await hub.authorization({ side: 'health', role: 'specialist' }, 'health-writer'),
  }
  return {
    databases,
    hub,
    childId,
    callers,
    async stop() {
      await hub.stop()
      await databases.drop()
    },
  }
}
