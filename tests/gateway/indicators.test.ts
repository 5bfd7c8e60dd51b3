import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FileQuarterlyReportDocument,
  IndicatorCohortDocument,
  PreschoolCohortDocument,
  QuarterlyReportDocument,
  QuarterlyReportsDocument,
  RegionalIndicatorsDocument,
  type PreschoolPlacement,
  type RegionalIndicatorsFieldsFragment,
  type RegionalIndicatorsQuery,
} from '../../schema/__generated__/operations.js'
import {
  programmeReviewState,
  referralClockStates,
  type RegionCalendar,
} from '../../subgraphs/social/src/modules/pathway/services/clocks.js'
import { addDays, addMonths } from '@hub/subgraph-kit/validation'
import { staffingView } from '@hub/side-contract/staffing/database'
import { authorizationFor, gatewayCallHeaders, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertKindergarten, insertPreschoolApplication } from '../../subgraphs/education/test/support/factories.js'
import { insertChild } from '../../subgraphs/social/test/support/factories.js'
import { postGraphQL } from '@hub/testing/graphql'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { startHub, type Hub } from '../support/hub.js'

const Q3 = { from: '2026-07-01', to: '2026-09-30' }

/** The region's rows, read raw, for the independent count below. */
async function readRegion(hub: Hub) {
  const db = hub.databases.social.db
  const [children, referrals, pauses, programmes, services, providers, reviews, ratings, goals] = await Promise.all([
    db.selectFrom('child').selectAll().execute(),
    db.selectFrom('referral').selectAll().execute(),
    db.selectFrom('referral_pause').selectAll().execute(),
    db.selectFrom('programme').selectAll().execute(),
    db.selectFrom('programme_service').selectAll().execute(),
    db.selectFrom('provider').selectAll().execute(),
    db.selectFrom('programme_review').selectAll().execute(),
    db.selectFrom('programme_review_rating').selectAll().execute(),
    db.selectFrom('programme_goal').selectAll().execute(),
  ])
  const [situations, criteria, changes, settings, days, working] = await Promise.all([
    db.selectFrom('family_situation').selectAll().execute(),
    db.selectFrom('child_criterion').selectAll().execute(),
    db.selectFrom('registry_status_change').selectAll().execute(),
    db.selectFrom('deadline_clock').selectAll().execute(),
    db.selectFrom('non_working_day').selectAll().execute(),
    db.selectFrom('working_calendar_day').selectAll().execute(),
  ])
  const calendar: RegionCalendar = {
    settings: new Map(settings.map((row) => [row.code, { code: row.code, days: row.days, dayKind: row.day_kind }])),
    nonWorkingDays: new Set(days.map((row) => row.day)),
    workingWeekends: new Set(working.filter((row) => row.kind === 'WORKING_WEEKEND').map((row) => row.day)),
  }
  return {
    children,
    referrals,
    pauses,
    programmes,
    services,
    providers,
    reviews,
    ratings,
    goals,
    situations,
    criteria,
    changes,
    calendar,
  }
}

type Region = Awaited<ReturnType<typeof readRegion>>

const within = (day: string | null, from: string, to: string) => day !== null && from <= day && day <= to

/**
 * The indicators of a period counted in plain code from the raw rows, following the definitions in the README
 * (not the SQL): the reference the subgraph's figures are checked against.
 */
function countIndependently(region: Region, from: string, to: string) {
  const live = new Map(
    region.children.filter((child) => child.merged_into_id === null).map((child) => [child.id, child]),
  )
  const closedBefore = (referralId: string, day: string) =>
    region.programmes.some((p) => p.referral_id === referralId && p.closed_on !== null && p.closed_on < day)
  const needReferrals = region.referrals.filter(
    (r) =>
      live.has(r.child_id) && r.need_outcome === 'IN_NEED' && r.need_determined_on! <= to && !closedBefore(r.id, from),
  )
  const inNeed = new Set(needReferrals.map((r) => r.child_id))
  const inForceReferrals = new Set(
    region.programmes
      .filter(
        (p) => p.signed_on !== null && p.signed_on <= to && !closedBefore(p.referral_id, from) && live.has(p.child_id),
      )
      .map((p) => p.referral_id),
  )
  const recipients = new Set(region.referrals.filter((r) => inForceReferrals.has(r.id)).map((r) => r.child_id))
  const received = new Set([...inNeed].filter((id) => recipients.has(id)))
  const consultations = new Set(
    region.referrals
      .filter(
        (r) => live.has(r.child_id) && r.need_outcome === 'CONSULTATION_ONLY' && within(r.need_determined_on, from, to),
      )
      .map((r) => r.child_id),
  )
  const determinedBy = new Set(
    region.referrals.filter((r) => r.need_determined_on !== null && r.need_determined_on <= to).map((r) => r.child_id),
  )
  const potentiallyInNeed = [...live.values()].filter(
    (child) => child.registered_at.toISOString().slice(0, 10) <= to && !determinedBy.has(child.id),
  ).length

  // Deadline clocks as the registry's own clock code (clocks.ts) states them on the day after the period, with
  // nothing recorded after the period's end.
  const dayAfter = addDays(to, 1)
  const clocks = { NEED: { met: 0, missed: 0, overdue: 0 }, PROGRAMME: { met: 0, missed: 0, overdue: 0 } }
  for (const r of region.referrals) {
    if (!live.has(r.child_id) || r.received_on > to) continue
    const known = (day: string | null) => (day !== null && day <= to ? day : null)
    const states = referralClockStates(
      {
        status: r.status,
        receivedOn: r.received_on,
        needDeterminedOn: known(r.need_determined_on),
        needOutcome: known(r.need_determined_on) ? r.need_outcome : null,
        programmeSignedOn: known(r.programme_signed_on),
      },
      region.pauses
        .filter((pause) => pause.referral_id === r.id)
        .map((pause) => ({
          startedOn: pause.started_on,
          endedOn: pause.ended_on !== null && pause.ended_on <= to ? pause.ended_on : null,
        })),
      region.calendar,
      dayAfter,
    )
    for (const state of states) {
      const tally = state.code === 'REFERRAL_TO_NEED_DETERMINATION' ? clocks.NEED : clocks.PROGRAMME
      if (state.status === 'OVERDUE') tally.overdue++
      else if (within(state.completedOn, from, to)) tally[state.status === 'MET' ? 'met' : 'missed']++
    }
  }
  const overdueReviews = region.programmes.filter((p) => {
    if (!live.has(p.child_id) || p.signed_on === null || p.signed_on > to) return false
    if (!(p.status === 'SIGNED' || (p.status === 'CLOSED' && p.closed_on! > to))) return false
    const reviews = region.reviews.filter((rv) => rv.programme_id === p.id && rv.reviewed_on <= to)
    const state = programmeReviewState(
      { status: 'SIGNED', signedOn: p.signed_on },
      reviews.map((rv) => ({ reviewedOn: rv.reviewed_on })),
      region.calendar,
      dayAfter,
    )
    return state?.status === 'OVERDUE'
  }).length

  const sop = new Map<string, number>()
  for (const child of live.values()) {
    if (child.registered_at.toISOString().slice(0, 10) > to) continue
    const inSop = region.situations.some(
      (s) =>
        s.family_id === child.family_id &&
        s.kind === 'SOP' &&
        s.decided_on <= to &&
        (s.ended_on === null || s.ended_on >= from),
    )
    if (!inSop) continue
    const last = region.changes
      .filter((change) => change.child_id === child.id && change.changed_at.toISOString().slice(0, 10) <= to)
      .sort((a, b) => a.changed_at.getTime() - b.changed_at.getTime())
      .at(-1)
    const status = last?.to_status ?? child.registry_status
    sop.set(status, (sop.get(status) ?? 0) + 1)
  }

  const providerSide = new Map(region.providers.map((p) => [p.id, p.side]))
  const bySide = new Map<string, Set<string>>()
  const nonState = new Set<string>()
  const remote = new Set<string>()
  for (const p of region.programmes) {
    if (!inForceReferrals.has(p.referral_id) || p.signed_on === null || p.signed_on > to) continue
    for (const s of region.services.filter((service) => service.programme_id === p.id)) {
      const set = bySide.get(s.responsible_side) ?? new Set()
      bySide.set(s.responsible_side, set.add(p.child_id))
      if (providerSide.get(s.provider_id) === 'NGO') nonState.add(p.child_id)
      if (s.mode === 'REMOTE') remote.add(p.child_id)
    }
  }
  const byCriterion = new Map<string, Set<string>>()
  for (const c of region.criteria) {
    if (!recipients.has(c.child_id) || c.valid_from > to || (c.valid_to !== null && c.valid_to < from)) continue
    byCriterion.set(c.code, (byCriterion.get(c.code) ?? new Set()).add(c.child_id))
  }
  const exits = new Map<string, Set<string>>()
  for (const p of region.programmes) {
    if (!live.has(p.child_id) || p.status !== 'CLOSED' || !within(p.closed_on, from, to)) continue
    exits.set(p.exit_reason!, (exits.get(p.exit_reason!) ?? new Set()).add(p.child_id))
  }
  const turnedThree = [...inNeed].filter((id) => within(addMonths(live.get(id)!.birth_date, 36), from, to))
  const finals = region.reviews.filter((rv) => rv.kind === 'FINAL' && within(rv.reviewed_on, from, to))
  const outcome = new Map<string, boolean>()
  for (const rv of finals) {
    const programme = region.programmes.find((p) => p.id === rv.programme_id)!
    if (!live.has(programme.child_id)) continue
    let change = 0
    for (const rating of region.ratings.filter((row) => row.review_id === rv.id)) {
      for (const goal of region.goals.filter(
        (g) => g.programme_id === programme.id && g.icf_code === rating.icf_code,
      )) {
        change += rating.qualifier - goal.baseline_qualifier
      }
    }
    outcome.set(programme.child_id, (outcome.get(programme.child_id) ?? false) || change < 0)
  }
  return {
    inNeed: inNeed.size,
    received: received.size,
    consultations: consultations.size,
    potentiallyInNeed,
    clocks,
    overdueReviews,
    sop,
    recipients: recipients.size,
    bySide: new Map([...bySide].map(([side, set]) => [side, set.size])),
    byCriterion: new Map([...byCriterion].map(([code, set]) => [code, set.size])),
    nonState: nonState.size,
    remote: remote.size,
    exits: new Map([...exits].map(([reason, set]) => [reason, set.size])),
    reachedThree: turnedThree.length,
    turnedThree,
    finalReviewed: outcome.size,
    improved: [...outcome.values()].filter(Boolean).length,
  }
}

/** A child whose need for early help was determined on `determinedOn`, on a referral from health. */
async function insertChildInNeed(
  hub: Hub,
  region: Region,
  overrides: Parameters<typeof insertChild>[1],
  determinedOn: string,
) {
  const db = hub.databases.social.db
  const child = await insertChild(db, { registry_status: 'IN_NEED', ...overrides })
  await db
    .insertInto('referral')
    .values({
      child_id: child.id,
      from_side: 'HEALTH',
      from_organisation: 'ГБУЗ «Детская поликлиника»',
      provider_id: region.providers[0]!.id,
      reason: 'Задержка речевого развития',
      received_on: addDays(determinedOn, -9),
      status: 'ACCEPTED',
      decided_on: addDays(determinedOn, -8),
      need_determined_on: determinedOn,
      need_outcome: 'IN_NEED',
    })
    .execute()
  return child
}

/** The children a drill-down's groups hold together, as staff see them (exact counts). */
const childrenIn = (groups: readonly { count?: number | null }[]) =>
  groups.reduce((sum, group) => sum + group.count!, 0)

const keyed = (counts: readonly { key?: string | null; count?: number | null }[]) =>
  new Map(counts.filter((c) => (c.count ?? 0) > 0).map((c) => [c.key ?? '', c.count ?? 0]))

describe.each(backends)('regional indicators on the synthetic region (%s)', (backend) => {
  let hub: Hub
  let region: Region
  let q3: RegionalIndicatorsFieldsFragment

  beforeAll(async () => {
    hub = await startHub(backend)
    await hub.seed(400)
    region = await readRegion(hub)
    q3 = (await hub.run(RegionalIndicatorsDocument, { period: Q3 })).regionalIndicators
  }, 120_000)
  afterAll(() => hub?.stop())

  it('counts coverage, timeliness, СОП, recipients, transitions and outcomes as the raw rows do', () => {
    const expected = countIndependently(region, Q3.from, Q3.to)
    expect(expected.inNeed).toBeGreaterThan(20)
    expect(q3.coverage.share.total.count).toBe(expected.inNeed)
    expect(q3.coverage.share.part.count).toBe(expected.received)
    expect(q3.coverage.share.percent).toBe(Math.round((expected.received / expected.inNeed) * 1000) / 10)
    expect(q3.coverage.consultations.count).toBe(expected.consultations)
    expect(q3.coverage.potentiallyInNeed.count).toBe(expected.potentiallyInNeed)
    const { needDetermination, programme } = q3.timeliness
    expect([needDetermination.met.part.count, needDetermination.missed.count, needDetermination.overdue.count]).toEqual(
      [expected.clocks.NEED.met, expected.clocks.NEED.missed, expected.clocks.NEED.overdue],
    )
    expect(needDetermination.met.total.count).toBe(expected.clocks.NEED.met + expected.clocks.NEED.missed)
    expect([programme.met.part.count, programme.missed.count, programme.overdue.count]).toEqual([
      expected.clocks.PROGRAMME.met,
      expected.clocks.PROGRAMME.missed,
      expected.clocks.PROGRAMME.overdue,
    ])
    expect(q3.timeliness.overdueReviews.count).toBe(expected.overdueReviews)
    expect(keyed(q3.sopChildren)).toEqual(expected.sop)
    expect(q3.recipients.total.count).toBe(expected.recipients)
    expect(keyed(q3.recipients.bySide)).toEqual(expected.bySide)
    expect(keyed(q3.recipients.byCriterion)).toEqual(expected.byCriterion)
    expect(q3.recipients.nonStateShare.part.count).toBe(expected.nonState)
    expect(q3.recipients.remoteShare.part.count).toBe(expected.remote)
    expect(keyed(q3.transitions.exitsByReason)).toEqual(expected.exits)
    expect(q3.transitions.toPreschool.count).toBe(expected.exits.get('TRANSITION_TO_PRESCHOOL') ?? 0)
    expect(q3.transitions.reachedThree.count).toBe(expected.reachedThree)
    expect(q3.outcomes.improved.total.count).toBe(expected.finalReviewed)
    expect(q3.outcomes.improved.part.count).toBe(expected.improved)
  })

  it('computes live figures once until a write to social’s tables of the figures commits', async () => {
    const { statements } = hub.databases.social
    const figureStatements = () => statements.filter((text) => text.includes('child_need as (')).length
    const ask = async () => {
      statements.length = 0
      const answer = (await hub.run(RegionalIndicatorsDocument, { period: Q3 })).regionalIndicators
      expect(answer).toEqual(q3)
      return figureStatements()
    }
    expect(await ask()).toBe(0)
    expect(await ask()).toBe(0)

    await hub.databases.social.db.insertInto('non_working_day').values({ day: '2030-01-01', note: null }).execute()
    // The notification arrives after the commit, over the listening connection: within moments, not at once.
    const until = Date.now() + 5_000
    let computed = await ask()
    while (computed === 0 && Date.now() < until) computed = await ask()
    expect(computed).toBe(1)
    expect(await ask()).toBe(0)
  })

  it('is told of a write to every table its figures read, and of no other', async () => {
    const { statements, db } = hub.databases.social
    const figures = statements.length
    await hub.run(RegionalIndicatorsDocument, { period: { from: '2026-04-01', to: '2026-06-30' } })
    const text = statements
      .slice(figures)
      .find((statement) => statement.includes('child_need as ('))!
      .replaceAll(/--[^\n]*/g, '')
    const steps = new Set([...text.matchAll(/\b([a-z_]+)(?:\([a-z_, ]+\))? as \(/g)].map((match) => match[1]))
    const read = new Set(
      [...text.matchAll(/\b(?:from|join)\s+([a-z_]+)\b(?![.(])/g)]
        .map((match) => match[1]!)
        .filter((name) => !steps.has(name)),
    )
    const { rows } = await sql<{ table: string }>`
      select c.relname as table from pg_trigger t
      join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where p.proname = 'notify_figures_changed'
    `.execute(db)
    expect(read.size).toBeGreaterThan(10)
    expect(rows.map((row) => row.table).sort()).toEqual([...read].sort())
  })

  it('counts each side’s specialists, their training and the providers missing a mandatory role as its raw rows do', async () => {
    const staffing = {
      social: q3.socialStaffing,
      health: q3.healthStaffing,
      education: q3.educationStaffing,
      ngo: q3.ngoStaffing,
    }
    const approved = region.providers.filter((provider) => provider.moderation_status === 'APPROVED')
    const required = await hub.databases.social.db
      .selectFrom('provider_service')
      // The seeded region has the catalogue's first editions only: one edition per service.
      .innerJoin('service_type_version', 'service_type_version.code', 'provider_service.service_code')
      .select(['provider_service.provider_id as providerId', 'service_type_version.required_roles as roles'])
      .execute()
    const { social, health, education, ngo } = hub.databases
    const registers = {
      social: staffingView(social.db),
      health: staffingView(health.db),
      education: staffingView(education.db),
      ngo: staffingView(ngo.db),
    }
    for (const name of ['social', 'health', 'education', 'ngo'] as const) {
      const side = name.toUpperCase()
      const db = registers[name]
      const [specialists, trainings] = await Promise.all([
        db.selectFrom('specialist').selectAll().execute(),
        db.selectFrom('specialist_training').selectAll().execute(),
      ])
      const providers = new Set(approved.filter((provider) => provider.side === side).map((provider) => provider.id))
      const ours = specialists.filter((specialist) => providers.has(specialist.provider_id))
      const employed = ours.filter(
        (s) => s.employed_from <= Q3.to && (s.employed_until === null || s.employed_until >= Q3.to),
      )
      const trainedInQ3 = trainings.filter(
        (t) => within(t.completed_on, Q3.from, Q3.to) && ours.some((s) => s.id === t.specialist_id),
      )
      const missing = [...providers].filter((providerId) => {
        const roles = new Set(required.filter((row) => row.providerId === providerId).flatMap((row) => row.roles))
        return [...roles].some((role) => !employed.some((s) => s.provider_id === providerId && s.role === role))
      })
      const figures = staffing[name]!
      expect(figures.side).toBe(side)
      expect(figures.providers).toBe(providers.size)
      expect(figures.providersMissingRoles).toBe(missing.length)
      for (const row of figures.byRole) {
        expect(row.employed).toBe(employed.filter((s) => s.role === row.role).length)
        const trained = trainedInQ3.filter((t) => ours.find((s) => s.id === t.specialist_id)!.role === row.role)
        expect(row.trained).toBe(new Set(trained.map((t) => t.specialist_id)).size)
        expect(row.trainingHours).toBe(trained.reduce((sum, t) => sum + t.hours, 0))
      }
      expect(figures.byRole.reduce((sum, row) => sum + row.employed, 0)).toBeGreaterThan(0)
    }
  })

  it('counts where the children in need who turned three stand in the preschool queue, as education’s rows say', async () => {
    // The synthetic region's children are all under three on its reference date (1 November 2026): the first turn
    // three after it.
    const year = { from: '2026-11-01', to: '2027-04-30' }
    const { turnedThree } = countIndependently(region, year.from, year.to)
    expect(turnedThree.length).toBeGreaterThan(0)
    const indicators = (await hub.run(RegionalIndicatorsDocument, { period: year })).regionalIndicators
    const applications = await hub.databases.education.db.selectFrom('preschool_application').selectAll().execute()
    const placement = (childId: string) => {
      const own = applications.filter((a) => a.child_id === childId)
      if (own.some((a) => a.enrolled_on !== null && a.enrolled_on <= year.to)) return 'enrolled'
      if (own.some((a) => a.status === 'DIRECTED' && a.applied_on <= year.to)) return 'directed'
      if (own.some((a) => a.status === 'QUEUED' && a.applied_on <= year.to)) return 'queued'
      return 'none'
    }
    const counts = { enrolled: 0, directed: 0, queued: 0, none: 0 }
    for (const childId of turnedThree) counts[placement(childId)]++
    expect(indicators.educationPreschool).toEqual({
      reachedThree: turnedThree.length,
      enrolled: counts.enrolled,
      directed: counts.directed,
      queued: counts.queued,
      withoutPlacement: counts.queued + counts.none,
    })
    expect(indicators.transitions.reachedThree.count).toBe(turnedThree.length)
  })

  it('splits coverage by municipality into parts that add up to the region, and matches one municipality asked alone', async () => {
    const sum = (pick: (row: (typeof q3.coverageByMunicipality)[number]) => number | null | undefined) =>
      q3.coverageByMunicipality.reduce((total, row) => total + (pick(row) ?? 0), 0)
    expect(sum((row) => row.coverage.share.total.count)).toBe(q3.coverage.share.total.count)
    expect(sum((row) => row.coverage.share.part.count)).toBe(q3.coverage.share.part.count)
    const largest = [...q3.coverageByMunicipality].sort(
      (a, b) => (b.coverage.share.total.count ?? 0) - (a.coverage.share.total.count ?? 0),
    )[0]!
    const alone = (await hub.run(RegionalIndicatorsDocument, { period: Q3, municipality: largest.municipality.oktmo }))
      .regionalIndicators
    expect(alone.municipality?.oktmo).toBe(largest.municipality.oktmo)
    expect(alone.coverage).toEqual(largest.coverage)
    expect(alone.coverageByMunicipality).toHaveLength(1)
  })

  it('shows the trend over four quarters, the last being the period’s own, counted like the period', async () => {
    expect(q3.coverageByQuarter.map((row) => `${row.year}-Q${row.quarter}`)).toEqual([
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ])
    expect(q3.coverageByQuarter[3]!.share.total.count).toBe(q3.coverage.share.total.count)
    const q2 = countIndependently(region, '2026-04-01', '2026-06-30')
    expect(q3.coverageByQuarter[2]!.share.total.count).toBe(q2.inNeed)
    expect(q3.coverageByQuarter[2]!.share.part.count).toBe(q2.received)
  })

  it('counts a need determination held in the period as a service under the ANY_SERVICE rule', async () => {
    const any = (await hub.run(RegionalIndicatorsDocument, { period: Q3, coverageRule: 'ANY_SERVICE' }))
      .regionalIndicators
    expect(any.coverageRule).toBe('ANY_SERVICE')
    expect(any.coverage.share.total.count).toBe(q3.coverage.share.total.count)
    const determinedInQ3 = new Set(
      region.referrals
        .filter((r) => r.need_outcome === 'IN_NEED' && within(r.need_determined_on, Q3.from, Q3.to))
        .map((r) => r.child_id),
    )
    expect(determinedInQ3.size).toBeGreaterThan(0)
    expect(any.coverage.share.part.count).toBeGreaterThanOrEqual(q3.coverage.share.part.count!)
    expect(any.coverage.share.part.count).toBeLessThanOrEqual(q3.coverage.share.part.count! + determinedInQ3.size)
  })

  it('drills a figure down to depersonalised groups of as many children, without names or ids', async () => {
    const cohort = await hub.run(IndicatorCohortDocument, { indicators: q3.id, figure: 'RECEIVED' })
    expect(childrenIn(cohort.indicatorCohort)).toBe(q3.coverage.share.part.count!)
    for (const group of cohort.indicatorCohort) {
      expect(Object.keys(group).sort()).toEqual(['birthYear', 'count', 'criteria', 'sex', 'shown'])
    }
    expect(JSON.stringify(cohort)).not.toMatch(new RegExp(region.children.map((child) => child.id).join('|')))
    const side = q3.recipients.bySide.find((row) => (row.count ?? 0) > 0)!
    const bySide = await hub.run(IndicatorCohortDocument, {
      indicators: q3.id,
      figure: 'RECIPIENTS_BY_SIDE',
      key: side.key,
    })
    expect(childrenIn(bySide.indicatorCohort)).toBe(side.count!)
  })

  it('hides counts of 1 to 4 from an analyst and refuses to list such a cell', async () => {
    const analyst = viewers.analyst('regional')
    const seen = (await hub.run(RegionalIndicatorsDocument, { period: Q3 }, analyst)).regionalIndicators
    const small = q3.recipients.byCriterion.find((row) => (row.count ?? 0) >= 1 && (row.count ?? 0) <= 4)
    const hidden = seen.recipients.byCriterion.filter((row) => row.count === null)
    expect(hidden.every((row) => row.shown === '<5')).toBe(true)
    if (small) {
      expect(seen.recipients.byCriterion.find((row) => row.key === small.key)).toMatchObject({
        count: null,
        shown: '<5',
      })
      const refused = await hub.query(
        IndicatorCohortDocument,
        {
          indicators: q3.id,
          figure: 'RECIPIENTS_BY_CRITERION',
          key: small.key,
        },
        analyst,
      )
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
    expect(Math.abs(seen.coverage.share.total.count! - q3.coverage.share.total.count!)).toBeLessThanOrEqual(2)
  })

  it('refuses a period that ends before it begins and an unknown municipality, naming the field', async () => {
    const backwards = await hub.query(RegionalIndicatorsDocument, { period: { from: Q3.to, to: Q3.from } })
    expect(backwards.errors?.[0]?.message).toContain('period.to')
    const unknown = await hub.query(RegionalIndicatorsDocument, { period: Q3, municipality: '12' })
    expect(unknown.errors?.[0]?.message).toContain('municipality')
  })

  describe('a filed quarterly report', () => {
    it('keeps its figures and its drill-down after later data entry, and is filed once per definition', async () => {
      const filed = (
        await hub.run(FileQuarterlyReportDocument, {
          input: { year: 2026, quarter: 3, definitionVersion: q3.definitionVersion },
        })
      ).fileQuarterlyReport
      expect(filed).toMatchObject({ year: 2026, quarter: 3, period: Q3, dueOn: '2026-10-10', filedLate: true })
      const before = (await hub.run(QuarterlyReportDocument, { id: filed.id })).quarterlyReport!
      expect({ ...before.region, id: q3.id }).toEqual(q3)
      const regionCohort = await hub.run(IndicatorCohortDocument, { indicators: before.region.id, figure: 'IN_NEED' })

      // Later data entry: a child found in need during the quarter, recorded after the report was filed.
      const oktmo = q3.coverageByMunicipality[0]!.municipality.oktmo
      await insertChildInNeed(hub, region, { municipality_oktmo: oktmo }, '2026-08-10')

      const healthProvider = region.providers.find((p) => p.side === 'HEALTH' && p.moderation_status === 'APPROVED')!
      await insertSpecialist(hub.databases.health.db, healthProvider.id, {
        role: 'NEUROLOGIST',
        employed_from: '2026-01-01',
      })

      const live = (await hub.run(RegionalIndicatorsDocument, { period: Q3 })).regionalIndicators
      expect(live.coverage.share.total.count).toBe(q3.coverage.share.total.count! + 1)
      const neurologists = (figures: typeof q3.healthStaffing) =>
        figures?.byRole.find((row) => row.role === 'NEUROLOGIST')?.employed
      expect(neurologists(live.healthStaffing)).toBe(neurologists(q3.healthStaffing)! + 1)
      const after = (await hub.run(QuarterlyReportDocument, { id: filed.id })).quarterlyReport!
      expect(after).toEqual(before)
      expect(neurologists(after.region.healthStaffing)).toBe(neurologists(q3.healthStaffing))
      const frozenCohort = await hub.run(IndicatorCohortDocument, { indicators: after.region.id, figure: 'IN_NEED' })
      expect(frozenCohort).toEqual(regionCohort)
      const municipality = after.municipalities.find((m) => m.municipality?.oktmo === oktmo)!
      expect(municipality.coverage).toEqual(q3.coverageByMunicipality[0]!.coverage)
      const totals = (pick: (m: (typeof after.municipalities)[number]) => number | null | undefined) =>
        after.municipalities.reduce((sum, m) => sum + (pick(m) ?? 0), 0)
      expect(totals((m) => m.recipients.total.count)).toBe(after.region.recipients.total.count)
      expect(totals((m) => m.transitions.reachedThree.count)).toBe(after.region.transitions.reachedThree.count)

      const again = await hub.run(FileQuarterlyReportDocument, {
        input: { year: 2026, quarter: 3, definitionVersion: q3.definitionVersion },
      })
      expect(again.fileQuarterlyReport.id).toBe(filed.id)
      const list = await hub.run(QuarterlyReportsDocument, { year: 2026 })
      expect(list.quarterlyReports.map((report) => report.id)).toEqual([filed.id])
    })

    it('refuses an unknown definition version and a quarter not yet over, and changes nothing', async () => {
      const unknown = await hub.query(FileQuarterlyReportDocument, {
        input: { year: 2026, quarter: 2, definitionVersion: '1999.9' },
      })
      expect(unknown.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.definitionVersion' },
      })
      const future = await hub.query(FileQuarterlyReportDocument, {
        input: { year: 2099, quarter: 1, definitionVersion: q3.definitionVersion },
      })
      expect(future.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'input.quarter' } })
      const list = await hub.run(QuarterlyReportsDocument, {})
      expect(list.quarterlyReports.map((report) => [report.year, report.quarter])).toEqual([[2026, 3]])
    })

    it('cannot be changed or deleted in the database', async () => {
      const db = hub.databases.social.db
      await expect(sql`update indicator_snapshot set count = count + 1`.execute(db)).rejects.toThrow(/frozen/)
      await expect(sql`delete from quarterly_report`.execute(db)).rejects.toThrow(/frozen/)
    })

    it('exports as CSV and XLSX with Russian headings and the figures the API returns', async () => {
      const reports = await hub.run(QuarterlyReportsDocument, { year: 2026 })
      const id = reports.quarterlyReports[0]!.id
      const report = (await hub.run(QuarterlyReportDocument, { id })).quarterlyReport!
      const download = async (file: string, as = viewers.coordinator('regional')) =>
        fetch(hub.gateway.url.replace(/\/graphql$/, `/reports/quarterly/${file}`), {
          headers: { authorization: await authorizationFor(as) },
        })

      const csv = await download(`${id}.csv`)
      expect(csv.status).toBe(200)
      expect(csv.headers.get('content-disposition')).toContain('monitoring-2026-Q3-2026.1.csv')
      const bytes = Buffer.from(await csv.arrayBuffer())
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = bytes
        .subarray(3)
        .toString('utf8')
        .trimEnd()
        .split('\r\n')
        .map((line) => line.split(';'))
      expect(lines[0]!.slice(0, 4)).toEqual([
        'ОКТМО',
        'Муниципальное образование',
        'Нуждающиеся в услугах ранней помощи, чел.',
        'Получившие услуги ранней помощи, чел.',
      ])
      expect(lines).toHaveLength(report.municipalities.length + 2)
      const regionLine = lines.at(-1)!
      expect(regionLine[1]).toBe('Итого по региону')
      expect(regionLine.slice(2, 5)).toEqual([
        String(report.region.coverage.share.total.count),
        String(report.region.coverage.share.part.count),
        String(report.region.coverage.share.percent).replace('.', ','),
      ])

      const xlsx = await download(`${id}.xlsx`)
      expect(xlsx.status).toBe(200)
      const sheets = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()))
      expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Показатели', 'Разрезы по региону', 'Сведения об отчёте'])
      const table = sheets[0]!.data
      expect(table[0]).toEqual(lines[0])
      expect(table.at(-1)!.slice(1, 5)).toEqual([
        'Итого по региону',
        report.region.coverage.share.total.count,
        report.region.coverage.share.part.count,
        report.region.coverage.share.percent,
      ])
      const breakdown = sheets[1]!.data
      const sop = report.region.sopChildren.find((row) => row.key === 'PROGRAMME_ACTIVE')!
      expect(breakdown).toContainEqual(['Дети из семей в СОП по статусу в реестре', 'Реализуется ИПРП', sop.count])

      expect((await download(`${id}.csv`, viewers.public())).status).toBe(403)
      const anonymous = await fetch(hub.gateway.url.replace(/\/graphql$/, `/reports/quarterly/${id}.csv`))
      expect(anonymous.status).toBe(401)
      expect((await download(`${randomUUID()}.xlsx`)).status).toBe(404)
      expect((await download(`${id}.ods`)).status).toBe(404)
    })

    it('is filed by the region’s coordination only', async () => {
      const refused = await hub.query(
        FileQuarterlyReportDocument,
        { input: { year: 2026, quarter: 2, definitionVersion: q3.definitionVersion } },
        viewers.analyst('regional'),
      )
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    })

    it('drills education’s preschool figures down to the children it places, live and as filed', async () => {
      // Seven children in need who turned three in the first quarter of 2026, each placed differently by education.
      const Q1 = { from: '2026-01-01', to: '2026-03-31' }
      const education = hub.databases.education.db
      const kindergarten = await insertKindergarten(education)
      const placements = ['enrolled', 'enrolled', 'directed', 'directed', 'queued', 'none', 'none'] as const
      const placed = {
        enrolled: [] as string[],
        directed: [] as string[],
        queued: [] as string[],
        none: [] as string[],
      }
      for (const [i, placement] of placements.entries()) {
        const child = await insertChildInNeed(hub, region, { birth_date: `2023-0${1 + (i % 3)}-1${i}` }, '2025-11-20')
        placed[placement].push(child.id)
        const applied = { applied_on: '2025-10-01', kindergarten_id: kindergarten.id }
        if (placement === 'enrolled') {
          await insertPreschoolApplication(education, child.id, {
            ...applied,
            status: 'ENROLLED',
            enrolled_on: '2026-02-02',
            group_type: 'GENERAL',
          })
        }
        if (placement === 'directed')
          await insertPreschoolApplication(education, child.id, { ...applied, status: 'DIRECTED' })
        if (placement === 'queued') await insertPreschoolApplication(education, child.id, { applied_on: '2025-10-01' })
      }
      const groups = async (indicators: string, placement: PreschoolPlacement) =>
        (await hub.run(PreschoolCohortDocument, { indicators, placement })).indicators!.preschoolCohort
      const cohort = async (indicators: string, placement: PreschoolPlacement) =>
        childrenIn(await groups(indicators, placement))
      const expected = {
        REACHED_THREE: Object.values(placed).flat().length,
        ENROLLED: placed.enrolled.length,
        DIRECTED: placed.directed.length,
        QUEUED: placed.queued.length,
        WITHOUT_PLACEMENT: placed.queued.length + placed.none.length,
      }
      const live = (await hub.run(RegionalIndicatorsDocument, { period: Q1 })).regionalIndicators
      expect(live.educationPreschool).toEqual({
        reachedThree: 7,
        enrolled: 2,
        directed: 2,
        queued: 1,
        withoutPlacement: 3,
      })
      for (const [placement, children] of Object.entries(expected)) {
        expect(await cohort(live.id, placement as PreschoolPlacement)).toEqual(children)
      }
      const liveDirected = await groups(live.id, 'DIRECTED')

      const filed = (
        await hub.run(FileQuarterlyReportDocument, {
          input: { year: 2026, quarter: 1, definitionVersion: q3.definitionVersion },
        })
      ).fileQuarterlyReport
      const report = (await hub.run(QuarterlyReportDocument, { id: filed.id })).quarterlyReport!
      expect(report.region.educationPreschool).toEqual(live.educationPreschool)
      // After filing, a directed child is recorded as enrolled within the quarter: the live figure moves, the report's
      // drill-down does not.
      await education
        .updateTable('preschool_application')
        .set({ status: 'ENROLLED', enrolled_on: '2026-03-01', group_type: 'GENERAL' })
        .where('child_id', '=', placed.directed[0]!)
        .execute()
      expect(await cohort(live.id, 'ENROLLED')).toEqual(placed.enrolled.length + 1)
      for (const [placement, children] of Object.entries(expected)) {
        expect(await cohort(report.region.id, placement as PreschoolPlacement)).toEqual(children)
      }
      expect(await groups(report.region.id, 'DIRECTED')).toEqual(liveDirected)

      // Social lists only children of its own figure, whatever a representation names, even on a call that carries the
      // gateway's assertion (straight with a user token alone, the field is refused: tests/security).
      const outsider = region.children.find((child) => !Object.values(placed).flat().includes(child.id))!
      const forged = await postGraphQL<{ _entities: { preschoolCohort: { count: number }[] }[] }>(
        hub.services.social.url,
        `query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on RegionalIndicators { preschoolCohort(placement: ENROLLED) { count } }
          }
        }`,
        {
          representations: [
            {
              __typename: 'RegionalIndicators',
              id: live.id,
              educationPreschoolChildren: {
                enrolled: [outsider.id, ...placed.enrolled],
                directed: [],
                queued: [],
                none: [],
              },
            },
          ],
        },
        await gatewayCallHeaders(viewers.coordinator('regional')),
      )
      expect(childrenIn(forged.data!._entities[0]!.preschoolCohort)).toEqual(expected.ENROLLED)

      const refused = await hub.query(
        PreschoolCohortDocument,
        { indicators: live.id, placement: 'ENROLLED' },
        viewers.analyst('regional'),
      )
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    })

    it('is not filed while a side cannot freeze its part, and names that side', async () => {
      await hub.services.health.stop()
      const refused = await hub.query(FileQuarterlyReportDocument, {
        input: { year: 2026, quarter: 2, definitionVersion: q3.definitionVersion },
      })
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAVAILABLE', side: 'health' } })
      expect(refused.errors?.[0]?.message).toContain('the health subgraph did not freeze its figures')
      const reports = await hub.databases.social.db.selectFrom('quarterly_report').select(['year', 'quarter']).execute()
      expect(reports).not.toContainEqual({ year: 2026, quarter: 2 })
    })

    it('says education’s data is unavailable when the preschool drill-down cannot reach it', async () => {
      // Health is down since the test before; the indicators' own id still comes from social.
      const live = await hub.query<RegionalIndicatorsQuery>(RegionalIndicatorsDocument, {
        period: { from: '2026-01-01', to: '2026-03-31' },
      })
      await hub.services.education.stop()
      const response = await hub.query(PreschoolCohortDocument, {
        indicators: live.data!.regionalIndicators.id,
        placement: 'ENROLLED',
      })
      expect(response.data).toEqual({ indicators: null })
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', serviceName: 'education' })
    })
  })
})
