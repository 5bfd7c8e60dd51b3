import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, ProgrammeLeadTable } from '../../../db/database.js'

export type ProgrammeLeadRow = Awaited<ReturnType<typeof findLeadHistoryByProgrammeIds>>[number]

/**
 * The assignments that concern each programme: those made on any version of the same child's programme at the same
 * provider, since an assignment holds across versions. Oldest first, keyed by the programme asked about.
 */
export function findLeadHistoryByProgrammeIds(db: Kysely<DB>, programmeIds: readonly string[]) {
  return db
    .selectFrom('programme')
    .innerJoin('programme as assigned', (join) =>
      join
        .onRef('assigned.child_id', '=', 'programme.child_id')
        .onRef('assigned.provider_id', '=', 'programme.provider_id'),
    )
    .innerJoin('programme_lead', 'programme_lead.programme_id', 'assigned.id')
    .innerJoin('staff_member', 'staff_member.subject', 'programme_lead.subject')
    .select(['programme.id as programmeId', ...columns.programmeLead])
    .where('programme.id', '=', anyUuid(programmeIds))
    .orderBy('programme_lead.assigned_at')
    .orderBy('programme_lead.id')
    .execute()
}

/** Locks every version of a child's programme at a provider, so that two assignments to it take turns. */
export function lockProgrammeLineage(trx: Transaction<DB>, childId: string, providerId: string) {
  return trx
    .selectFrom('programme')
    .select('programme.id')
    .where('programme.child_id', '=', childId)
    .where('programme.provider_id', '=', providerId)
    .orderBy('programme.version')
    .forUpdate()
    .execute()
}

export function endProgrammeLead(trx: Transaction<DB>, id: string) {
  return trx
    .updateTable('programme_lead')
    .set({ ended_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute()
}

export function insertProgrammeLead(trx: Transaction<DB>, row: Insertable<ProgrammeLeadTable>) {
  return trx.insertInto('programme_lead').values(row).returning('programme_lead.id').executeTakeFirstOrThrow()
}

/** Open work on a child whose programme a lead specialist leads: the programme's state, and its open referrals. */
export interface CaseloadRow {
  subject: string
  name: string
  providerId: string
  childId: string
  /** The signature of the version in force, if one is. */
  signedOn: string | null
  /** The latest review of the version in force. */
  lastReviewedOn: string | null
  /** The newest version is a draft nobody has signed. */
  draftAwaitingSignature: boolean
  referrals: {
    status: string
    receivedOn: string
    needDeterminedOn: string | null
    needOutcome: string | null
    programmeSignedOn: string | null
    pauses: { startedOn: string; endedOn: string | null }[]
  }[]
}

/**
 * One row per lead specialist and child they lead at a provider (of one provider, when named), in one statement:
 * what the caseload counts are computed from. Merged records and closed programmes carry no work.
 */
export async function listCaseloadRows(db: Kysely<DB>, providerId: string | null) {
  const { rows } = await sql<CaseloadRow>`
    with lead as (
      select distinct programme_lead.subject, staff_member.name, assigned.child_id, assigned.provider_id
      from programme_lead
      join programme assigned on assigned.id = programme_lead.programme_id
      join staff_member on staff_member.subject = programme_lead.subject
      join child on child.id = assigned.child_id and child.merged_into_id is null
      where programme_lead.ended_at is null
        and (${providerId}::uuid is null or assigned.provider_id = ${providerId}::uuid)
    )
    select
      lead.subject,
      lead.name,
      lead.provider_id as "providerId",
      lead.child_id as "childId",
      in_force.signed_on::text as "signedOn",
      (select max(programme_review.reviewed_on)::text from programme_review
        where programme_review.programme_id = in_force.id) as "lastReviewedOn",
      coalesce(newest.status = 'DRAFT', false) as "draftAwaitingSignature",
      coalesce((
        select json_agg(json_build_object(
          'status', referral.status,
          'receivedOn', referral.received_on::text,
          'needDeterminedOn', referral.need_determined_on::text,
          'needOutcome', referral.need_outcome,
          'programmeSignedOn', referral.programme_signed_on::text,
          'pauses', coalesce((
            select json_agg(json_build_object('startedOn', referral_pause.started_on::text,
                                              'endedOn', referral_pause.ended_on::text))
            from referral_pause where referral_pause.referral_id = referral.id), '[]'::json)
        ))
        from referral
        where referral.child_id = lead.child_id and referral.provider_id = lead.provider_id
          and referral.status <> 'REJECTED'
          and (referral.need_determined_on is null
               or (referral.need_outcome = 'IN_NEED' and referral.programme_signed_on is null))
      ), '[]'::json) as "referrals"
    from lead
    left join programme in_force
      on in_force.child_id = lead.child_id and in_force.provider_id = lead.provider_id and in_force.status = 'SIGNED'
    left join lateral (
      select programme.status from programme
      where programme.child_id = lead.child_id and programme.provider_id = lead.provider_id
      order by programme.version desc limit 1
    ) newest on true
    order by lead.name, lead.subject, lead.provider_id, lead.child_id`.execute(db)
  return rows
}

/**
 * The programmes a member of staff leads now: of each child they lead at a provider, the newest version while it is
 * signed or a draft (a closed programme needs no lead). Children in the order their programmes were created.
 */
export function listProgrammesLedBy(db: Kysely<DB>, subject: string) {
  return db
    .selectFrom('programme_lead')
    .innerJoin('programme as assigned', 'assigned.id', 'programme_lead.programme_id')
    .innerJoin('programme', (join) =>
      join
        .onRef('programme.child_id', '=', 'assigned.child_id')
        .onRef('programme.provider_id', '=', 'assigned.provider_id'),
    )
    .innerJoin('child', 'child.id', 'programme.child_id')
    .select(columns.programme)
    .where('programme_lead.subject', '=', subject)
    .where('programme_lead.ended_at', 'is', null)
    .where('child.merged_into_id', 'is', null)
    .where('programme.status', 'in', ['SIGNED', 'DRAFT'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('programme as later')
            .select(sql.lit(1).as('one'))
            .whereRef('later.child_id', '=', 'programme.child_id')
            .whereRef('later.provider_id', '=', 'programme.provider_id')
            .whereRef('later.version', '>', 'programme.version'),
        ),
      ),
    )
    .orderBy('programme.created_at')
    .orderBy('programme.id')
    .execute()
}
