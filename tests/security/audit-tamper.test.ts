import { spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '@hub/subgraph-kit/access/audit-chain'
import { auditView, insertAuditRows, type AccessAuditTables } from '@hub/subgraph-kit/access/audit'
import type { AuditRow } from '@hub/subgraph-kit/access/request'
import { loadSubgraphConfig } from '@hub/subgraph-kit/config'
import { openDatabase } from '@hub/subgraph-kit/database'
import { findPendingMigrations, migrateToLatest } from '@hub/subgraph-kit/migrate'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { migrations as healthMigrations } from '../../subgraphs/health/src/db/migrations/index.js'
import { migrations as socialMigrations } from '../../subgraphs/social/src/db/migrations/index.js'
import type { DB as SocialDB } from '../../subgraphs/social/src/db/database.js'
import { authorizationFor, testVerifier, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertChild, insertFamily, insertRepresentative } from '../../subgraphs/social/test/support/factories.js'
import { postGraphQL } from '@hub/testing/graphql'
import { databaseUrl, withAdmin } from '@hub/testing/postgres'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { subgraphs } from '../support/subgraphs.js'
import { sideGrants } from '@hub/testing/subgraph'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'

// M4: the append-only audit was only a trigger its owner could drop, and the service connected as that owner (the
// image's superuser in docker-compose.yml). Replayed here as an attacker holding the service's connection would.

const root = fileURLToPath(new URL('../../', import.meta.url))

/** `npm run <migrate|audit:verify> -- <subgraph> …` as a process of its own, with only the given environment added. */
function runManage(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/manage.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

const FAMILY_QUERY = `query ($id: ID!) { family(id: $id) { members { fullName } contacts { value } legalRepresentatives { relation } } }`

function auditRow(overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    subject: 'reader',
    side: 'health',
    organisation: 'Поликлиника №1',
    role: 'specialist',
    childId: randomUUID(),
    familyId: null,
    categories: ['health'],
    operationName: 'ChildCard',
    purpose: 'EARLY_HELP',
    ...overrides,
  }
}

/** Sets the append-only trigger aside and changes the audit as its owner (or a superuser) could. */
async function tamperAsOwner(db: Kysely<AccessAuditTables>, change: string) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table access_audit disable trigger access_audit_no_change`.execute(trx)
    await sql.raw(change).execute(trx)
    await sql`alter table access_audit enable trigger access_audit_no_change`.execute(trx)
  })
}

describe.each(backends)('the access audit (%s)', (backend) => {
  describe('reads of a family', () => {
    let social: Awaited<ReturnType<typeof startSubgraphForTest<SocialDB>>>
    beforeAll(async () => {
      social = await startSubgraphForTest<SocialDB>(socialSubgraph, backend)
    })
    afterAll(() => social?.stop())

    const rowsOf = (subject: string) =>
      auditView(social.db)
        .selectFrom('access_audit')
        .select(['child_id as childId', 'family_id as familyId', 'categories', 'role'])
        .where('subject', '=', subject)
        .orderBy('id')
        .execute()

    it('writes one audit row naming a family that has no child in the registry when its members and contacts are read', async () => {
      const family = await insertFamily(social.db)
      const mother = await insertRepresentative(social.db, family.id)
      await social.db
        .insertInto('member_contact')
        .values({ member_id: mother.id, kind: 'PHONE', value: '+79990001122' })
        .execute()
      const reader = { ...viewers.coordinator('social'), subject: `family-reader-${backend}` }

      const response = await social.query<{ family: { members: unknown[]; contacts: { value: string }[] } }>(
        FAMILY_QUERY,
        { id: family.id },
        reader,
      )
      expect(response.errors).toBeUndefined()
      expect(response.data?.family.contacts).toEqual([{ value: '+79990001122' }])
      expect(await rowsOf(reader.subject)).toEqual([
        { childId: null, familyId: family.id, categories: ['family'], role: 'coordinator' },
      ])

      // A refused read of the same family writes nothing.
      const analyst = { ...viewers.analyst('regional'), subject: `family-analyst-${backend}` }
      const refused = await social.query(FAMILY_QUERY, { id: family.id }, analyst)
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect(await rowsOf(analyst.subject)).toEqual([])
    })

    it("keeps the child's row beside the family's when the family has a child in the registry", async () => {
      const family = await insertFamily(social.db)
      await insertRepresentative(social.db, family.id)
      const child = await insertChild(social.db, { family_id: family.id })
      const reader = { ...viewers.coordinator('social'), subject: `family-with-child-${backend}` }

      const response = await social.query(FAMILY_QUERY, { id: family.id }, reader)
      expect(response.errors).toBeUndefined()
      expect(await rowsOf(reader.subject)).toEqual([
        { childId: child.id, familyId: null, categories: ['family'], role: 'coordinator' },
        { childId: null, familyId: family.id, categories: ['family'], role: 'coordinator' },
      ])
    })
  })

  describe('the hash chain', () => {
    let database: ReturnType<typeof openDatabase<AccessAuditTables>>
    let name: string | undefined
    beforeAll(async () => {
      // A database written before the chain existed: its rows are chained by the migration, in the order written.
      const before = Object.fromEntries(
        Object.entries(healthMigrations).filter(([migration]) => migration < '2026_12_06_2300_chain_access_audit'),
      )
      if (backend === 'postgres') {
        name = `hub_health_chain_${randomBytes(4).toString('hex')}`
        await withAdmin((client) => client.query(`create database "${name}"`))
      }
      database = openDatabase<AccessAuditTables>(name ? { url: databaseUrl(name) } : { dataDir: 'memory://' }, {
        poolSize: 4,
      })
      await migrateToLatest(database.db, before)
      await sql`
        insert into access_audit (subject, role, child_id, categories, purpose)
        values ('before-1', 'specialist', gen_random_uuid(), '{health}', 'EARLY_HELP'),
               ('before-2', 'specialist', gen_random_uuid(), '{health,identity}', 'EARLY_HELP')
      `.execute(database.db)
      await migrateToLatest(database.db, healthMigrations)
    })
    afterAll(async () => {
      await database?.close()
      if (name) await withAdmin((client) => client.query(`drop database if exists "${name}" with (force)`))
    })

    it('chains the rows written before it and every row written since, concurrent writes included, into one chain', async () => {
      await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          insertAuditRows(database.db, [auditRow({ subject: `reader-${index}` }), auditRow({ subject: `x-${index}` })]),
        ),
      )
      await insertAuditRows(database.db, [auditRow({ childId: null, familyId: randomUUID(), categories: ['family'] })])
      const verdict = await verifyAuditChain(database.db)
      expect(verdict).toMatchObject({ ok: true, rows: 27, head: { position: '27' } })
      const positions = await database.db
        .selectFrom('access_audit')
        .select(sql<string>`chain_position::text`.as('position'))
        .orderBy('id')
        .execute()
      expect(positions.slice(0, 2)).toEqual([{ position: '1' }, { position: '2' }])
    })

    it('finds an altered row, a removed row and a removed newest row, each at its place', async () => {
      const fifth = await database.db
        .selectFrom('access_audit')
        .select('subject')
        .where(sql<boolean>`chain_position = 5`)
        .executeTakeFirstOrThrow()
      await tamperAsOwner(database.db, `update access_audit set subject = 'someone else' where chain_position = 5`)
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'altered', position: '5' })
      await tamperAsOwner(database.db, `update access_audit set subject = '${fifth.subject}' where chain_position = 5`)
      const intact = await verifyAuditChain(database.db)
      expect(intact.ok).toBe(true)

      await tamperAsOwner(database.db, `delete from access_audit where chain_position = 9`)
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'removed', position: '9' })

      // Only the recorded head tells a chain cut short at its end and rewritten from there.
      const head = intact.ok ? intact.head : undefined
      await tamperAsOwner(database.db, `delete from access_audit where chain_position >= 9`)
      await sql`
        update access_audit_head set chain_position = 8, row_hash = (select row_hash from access_audit where chain_position = 8)
      `.execute(database.db)
      expect((await verifyAuditChain(database.db)).ok).toBe(true)
      expect(await verifyAuditChain(database.db, head)).toMatchObject({ ok: false, problem: 'removed' })
    })
  })
})

describe.runIf(backends.includes('postgres'))(
  'the service on PostgreSQL as a role that does not own its tables',
  () => {
    const suffix = randomBytes(4).toString('hex')
    const owner = `hub_owner_${suffix}`
    const runtime = `hub_runtime_${suffix}`
    const name = `hub_social_roles_${suffix}`
    const ownerUrl = () => {
      const url = new URL(databaseUrl(name))
      url.username = owner
      return url.toString()
    }
    const runtimeUrl = () => {
      const url = new URL(databaseUrl(name))
      url.username = runtime
      return url.toString()
    }
    let service: Awaited<ReturnType<typeof startSubgraphServer>> | undefined
    let database: ReturnType<typeof openDatabase<SocialDB>> | undefined

    beforeAll(async () => {
      await withAdmin(async (client) => {
        await client.query(`create role ${owner} login`)
        await client.query(`create role ${runtime} login`)
        await client.query(`create database "${name}" owner ${owner}`)
      })
    })
    afterAll(async () => {
      await service?.stop()
      await database?.close()
      await withAdmin(async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`)
        await client.query(`drop role if exists ${runtime}`)
        await client.query(`drop role if exists ${owner}`)
      })
    })

    it('is migrated by `npm run migrate` as the owner, which grants the service its rights', async () => {
      const migrated = await runManage(['migrate', 'social'], {
        SOCIAL_MIGRATION_DATABASE_URL: ownerUrl(),
        SOCIAL_DATABASE_URL: runtimeUrl(),
      })
      expect(migrated.stderr).toBe('')
      expect(migrated.code).toBe(0)
      expect(migrated.stdout).toContain(`${runtime} holds the service's rights`)
      const { rows } = await withAdmin((client) =>
        client.query<{ owner: string }>(
          `select distinct tableowner as owner from pg_tables where schemaname = 'public' and tableowner <> $1`,
          [owner],
        ),
      )
      expect(rows).toEqual([])
    }, 120_000)

    it('serves and audits a read end to end connected as the service role', async () => {
      database = openDatabase<SocialDB>({ url: runtimeUrl() }, { poolSize: 4 })
      expect(await findPendingMigrations(database.db, socialMigrations)).toEqual([])
      const family = await insertFamily(database.db)
      const child = await insertChild(database.db, { family_id: family.id })
      service = await startSubgraphServer(subgraphs.social.create({ db: database.db, grants: sideGrants('social') }), {
        host: '127.0.0.1',
        port: 0,
        verifier: testVerifier,
        database: database.db,
      })
      const reader = { ...viewers.coordinator('social'), subject: 'runtime-reader' }
      const response = await postGraphQL<{ child: { lastName: string } }>(
        service.url,
        `query ($id: ID!) { child(id: $id) { lastName } }`,
        { id: child.id },
        await authorizationFor(reader),
      )
      expect(response.errors).toBeUndefined()
      expect(response.data?.child.lastName).toBe(child.last_name)
      const audited = await auditView(database.db)
        .selectFrom('access_audit')
        .select(['child_id', 'categories'])
        .where('subject', '=', reader.subject)
        .execute()
      expect(audited).toEqual([{ child_id: child.id, categories: ['identity'] }])
    })

    it('cannot disable, drop or skip the trigger, truncate, delete or update the audit: every row stays', async () => {
      const client = new pg.Client({ connectionString: runtimeUrl() })
      await client.connect()
      try {
        const count = async () =>
          (await client.query<{ n: string }>('select count(*) as n from access_audit')).rows[0]!.n
        const before = await count()
        expect(Number(before)).toBeGreaterThan(0)
        const attacks = [
          ['alter table access_audit disable trigger access_audit_no_change', /must be owner/],
          ['alter table access_audit disable trigger all', /must be owner/],
          ['drop trigger access_audit_no_change on access_audit', /must be owner/],
          ['drop table access_audit', /must be owner/],
          ['truncate access_audit', /permission denied/],
          ['delete from access_audit', /permission denied/],
          [`update access_audit set subject = 'someone else'`, /permission denied/],
          ['set session_replication_role = replica', /permission denied/],
          ['update access_audit_head set chain_position = 0', /permission denied/],
          ['alter table access_audit_head owner to current_user', /must be owner/],
        ] as const
        for (const [statement, refusal] of attacks) {
          await expect(client.query(statement), statement).rejects.toThrow(refusal)
        }
        expect(await count()).toBe(before)
        const verified = await runManage(['verify-audit', 'social'], { SOCIAL_DATABASE_URL: runtimeUrl() })
        expect(verified.code, verified.stderr).toBe(0)
        expect(verified.stdout).toMatch(
          new RegExp(`social: access audit intact, ${before} rows; head \\d+:[0-9a-f]{64}`),
        )
      } finally {
        await client.end()
      }
    }, 120_000)

    it('`npm run audit:verify` reports a row the owner removed, and exits non-zero', async () => {
      const owned = openDatabase<AccessAuditTables>({ url: ownerUrl() }, { poolSize: 1 })
      try {
        await insertAuditRows(owned.db, [auditRow(), auditRow(), auditRow()])
        await tamperAsOwner(owned.db, `delete from access_audit where chain_position = 2`)
      } finally {
        await owned.close()
      }
      const verified = await runManage(['verify-audit', 'social'], { SOCIAL_DATABASE_URL: runtimeUrl() })
      expect(verified.code).toBe(1)
      expect(verified.stderr).toContain('social: access audit BROKEN, removed: 1 row(s) missing at position 2')
    }, 120_000)
  },
)

describe('a subgraph that does not migrate at start', () => {
  it('refuses to start on a database with a migration pending, naming them and the command that runs them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hub-unmigrated-'))
    try {
      const started = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-subgraph.ts', 'health'], {
          cwd: root,
          env: {
            ...process.env,
            HEALTH_MIGRATE_AT_START: 'false',
            HEALTH_DATA_DIR: join(folder, 'health'),
            HEALTH_PORT: '0',
            HUB_DEV_KEYS_DIR: join(folder, 'auth'),
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        })
        let stderr = ''
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        child.on('exit', (code) => resolve({ code, stderr }))
      })
      expect(started.code).not.toBe(0)
      expect(started.stderr).toContain(
        'health: the database lacks the migrations 2026_11_23_1600_create_health_records',
      )
      expect(started.stderr).toContain('run `npm run migrate -- health` as its owner')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('the configuration of migrations', () => {
  const production = {
    NODE_ENV: 'production',
    SOCIAL_HOST: '0.0.0.0',
    SOCIAL_PORT: '4001',
    SOCIAL_DATABASE_URL: 'postgres://social_app:secret@db/social',
    SOCIAL_JWKS: '/run/secrets/jwks.json',
    SOCIAL_JWT_ISSUER: 'https://idp.region.local',
    SOCIAL_SERVICE_KEY: '/run/secrets/social.json',
    SOCIAL_SERVICE_JWKS: 'gateway=/run/secrets/gateway.json,health=/run/secrets/health.json',
  }

  it('does not migrate at start in production, and migrates at start in development', () => {
    expect(loadSubgraphConfig('social', production)).toMatchObject({ migrateAtStart: false, migration: null })
    expect(loadSubgraphConfig('social', {})).toMatchObject({ migrateAtStart: true, migration: { runtimeRole: null } })
  })

  it('refuses to migrate at start in production as the role the service runs as', () => {
    expect(() => loadSubgraphConfig('social', { ...production, SOCIAL_MIGRATE_AT_START: 'true' })).toThrow(
      /SOCIAL_MIGRATION_DATABASE_URL: must be set when NODE_ENV=production/,
    )
    expect(() =>
      loadSubgraphConfig('social', {
        ...production,
        SOCIAL_MIGRATE_AT_START: 'true',
        SOCIAL_MIGRATION_DATABASE_URL: 'postgres://social_app:secret@db/social',
      }),
    ).toThrow(/SOCIAL_RUNTIME_ROLE: must name the role the service connects as/)
    expect(
      loadSubgraphConfig('social', {
        ...production,
        SOCIAL_MIGRATE_AT_START: 'true',
        SOCIAL_MIGRATION_DATABASE_URL: 'postgres://social_owner:secret@db/social',
      }).migration,
    ).toEqual({ database: { url: 'postgres://social_owner:secret@db/social' }, runtimeRole: 'social_app' })
  })
})
