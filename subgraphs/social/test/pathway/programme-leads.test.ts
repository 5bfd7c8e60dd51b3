import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DB } from '../../src/db/database.js'
import type { TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  consentForEveryChild,
  insertChild,
  insertProgramme,
  insertProgrammeReview,
  insertProvider,
  insertReferral,
} from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedWithoutWriting, expectRejected } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const WHO_AM_I = /* GraphQL */ `
  query {
    serviceTypes {
      code
    }
  }
`
const STAFF = /* GraphQL */ `
  query ($provider: ID!) {
    staffMembers(provider: $provider) {
      subject
      name
      organisation {
        id
      }
    }
  }
`
const ASSIGN = /* GraphQL */ `
  mutation ($input: AssignProgrammeLeadInput!) {
    assignProgrammeLead(input: $input) {
      id
      lead {
        subject
        name
        since
        until
        assignedBy
        assignedByName
      }
      leadHistory {
        subject
        name
        since
        until
        assignedBy
        assignedByName
      }
    }
  }
`
const CASELOADS = /* GraphQL */ `
  query ($provider: ID) {
    caseloads(provider: $provider) {
      lead {
        subject
        name
      }
      provider {
        id
      }
      children
      openItems
      overdueItems
      draftsAwaitingSignature
      openReferrals
      overdueReviews
      overdueReferrals
    }
  }
`
const MY_CASELOAD = /* GraphQL */ `
  query {
    myCaseload {
      id
      status
      child {
        id
      }
    }
  }
`
const QUEUES = /* GraphQL */ `
  query ($provider: ID) {
    overdueProgrammeReviews(provider: $provider) {
      id
    }
    openReferrals(provider: $provider, clockStatus: OVERDUE) {
      id
    }
  }
`

interface Lead {
  subject: string
  name: string
  since: string
  until: string | null
  assignedBy: string
  assignedByName: string | null
}
interface Caseload {
  lead: { subject: string; name: string }
  provider: { id: string }
  children: number
  openItems: number
  overdueItems: number
  draftsAwaitingSignature: number
  openReferrals: number
  overdueReviews: number
  overdueReferrals: number
}

describe.each(backends)('the lead specialist of a programme and caseloads (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let ngo: { id: string }
  let centre: { id: string }
  let regional: TestViewer
  let ngoCoordinator: TestViewer
  let ivanova: TestViewer
  let petrov: TestViewer
  let socialSpecialist: TestViewer
  let signed: string
  let draft: string
  let closed: string
  let centreProgramme: string
  const children: string[] = []

  /** A caller's first request records them in the directory, outside the request: waits until it has. */
  async function signIn(viewer: TestViewer) {
    const answer = await social.query(WHO_AM_I, {}, viewer)
    expect(answer.errors).toBeUndefined()
    await vi.waitFor(async () => {
      const row = await social.db
        .selectFrom('staff_member')
        .select('name')
        .where('subject', '=', viewer.subject!)
        .executeTakeFirst()
      expect(row?.name).toBe(viewer.name)
    })
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    ngo = await insertProvider(social.db)
    centre = await insertProvider(social.db, { side: 'SOCIAL', name: 'КЦСОН «Тестовый»' })
    regional = { side: 'regional', role: 'coordinator', subject: 'orlova', name: 'Орлова Марина Сергеевна' }
    ngoCoordinator = {
      side: 'ngo',
      role: 'coordinator',
      org: ngo.id,
      subject: 'sidorova',
      name: 'Сидорова Анна Ильинична',
    }
    ivanova = { side: 'ngo', role: 'specialist', org: ngo.id, subject: 'ivanova', name: 'Иванова Елена Петровна' }
    petrov = { side: 'ngo', role: 'specialist', org: ngo.id, subject: 'petrov', name: 'Петров Олег Андреевич' }
    socialSpecialist = { side: 'social', role: 'specialist', subject: 'kuznetsova', name: 'Кузнецова Ольга Викторовна' }

    // At the NGO: a programme in force with its review overdue, a draft on a referral past its clock, a closed one.
    for (let i = 0; i < 3; i++) children.push((await insertChild(social.db)).id)
    signed = (await insertProgramme(social.db, children[0]!, ngo.id, { signed_on: daysFromToday(-200) })).programme.id
    draft = (await insertProgramme(social.db, children[1]!, ngo.id, { status: 'DRAFT', signed_on: null }, [{}]))
      .programme.id
    closed = (
      await insertProgramme(social.db, children[2]!, ngo.id, {
        status: 'CLOSED',
        closed_on: daysFromToday(-10),
        exit_reason: 'GOALS_ACHIEVED',
      })
    ).programme.id
    // The child in force was reviewed once, long ago: the review is still overdue.
    await insertProgrammeReview(social.db, signed, [], { reviewed_on: daysFromToday(-190) })
    // A second referral of the child in force, to the same NGO, not yet decided: open, its clock still running.
    await insertReferral(social.db, children[0]!, ngo.id, { received_on: daysFromToday(-1) })
    // The NGO sees these children's records with their families' consent for it.
    await consentForEveryChild(social.db, { recipient_side: null, recipient_provider_id: ngo.id })
    const centreChild = await insertChild(social.db)
    centreProgramme = (await insertProgramme(social.db, centreChild.id, centre.id)).programme.id
  })

  afterAll(async () => {
    await social?.stop()
  })

  it('records a member of staff with the name their token carries, once, and not a caller without a name or an analyst', async () => {
    await signIn(ivanova)
    const [first] = await social.db.selectFrom('staff_member').selectAll().where('subject', '=', 'ivanova').execute()
    expect(first).toMatchObject({ name: 'Иванова Елена Петровна', side: 'ngo', organisation: ngo.id })
    const writesBefore = social.statements.filter((s) => s.includes('insert into "staff_member"')).length
    await social.query(WHO_AM_I, {}, ivanova)
    await social.query(WHO_AM_I, {}, ivanova)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(social.statements.filter((s) => s.includes('insert into "staff_member"')).length).toBe(writesBefore)
    const rows = await social.db.selectFrom('staff_member').selectAll().where('subject', '=', 'ivanova').execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.first_seen_at).toEqual(first!.first_seen_at)

    await social.query(WHO_AM_I, {}, { side: 'ngo', role: 'specialist', org: ngo.id, subject: 'nameless' })
    await social.query(WHO_AM_I, {}, { side: 'regional', role: 'analyst', subject: 'counter', name: 'Зайцев Денис' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const others = await social.db
      .selectFrom('staff_member')
      .select('subject')
      .where('subject', 'in', ['nameless', 'counter'])
      .execute()
    expect(others).toEqual([])
  })

  it('takes a new name from the token of a member of staff already recorded', async () => {
    await signIn({ ...ivanova, name: 'Иванова-Смирнова Елена Петровна' })
    await signIn(ivanova)
  })

  it('lists who may lead a provider’s programmes by name: its own staff, and social’s for a state provider', async () => {
    for (const viewer of [regional, ngoCoordinator, petrov, socialSpecialist]) await signIn(viewer)
    const atNgo = await social.query<{ staffMembers: { subject: string; name: string }[] }>(
      STAFF,
      { provider: ngo.id },
      regional,
    )
    expect(atNgo.errors).toBeUndefined()
    expect(atNgo.data?.staffMembers.map((staff) => staff.name)).toEqual([
      'Иванова Елена Петровна',
      'Петров Олег Андреевич',
      'Сидорова Анна Ильинична',
    ])
    const atCentre = await social.query<{ staffMembers: { subject: string }[] }>(
      STAFF,
      { provider: centre.id },
      regional,
    )
    expect(atCentre.data?.staffMembers.map((staff) => staff.subject)).toEqual(['kuznetsova', 'orlova'])
    const own = await social.query<{ staffMembers: unknown[] }>(STAFF, { provider: ngo.id }, petrov)
    expect(own.data?.staffMembers).toHaveLength(3)
  })

  it('shows a provider’s staff to nobody else', async () => {
    const elsewhere = await social.query(STAFF, { provider: centre.id }, ngoCoordinator)
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'provider' })
    const analyst = await social.query(STAFF, { provider: ngo.id }, { side: 'regional', role: 'analyst' })
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('assigns a lead specialist, and re-assigns keeping who led the programme from when and who assigned them', async () => {
    const first = await social.query<{ assignProgrammeLead: { lead: Lead; leadHistory: Lead[] } }>(
      ASSIGN,
      { input: { programmeId: signed, subject: 'ivanova' } },
      regional,
    )
    expect(first.errors).toBeUndefined()
    expect(first.data?.assignProgrammeLead.lead).toMatchObject({
      subject: 'ivanova',
      name: 'Иванова Елена Петровна',
      until: null,
      assignedBy: 'orlova',
      assignedByName: 'Орлова Марина Сергеевна',
    })
    const second = await social.query<{ assignProgrammeLead: { lead: Lead; leadHistory: Lead[] } }>(
      ASSIGN,
      { input: { programmeId: signed, subject: 'petrov' } },
      ngoCoordinator,
    )
    expect(second.errors).toBeUndefined()
    const { lead, leadHistory } = second.data!.assignProgrammeLead
    expect(lead).toMatchObject({ subject: 'petrov', assignedBy: 'sidorova', until: null })
    expect(leadHistory.map((entry) => [entry.subject, entry.assignedBy])).toEqual([
      ['ivanova', 'orlova'],
      ['petrov', 'sidorova'],
    ])
    expect(leadHistory[0]!.until).toBe(lead.since)
    expect(Date.parse(leadHistory[0]!.since)).toBeLessThanOrEqual(Date.parse(lead.since))
    // The draft is led by Ivanova.
    const third = await social.query(ASSIGN, { input: { programmeId: draft, subject: 'ivanova' } }, ngoCoordinator)
    expect(third.errors).toBeUndefined()
  })

  it('carries the lead over to a newer version of the child’s programme at the same provider', async () => {
    const [version] = await social.db
      .insertInto('programme')
      .values({
        child_id: children[1]!,
        referral_id: (await social.db
          .selectFrom('programme')
          .select('referral_id')
          .where('id', '=', draft)
          .executeTakeFirstOrThrow())!.referral_id,
        provider_id: ngo.id,
        version: 2,
        status: 'DRAFT',
      })
      .returning('id')
      .execute()
    const answer = await social.query<{ myCaseload: { id: string }[] }>(MY_CASELOAD, {}, ivanova)
    expect(answer.data?.myCaseload.map((programme) => programme.id)).toEqual([version!.id])
    const history = await social.query<{ assignProgrammeLead: { lead: Lead } }>(
      ASSIGN,
      { input: { programmeId: version!.id, subject: 'ivanova' } },
      regional,
    )
    expect(history.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.subject' })
    // Back as it was, for the tests that follow.
    await social.db.deleteFrom('programme').where('id', '=', version!.id).execute()
  })

  it('refuses an assignment naming the field and the rule, and writes nothing', async () => {
    const cases: [TestViewer, { programmeId: string; subject: string }, Parameters<typeof expectRejected>[1]][] = [
      [
        ivanova,
        { programmeId: signed, subject: 'ivanova' },
        { code: 'FORBIDDEN', field: 'input.programmeId', rule: 'only a coordinator assigns' },
      ],
      [
        ngoCoordinator,
        { programmeId: centreProgramme, subject: 'kuznetsova' },
        { code: 'FORBIDDEN', field: 'input.programmeId', rule: "another provider's" },
      ],
      [
        regional,
        { programmeId: signed, subject: 'kuznetsova' },
        { code: 'BAD_USER_INPUT', field: 'input.subject', rule: "member of staff of the programme's provider" },
      ],
      [regional, { programmeId: signed, subject: ' ' }, { code: 'BAD_USER_INPUT', field: 'input.subject' }],
      [
        regional,
        { programmeId: signed, subject: 'nobody' },
        { code: 'NOT_FOUND', field: 'input.subject', rule: 'has signed in' },
      ],
      [
        regional,
        { programmeId: signed, subject: 'petrov' },
        { code: 'CONFLICT', field: 'input.subject', rule: 'already' },
      ],
      [
        regional,
        { programmeId: closed, subject: 'petrov' },
        { code: 'CONFLICT', field: 'input.programmeId', rule: 'no longer in force' },
      ],
    ]
    for (const [viewer, input, refusal] of cases) {
      await expectRefusedWithoutWriting(social.db, () => social.query(ASSIGN, { input }, viewer), refusal)
    }
    expectRejected(await social.query(ASSIGN, { input: { programmeId: 'x', subject: 'petrov' } }, regional), {
      code: 'BAD_USER_INPUT',
      field: 'input.programmeId',
    })
    const refused = await social.query(ASSIGN, { input: { programmeId: signed, subject: 'ivanova' } }, ivanova)
    expect(refused.errors?.[0]?.extensions?.rule).toBe('LEAD_ASSIGNER')
  })

  it('a state provider’s programme may be led by social’s own staff', async () => {
    const answer = await social.query<{ assignProgrammeLead: { lead: Lead } }>(
      ASSIGN,
      { input: { programmeId: centreProgramme, subject: 'kuznetsova' } },
      regional,
    )
    expect(answer.errors).toBeUndefined()
    expect(answer.data?.assignProgrammeLead.lead.name).toBe('Кузнецова Ольга Викторовна')
  })

  it('counts each lead’s children, open and overdue items in one statement, as the work queues count them', async () => {
    social.statements.length = 0
    const answer = await social.query<{ caseloads: Caseload[] }>(CASELOADS, { provider: ngo.id }, regional)
    expect(answer.errors).toBeUndefined()
    expect(social.statements.filter((statement) => statement.includes('programme_lead'))).toHaveLength(1)
    const byLead = Object.fromEntries(answer.data!.caseloads.map((caseload) => [caseload.lead.subject, caseload]))
    expect(Object.keys(byLead).sort()).toEqual(['ivanova', 'petrov'])
    expect(byLead.petrov).toMatchObject({
      children: 1,
      draftsAwaitingSignature: 0,
      openReferrals: 1,
      openItems: 1,
      overdueReviews: 1,
      overdueReferrals: 0,
      overdueItems: 1,
    })
    expect(byLead.ivanova).toMatchObject({ children: 0, draftsAwaitingSignature: 1, openReferrals: 1, openItems: 2 })
    // The same clocks as the queues: every overdue review and referral of the NGO belongs to one of its leads.
    const queues = await social.query<{ overdueProgrammeReviews: unknown[]; openReferrals: unknown[] }>(
      QUEUES,
      { provider: ngo.id },
      regional,
    )
    const caseloads = answer.data!.caseloads
    expect(caseloads.reduce((sum, c) => sum + c.overdueReviews, 0)).toBe(queues.data!.overdueProgrammeReviews.length)
    expect(caseloads.reduce((sum, c) => sum + c.overdueReferrals, 0)).toBe(queues.data!.openReferrals.length)
    expect(byLead.ivanova!.overdueReferrals).toBe(1)

    const everyProvider = await social.query<{ caseloads: Caseload[] }>(CASELOADS, {}, regional)
    expect(everyProvider.data?.caseloads.map((caseload) => caseload.lead.subject).sort()).toEqual([
      'ivanova',
      'kuznetsova',
      'petrov',
    ])
  })

  it('shows a provider’s coordinator the caseloads of its own organisation only, and no specialist any', async () => {
    const own = await social.query<{ caseloads: Caseload[] }>(CASELOADS, {}, ngoCoordinator)
    expect(own.errors).toBeUndefined()
    expect(own.data?.caseloads.map((caseload) => caseload.provider.id)).toEqual([ngo.id, ngo.id])
    const other = await social.query(CASELOADS, { provider: centre.id }, ngoCoordinator)
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'provider' })
    const specialist = await social.query(CASELOADS, {}, ivanova)
    expect(specialist.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'provider' })
    const analyst = await social.query(CASELOADS, {}, { side: 'regional', role: 'analyst' })
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('gives a specialist the children whose programmes they lead, and audits each child shown', async () => {
    const mine = await social.query<{ myCaseload: { id: string; child: { id: string } }[] }>(MY_CASELOAD, {}, petrov)
    expect(mine.errors).toBeUndefined()
    expect(mine.data?.myCaseload.map((programme) => programme.child.id)).toEqual([children[0]])
    const audit = await social.db
      .selectFrom('access_audit')
      .select('categories')
      .where('subject', '=', 'petrov')
      .where('child_id', '=', children[0]!)
      .execute()
    expect(audit.some((row) => (row.categories as string[]).includes('programme'))).toBe(true)
    const nobody = await social.query<{ myCaseload: unknown[] }>(MY_CASELOAD, {}, regional)
    expect(nobody.data?.myCaseload).toEqual([])
  })
})
