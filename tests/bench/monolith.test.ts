import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareMonolithDatabase } from '../../bench/monolith/database.js'
import { sideUrl } from '../../bench/monolith/schemas.js'
import type { MonolithIndicators } from '../../bench/monolith/indicators.js'
import { startMonolith, type RunningMonolith } from '../../bench/monolith/server.js'
import { countRows } from '../../scripts/seed.js'
import {
  ChildCardDocument,
  RegionalIndicatorsDocument,
  RegistryPageDocument,
  type ChildCardQuery,
  type RegistryPageQuery,
} from '../../schema/__generated__/operations.js'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { openDatabase } from '@hub/subgraph-kit/database'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'
import { databaseUrl, withAdmin } from '@hub/testing/postgres'

const CHILDREN = 300
const Q3 = { from: '2026-07-01', to: '2026-09-30' }

/**
 * About 30 children of the seeded region that together touch every part of the card: each registry status, consents
 * that open health and ПМПК to the regional coordinator (and children without them), programmes in force, and rows of
 * every side.
 */
async function chooseChildren(hub: Hub) {
  const { social, health, education, ngo } = hub.databases
  const [byStatus, consented, programmes, rehabilitation, pmpk, educationSessions, ngoSessions, participations] =
    await Promise.all([
      sql<{ id: string }>`
        select id from (
          select id, row_number() over (partition by registry_status order by id) as n
          from child where merged_into_id is null
        ) ranked where n <= 3`.execute(social.db),
      sql<{ id: string }>`
        select child_id as id from (
          select distinct on (child_id, scope) child_id, scope, row_number() over (partition by scope order by child_id) as n
          from consent, unnest(scopes) scope where recipient_side = 'REGIONAL' and revoked_at is null
        ) ranked where n <= 3`.execute(social.db),
      sql<{ id: string }>`select child_id as id from programme where status = 'SIGNED' order by id limit 3`.execute(
        social.db,
      ),
      sql<{ id: string }>`
        select e.child_id as id from rehabilitation_episode e
        where exists (select 1 from rehabilitation_session s where s.episode_id = e.id) order by e.id limit 4`.execute(
        health.db,
      ),
      sql<{ id: string }>`select child_id as id from pmpk_conclusion order by id limit 3`.execute(education.db),
      sql<{ id: string }>`select child_id as id from education_session order by id limit 3`.execute(education.db),
      sql<{ id: string }>`select child_id as id from ngo_session order by id limit 3`.execute(ngo.db),
      sql<{ id: string }>`select family_id as id from parent_group_participation order by id limit 2`.execute(ngo.db),
    ])
  const families = participations.rows.map((row) => row.id)
  const inGroups =
    families.length === 0
      ? []
      : (
          await sql<{
            id: string
          }>`select min(id::text) as id from child where family_id = any(${families}::uuid[]) group by family_id`.execute(
            social.db,
          )
        ).rows
  return [
    ...new Set(
      [byStatus, consented, programmes, rehabilitation, pmpk, educationSessions, ngoSessions]
        .flatMap((result) => result.rows)
        .concat(inGroups)
        .map((row) => row.id),
    ),
  ]
}

async function get<T>(monolith: RunningMonolith, path: string) {
  const response = await fetch(`${monolith.url}${path}`)
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

describe.skipIf(!backends.includes('postgres'))('the monolith baseline answers as the hub does (postgres)', () => {
  const database = `bench_monolith_test_${randomBytes(4).toString('hex')}`
  let hub: Hub
  let monolith: RunningMonolith
  let children: string[]

  beforeAll(async () => {
    hub = await startHub('postgres')
    await Promise.all([hub.seed(CHILDREN), prepareMonolithDatabase({ url: databaseUrl(database), children: CHILDREN })])
    monolith = await startMonolith({ url: databaseUrl(database), poolSize: 4 })
    children = await chooseChildren(hub)
  }, 120_000)

  afterAll(async () => {
    await monolith?.stop()
    await hub?.stop()
    await withAdmin((client) => client.query(`drop database if exists "${database}" with (force)`))
  })

  it('holds the same rows as the four databases, prepared once', async () => {
    expect(children.length).toBeGreaterThanOrEqual(30)
    const sides = SUBGRAPH_NAMES.map((side) => openDatabase<never>({ url: sideUrl(databaseUrl(database), side) }))
    try {
      const [social, health, education, ngo] = sides.map((side) => side.db) as [never, never, never, never]
      expect(await countRows({ social, health, education, ngo })).toEqual(
        await countRows({
          social: hub.databases.social.db,
          health: hub.databases.health.db,
          education: hub.databases.education.db,
          ngo: hub.databases.ngo.db,
        }),
      )
    } finally {
      await Promise.all(sides.map((side) => side.close()))
    }
    const started = performance.now()
    await prepareMonolithDatabase({ url: databaseUrl(database), children: CHILDREN })
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('answers ChildCard as the gateway does, consent-gated parts null alike', async () => {
    // A few at a time: all at once would load the hub past its subgraph timeouts on a busy machine.
    const answers = []
    for (let i = 0; i < children.length; i += 4) {
      answers.push(
        ...(await Promise.all(
          children.slice(i, i + 4).map(async (id) => ({
            id,
            hub: await hub.query<ChildCardQuery>(ChildCardDocument, { id }),
            monolith: await get<ChildCardQuery>(monolith, `/child-card/${id}`),
          })),
        )),
      )
    }
    let gated = 0
    let opened = 0
    for (const answer of answers) {
      for (const error of answer.hub.errors ?? []) expect(error.extensions?.code).toBe('FORBIDDEN')
      const { health, education } = answer.hub.data?.child ?? {}
      if (health === null || education?.pmpkConclusions === null) gated++
      if (health && education?.pmpkConclusions) opened++
      expect(answer.monolith, answer.id).toEqual(answer.hub.data)
    }
    expect(gated).toBeGreaterThan(0)
    expect(opened).toBeGreaterThan(0)
  })

  it('answers RegistryPage as the gateway does: the first 1000, a second page, and a search by name', async () => {
    const all = await hub.query<RegistryPageQuery>(RegistryPageDocument, { first: 1000 })
    expect(all.data?.children.totalCount).toBeGreaterThanOrEqual(CHILDREN)
    expect(await get<RegistryPageQuery>(monolith, '/registry-page?first=1000')).toEqual(all.data)

    const first = await hub.query<RegistryPageQuery>(RegistryPageDocument, { first: 100 })
    const after = first.data?.children.pageInfo.endCursor ?? ''
    const second = await hub.query<RegistryPageQuery>(RegistryPageDocument, { first: 100, after })
    expect(await get<RegistryPageQuery>(monolith, `/registry-page?first=100&after=${after}`)).toEqual(second.data)

    const surname = all.data?.children.edges[0]?.node.fullName.split(' ')[0] ?? ''
    const search = surname.slice(0, 4)
    const found = await hub.query<RegistryPageQuery>(RegistryPageDocument, { first: 1000, filter: { search } })
    expect(found.data?.children.totalCount).toBeGreaterThan(0)
    expect(
      await get<RegistryPageQuery>(monolith, `/registry-page?first=1000&search=${encodeURIComponent(search)}`),
    ).toEqual(found.data)

    // Bad input is the caller's, as the hub's BAD_USER_INPUT: a cursor no page gave, a search of one letter.
    expect((await fetch(`${monolith.url}/registry-page?after=bm9uc2Vuc2U`)).status).toBe(400)
    expect((await fetch(`${monolith.url}/registry-page?search=x`)).status).toBe(400)
  })

  it('counts the regional indicators of Q3 2026 as the gateway does', async () => {
    const { regionalIndicators: ours } = await hub.run(RegionalIndicatorsDocument, { period: Q3 })
    const theirs = await get<MonolithIndicators>(monolith, `/indicators?from=${Q3.from}&to=${Q3.to}`)
    const count = (figure: string, key: string) =>
      theirs.figures.find((row) => row.figure === figure && row.key === key)?.count ?? 0

    expect(ours.coverage.share.total.count).toBeGreaterThan(0)
    for (const { municipality, coverage } of ours.coverageByMunicipality) {
      expect(coverage.share.part.count, municipality.oktmo).toBe(count('RECEIVED', municipality.oktmo))
      expect(coverage.share.total.count, municipality.oktmo).toBe(count('IN_NEED', municipality.oktmo))
    }
    expect(ours.recipients.total.count).toBe(count('RECIPIENTS', ''))
    for (const side of ours.recipients.bySide)
      expect(side.count, side.key ?? '').toBe(count(side.figure, side.key ?? ''))
    expect(ours.educationPreschool).toEqual(theirs.educationPreschool)
    for (const [name, staffing] of [
      ['social', ours.socialStaffing],
      ['health', ours.healthStaffing],
      ['education', ours.educationStaffing],
      ['ngo', ours.ngoStaffing],
    ] as const) {
      expect(theirs.staffing[name], name).toEqual(staffing)
    }
  })
})
