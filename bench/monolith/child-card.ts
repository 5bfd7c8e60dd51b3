import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { ChildCardQuery } from '../../schema/__generated__/operations.js'
import type { ConsentScope } from '@hub/subgraph-kit/access/policy'
import { isUuid } from '@hub/subgraph-kit/loaders'
import { inForce, today } from '@hub/subgraph-kit/validation'
import {
  programmeReviewState,
  referralClockStates,
  transitionNoticeState,
} from '../../subgraphs/social/src/modules/pathway/services/clocks.js'
import type { ClockCode, DeadlineClockTable } from '../../subgraphs/social/src/db/database.js'
import { DEFAULT_TRANSITION_AGE_MONTHS } from '../../subgraphs/education/src/config.js'
import { preschoolTransition } from '../../subgraphs/education/src/services/transition.js'
import { formatSnils } from '../../subgraphs/social/src/identifiers.js'
import { fullName } from '../../subgraphs/social/src/names.js'
import { json } from './sql.js'

type Card = NonNullable<ChildCardQuery['child']>
type Family = NonNullable<Card['family']>
type Person = { lastName: string; firstName: string; patronymic: string | null }
type Named<T> = Omit<T, 'fullName'> & Person

/** The rows of social's part of a card, as the one statement below returns them (JSON: dates are text). */
interface SocialPart {
  child: Omit<Card, 'fullName' | 'mergedInto' | 'criteria' | 'family' | 'consents' | 'statusHistory'> &
    Person & { familyId: string | null; mergedIntoId: string | null }
  criteria: Omit<Card['criteria'][number], 'active'>[]
  family:
    | (Omit<Family, 'inSop' | 'members' | 'legalRepresentatives' | 'representationHistory'> & {
        members: Named<Family['members'][number]>[]
        legalRepresentatives: Named<Omit<Family['representationHistory'][number], 'inForce'>>[]
      })
    | null
  consents: (Omit<NonNullable<Card['consents']>[number], 'representative'> & {
    representative: Named<{ id: string }>
  })[]
  scopes: ConsentScope[]
  statusHistory: Card['statusHistory']
  referrals: Omit<Card['referrals'][number], 'clocks'>[]
  programmes: (Omit<Card['programmes'][number], 'reviewClock' | 'transitionClock' | 'signedBy'> & {
    signedBy: Named<{ id: string }> | null
    exitReason: Parameters<typeof transitionNoticeState>[0]['exitReason']
    status: Parameters<typeof transitionNoticeState>[0]['status']
  })[]
  socialSessions: Card['socialSessions']
  clockSettings: { code: ClockCode; days: number; dayKind: DeadlineClockTable['day_kind'] }[]
  nonWorkingDays: string[]
  workingWeekends: string[]
}

const providerRef = (alias: string) => sql.raw(`json_build_object('id', ${alias}.id, 'name', ${alias}.name)`)

const specialistOf = (alias: string) =>
  sql.raw(
    `case when ${alias}.id is null then null else json_build_object('id', ${alias}.id, 'personnelNumber', ${alias}.personnel_number, 'role', ${alias}.role) end`,
  )

/**
 * The catalogue's service a code names, in the edition social shows today: the one in force, or the first of a service
 * that enters the catalogue later.
 */
const serviceEdition = (alias: string, code: string) =>
  sql.raw(
    `lateral (select v.code, v.name from social.service_type_version v where v.code = ${code} order by v.effective_from > current_date, abs(v.effective_from - current_date) limit 1) ${alias}`,
  )

/**
 * Social's whole part of the card in one statement: the child, its criteria, family, consents and the grants they
 * give the regional coordinator, status history, referrals with their pauses, programmes with goals, services and
 * reviews, social's sessions, and the region's clock calendar the derived clocks need.
 */
function socialPart(db: Kysely<unknown>, id: string) {
  return sql<SocialPart>`
    select
      json_build_object(
        'id', c.id, 'familyId', c.family_id, 'lastName', c.last_name, 'firstName', c.first_name,
        'patronymic', c.patronymic, 'birthDate', c.birth_date, 'sex', c.sex, 'snils', c.snils,
        'registryStatus', c.registry_status, 'registeredAt', c.registered_at, 'mergedIntoId', c.merged_into_id,
        'municipality', json_build_object('oktmo', m.oktmo, 'name', m.name)
      ) as child,
      ${json(sql`
        select json_agg(json_build_object(
          'id', cc.id, 'code', cc.code, 'source', cc.source, 'evidenceDocument', cc.evidence_document,
          'evidenceDate', cc.evidence_date, 'validFrom', cc.valid_from, 'validTo', cc.valid_to
        ) order by cc.valid_from, cc.id)
        from social.child_criterion cc where cc.child_id = c.id`)} as criteria,
      (
        select json_build_object(
          'id', f.id, 'address', f.address,
          'municipality', json_build_object('oktmo', fm.oktmo, 'name', fm.name),
          'members', ${json(sql`
            select json_agg(json_build_object(
              'id', p.id, 'lastName', p.last_name, 'firstName', p.first_name, 'patronymic', p.patronymic,
              'kinship', p.kinship, 'birthDate', p.birth_date, 'leftOn', p.left_on,
              'contacts', ${json(sql`
                select json_agg(json_build_object('id', k.id, 'kind', k.kind, 'value', k.value)
                  order by k.kind desc, k.value)
                from social.member_contact k where k.member_id = p.id`)}
            ) order by p.birth_date nulls last, p.id)
            from social.family_member p where p.family_id = f.id`)},
          'legalRepresentatives', ${json(sql`
            select json_agg(json_build_object(
              'id', r.id, 'lastName', p.last_name, 'firstName', p.first_name, 'patronymic', p.patronymic,
              'relation', r.relation, 'documentBasis', r.document_basis, 'validFrom', r.valid_from, 'validTo', r.valid_to
            ) order by r.valid_from desc, r.id)
            from social.legal_representative r join social.family_member p on p.id = r.member_id
            where p.family_id = f.id`)},
          'contacts', ${json(sql`
            select json_agg(json_build_object(
              'id', k.id, 'kind', k.kind, 'value', k.value, 'member', json_build_object('id', p.id)
            ) order by p.birth_date nulls last, p.id, k.kind desc, k.value)
            from social.member_contact k join social.family_member p on p.id = k.member_id
            where p.family_id = f.id`)},
          'situations', ${json(sql`
            select json_agg(json_build_object(
              'id', s.id, 'kind', s.kind, 'decisionNumber', s.decision_number, 'decidedOn', s.decided_on,
              'endedOn', s.ended_on
            ) order by s.decided_on desc, s.id)
            from social.family_situation s where s.family_id = f.id`)}
        )
        from social.family f join social.municipality fm on fm.oktmo = f.municipality_oktmo
        where f.id = c.family_id
      ) as family,
      ${json(sql`
        select json_agg(json_build_object(
          'id', k.id, 'purpose', k.purpose, 'recipientSide', k.recipient_side,
          'recipientProvider', case when rp.id is null then null else ${providerRef('rp')} end,
          'scopes', k.scopes, 'document', k.document, 'givenAt', k.given_at, 'revokedAt', k.revoked_at,
          'revocationNote', k.revocation_note,
          'inForce', k.given_at <= now() and (k.revoked_at is null or k.revoked_at > now()),
          'representative', json_build_object(
            'id', r.id, 'lastName', p.last_name, 'firstName', p.first_name, 'patronymic', p.patronymic
          )
        ) order by k.given_at desc, k.id)
        from social.consent k
        join social.legal_representative r on r.id = k.representative_id
        join social.family_member p on p.id = r.member_id
        left join social.provider rp on rp.id = k.recipient_provider_id
        where k.child_id = c.id`)} as consents,
      ${json(sql`
        select json_agg(distinct scope)
        from social.consent k, unnest(k.scopes) scope
        where k.child_id in (c.id, c.merged_into_id) and k.purpose = 'EARLY_HELP' and k.recipient_side = 'REGIONAL'
          and k.given_at <= now() and (k.revoked_at is null or k.revoked_at > now())`)} as scopes,
      ${json(sql`
        select json_agg(json_build_object(
          'fromStatus', h.from_status, 'toStatus', h.to_status, 'changedAt', h.changed_at, 'reason', h.reason
        ) order by h.changed_at, h.id)
        from social.registry_status_change h where h.child_id = c.id`)} as "statusHistory",
      ${json(sql`
        select json_agg(json_build_object(
          'id', r.id, 'fromSide', r.from_side, 'fromOrganisation', r.from_organisation, 'reason', r.reason,
          'receivedOn', r.received_on, 'status', r.status, 'decidedOn', r.decided_on,
          'rejectionReason', r.rejection_reason, 'rejectionNote', r.rejection_note,
          'needDeterminedOn', r.need_determined_on, 'needOutcome', r.need_outcome, 'needNote', r.need_note,
          'programmeSignedOn', r.programme_signed_on, 'provider', ${providerRef('rp')},
          'pauses', ${json(sql`
            select json_agg(json_build_object(
              'id', q.id, 'reason', q.reason, 'note', q.note, 'startedOn', q.started_on, 'endedOn', q.ended_on
            ) order by q.started_on, q.id)
            from social.referral_pause q where q.referral_id = r.id`)}
        ) order by r.received_on desc, r.id)
        from social.referral r join social.provider rp on rp.id = r.provider_id
        where r.child_id = c.id`)} as referrals,
      ${json(sql`
        select json_agg(json_build_object(
          'id', g.id, 'version', g.version, 'status', g.status, 'signedOn', g.signed_on, 'closedOn', g.closed_on,
          'exitReason', g.exit_reason, 'leadSpecialistRole', g.lead_specialist_role, 'provider', ${providerRef('gp')},
          'lead', (
            select json_build_object('subject', l.subject, 'name', m.name, 'since', l.assigned_at)
            from social.programme a
            join social.programme_lead l on l.programme_id = a.id
            join social.staff_member m on m.subject = l.subject
            where a.child_id = g.child_id and a.provider_id = g.provider_id and l.ended_at is null
            order by l.assigned_at, l.id
            limit 1
          ),
          'signedBy', (
            select json_build_object(
              'id', sr.id, 'lastName', sm.last_name, 'firstName', sm.first_name, 'patronymic', sm.patronymic
            )
            from social.legal_representative sr join social.family_member sm on sm.id = sr.member_id
            where sr.id = g.signed_by_representative_id
          ),
          'goals', ${json(sql`
            select json_agg(json_build_object(
              'id', o.id, 'icfCode', o.icf_code, 'baselineQualifier', o.baseline_qualifier,
              'targetQualifier', o.target_qualifier, 'description', o.description
            ) order by o.position)
            from social.programme_goal o where o.programme_id = g.id`)},
          'services', ${json(sql`
            select json_agg(json_build_object(
              'id', s.id, 'serviceType', json_build_object('code', t.code, 'name', t.name),
              'sessionsPerMonth', s.sessions_per_month, 'durationMinutes', s.duration_minutes, 'mode', s.mode,
              'responsibleSide', s.responsible_side, 'provider', ${providerRef('sp')}
            ) order by s.position)
            from social.programme_service s
            join ${serviceEdition('t', 's.service_code')} on true
            join social.provider sp on sp.id = s.provider_id
            where s.programme_id = g.id`)},
          'reviews', ${json(sql`
            select json_agg(json_build_object(
              'id', v.id, 'kind', v.kind, 'reviewedOn', v.reviewed_on, 'note', v.note,
              'ratings', ${json(sql`
                select json_agg(json_build_object('icfCode', a.icf_code, 'qualifier', a.qualifier) order by a.position)
                from social.programme_review_rating a where a.review_id = v.id`)}
            ) order by v.reviewed_on, v.id)
            from social.programme_review v where v.programme_id = g.id`)}
        ) order by g.version desc)
        from social.programme g join social.provider gp on gp.id = g.provider_id
        where g.child_id = c.id`)} as programmes,
      ${json(sql`
        select json_agg(json_build_object(
          'id', x.id, 'deliveredOn', x.delivered_on, 'durationMinutes', x.duration_minutes, 'mode', x.mode,
          'specialistRole', x.specialist_role, 'specialist', ${specialistOf('sx')}, 'attended', x.attended,
          'cancellationReason', x.cancellation_reason,
          'programmeService', json_build_object(
            'id', s.id, 'serviceType', json_build_object('code', t.code, 'name', t.name), 'provider', ${providerRef('sp')}
          )
        ) order by x.delivered_on desc, x.id)
        from social.social_session x
        join social.programme_service s on s.id = x.programme_service_id
        join social.programme g on g.id = s.programme_id
        join ${serviceEdition('t', 's.service_code')} on true
        join social.provider sp on sp.id = s.provider_id
        left join social.specialist sx on sx.id = x.specialist_id
        where g.child_id = c.id`)} as "socialSessions",
      ${json(sql`
        select json_agg(json_build_object('code', d.code, 'days', d.days, 'dayKind', d.day_kind))
        from social.deadline_clock d`)} as "clockSettings",
      ${json(sql`select json_agg(w.day) from social.non_working_day w`)} as "nonWorkingDays",
      ${json(sql`select json_agg(w.day) from social.working_calendar_day w where w.kind = 'WORKING_WEEKEND'`)}
        as "workingWeekends"
    from social.child c join social.municipality m on m.oktmo = c.municipality_oktmo
    where c.id = ${id}
  `.execute(db)
}

const programmeServiceOf = (alias: string, typeAlias: string) =>
  sql.raw(
    `case when ${alias}.id is null then null else json_build_object('id', ${alias}.id, 'serviceType', json_build_object('code', ${typeAlias}.code, 'name', ${typeAlias}.name)) end`,
  )

/** Health's part (only asked for when the family's consent opens it), joined to social's catalogue in place. */
function healthPart(db: Kysely<unknown>, id: string) {
  return sql<NonNullable<Card['health']>>`
    select
      (
        select json_build_object('group', a.health_group, 'assessedOn', a.assessed_on)
        from health.health_group_assessment a where a.child_id = ${id}
        order by a.assessed_on desc, a.id desc limit 1
      ) as "healthGroup",
      ${json(sql`
        select json_agg(json_build_object(
          'id', e.id, 'kind', e.kind, 'result', e.result, 'occurredOn', e.occurred_on, 'organisation', e.organisation
        ) order by e.occurred_on desc, e.id)
        from health.detection_event e where e.child_id = ${id}`)} as "detectionEvents",
      ${json(sql`
        select json_agg(json_build_object(
          'id', d.id, 'icd10', d.icd10_code, 'name', i.name, 'diagnosedOn', d.diagnosed_on, 'primary', d.is_primary
        ) order by d.is_primary desc, d.diagnosed_on, d.id)
        from health.diagnosis d join health.icd10_code i on i.code = d.icd10_code where d.child_id = ${id}`)} as diagnoses,
      ${json(sql`
        select json_agg(json_build_object('id', f.id, 'kind', f.kind, 'notedOn', f.noted_on, 'details', f.details)
          order by f.noted_on, f.id)
        from health.risk_factor f where f.child_id = ${id}`)} as "riskFactors",
      ${json(sql`
        select json_agg(json_build_object(
          'id', o.id, 'icd10', o.icd10_code, 'name', i.name, 'specialty', o.specialty, 'startedOn', o.started_on,
          'endedOn', o.ended_on, 'endReason', o.end_reason
        ) order by o.started_on desc, o.id)
        from health.dispensary_observation o join health.icd10_code i on i.code = o.icd10_code
        where o.child_id = ${id}`)} as "dispensaryObservations",
      ${json(sql`
        select json_agg(json_build_object(
          'id', p.id, 'organisation', p.organisation, 'goal', p.goal, 'startedOn', p.started_on, 'endedOn', p.ended_on,
          'sessions', ${json(sql`
            select json_agg(json_build_object(
              'id', x.id, 'heldOn', x.held_on, 'durationMinutes', x.duration_minutes, 'mode', x.mode,
              'specialistRole', x.specialist_role, 'specialist', ${specialistOf('sx')}, 'attended', x.attended,
              'cancellationReason', x.cancellation_reason, 'programmeService', ${programmeServiceOf('s', 't')}
            ) order by x.held_on, x.id)
            from health.rehabilitation_session x
            left join health.specialist sx on sx.id = x.specialist_id
            left join social.programme_service s on s.id = x.programme_service_id
            left join ${serviceEdition('t', 's.service_code')} on true
            where x.episode_id = p.id`)}
        ) order by p.started_on desc, p.id)
        from health.rehabilitation_episode p where p.child_id = ${id}`)} as "rehabilitationEpisodes"
  `.execute(db)
}

/**
 * A child's sessions of education or ngo: what both record alike (the specialist from the side's own register, the
 * service and the ИПРП item from social's catalogue), with the side's own fields and joins.
 */
function sideSessions(side: 'education' | 'ngo', fields: RawBuilder<unknown>, joins: RawBuilder<unknown>, id: string) {
  return json(sql`
    select json_agg(json_build_object(
      'id', x.id, 'deliveredOn', x.delivered_on, 'durationMinutes', x.duration_minutes, 'mode', x.mode,
      'specialistRole', x.specialist_role, 'specialist', ${specialistOf('sx')}, 'attended', x.attended,
      'cancellationReason', x.cancellation_reason, 'service', json_build_object('code', st.code, 'name', st.name),
      'programmeService', ${programmeServiceOf('s', 't')}, ${fields}
    ) order by x.delivered_on desc, x.id)
    from ${sql.table(`${side}.${side}_session`)} x
    ${joins}
    join ${serviceEdition('st', 'x.service_code')} on true
    left join ${sql.table(`${side}.specialist`)} sx on sx.id = x.specialist_id
    left join social.programme_service s on s.id = x.programme_service_id
    left join ${serviceEdition('t', 's.service_code')} on true
    where x.child_id = ${id}`)
}

/** Education's part; ПМПК conclusions only when the family's consent opens them. */
function educationPart(db: Kysely<unknown>, id: string, pmpk: boolean) {
  return sql<Omit<NonNullable<Card['education']>, 'transition'>>`
    select
      ${
        pmpk
          ? json(sql`
        select json_agg(json_build_object(
          'id', k.id, 'number', k.number, 'commission', k.commission, 'concludedOn', k.concluded_on,
          'needsSpecialConditions', k.needs_special_conditions, 'recommendedProgramme', k.recommended_programme,
          'recommendedConditions', k.recommended_conditions
        ) order by k.concluded_on desc, k.id)
        from education.pmpk_conclusion k where k.child_id = ${id}`)
          : sql`null`
      } as "pmpkConclusions",
      ${json(sql`
        select json_agg(json_build_object(
          'id', a.id, 'appliedOn', a.applied_on, 'desiredStartOn', a.desired_start_on, 'status', a.status,
          'enrolledOn', a.enrolled_on, 'groupType', a.group_type, 'withdrawalReason', a.withdrawal_reason,
          'kindergarten', case when g.id is null then null else json_build_object(
            'id', g.id, 'name', g.name, 'municipality', json_build_object('oktmo', m.oktmo, 'name', m.name)
          ) end
        ) order by a.applied_on desc, a.id)
        from education.preschool_application a
        left join education.kindergarten g on g.id = a.kindergarten_id
        left join social.municipality m on m.oktmo = g.municipality_oktmo
        where a.child_id = ${id}`)} as "preschoolApplications",
${sideSessions(
  'education',
  sql`'unit', json_build_object('id', u.id, 'name', u.title, 'kind', u.kind)`,
  sql`join education.early_help_unit u on u.id = x.unit_id`,
  id,
)} as sessions
  `.execute(db)
}

/** Ngo's part: the child's sessions and its family's parent groups, with social's names joined in place. */
function ngoPart(db: Kysely<unknown>, id: string, familyId: string | null) {
  return sql<NonNullable<Card['ngo']>>`
    select
      ${sideSessions(
        'ngo',
        sql`'provider', ${providerRef('xp')}`,
        sql`join social.provider xp on xp.id = x.provider_id`,
        id,
      )} as sessions,
      ${json(sql`
        select json_agg(json_build_object(
          'id', q.id, 'joinedOn', q.joined_on, 'leftOn', q.left_on,
          'group', json_build_object('id', g.id, 'name', g.name, 'format', g.format, 'provider', ${providerRef('gp')})
        ) order by q.joined_on desc, q.id)
        from ngo.parent_group_participation q
        join ngo.parent_group g on g.id = q.parent_group_id
        join social.provider gp on gp.id = g.provider_id
        where q.family_id = ${familyId}`)} as "parentGroupParticipations"
  `.execute(db)
}

/** JSON renders timestamps in the server's offset; the hub's DateTime scalar sends ISO 8601 in UTC. */
const moment = (value: Date | string) => new Date(value).toISOString()
const momentOrNull = (value: Date | string | null) => (value === null ? null : moment(value))

function person<T extends Person>({ lastName, firstName, patronymic, ...rest }: T) {
  return { ...rest, fullName: fullName({ lastName, firstName, patronymic }) }
}

/**
 * The `data` of `ChildCard` as the regional coordinator of social gets it from the hub: social's part in one
 * statement, then health (only with the family's consent), education and ngo in one statement each, run together.
 * Derived fields come from the subgraphs' own code. Where the hub answers null with a FORBIDDEN error, this is null.
 */
export async function childCard(db: Kysely<unknown>, id: string): Promise<ChildCardQuery> {
  // Social's loaders answer a malformed id as a child that does not exist.
  if (!isUuid(id)) return { child: null }
  const social = (await socialPart(db, id)).rows[0]
  if (!social) return { child: null }
  const { child, family } = social
  const scopes = new Set(social.scopes)
  const [health, education, ngo] = await Promise.all([
    scopes.has('HEALTH') ? healthPart(db, id).then((result) => result.rows[0] ?? null) : null,
    educationPart(db, id, scopes.has('PMPK')).then((result) => result.rows[0] ?? null),
    ngoPart(db, id, child.familyId).then((result) => result.rows[0] ?? null),
  ])
  const calendar = {
    settings: new Map(social.clockSettings.map((setting) => [setting.code, setting])),
    nonWorkingDays: new Set(social.nonWorkingDays),
    workingWeekends: new Set(social.workingWeekends),
  }
  const day = today()
  const { familyId: _familyId, mergedIntoId, lastName, firstName, patronymic, ...identity } = child
  return {
    child: {
      ...identity,
      fullName: fullName({ lastName, firstName, patronymic }),
      lastName,
      firstName,
      patronymic,
      snils: identity.snils ? formatSnils(identity.snils) : null,
      registeredAt: moment(identity.registeredAt),
      mergedInto: mergedIntoId ? { id: mergedIntoId } : null,
      criteria: social.criteria.map((criterion) => ({
        ...criterion,
        active: inForce(criterion.validFrom, criterion.validTo, day),
      })),
      family: family && {
        ...family,
        inSop: family.situations.some(
          (situation) => situation.kind === 'SOP' && inForce(situation.decidedOn, situation.endedOn, day),
        ),
        members: family.members.filter((member) => member.leftOn === null).map(person),
        legalRepresentatives: family.legalRepresentatives
          .filter((representative) => inForce(representative.validFrom, representative.validTo, day))
          .map(person),
        representationHistory: family.legalRepresentatives.map((representative) => ({
          ...person(representative),
          inForce: inForce(representative.validFrom, representative.validTo, day),
        })),
      },
      consents: social.consents.map((consent) => ({
        ...consent,
        givenAt: moment(consent.givenAt),
        revokedAt: momentOrNull(consent.revokedAt),
        representative: person(consent.representative),
      })),
      statusHistory: social.statusHistory.map((change) => ({ ...change, changedAt: moment(change.changedAt) })),
      referrals: social.referrals.map((referral) => ({
        ...referral,
        clocks: referralClockStates(referral, referral.pauses, calendar, day).map((clock) => ({
          code: clock.code,
          startedOn: clock.startedOn,
          dueOn: clock.dueOn,
          completedOn: clock.completedOn,
          status: clock.status,
        })),
      })),
      programmes: social.programmes.map((programme) => {
        const review = programmeReviewState(programme, programme.reviews, calendar, day)
        const transition = transitionNoticeState(programme, child.birthDate, calendar, day)
        return {
          ...programme,
          signedBy: programme.signedBy && person(programme.signedBy),
          lead: programme.lead && { ...programme.lead, since: moment(programme.lead.since) },
          reviewClock: review && { dueOn: review.dueOn, status: review.status },
          transitionClock: transition && {
            startedOn: transition.startedOn,
            dueOn: transition.dueOn,
            completedOn: transition.completedOn,
            status: transition.status,
          },
        }
      }),
      socialSessions: social.socialSessions,
      health,
      education: education && {
        ...education,
        transition: preschoolTransition(child.birthDate, education.preschoolApplications, {
          transitionAgeMonths: DEFAULT_TRANSITION_AGE_MONTHS,
          today: day,
        }),
      },
      ngo,
    },
  }
}
