import { sql, type Kysely, type RawBuilder } from 'kysely'
import { anyText, anyUuid } from '../../../../kit/src/sql.js'
import type { CoverageRule, DB } from '../database.js'

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
}

const periodsOf = (periods: readonly LabelledPeriod[]) =>
  sql.join(periods.map((period) => sql`(${period.label}::text, ${period.from}::date, ${period.to}::date)`))

/**
 * The days a deadline clock counts strictly between two dates: every day, or only working days when the setting
 * counts working days, and never a day a pause of the referral covers (an open pause runs to the period's end).
 * A completion on `until` is on time exactly when fewer than the setting's days are counted (clocks.ts counts
 * forwards to the due date; this counts the same days up to the completion).
 */
function countedDays(
  setting: string,
  since: RawBuilder<unknown>,
  until: RawBuilder<unknown>,
  referralId: RawBuilder<unknown> | null,
  asOf: string,
) {
  const notPaused = referralId
    ? sql`and not exists (
        select 1 from referral_pause pz
        where pz.referral_id = ${referralId} and d.day between pz.started_on and coalesce(pz.ended_on, ${asOf}::date)
      )`
    : sql``
  return sql`(
    select count(*) from generate_series((${since})::date + 1, (${until})::date - 1, interval '1 day') as d(day)
    where (${sql.ref(`${setting}.day_kind`)} = 'CALENDAR'
      or (extract(isodow from d.day) < 6 and not exists (select 1 from non_working_day w where w.day = d.day::date)))
    ${notPaused}
  )`
}

/**
 * Every child behind every figure, as rows (figure, key, child, item, municipality): `item` is what the figure
 * counts — the child, or the referral or programme for timeliness. Kept in one statement so that live figures,
 * their drill-down and a filed report's snapshot all come from the same definitions.
 */
function figureCohorts(scope: IndicatorScope, periods: readonly LabelledPeriod[]) {
  const { from, to } = scope
  const needClock = countedDays('ndc', sql`r.received_on`, sql`r.need_determined_on`, sql`r.id`, to)
  const needOpen = countedDays('ndc', sql`r.received_on`, sql`${to}::date + 1`, sql`r.id`, to)
  const programmeClock = countedDays('pgc', sql`r.received_on`, sql`r.programme_signed_on`, sql`r.id`, to)
  const programmeOpen = countedDays('pgc', sql`r.received_on`, sql`${to}::date + 1`, sql`r.id`, to)
  const reviewOpen = countedDays('rvc', sql`pr.clock_start`, sql`${to}::date + 1`, null, to)
  return sql<{ figure: string; key: string; child_id: string; item: string; municipality_oktmo: string }>`
    with
    periods(label, p_from, p_to) as (values ${periodsOf(periods)}),
    live_child as (
      select c.id, c.municipality_oktmo, c.birth_date, c.family_id, c.registry_status, c.registered_at
      from child c
      where c.merged_into_id is null and (${scope.municipality}::text is null or c.municipality_oktmo = ${scope.municipality})
    ),
    ended as (
      select p.referral_id, min(p.closed_on) as closed_on from programme p where p.closed_on is not null
      group by p.referral_id
    ),
    need as (
      select pe.label, r.id as referral_id, c.id as child_id, c.municipality_oktmo, c.birth_date
      from periods pe
      join referral r on r.need_outcome = 'IN_NEED' and r.need_determined_on <= pe.p_to
      join live_child c on c.id = r.child_id
      left join ended e on e.referral_id = r.id
      where e.closed_on is null or e.closed_on >= pe.p_from
    ),
    in_force as (
      select distinct pe.label, p.referral_id, p.child_id
      from periods pe
      join programme p on p.signed_on <= pe.p_to
      left join ended e on e.referral_id = p.referral_id
      where e.closed_on is null or e.closed_on >= pe.p_from
    ),
    received as (
      select n.label, n.child_id, n.municipality_oktmo
      from need n join periods pe on pe.label = n.label
      where exists (select 1 from in_force f where f.label = n.label and f.child_id = n.child_id)
        or (${scope.coverageRule}::text = 'ANY_SERVICE' and exists (
          select 1 from referral r
          where r.child_id = n.child_id and r.need_determined_on between pe.p_from and pe.p_to
        ))
    ),
    recipient as (
      select distinct f.referral_id, c.id as child_id, c.municipality_oktmo
      from in_force f join live_child c on c.id = f.child_id
      where f.label = ${OWN_PERIOD}
    ),
    recipient_service as (
      select rc.child_id, rc.municipality_oktmo, ps.responsible_side, ps.provider_id, ps.mode, pv.side as provider_side
      from recipient rc
      join programme p on p.referral_id = rc.referral_id and p.signed_on <= ${to}::date
      join programme_service ps on ps.programme_id = p.id
      join provider pv on pv.id = ps.provider_id
    ),
    clock_referral as (
      select r.*, c.municipality_oktmo from referral r join live_child c on c.id = r.child_id
      where r.status <> 'REJECTED' and r.received_on <= ${to}::date
    ),
    in_force_at_end as (
      select p.id, p.child_id, c.municipality_oktmo,
        greatest(p.signed_on, (
          select max(rv.reviewed_on) from programme_review rv where rv.programme_id = p.id and rv.reviewed_on <= ${to}::date
        )) as clock_start
      from programme p join live_child c on c.id = p.child_id
      where p.signed_on <= ${to}::date
        and (p.status = 'SIGNED' or (p.status = 'CLOSED' and p.closed_on > ${to}::date))
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
    select 'RECEIVED', rc.municipality_oktmo, rc.child_id, rc.child_id, rc.municipality_oktmo
      from received rc where rc.label = ${OWN_PERIOD}
    union all
    select 'QUARTER_IN_NEED', n.label, n.child_id, n.child_id, n.municipality_oktmo
      from need n where n.label <> ${OWN_PERIOD}
    union all
    select 'QUARTER_RECEIVED', rc.label, rc.child_id, rc.child_id, rc.municipality_oktmo
      from received rc where rc.label <> ${OWN_PERIOD}
    union all
    select 'CONSULTATIONS', c.municipality_oktmo, c.id, c.id, c.municipality_oktmo
      from referral r join live_child c on c.id = r.child_id
      where r.need_outcome = 'CONSULTATION_ONLY' and r.need_determined_on between ${from}::date and ${to}::date
    union all
    select 'POTENTIALLY_IN_NEED', c.municipality_oktmo, c.id, c.id, c.municipality_oktmo
      from live_child c
      where c.registered_at < ${to}::date + 1
        and not exists (select 1 from referral r where r.child_id = c.id and r.need_determined_on <= ${to}::date)
    union all
    select case when ${needClock} < ndc.days then 'NEED_DETERMINATION_MET' else 'NEED_DETERMINATION_MISSED' end,
        '', r.child_id, r.id, r.municipality_oktmo
      from clock_referral r cross join deadline_clock ndc
      where ndc.code = 'REFERRAL_TO_NEED_DETERMINATION' and r.need_determined_on between ${from}::date and ${to}::date
    union all
    select 'NEED_DETERMINATION_COMPLETED', '', r.child_id, r.id, r.municipality_oktmo
      from clock_referral r cross join deadline_clock ndc
      where ndc.code = 'REFERRAL_TO_NEED_DETERMINATION' and r.need_determined_on between ${from}::date and ${to}::date
    union all
    select 'NEED_DETERMINATION_OVERDUE', '', r.child_id, r.id, r.municipality_oktmo
      from clock_referral r cross join deadline_clock ndc
      where ndc.code = 'REFERRAL_TO_NEED_DETERMINATION'
        and (r.need_determined_on is null or r.need_determined_on > ${to}::date) and ${needOpen} >= ndc.days
    union all
    select case when ${programmeClock} < pgc.days then 'PROGRAMME_MET' else 'PROGRAMME_MISSED' end,
        '', r.child_id, r.id, r.municipality_oktmo
      from clock_referral r cross join deadline_clock pgc
      where pgc.code = 'REFERRAL_TO_PROGRAMME' and r.programme_signed_on between ${from}::date and ${to}::date
    union all
    select 'PROGRAMME_COMPLETED', '', r.child_id, r.id, r.municipality_oktmo
      from clock_referral r cross join deadline_clock pgc
      where pgc.code = 'REFERRAL_TO_PROGRAMME' and r.programme_signed_on between ${from}::date and ${to}::date
    union all
    select 'PROGRAMME_OVERDUE', '', r.child_id, r.id, r.municipality_oktmo
      from clock_referral r cross join deadline_clock pgc
      where pgc.code = 'REFERRAL_TO_PROGRAMME'
        and (r.need_outcome is null or r.need_outcome = 'IN_NEED' or r.need_determined_on > ${to}::date)
        and (r.programme_signed_on is null or r.programme_signed_on > ${to}::date) and ${programmeOpen} >= pgc.days
    union all
    select 'REVIEW_OVERDUE', '', pr.child_id, pr.id, pr.municipality_oktmo
      from in_force_at_end pr cross join deadline_clock rvc
      where rvc.code = 'PROGRAMME_REVIEW' and ${reviewOpen} >= rvc.days
    union all
    select 'SOP', s.status_at_end, s.id, s.id, s.municipality_oktmo from sop_child s
    union all
    select 'RECIPIENTS', '', rc.child_id, rc.child_id, rc.municipality_oktmo from recipient rc
    union all
    select 'RECIPIENTS_BY_MUNICIPALITY', rc.municipality_oktmo, rc.child_id, rc.child_id, rc.municipality_oktmo
      from recipient rc
    union all
    select 'RECIPIENTS_BY_CRITERION', cc.code, rc.child_id, rc.child_id, rc.municipality_oktmo
      from recipient rc join child_criterion cc on cc.child_id = rc.child_id
      where cc.valid_from <= ${to}::date and (cc.valid_to is null or cc.valid_to >= ${from}::date)
    union all
    select 'RECIPIENTS_BY_SIDE', rs.responsible_side, rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs
    union all
    select 'RECIPIENTS_BY_PROVIDER', rs.provider_id::text, rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs
    union all
    select 'NON_STATE_RECIPIENTS', '', rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs where rs.provider_side = 'NGO'
    union all
    select 'REMOTE_RECIPIENTS', '', rs.child_id, rs.child_id, rs.municipality_oktmo
      from recipient_service rs where rs.mode = 'REMOTE'
    union all
    select 'EXITS', p.exit_reason, c.id, c.id, c.municipality_oktmo
      from programme p join live_child c on c.id = p.child_id
      where p.status = 'CLOSED' and p.closed_on between ${from}::date and ${to}::date
    union all
    select 'REACHED_THREE', '', n.child_id, n.child_id, n.municipality_oktmo
      from need n
      where n.label = ${OWN_PERIOD} and (n.birth_date + interval '3 years')::date between ${from}::date and ${to}::date
    union all
    select 'FINAL_REVIEWED', '', f.child_id, f.child_id, f.municipality_oktmo from final_review f
    union all
    select case when f.improved then 'IMPROVED' else 'NOT_IMPROVED' end, '', f.child_id, f.child_id,
        f.municipality_oktmo
      from final_review f
  `
}

/** The count behind every figure and key of one scope, computed in the database. */
export async function countFigures(db: Kysely<DB>, scope: IndicatorScope, periods: readonly LabelledPeriod[]) {
  const result = await sql<FigureRow>`
    select cohort.figure, cohort.key, count(distinct cohort.item)::int as count
    from (${figureCohorts(scope, periods)}) as cohort
    group by cohort.figure, cohort.key
  `.execute(db)
  return result.rows
}

/** The children behind one figure of one scope: under one key, or under any when `key` is null. */
export async function findFigureChildIds(
  db: Kysely<DB>,
  scope: IndicatorScope,
  periods: readonly LabelledPeriod[],
  figure: string,
  key: string | null,
) {
  const result = await sql<{ child_id: string }>`
    select distinct cohort.child_id
    from (${figureCohorts(scope, periods)}) as cohort
    where cohort.figure = ${figure} and (${key}::text is null or cohort.key = ${key})
  `.execute(db)
  return result.rows.map((row) => row.child_id)
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

/** A filed report's frozen figures of some territories ('' is the region). */
export function findSnapshotFigures(db: Kysely<DB>, reportIds: readonly string[], territories: readonly string[]) {
  return db
    .selectFrom('indicator_snapshot')
    .select(['report_id as reportId', 'territory', 'figure', 'key', 'count'])
    .where('report_id', '=', anyUuid(reportIds))
    .where('territory', '=', anyText(territories))
    .execute()
}

/** The children behind one frozen figure: under one key, or under any when `key` is null. */
export async function findSnapshotChildIds(
  db: Kysely<DB>,
  reportId: string,
  territory: string,
  figure: string,
  key: string | null,
) {
  const result = await sql<{ child_id: string }>`
    select distinct unnest(s.child_ids) as child_id from indicator_snapshot s
    where s.report_id = ${reportId}::uuid and s.territory = ${territory} and s.figure = ${figure}
      and (${key}::text is null or s.key = ${key})
  `.execute(db)
  return result.rows.map((row) => row.child_id)
}
