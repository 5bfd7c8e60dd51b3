import { sql, type Kysely, type RawBuilder } from 'kysely'
import { cellKeySql, recordKeySql } from '@hub/subgraph-kit/access/analytics'
import { anyText, anyUuid } from '@hub/subgraph-kit/sql'
import type { CoverageRule, DB } from '../../../db/database.js'

/** The territory, period and rule one set of live indicators is computed for. */
export interface IndicatorScope {
  from: string
  to: string
  /** A municipality's ОКТМО; null for the whole region. */
  municipality: string | null
  coverageRule: CoverageRule
}

/** A labelled stretch of days whose coverage is computed: the period itself, and the quarters of its trend. */
export interface LabelledPeriod {
  label: string
  from: string
  to: string
}

/** The label of the indicators' own period among the labelled periods. */
export const OWN_PERIOD = ''

export interface FigureRow {
  figure: string
  key: string
  count: number
  /** The cell key of the distinct children behind the count (packages/subgraph-kit/src/access/analytics.ts). */
  cellKey: number
  /** The children behind a figure of `FIGURES_NAMING_CHILDREN`, computed live with the counts. */
  childIds?: string[] | null
}

/**
 * The figures whose children come with their counts: education is asked where each child who turned three stands
 * with every set of indicators, and a second statement would compute every figure again to find them.
 */
export const FIGURES_NAMING_CHILDREN: readonly string[] = ['REACHED_THREE']

/** The periods as rows, each with its own bit (1, 2, 4, …) for the sets of periods a child is counted in. */
const periodsOf = (periods: readonly LabelledPeriod[]) =>
  sql.join(
    periods.map(
      (period, index) => sql`(${period.label}::text, ${2 ** index}::int, ${period.from}::date, ${period.to}::date)`,
    ),
  )

/**
 * The days in `first`..`last` (inclusive) a clock of `dayKind` counts: every day, or the working days, which the
 * statement's calendar gives as the difference of two running counts.
 */
function daysCounted(dayKind: RawBuilder<unknown>, first: RawBuilder<unknown>, last: RawBuilder<unknown>) {
  return sql`case
    when (${last}) < (${first}) then 0
    when ${dayKind} = 'CALENDAR' then (${last}) - (${first}) + 1
    else cal.worked[(${last}) - cal.first_day + 1] - cal.worked[(${first}) - cal.first_day]
  end`
}

/**
 * Every child behind every figure, as rows (figure, key, child, item, municipality): `item` is what the figure
 * counts — the child, or the referral or programme for timeliness — and appears once per figure and key, so that a
 * figure's count is its number of rows. Kept in one statement so that live figures, their drill-down and a filed
 * report's snapshot all come from the same definitions.
 */
function figureCohorts(scope: IndicatorScope, periods: readonly LabelledPeriod[]) {
  const { from, to } = scope
  return sql<{ figure: string; key: string; child_id: string; item: string; municipality_oktmo: string }>`
    with
    periods(label, bit, p_from, p_to) as (values ${periodsOf(periods)}),
    live_child as (
      select c.id, c.municipality_oktmo, c.birth_date, c.family_id, c.registry_status, c.registered_at
      from child c
      where c.merged_into_id is null and (${scope.municipality}::text is null or c.municipality_oktmo = ${scope.municipality})
    ),
    ended as (
      select p.referral_id, min(p.closed_on) as closed_on from programme p where p.closed_on is not null
      group by p.referral_id
    ),
    -- The periods in which a child is in need, or a referral has a programme in force, as a set of bits: one row per
    -- child or referral, where a row per period would make the sets five times larger to group and join.
    child_need as (
      select r.child_id, bit_or(pe.bit) as periods
      from referral r
      left join ended e on e.referral_id = r.id
      join periods pe on r.need_determined_on <= pe.p_to and (e.closed_on is null or e.closed_on >= pe.p_from)
      where r.need_outcome = 'IN_NEED'
      group by r.child_id
    ),
    in_force as (
      select p.referral_id, p.child_id, bit_or(pe.bit) as periods
      from (
        select p.referral_id, p.child_id, min(p.signed_on) as signed_on from programme p
        group by p.referral_id, p.child_id
      ) p
      left join ended e on e.referral_id = p.referral_id
      join periods pe on p.signed_on <= pe.p_to and (e.closed_on is null or e.closed_on >= pe.p_from)
      group by p.referral_id, p.child_id
    ),
    served as (
      select s.child_id, bit_or(s.periods) as periods
      from (
        select f.child_id, f.periods from in_force f
        union all
        select r.child_id, pe.bit from referral r
        join periods pe on r.need_determined_on between pe.p_from and pe.p_to
        where ${scope.coverageRule}::text = 'ANY_SERVICE'
      ) s
      group by s.child_id
    ),
    need as (
      select pe.label, c.id as child_id, c.municipality_oktmo, c.birth_date,
        coalesce(sv.periods, 0) & pe.bit <> 0 as received
      from child_need n
      join live_child c on c.id = n.child_id
      left join served sv on sv.child_id = n.child_id
      join periods pe on n.periods & pe.bit <> 0
    ),
    recipient as (
      select f.referral_id, c.id as child_id, c.municipality_oktmo
      from in_force f
      join periods pe on pe.label = ${OWN_PERIOD} and f.periods & pe.bit <> 0
      join live_child c on c.id = f.child_id
    ),
    recipient_child as (
      select distinct rc.child_id, rc.municipality_oktmo from recipient rc
    ),
    recipient_service as (
      select rc.child_id, rc.municipality_oktmo, ps.responsible_side, ps.provider_id, ps.mode, pv.side as provider_side
      from recipient rc
      join programme p on p.referral_id = rc.referral_id and p.signed_on <= ${to}::date
      join programme_service ps on ps.programme_id = p.id
      join provider pv on pv.id = ps.provider_id
    ),
    clock_referral as (
      select r.id, r.child_id, r.received_on, r.need_determined_on, r.need_outcome, r.programme_signed_on,
        c.municipality_oktmo
      from referral r join live_child c on c.id = r.child_id
      where r.status <> 'REJECTED' and r.received_on <= ${to}::date
    ),
    -- Every clock measured: from its start to its completion within the period, or, still open at the period's end,
    -- to the day after it. A completion is on time when fewer than the setting's days are counted strictly between
    -- (pathway/services/clocks.ts counts forwards to the due date; this counts the same days up to the completion).
    clock_run as (
      select 'NEED_DETERMINATION' as clock, r.id as item, r.child_id, r.municipality_oktmo, r.id as referral_id,
          r.received_on as started_on, r.need_determined_on as until, true as completed, s.days, s.day_kind
        from clock_referral r join deadline_clock s on s.code = 'REFERRAL_TO_NEED_DETERMINATION'
        where r.need_determined_on between ${from}::date and ${to}::date
      union all
      select 'NEED_DETERMINATION', r.id, r.child_id, r.municipality_oktmo, r.id, r.received_on, ${to}::date + 1, false,
          s.days, s.day_kind
        from clock_referral r join deadline_clock s on s.code = 'REFERRAL_TO_NEED_DETERMINATION'
        where r.need_determined_on is null or r.need_determined_on > ${to}::date
      union all
      select 'PROGRAMME', r.id, r.child_id, r.municipality_oktmo, r.id, r.received_on, r.programme_signed_on, true,
          s.days, s.day_kind
        from clock_referral r join deadline_clock s on s.code = 'REFERRAL_TO_PROGRAMME'
        where r.programme_signed_on between ${from}::date and ${to}::date
      union all
      select 'PROGRAMME', r.id, r.child_id, r.municipality_oktmo, r.id, r.received_on, ${to}::date + 1, false,
          s.days, s.day_kind
        from clock_referral r join deadline_clock s on s.code = 'REFERRAL_TO_PROGRAMME'
        where (r.need_outcome is null or r.need_outcome = 'IN_NEED' or r.need_determined_on > ${to}::date)
          and (r.programme_signed_on is null or r.programme_signed_on > ${to}::date)
      union all
      select 'REVIEW', p.id, p.child_id, c.municipality_oktmo, null, greatest(p.signed_on, lr.reviewed_on),
          ${to}::date + 1, false, s.days, s.day_kind
        from programme p
        join live_child c on c.id = p.child_id
        join deadline_clock s on s.code = 'PROGRAMME_REVIEW'
        left join (
          select rv.programme_id, max(rv.reviewed_on) as reviewed_on from programme_review rv
          where rv.reviewed_on <= ${to}::date group by rv.programme_id
        ) lr on lr.programme_id = p.id
        where p.signed_on <= ${to}::date
          and (p.status = 'SIGNED' or (p.status = 'CLOSED' and p.closed_on > ${to}::date))
    ),
    -- Each day the clocks span with the running count of working days up to it (weekends and the region's
    -- non-working days excluded, the weekend days a transfer made working days included), so that counting the working days between two dates needs no walk over the days.
    -- It runs from the first clock's start to the last clock's end, no further: its size follows the clocks, not the
    -- period asked for.
    calendar as (
      select min(d.day) as first_day, array_agg(d.worked order by d.day) as worked
      from (
        select g.day::date as day,
          count(*) filter (where (extract(isodow from g.day) < 6 or ww.day is not null) and w.day is null)
            over (order by g.day) as worked
        from generate_series(
          (select min(k.started_on) from clock_run k), (select max(k.until) from clock_run k), interval '1 day'
        ) as g(day)
        left join non_working_day w on w.day = g.day::date
        left join working_calendar_day ww on ww.day = g.day::date and ww.kind = 'WORKING_WEEKEND'
      ) d
    ),
    -- The days the referral's pauses take off a clock (an open pause runs to the period's end). Pauses of one
    -- referral never overlap (referrals.ts refuses it), so their days add up.
    clock_paused as (
      select k.clock, k.item, sum(${daysCounted(
        sql`k.day_kind`,
        sql`greatest(pz.started_on, k.started_on + 1)`,
        sql`least(coalesce(pz.ended_on, ${to}::date), k.until - 1)`,
      )}) as days
      from clock_run k join referral_pause pz on pz.referral_id = k.referral_id cross join calendar cal
      group by k.clock, k.item
    ),
    clock_state as (
      select k.clock, k.item, k.child_id, k.municipality_oktmo, k.completed,
        ${daysCounted(sql`k.day_kind`, sql`k.started_on + 1`, sql`k.until - 1`)} - coalesce(cp.days, 0) < k.days
          as in_time
      from clock_run k
      cross join calendar cal
      left join clock_paused cp on cp.clock = k.clock and cp.item = k.item
    ),
    final_review as (
      select rv.id as review_id, p.id as programme_id, c.id as child_id, c.municipality_oktmo,
        coalesce((
          select sum(rr.qualifier) - sum(g.baseline_qualifier)
          from programme_review_rating rr
          join programme_goal g on g.programme_id = p.id and g.icf_code = rr.icf_code
          where rr.review_id = rv.id
        ), 0) < 0 as improved
      from programme_review rv
      join programme p on p.id = rv.programme_id
      join live_child c on c.id = p.child_id
      where rv.kind = 'FINAL' and rv.reviewed_on between ${from}::date and ${to}::date
    ),
    sop_child as (
      select c.id, c.municipality_oktmo, coalesce((
          select sc.to_status from registry_status_change sc
          where sc.child_id = c.id and sc.changed_at < ${to}::date + 1
          order by sc.changed_at desc limit 1
        ), c.registry_status) as status_at_end
      from live_child c
      where c.registered_at < ${to}::date + 1 and exists (
        select 1 from family_situation fs
        where fs.family_id = c.family_id and fs.kind = 'SOP'
          and fs.decided_on <= ${to}::date and (fs.ended_on is null or fs.ended_on >= ${from}::date)
      )
    )
    select 'IN_NEED' as figure, n.municipality_oktmo as key, n.child_id, n.child_id as item, n.municipality_oktmo
      from need n where n.label = ${OWN_PERIOD}
    union all
    select 'RECEIVED', n.municipality_oktmo, n.child_id, n.child_id, n.municipality_oktmo
      from need n where n.label = ${OWN_PERIOD} and n.received
    union all
    select 'QUARTER_IN_NEED', n.label, n.child_id, n.child_id, n.municipality_oktmo
      from need n where n.label <> ${OWN_PERIOD}
    union all
    select 'QUARTER_RECEIVED', n.label, n.child_id, n.child_id, n.municipality_oktmo
      from need n where n.label <> ${OWN_PERIOD} and n.received
    union all
    select distinct 'CONSULTATIONS', c.municipality_oktmo, c.id, c.id, c.municipality_oktmo
      from referral r join live_child c on c.id = r.child_id
      where r.need_outcome = 'CONSULTATION_ONLY' and r.need_determined_on between ${from}::date and ${to}::date
    union all
    select 'POTENTIALLY_IN_NEED', c.municipality_oktmo, c.id, c.id, c.municipality_oktmo
      from live_child c
      where c.registered_at < ${to}::date + 1
        and not exists (select 1 from referral r where r.child_id = c.id and r.need_determined_on <= ${to}::date)
    union all
    select k.clock || case when k.in_time then '_MET' else '_MISSED' end, '', k.child_id, k.item, k.municipality_oktmo
      from clock_state k where k.completed
    union all
    select k.clock || '_COMPLETED', '', k.child_id, k.item, k.municipality_oktmo
      from clock_state k where k.completed
    union all
    select k.clock || '_OVERDUE', '', k.child_id, k.item, k.municipality_oktmo
      from clock_state k where not k.completed and not k.in_time
    union all
    select 'SOP', s.status_at_end, s.id, s.id, s.municipality_oktmo from sop_child s
    union all
    select 'RECIPIENTS', '', rc.child_id, rc.child_id, rc.municipality_oktmo from recipient_child rc
    union all
    select 'RECIPIENTS_BY_MUNICIPALITY', rc.municipality_oktmo, rc.child_id, rc.child_id, rc.municipality_oktmo
      from recipient_child rc
    union all
    select distinct 'RECIPIENTS_BY_CRITERION', cc.code, rc.child_id, rc.child_id, rc.municipality_oktmo
      from recipient_child rc join child_criterion cc on cc.child_id = rc.child_id
      where cc.valid_from <= ${to}::date and (cc.valid_to is null or cc.valid_to >= ${from}::date)
    union all
    select distinct 'RECIPIENTS_BY_SIDE', rs.responsible_side, rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs
    union all
    select distinct 'RECIPIENTS_BY_PROVIDER', rs.provider_id::text, rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs
    union all
    select distinct 'NON_STATE_RECIPIENTS', '', rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs where rs.provider_side = 'NGO'
    union all
    select distinct 'REMOTE_RECIPIENTS', '', rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs where rs.mode = 'REMOTE'
    union all
    select distinct 'EXITS', p.exit_reason, c.id, c.id, c.municipality_oktmo
      from programme p join live_child c on c.id = p.child_id
      where p.status = 'CLOSED' and p.closed_on between ${from}::date and ${to}::date
    union all
    select 'REACHED_THREE', '', n.child_id, n.child_id, n.municipality_oktmo
      from need n
      where n.label = ${OWN_PERIOD} and (n.birth_date + interval '3 years')::date between ${from}::date and ${to}::date
    union all
    select distinct 'FINAL_REVIEWED', '', f.child_id, f.child_id, f.municipality_oktmo from final_review f
    union all
    select distinct case when f.improved then 'IMPROVED' else 'NOT_IMPROVED' end, '', f.child_id, f.child_id,
        f.municipality_oktmo
      from final_review f
  `
}

/**
 * The count behind every figure and key of one scope, computed in the database, with the cell key of its children and
 * the children of the figures that name them (as in `need`, a child is in REACHED_THREE's rows once).
 */
export async function countFigures(db: Kysely<DB>, scope: IndicatorScope, periods: readonly LabelledPeriod[]) {
  // Each child's record key is computed once, not once for every figure it is counted in.
  const result = await sql<FigureRow>`
    with
    cohort as (${figureCohorts(scope, periods)}),
    record as (
      select r.child_id, ${recordKeySql(sql`r.child_id`)} as record_key from (select distinct child_id from cohort) r
    )
    select cell.figure, cell.key, sum(cell.items)::int as count,
      ${cellKeySql(sql`sum(record.record_key)`)} as "cellKey",
      array_agg(cell.child_id) filter (where cell.figure = any(${FIGURES_NAMING_CHILDREN}::text[])) as "childIds"
    from (
      select c.figure, c.key, c.child_id, count(*) as items from cohort c group by c.figure, c.key, c.child_id
    ) as cell
    join record on record.child_id = cell.child_id
    group by cell.figure, cell.key
  `.execute(db)
  return result.rows
}

/** A child behind a figure, with the keys of the figure it is counted under (none for a figure without keys). */
export interface FigureChild {
  childId: string
  keys: string[]
}

/** The keys of a figure's rows of one child, in order; a figure without keys has the one key ''. */
const keysOf = (key: RawBuilder<unknown>) => sql<string[]>`array_remove(array_agg(distinct ${key} order by ${key}), '')`

/** The children behind one figure of one scope: under one key, or under any when `key` is null. */
export async function findFigureChildren(
  db: Kysely<DB>,
  scope: IndicatorScope,
  periods: readonly LabelledPeriod[],
  figure: string,
  key: string | null,
) {
  const result = await sql<FigureChild>`
    select cohort.child_id as "childId", ${keysOf(sql`cohort.key`)} as keys
    from (${figureCohorts(scope, periods)}) as cohort
    where cohort.figure = ${figure} and (${key}::text is null or cohort.key = ${key})
    group by cohort.child_id
  `.execute(db)
  return result.rows
}

/**
 * Freezes a filed report's figures for the region ('') and each municipality in one statement, each with the
 * children behind it, so that the report reads and drills down the same forever.
 */
export async function insertSnapshot(
  db: Kysely<DB>,
  reportId: string,
  scope: IndicatorScope,
  periods: readonly LabelledPeriod[],
) {
  await sql`
    insert into indicator_snapshot (report_id, territory, figure, key, count, child_ids)
    select ${reportId}::uuid, coalesce(cohort.municipality_oktmo, ''), cohort.figure, cohort.key,
      count(distinct cohort.item)::int, array_agg(distinct cohort.child_id)
    from (${figureCohorts(scope, periods)}) as cohort
    group by grouping sets ((cohort.figure, cohort.key), (cohort.municipality_oktmo, cohort.figure, cohort.key))
  `.execute(db)
}

/** A filed report's frozen figures of some territories ('' is the region), with the cell keys of their children. */
export async function findSnapshotFigures(
  db: Kysely<DB>,
  reportIds: readonly string[],
  territories: readonly string[],
) {
  const result = await sql<{ reportId: string; territory: string; figure: string; key: string } & FigureRow>`
    select s.report_id as "reportId", s.territory, s.figure, s.key, s.count,
      ${cellKeySql(sql`(select sum(${recordKeySql(sql`u.id`)}) from unnest(s.child_ids) as u(id))`)} as "cellKey"
    from indicator_snapshot s
    where s.report_id = ${anyUuid(reportIds)} and s.territory = ${anyText(territories)}
  `.execute(db)
  return result.rows
}

/** The children behind one frozen figure: under one key, or under any when `key` is null. */
export async function findSnapshotChildren(
  db: Kysely<DB>,
  reportId: string,
  territory: string,
  figure: string,
  key: string | null,
) {
  const result = await sql<FigureChild>`
    select frozen.child_id as "childId", ${keysOf(sql`frozen.key`)} as keys
    from (
      select unnest(s.child_ids) as child_id, s.key from indicator_snapshot s
      where s.report_id = ${reportId}::uuid and s.territory = ${territory} and s.figure = ${figure}
        and (${key}::text is null or s.key = ${key})
    ) as frozen
    group by frozen.child_id
  `.execute(db)
  return result.rows
}
