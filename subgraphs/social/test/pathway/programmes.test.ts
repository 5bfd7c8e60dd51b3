import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertChild, insertFamily, insertProvider, insertRepresentative } from '../support/factories.js'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'
import { readFileSync } from 'node:fs'
import { viewers } from '@hub/testing/auth'
import { print } from 'graphql'
import { ReferenceImportReportFieldsFragmentDoc } from '@hub/schema/operations'

const REFER = /* GraphQL */ `
  mutation ($input: ReferChildInput!) {
    referChild(input: $input) {
      id
    }
  }
`
const ACCEPT = /* GraphQL */ `
  mutation ($input: DecideReferralInput!) {
    acceptReferral(input: $input) {
      id
    }
  }
`
const DETERMINE = /* GraphQL */ `
  mutation ($input: RecordNeedDeterminationInput!) {
    recordNeedDetermination(input: $input) {
      id
      needDeterminedOn
      needOutcome
      child {
        registryStatus
      }
      clocks {
        code
        completedOn
        status
      }
    }
  }
`
const DRAFT = /* GraphQL */ `
  mutation ($input: DraftProgrammeInput!) {
    draftProgramme(input: $input) {
      id
      version
      status
    }
  }
`
const SIGN = /* GraphQL */ `
  mutation ($input: SignProgrammeInput!) {
    signProgramme(input: $input) {
      id
      version
      status
      signedOn
      signedBy {
        id
      }
      referral {
        programmeSignedOn
        clocks {
          code
          completedOn
          status
        }
      }
      child {
        registryStatus
      }
    }
  }
`
const IMPORT_REFERENCE = /* GraphQL */ `
  mutation ($input: ReferenceImportInput!) {
    importSocialReference(input: $input) {
      ...ReferenceImportReportFields
    }
  }
  ${print(ReferenceImportReportFieldsFragmentDoc)}
`
const REVIEW = /* GraphQL */ `
  mutation ($input: ReviewProgrammeInput!) {
    reviewProgramme(input: $input) {
      id
      kind
      reviewedOn
      ratings {
        icfCode
        qualifier
      }
    }
  }
`
const EXIT = /* GraphQL */ `
  mutation ($input: ExitProgrammeInput!) {
    exitProgramme(input: $input) {
      id
      status
      closedOn
      exitReason
      child {
        registryStatus
      }
    }
  }
`
const PROGRAMMES = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      registryStatus
      programmes {
        version
        status
        goals {
          icfCode
          baselineQualifier
          targetQualifier
        }
        services {
          serviceType {
            code
          }
          provider {
            id
          }
          mode
          sessionsPerMonth
        }
        reviews {
          kind
          ratings {
            icfCode
            qualifier
          }
        }
      }
      statusHistory {
        toStatus
      }
    }
  }
`

interface Id {
  id: string
}

describe.each(backends)('the individual early-help programme (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let providerId: string

  const goal = { icfCode: 'd310', baselineQualifier: 3, targetQualifier: 1, description: 'Понимает обращённую речь' }
  const service = () => ({
    serviceCode: 'COMMUNICATION_SPEECH',
    sessionsPerMonth: 4,
    durationMinutes: 45,
    mode: 'REMOTE',
    responsibleSide: 'SOCIAL',
    providerId,
  })

  /** A child of a family with a mother, referred through referChild and, by default, accepted. */
  const referred = async (options: { accept?: boolean } = {}) => {
    const family = await insertFamily(social.db)
    const mother = await insertRepresentative(social.db, family.id)
    const child = await insertChild(social.db, { family_id: family.id })
    const refer = await social.query<{ referChild: Id }>(REFER, {
      input: {
        childId: child.id,
        providerId,
        fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
        reason: 'Положительный аудиологический скрининг',
        receivedOn: daysFromToday(-10),
      },
    })
    expect(refer.errors).toBeUndefined()
    const referralId = refer.data!.referChild.id
    if (options.accept !== false) {
      const accepted = await social.query(ACCEPT, { input: { referralId, decidedOn: daysFromToday(-9) } })
      expect(accepted.errors).toBeUndefined()
    }
    return { family, mother, child, referralId }
  }

  const determined = async () => {
    const path = await referred()
    const response = await social.query(DETERMINE, {
      input: { referralId: path.referralId, determinedOn: daysFromToday(-8), outcome: 'IN_NEED' },
    })
    expect(response.errors).toBeUndefined()
    return path
  }

  const draft = async (childId: string, referralId: string, overrides: Record<string, unknown> = {}) =>
    social.query<{ draftProgramme: { id: string; version: number; status: string } }>(DRAFT, {
      input: { childId, referralId, goals: [goal], services: [service()], ...overrides },
    })

  const signed = async () => {
    const path = await determined()
    const drafted = await draft(path.child.id, path.referralId)
    const programmeId = drafted.data!.draftProgramme.id
    const response = await social.query(SIGN, {
      input: { programmeId, representativeId: path.mother.id, signedOn: daysFromToday(-5) },
    })
    expect(response.errors).toBeUndefined()
    return { ...path, programmeId }
  }

  /** Runs a mutation that must be refused and checks that nothing was written. */
  const refused = async (
    mutation: string,
    input: Record<string, unknown>,
    expected: Parameters<typeof expectRejected>[1],
  ) => {
    const before = await snapshot(social.db)
    expectRejected(await social.query(mutation, { input }), expected)
    expect(await snapshot(social.db)).toEqual(before)
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    providerId = (await insertProvider(social.db, { side: 'SOCIAL', moderation_status: 'APPROVED' })).id
  })
  afterAll(() => social?.stop())

  it('takes a child from referral through need determination, a signed programme and a review to completion', async () => {
    const { child, mother, referralId } = await referred()

    const need = await social.query<{ recordNeedDetermination: Record<string, unknown> }>(DETERMINE, {
      input: { referralId, determinedOn: daysFromToday(-8), outcome: 'IN_NEED', note: 'Первичный приём' },
    })
    expect(need.errors).toBeUndefined()
    expect(need.data?.recordNeedDetermination).toMatchObject({
      needDeterminedOn: daysFromToday(-8),
      needOutcome: 'IN_NEED',
      child: { registryStatus: 'IN_NEED' },
      clocks: [
        { code: 'REFERRAL_TO_NEED_DETERMINATION', completedOn: daysFromToday(-8), status: 'MET' },
        { code: 'REFERRAL_TO_PROGRAMME', completedOn: null, status: 'RUNNING' },
      ],
    })

    const drafted = await draft(child.id, referralId, {
      leadSpecialistRole: 'DEFECTOLOGIST',
      goals: [goal, { icfCode: 'b117', baselineQualifier: 2, targetQualifier: 2, description: 'Интеллект' }],
      services: [service(), { ...service(), serviceCode: 'MOBILITY', mode: 'AT_HOME' }],
    })
    expect(drafted.errors).toBeUndefined()
    expect(drafted.data?.draftProgramme).toMatchObject({ version: 1, status: 'DRAFT' })
    const programmeId = drafted.data!.draftProgramme.id

    const sign = await social.query(SIGN, {
      input: { programmeId, representativeId: mother.id, signedOn: daysFromToday(-5) },
    })
    expect(sign.errors).toBeUndefined()
    expect(sign.data?.signProgramme).toMatchObject({
      version: 1,
      status: 'SIGNED',
      signedOn: daysFromToday(-5),
      signedBy: { id: mother.id },
      child: { registryStatus: 'PROGRAMME_ACTIVE' },
      referral: {
        programmeSignedOn: daysFromToday(-5),
        clocks: [
          { code: 'REFERRAL_TO_NEED_DETERMINATION', status: 'MET' },
          { code: 'REFERRAL_TO_PROGRAMME', completedOn: daysFromToday(-5), status: 'MET' },
        ],
      },
    })

    const review = await social.query(REVIEW, {
      input: {
        programmeId,
        kind: 'FINAL',
        reviewedOn: daysFromToday(-1),
        ratings: [{ icfCode: 'd310', qualifier: 1 }],
        note: 'Цель достигнута',
      },
    })
    expect(review.errors).toBeUndefined()
    expect(review.data?.reviewProgramme).toMatchObject({ kind: 'FINAL', ratings: [{ icfCode: 'd310', qualifier: 1 }] })

    const exit = await social.query(EXIT, {
      input: { childId: child.id, exitedOn: daysFromToday(0), reason: 'GOALS_ACHIEVED' },
    })
    expect(exit.errors).toBeUndefined()
    expect(exit.data?.exitProgramme).toEqual({
      id: programmeId,
      status: 'CLOSED',
      closedOn: daysFromToday(0),
      exitReason: 'GOALS_ACHIEVED',
      child: { registryStatus: 'COMPLETED' },
    })

    const read = await social.query<{ child: Record<string, unknown> }>(PROGRAMMES, { id: child.id })
    expect(read.errors).toBeUndefined()
    expect(read.data?.child).toEqual({
      registryStatus: 'COMPLETED',
      programmes: [
        {
          version: 1,
          status: 'CLOSED',
          goals: [
            { icfCode: 'd310', baselineQualifier: 3, targetQualifier: 1 },
            { icfCode: 'b117', baselineQualifier: 2, targetQualifier: 2 },
          ],
          services: [
            {
              serviceType: { code: 'COMMUNICATION_SPEECH' },
              provider: { id: providerId },
              mode: 'REMOTE',
              sessionsPerMonth: 4,
            },
            { serviceType: { code: 'MOBILITY' }, provider: { id: providerId }, mode: 'AT_HOME', sessionsPerMonth: 4 },
          ],
          reviews: [{ kind: 'FINAL', ratings: [{ icfCode: 'd310', qualifier: 1 }] }],
        },
      ],
      // The factory inserts the child without a history row; every step after it is recorded.
      statusHistory: [
        { toStatus: 'REFERRED' },
        { toStatus: 'IN_NEED' },
        { toStatus: 'PROGRAMME_ACTIVE' },
        { toStatus: 'COMPLETED' },
      ],
    })
  })

  it('lists a signed programme whose review is overdue until it is reviewed', async () => {
    const SET_CLOCK = 'mutation ($input: SetDeadlineClockInput!) { setDeadlineClock(input: $input) { days } }'
    const OVERDUE = 'query { overdueProgrammeReviews { id reviewClock { status dueOn } } }'
    const { programmeId } = await signed()
    await social.query(SET_CLOCK, { input: { code: 'PROGRAMME_REVIEW', days: 2, dayKind: 'CALENDAR' } })
    try {
      const overdue = await social.query<{
        overdueProgrammeReviews: { id: string; reviewClock: { status: string; dueOn: string } }[]
      }>(OVERDUE)
      expect(overdue.data?.overdueProgrammeReviews).toContainEqual({
        id: programmeId,
        reviewClock: { status: 'OVERDUE', dueOn: daysFromToday(-3) },
      })
      const review = await social.query(REVIEW, {
        input: {
          programmeId,
          kind: 'INTERMEDIATE',
          reviewedOn: daysFromToday(0),
          ratings: [{ icfCode: 'd310', qualifier: 2 }],
        },
      })
      expect(review.errors).toBeUndefined()
      const after = await social.query<{ overdueProgrammeReviews: { id: string }[] }>(OVERDUE)
      expect(after.data?.overdueProgrammeReviews.map((programme) => programme.id)).not.toContain(programmeId)
    } finally {
      await social.query(SET_CLOCK, { input: { code: 'PROGRAMME_REVIEW', days: 180, dayKind: 'CALENDAR' } })
    }
  })

  it('moves the child to EXITED when the family leaves the programme', async () => {
    const { child } = await signed()
    const exit = await social.query(EXIT, { input: { childId: child.id, exitedOn: daysFromToday(0), reason: 'MOVED' } })
    expect(exit.errors).toBeUndefined()
    expect(exit.data?.exitProgramme).toMatchObject({ status: 'CLOSED', child: { registryStatus: 'EXITED' } })
  })

  it('supersedes the signed version when a re-drafted version 2 is signed, keeping the first signature date', async () => {
    const { child, mother, referralId, programmeId } = await signed()
    const second = await draft(child.id, referralId, { goals: [{ ...goal, targetQualifier: 0 }] })
    expect(second.errors).toBeUndefined()
    expect(second.data?.draftProgramme).toMatchObject({ version: 2, status: 'DRAFT' })

    const sign = await social.query(SIGN, {
      input: { programmeId: second.data!.draftProgramme.id, representativeId: mother.id, signedOn: daysFromToday(-1) },
    })
    expect(sign.errors).toBeUndefined()
    expect(sign.data?.signProgramme).toMatchObject({
      version: 2,
      status: 'SIGNED',
      child: { registryStatus: 'PROGRAMME_ACTIVE' },
      referral: { programmeSignedOn: daysFromToday(-5) },
    })

    const read = await social.query<{ child: { programmes: { version: number; status: string }[] } }>(PROGRAMMES, {
      id: child.id,
    })
    expect(read.data?.child.programmes.map(({ version, status }) => ({ version, status }))).toEqual([
      { version: 2, status: 'SIGNED' },
      { version: 1, status: 'SUPERSEDED' },
    ])
    expect(programmeId).not.toBe(second.data!.draftProgramme.id)
  })

  it('loads the programmes of a page of children with their parts in one statement per table', async () => {
    for (let i = 0; i < 3; i++) {
      const { programmeId } = await signed()
      const review = await social.query(REVIEW, {
        input: {
          programmeId,
          kind: 'INTERMEDIATE',
          reviewedOn: daysFromToday(0),
          ratings: [{ icfCode: 'd310', qualifier: 2 }],
        },
      })
      expect(review.errors).toBeUndefined()
    }
    social.statements.length = 0
    const page = await social.query<{ children: { edges: { node: { programmes: unknown[] } }[] } }>(`{
      children(first: 1000, filter: { registryStatus: [PROGRAMME_ACTIVE] }) {
        edges { node { programmes {
          signedBy { fullName }
          referral { id }
          goals { icfCode }
          services { serviceType { name } provider { name } }
          reviews { ratings { qualifier } }
        } } }
      }
    }`)
    expect(page.errors).toBeUndefined()
    expect(page.data!.children.edges.filter((edge) => edge.node.programmes.length > 0).length).toBeGreaterThanOrEqual(3)
    expect(countByTable(social.statements)).toMatchObject({
      programme: 1,
      programme_goal: 1,
      programme_service: 1,
      programme_review: 1,
      programme_review_rating: 1,
      legal_representative: 1,
      referral: 1,
      service_type_version: 1,
      provider: 1,
    })
  })

  describe('need determination', () => {
    it('refuses a referral that is not yet accepted', async () => {
      const { referralId } = await referred({ accept: false })
      const input = { referralId, determinedOn: daysFromToday(-8), outcome: 'IN_NEED' }
      await refused(DETERMINE, input, { code: 'CONFLICT', field: 'input.referralId', rule: 'RECEIVED' })
    })

    it('refuses a second determination', async () => {
      const { referralId } = await determined()
      const input = { referralId, determinedOn: daysFromToday(-7), outcome: 'NOT_IN_NEED' }
      await refused(DETERMINE, input, { code: 'CONFLICT', field: 'input.referralId', rule: 'already determined' })
    })

    it('refuses a date before the referral was received or in the future', async () => {
      const { referralId } = await referred()
      await refused(
        DETERMINE,
        { referralId, determinedOn: daysFromToday(-11), outcome: 'IN_NEED' },
        { code: 'BAD_USER_INPUT', field: 'input.determinedOn', rule: 'received' },
      )
      await refused(
        DETERMINE,
        { referralId, determinedOn: FUTURE, outcome: 'IN_NEED' },
        { code: 'BAD_USER_INPUT', field: 'input.determinedOn', rule: 'future' },
      )
    })

    it('records consultation only without a programme', async () => {
      const { referralId } = await referred()
      const response = await social.query<{ recordNeedDetermination: { child: { registryStatus: string } } }>(
        DETERMINE,
        { input: { referralId, determinedOn: daysFromToday(-8), outcome: 'CONSULTATION_ONLY' } },
      )
      expect(response.data?.recordNeedDetermination.child.registryStatus).toBe('CONSULTATION_ONLY')
    })
  })

  describe('drafting', () => {
    it('refuses a child not found in need', async () => {
      const { child, referralId } = await referred()
      const input = { childId: child.id, referralId, goals: [goal], services: [service()] }
      await refused(DRAFT, input, { code: 'CONFLICT', field: 'input.childId', rule: 'REFERRED' })
    })

    it('refuses a referral of another child', async () => {
      const { child } = await determined()
      const other = await referred()
      const input = { childId: child.id, referralId: other.referralId, goals: [goal], services: [service()] }
      await refused(DRAFT, input, { code: 'BAD_USER_INPUT', field: 'input.referralId' })
    })

    it.each<[string, Record<string, unknown>, string]>([
      ['an ICF-CY code of the wrong form', { goals: [{ ...goal, icfCode: 'x310' }] }, 'input.goals[0].icfCode'],
      ['an ICF-CY code with too few digits', { goals: [goal, { ...goal, icfCode: 'd31' }] }, 'input.goals[1].icfCode'],
      ['a qualifier above 4', { goals: [{ ...goal, targetQualifier: 5 }] }, 'input.goals[0].targetQualifier'],
      ['no goals', { goals: [] }, 'input.goals'],
      ['no services', { services: [] }, 'input.services'],
      [
        'a remote service the catalogue keeps in person',
        { service: { serviceCode: 'MOBILITY' } },
        'input.services[0].mode',
      ],
      ['more than 31 sessions a month', { service: { sessionsPerMonth: 32 } }, 'input.services[0].sessionsPerMonth'],
      ['a session shorter than 5 minutes', { service: { durationMinutes: 4 } }, 'input.services[0].durationMinutes'],
    ])('refuses %s', async (_name, { service: serviceChange, ...change }, field) => {
      const { child, referralId } = await determined()
      const services = [{ ...service(), ...(serviceChange as object | undefined) }]
      const input = { childId: child.id, referralId, goals: [goal], services, ...change }
      await refused(DRAFT, input, { code: 'BAD_USER_INPUT', field })
    })

    it('refuses a service provider that does not exist', async () => {
      const { child, referralId } = await determined()
      const missing = '00000000-0000-4000-8000-000000000000'
      const input = { childId: child.id, referralId, goals: [goal], services: [{ ...service(), providerId: missing }] }
      await refused(DRAFT, input, { code: 'NOT_FOUND', field: 'input.services[0].providerId' })
    })
  })

  describe('signing, review and exit', () => {
    it('refuses a representative of another family', async () => {
      const { child, referralId } = await determined()
      const stranger = await insertRepresentative(social.db, (await insertFamily(social.db)).id)
      const drafted = await draft(child.id, referralId)
      const input = {
        programmeId: drafted.data!.draftProgramme.id,
        representativeId: stranger.id,
        signedOn: daysFromToday(-1),
      }
      await refused(SIGN, input, { code: 'BAD_USER_INPUT', field: 'input.representativeId' })
    })

    it('refuses a representative whose representation is not in force on the signing day', async () => {
      const { child, family, referralId } = await determined()
      const drafted = await draft(child.id, referralId)
      const programmeId = drafted.data!.draftProgramme.id
      const ended = await insertRepresentative(social.db, family.id, { valid_to: daysFromToday(-3) })
      const later = await insertRepresentative(social.db, family.id, { valid_from: daysFromToday(-1) })
      await refused(
        SIGN,
        { programmeId, representativeId: ended.id, signedOn: daysFromToday(-2) },
        { code: 'BAD_USER_INPUT', field: 'input.representativeId', rule: `to ${daysFromToday(-3)}, not on` },
      )
      await refused(
        SIGN,
        { programmeId, representativeId: later.id, signedOn: daysFromToday(-2) },
        { code: 'BAD_USER_INPUT', field: 'input.representativeId', rule: `from ${daysFromToday(-1)} with no end` },
      )
      const signed = await social.query(SIGN, {
        input: { programmeId, representativeId: ended.id, signedOn: daysFromToday(-3) },
      })
      expect(signed.errors).toBeUndefined()
    })

    it('refuses to sign a programme twice', async () => {
      const { mother, programmeId } = await signed()
      const input = { programmeId, representativeId: mother.id, signedOn: daysFromToday(-1) }
      await refused(SIGN, input, { code: 'CONFLICT', field: 'input.programmeId', rule: 'SIGNED' })
    })

    it('refuses to review a draft and a rating with a malformed code', async () => {
      const { child, referralId } = await determined()
      const drafted = await draft(child.id, referralId)
      const ratings = [{ icfCode: 'd310', qualifier: 2 }]
      await refused(
        REVIEW,
        { programmeId: drafted.data!.draftProgramme.id, kind: 'INTERMEDIATE', reviewedOn: daysFromToday(0), ratings },
        { code: 'CONFLICT', field: 'input.programmeId', rule: 'DRAFT' },
      )
      const { programmeId } = await signed()
      await refused(
        REVIEW,
        {
          programmeId,
          kind: 'INTERMEDIATE',
          reviewedOn: daysFromToday(0),
          ratings: [{ icfCode: 'D310', qualifier: 2 }],
        },
        { code: 'BAD_USER_INPUT', field: 'input.ratings[0].icfCode' },
      )
    })

    it('refuses to exit a child without a programme in force', async () => {
      const { child } = await determined()
      const input = { childId: child.id, exitedOn: daysFromToday(0), reason: 'DECLINED' }
      await refused(EXIT, input, { code: 'CONFLICT', field: 'input.childId' })
    })
  })

  // Last: from here on the dictionary holds МКФ-ДП, as a region has it once imported.
  describe('goals and ratings checked against the imported МКФ-ДП', () => {
    const importIcf = async (apply: boolean) => {
      const sample = readFileSync(new URL('../../../../samples/reference/icf-cy.csv', import.meta.url))
      const input = { kind: 'icf', fileName: 'icf-cy.csv', content: sample.toString('base64'), apply }
      const response = await social.query<{ importSocialReference: Record<string, unknown> }>(
        IMPORT_REFERENCE,
        { input },
        viewers.administrator('social'),
      )
      expect(response.errors).toBeUndefined()
      return response.data!.importSocialReference
    }

    it('imports the sample CSV with its hierarchy, and the same file again changes nothing', async () => {
      expect(await importIcf(false)).toMatchObject({ kindName: 'МКФ-ДП', applied: false, added: 44, errorCount: 0 })
      expect(await importIcf(true)).toMatchObject({ applied: true, added: 44, changed: 0, retired: 0 })
      const again = await importIcf(true)
      expect(again).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: 44 })
      expect(again.text).toContain('изменений нет')
      const d310 = await social.db.selectFrom('reference_entry').selectAll().where('code', '=', 'd310').execute()
      expect(d310).toEqual([
        {
          kind: 'icf',
          code: 'd310',
          name: 'Общение при восприятии устных сообщений',
          parent_code: 'd3',
          active: true,
          attributes: {},
        },
      ])
    })

    it('refuses a goal and a rating whose code the dictionary does not hold in force, writing nothing', async () => {
      const { child, referralId } = await determined()
      for (const icfCode of ['d9999', 'd199']) {
        await refused(
          DRAFT,
          { childId: child.id, referralId, goals: [goal, { ...goal, icfCode }], services: [service()] },
          { code: 'BAD_USER_INPUT', field: 'input.goals[1].icfCode' },
        )
      }
      const unknown = await draft(child.id, referralId, { goals: [{ ...goal, icfCode: 'd9999' }] })
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ rule: 'ICF_UNKNOWN', params: { code: 'd9999' } })
      expect(
        (await draft(child.id, referralId, { goals: [goal, { ...goal, icfCode: 'd415' }] })).errors,
      ).toBeUndefined()
      const { programmeId } = await signed()
      await refused(
        REVIEW,
        {
          programmeId,
          kind: 'INTERMEDIATE',
          reviewedOn: daysFromToday(0),
          ratings: [{ icfCode: 'b999', qualifier: 2 }],
        },
        { code: 'BAD_USER_INPUT', field: 'input.ratings[0].icfCode' },
      )
    })
  })
})
