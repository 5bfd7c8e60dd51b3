import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IndicatorCohortDocument,
  RegionalIndicatorsDocument,
  type RegionalIndicatorsFieldsFragment,
} from '../../schema/__generated__/operations.js'
import { DEPERSONALISED_CLASSES } from '@hub/subgraph-kit/access/analytics'
import { VIEWER_CLASSES, type ViewerClass } from '@hub/subgraph-kit/access/policy'
import { addMonths, today } from '@hub/subgraph-kit/validation'
import { policy as socialPolicy } from '../../subgraphs/social/src/policy.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertCriterion,
  insertMunicipality,
  insertProvider,
} from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'

/**
 * The differencing and linkage attacks an analyst ran against the registry: two overlapping periods whose figures
 * differ by two children, their cohorts compared to find those two, and the registry's cells joined to them for their
 * municipality and status. Each must now learn nothing about any one child.
 */

const MUNICIPALITIES = ['71811000', '71812000', '71813000', '71814000', '71815000', '71816000'].map((oktmo, i) => ({
  oktmo,
  name: `Район ${i + 1}`,
}))
/** Children who turn three in each month of the fourth quarter of 2026, in every municipality. */
const TURNING_THREE = { '10': 7, '11': 8, '12': 7 } as const
const Q4 = { from: '2026-10-01', to: '2026-12-31' }
const MONTH = {
  '10': { from: '2026-10-01', to: '2026-10-31' },
  '11': { from: '2026-11-01', to: '2026-11-30' },
  '12': { from: '2026-12-01', to: '2026-12-31' },
}
/** The two children the original attack singled out: born on the day between the two periods, with rare criteria. */
const RARE = [
  { code: 'ORPHAN_INSTITUTION', sex: 'FEMALE' },
  { code: 'DISABLED_CHILD', sex: 'MALE' },
] as const

/**
 * The children's registry ids are fixed, so the noise every cell gets (a function of the ids behind it) is the same
 * on every run and the assertions about it cannot pass or fail by chance.
 */
let numbered = 0
const fixedId = () => `00000000-0000-4000-8000-${String(++numbered).padStart(12, '0')}`

/** A municipality with 3 children in need, none turning three in 2026: a part too small to show. */
const SMALL = { oktmo: '71817000', name: 'Малый район', children: 3 }

/**
 * The analyst's questions go one after another: at most 2 expensive operations of one caller run at once, and the
 * budget is a defence of its own, not part of what this file proves.
 */
const analyst = viewers.analyst('regional')

const COHORT_FIELDS = 'birthYear sex criteria count shown'
const REGISTRY_COHORT = /* GraphQL */ `
  query ($municipality: String!, $registryStatus: RegistryStatus!) {
    registryCohort(municipality: $municipality, registryStatus: $registryStatus) { ${COHORT_FIELDS} }
  }
`

interface Group {
  birthYear: number | null
  sex: string | null
  criteria: string[] | null
  count: number | null
  shown: string
}
interface TrueChild {
  birthYear: number
  sex: string
  criteria: string[]
}

/** How many of the children carry everything a group's label shows. */
const covered = (group: Group, children: readonly TrueChild[]) =>
  children.filter(
    (child) =>
      (group.birthYear === null || child.birthYear === group.birthYear) &&
      (group.sex === null || child.sex === group.sex) &&
      (group.criteria === null || [...child.criteria].sort().join() === [...group.criteria].sort().join()),
  ).length

describe.each(backends)('re-identification by differencing and linkage (%s)', (backend) => {
  let hub: Hub
  /** Each child's status, municipality and what a depersonalised group could show of it. */
  const children: (TrueChild & { id: string; municipality: string; status: string; turnsThree: string })[] = []
  let provider: Awaited<ReturnType<typeof insertProvider>>

  beforeAll(async () => {
    numbered = 0
    hub = await startHub(backend)
    const db = hub.databases.social.db
    provider = await insertProvider(db)
    /** An accepted referral whose need was determined: the child counts in the period's figures. */
    const referInNeed = (childId: string) =>
      db
        .insertInto('referral')
        .values({
          child_id: childId,
          from_side: 'HEALTH',
          from_organisation: 'ГБУЗ «Детская поликлиника»',
          provider_id: provider.id,
          reason: 'Задержка речевого развития',
          received_on: '2026-05-20',
          status: 'ACCEPTED',
          decided_on: '2026-05-21',
          need_determined_on: '2026-06-01',
          need_outcome: 'IN_NEED',
        })
        .execute()
    for (const municipality of MUNICIPALITIES) {
      await insertMunicipality(db, municipality)
      for (const [month, count] of Object.entries(TURNING_THREE)) {
        for (let i = 0; i < count; i++) {
          const rare = municipality === MUNICIPALITIES[0] && month === '11' ? RARE[i] : undefined
          const birthDate = rare ? '2023-11-10' : `2023-${month}-${String(2 + i * 3).padStart(2, '0')}`
          const status = i % 2 === 0 ? 'IN_NEED' : 'PROGRAMME_ACTIVE'
          const child = await insertChild(db, {
            id: fixedId(),
            birth_date: birthDate,
            sex: rare?.sex ?? (i % 3 === 0 ? 'FEMALE' : 'MALE'),
            municipality_oktmo: municipality.oktmo,
            registry_status: status,
          })
          if (rare) await insertCriterion(db, child.id, { code: rare.code })
          await referInNeed(child.id)
          children.push({
            id: child.id,
            municipality: municipality.oktmo,
            status,
            turnsThree: `2026${birthDate.slice(4)}`,
            birthYear: 2023,
            sex: child.sex,
            criteria: rare ? [rare.code] : [],
          })
        }
      }
    }
    await insertMunicipality(db, { oktmo: SMALL.oktmo, name: SMALL.name })
    for (let i = 0; i < SMALL.children; i++) {
      const child = await insertChild(db, {
        id: fixedId(),
        birth_date: '2022-05-10',
        municipality_oktmo: SMALL.oktmo,
        registry_status: 'IN_NEED',
      })
      await referInNeed(child.id)
    }
  }, 120_000)
  afterAll(() => hub?.stop())

  const indicators = async (period: { from: string; to: string }, municipality: string | null = null) =>
    (await hub.run(RegionalIndicatorsDocument, { period, municipality }, analyst)).regionalIndicators

  it('refuses an analyst the two overlapping periods of the attack, and any period that is not a whole one', async () => {
    for (const period of [
      { from: '2026-10-01', to: '2026-11-09' },
      { from: '2026-10-01', to: '2026-11-10' },
      { from: '2026-10-02', to: '2026-10-31' },
      { from: '2026-02-01', to: '2026-04-30' },
      { from: '2025-01-01', to: '2026-12-31' },
    ]) {
      const refused = await hub.query(RegionalIndicatorsDocument, { period }, analyst)
      expect(refused.data).toBeNull()
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'period',
        rule: 'WHOLE_REPORTING_PERIOD',
      })
      expect(refused.errors?.[0]?.message).toContain('whole calendar month, quarter or year')
    }
    // A period that is not even plausible is refused for that first, naming the day that is out of bounds.
    const implausible = await hub.query(
      RegionalIndicatorsDocument,
      { period: { from: '2026-10-01', to: addMonths(today(), 13) } },
      analyst,
    )
    expect(implausible.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' })
    expect(implausible.errors?.[0]?.message).toMatch(/must not be after/)
    // The same period written into an id of live indicators is refused too, wherever the id is used.
    const id = 'live:2026-10-01:2026-11-10:region:PROGRAMME_IN_FORCE:2026.1'
    const byId = await hub.query(
      `query { indicators(id: "${id}") { transitions { reachedThree { count } } } }`,
      {},
      analyst,
    )
    expect(byId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' })
    const cohort = await hub.query(IndicatorCohortDocument, { indicators: id, figure: 'REACHED_THREE' }, analyst)
    expect(cohort.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicators' })
    // Whole periods are answered, and a coordinator keeps any period, exactly.
    expect((await indicators(MONTH['10'])).period).toEqual(MONTH['10'])
    expect((await indicators({ from: '2026-01-01', to: '2026-12-31' })).period.to).toBe('2026-12-31')
    const attacked = { from: '2026-10-01', to: '2026-11-10' }
    const coordinator = await hub.run(RegionalIndicatorsDocument, { period: attacked })
    expect(coordinator.regionalIndicators.transitions.reachedThree.count).toBe(
      children.filter((child) => child.turnsThree >= attacked.from && child.turnsThree <= attacked.to).length,
    )
  })

  it('leaves differences of nested whole periods noisy: a month from its quarter minus the other months is not exact', async () => {
    const errors: number[] = []
    for (const { oktmo } of MUNICIPALITIES) {
      const seen: (number | null)[] = []
      for (const period of [Q4, MONTH['10'], MONTH['11'], MONTH['12']]) {
        seen.push((await indicators(period, oktmo)).transitions.reachedThree.count)
      }
      const truth = [22, 7, 8, 7]
      // Every count is the true one within the noise's bound, or hidden.
      seen.forEach((count, i) => count !== null && expect(Math.abs(count - truth[i]!)).toBeLessThanOrEqual(2))
      if (seen.every((count) => count !== null)) {
        const [q, oct, , dec] = seen as number[]
        errors.push(q! - oct! - dec! - TURNING_THREE['11'])
      }
    }
    // An attacker cannot tell which estimates are right: some are off, by the sum of the cells' noises.
    expect(errors.some((error) => error !== 0)).toBe(true)
    expect(errors.every((error) => Math.abs(error) <= 6)).toBe(true)
  })

  it('gives cohorts nothing to align: groups of at least 5 children, without any per-child token', async () => {
    const quarter = await indicators(Q4)
    const november = await indicators(MONTH['11'])
    const cohortOf = async (live: RegionalIndicatorsFieldsFragment) =>
      (await hub.run(IndicatorCohortDocument, { indicators: live.id, figure: 'REACHED_THREE' }, analyst))
        .indicatorCohort as Group[]
    for (const [live, period] of [
      [quarter, Q4],
      [november, MONTH['11']],
    ] as const) {
      const groups = await cohortOf(live)
      const truth = children.filter((child) => child.turnsThree >= period.from && child.turnsThree <= period.to)
      expect(groups.length).toBeGreaterThan(0)
      for (const group of groups) {
        expect(Object.keys(group).sort()).toEqual(['birthYear', 'count', 'criteria', 'sex', 'shown'])
        expect(covered(group, truth)).toBeGreaterThanOrEqual(5)
        expect(group.criteria ?? []).not.toContain('ORPHAN_INSTITUTION')
        expect(group.criteria ?? []).not.toContain('DISABLED_CHILD')
      }
      expect(JSON.stringify(groups)).not.toMatch(new RegExp(children.map((child) => child.id).join('|')))
    }
  })

  it('lets no join of indicator cohorts with registry cells single a child out', async () => {
    const shown: { groups: Group[]; truth: TrueChild[] }[] = []
    const quarter = await indicators(Q4, MUNICIPALITIES[0]!.oktmo)
    shown.push({
      groups: (await hub.run(IndicatorCohortDocument, { indicators: quarter.id, figure: 'REACHED_THREE' }, analyst))
        .indicatorCohort as Group[],
      truth: children.filter((child) => child.municipality === MUNICIPALITIES[0]!.oktmo),
    })
    for (const status of ['IN_NEED', 'PROGRAMME_ACTIVE']) {
      const cell = await hub.query<{ registryCohort: Group[] }>(
        REGISTRY_COHORT,
        { municipality: MUNICIPALITIES[0]!.oktmo, registryStatus: status },
        analyst,
      )
      expect(cell.errors).toBeUndefined()
      shown.push({
        groups: cell.data!.registryCohort,
        truth: children.filter((child) => child.municipality === MUNICIPALITIES[0]!.oktmo && child.status === status),
      })
    }
    // Every combination of quasi-identifiers shown anywhere covers at least 5 children of the list it was shown in,
    // and no answer carries a field that could match a child across the answers.
    for (const { groups, truth } of shown) {
      for (const group of groups) {
        expect(covered(group, truth)).toBeGreaterThanOrEqual(5)
        expect(Object.keys(group).sort()).toEqual(['birthYear', 'count', 'criteria', 'sex', 'shown'])
      }
    }
    // The two children with rare criteria are in a municipality's quarter and its registry cells, yet their criteria
    // appear in no answer.
    expect(JSON.stringify(shown.map((answer) => answer.groups))).not.toMatch(/ORPHAN_INSTITUTION|DISABLED_CHILD/)
  })

  it('hides a second municipality beside one of fewer than 5, so the region minus the others isolates nobody', async () => {
    const region = await indicators(Q4)
    const inNeed = (oktmo: string) =>
      oktmo === SMALL.oktmo ? SMALL.children : children.filter((child) => child.municipality === oktmo).length
    const hidden = region.coverageByMunicipality.filter((row) => row.coverage.share.total.count === null)
    expect(hidden.map((row) => row.municipality.oktmo)).toContain(SMALL.oktmo)
    expect(hidden.length).toBeGreaterThanOrEqual(2)
    expect(hidden.reduce((sum, row) => sum + inNeed(row.municipality.oktmo), 0)).toBeGreaterThanOrEqual(5)
    // A coordinator sees every part exactly.
    const exact = (await hub.run(RegionalIndicatorsDocument, { period: Q4 })).regionalIndicators
    expect(exact.coverageByMunicipality.every((row) => row.coverage.share.total.count !== null)).toBe(true)
  })

  it('gives the same answer to the same question every time, so repeating it averages no noise away', async () => {
    const ask = async () => {
      const live = await indicators(Q4)
      const cohort = await hub.run(IndicatorCohortDocument, { indicators: live.id, figure: 'REACHED_THREE' }, analyst)
      return { live, cohort }
    }
    const first = await ask()
    for (let i = 0; i < 3; i++) expect(await ask()).toEqual(first)
    // Education's count of the same children carries the same noise: a second subgraph is no second reading.
    expect(first.live.educationPreschool?.reachedThree).toBe(first.live.transitions.reachedThree.count)
    const total = first.cohort.indicatorCohort.reduce((sum, group) => sum + (group.count ?? 0), 0)
    expect(Math.abs(total - 22 * MUNICIPALITIES.length)).toBeLessThanOrEqual(2 * first.cohort.indicatorCohort.length)
  })

  it('shows a provider’s staff the figures as an analyst sees them: they may read only the children referred to them', async () => {
    // Every class that reads aggregates and may not find every child in the registry reads them depersonalised.
    const classes = Object.keys(VIEWER_CLASSES) as (keyof typeof VIEWER_CLASSES)[]
    const mayReadFigures = classes.filter((kind) => socialPolicy[kind].aggregates === 'all')
    expect(mayReadFigures.filter((kind) => socialPolicy[kind].identity !== 'all').sort()).toEqual(
      [...DEPERSONALISED_CLASSES].sort() satisfies ViewerClass[],
    )
    // All of the region's children are referred to this provider, yet over the attacked periods it is refused too,
    // and a whole period's figures are the analyst's, noise and all.
    const staff = viewers.specialist('ngo', provider.id)
    const refused = await hub.query(
      RegionalIndicatorsDocument,
      { period: { from: '2026-10-01', to: '2026-11-10' } },
      staff,
    )
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'WHOLE_REPORTING_PERIOD' })
    const asProvider = (await hub.run(RegionalIndicatorsDocument, { period: Q4 }, staff)).regionalIndicators
    const asAnalyst = await indicators(Q4)
    const small = asProvider.coverageByMunicipality.find((row) => row.municipality.oktmo === SMALL.oktmo)
    expect(small?.coverage.share.total).toMatchObject({ count: null, shown: '<5' })
    expect(asProvider.transitions).toEqual(asAnalyst.transitions)
    expect(asProvider.coverageByMunicipality).toEqual(asAnalyst.coverageByMunicipality)
  })
})
