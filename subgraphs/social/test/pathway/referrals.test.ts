import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertChild, insertProvider } from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRejected, snapshot } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const REFER = /* GraphQL */ `
  mutation ($input: ReferChildInput!) {
    referChild(input: $input) {
      id
      status
      child {
        registryStatus
      }
      clocks {
        code
        dueOn
        status
      }
    }
  }
`
const ACCEPT = /* GraphQL */ `
  mutation ($input: DecideReferralInput!) {
    acceptReferral(input: $input) {
      id
      status
      decidedOn
    }
  }
`
const REJECT = /* GraphQL */ `
  mutation ($input: RejectReferralInput!) {
    rejectReferral(input: $input) {
      id
      status
      child {
        registryStatus
      }
      clocks {
        code
      }
    }
  }
`
const PAUSE = /* GraphQL */ `
  mutation ($input: PauseReferralClockInput!) {
    pauseReferralClock(input: $input) {
      id
      clocks {
        code
        status
        dueOn
      }
    }
  }
`
const RESUME = /* GraphQL */ `
  mutation ($input: ResumeReferralClockInput!) {
    resumeReferralClock(input: $input) {
      id
      pauses {
        startedOn
        endedOn
      }
    }
  }
`

interface Referred {
  referChild: {
    id: string
    status: string
    child: { registryStatus: string }
    clocks: { code: string; dueOn: string; status: string }[]
  }
}

describe.each(backends)('referrals and deadline clocks (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let providerId: string

  const refer = async (overrides: Record<string, unknown> = {}) => {
    const child = await insertChild(social.db)
    const input = {
      childId: child.id,
      providerId,
      fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
      reason: 'Положительный аудиологический скрининг',
      receivedOn: daysFromToday(-3),
      ...overrides,
    }
    return { child, response: await social.query<Referred>(REFER, { input }) }
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    providerId = (await insertProvider(social.db, { side: 'SOCIAL', moderation_status: 'APPROVED' })).id
  })
  afterAll(() => social?.stop())

  it('refers a child, moves it to REFERRED and starts both clocks from the day of receipt', async () => {
    const { response } = await refer()
    expect(response.errors).toBeUndefined()
    expect(response.data?.referChild).toMatchObject({
      status: 'RECEIVED',
      child: { registryStatus: 'REFERRED' },
      clocks: [
        { code: 'REFERRAL_TO_NEED_DETERMINATION', status: 'RUNNING' },
        { code: 'REFERRAL_TO_PROGRAMME', status: 'RUNNING', dueOn: daysFromToday(42) },
      ],
    })
  })

  it('stops the programme clock and closes the referral when the child is found not in need or consulted only', async () => {
    for (const outcome of ['NOT_IN_NEED', 'CONSULTATION_ONLY', 'IN_NEED']) {
      const { response } = await refer()
      const referralId = response.data!.referChild.id
      await social.query(ACCEPT, { input: { referralId, decidedOn: daysFromToday(-2) } })
      const determined = await social.query<{ recordNeedDetermination: { clocks: { code: string }[] } }>(
        /* GraphQL */ `
          mutation ($input: RecordNeedDeterminationInput!) {
            recordNeedDetermination(input: $input) {
              clocks {
                code
              }
            }
          }
        `,
        { input: { referralId, determinedOn: daysFromToday(-1), outcome } },
      )
      const open = await social.query<{ openReferrals: { id: string }[] }>(/* GraphQL */ `
        query {
          openReferrals {
            id
          }
        }
      `)
      const codes = determined.data!.recordNeedDetermination.clocks.map((clock) => clock.code)
      const listed = open.data!.openReferrals.some((referral) => referral.id === referralId)
      if (outcome === 'IN_NEED') {
        expect(codes).toEqual(['REFERRAL_TO_NEED_DETERMINATION', 'REFERRAL_TO_PROGRAMME'])
        expect(listed).toBe(true)
      } else {
        expect(codes, outcome).toEqual(['REFERRAL_TO_NEED_DETERMINATION'])
        expect(listed, outcome).toBe(false)
      }
    }
  })

  it('counts the need determination clock in working days, skipping the region’s non-working days', async () => {
    await social.query('mutation ($input: SetDeadlineClockInput!) { setDeadlineClock(input: $input) { days } }', {
      input: { code: 'REFERRAL_TO_NEED_DETERMINATION', days: 1, dayKind: 'CALENDAR' },
    })
    const year = Number(daysFromToday(-3).slice(0, 4))
    const holiday = daysFromToday(-2)
    await social.query('mutation ($input: SetNonWorkingDaysInput!) { setNonWorkingDays(input: $input) { day } }', {
      input: { year, days: holiday.startsWith(`${year}-`) ? [{ day: holiday, note: 'Праздник' }] : [] },
    })
    const { response } = await refer()
    const clock = response.data!.referChild.clocks.find((c) => c.code === 'REFERRAL_TO_NEED_DETERMINATION')!
    // One calendar day after receipt, three days ago: overdue whatever the calendar says.
    expect(clock).toMatchObject({ dueOn: daysFromToday(-2), status: 'OVERDUE' })

    const overdue = await social.query<{ openReferrals: { id: string }[] }>(
      '{ openReferrals(clock: REFERRAL_TO_NEED_DETERMINATION, clockStatus: OVERDUE) { id } }',
    )
    expect(overdue.data?.openReferrals.map((r) => r.id)).toContain(response.data!.referChild.id)
    await social.query('mutation ($input: SetDeadlineClockInput!) { setDeadlineClock(input: $input) { days } }', {
      input: { code: 'REFERRAL_TO_NEED_DETERMINATION', days: 10, dayKind: 'WORKING' },
    })
  })

  it('stops the clocks while a documented pause lasts and resumes them', async () => {
    const { response } = await refer({ receivedOn: daysFromToday(-10) })
    const id = response.data!.referChild.id
    const paused = await social.query<{
      pauseReferralClock: { clocks: { code: string; status: string; dueOn: string }[] }
    }>(PAUSE, { input: { referralId: id, reason: 'CHILD_ILL', startedOn: daysFromToday(-4) } })
    expect(paused.errors).toBeUndefined()
    const programme = paused.data!.pauseReferralClock.clocks.find((c) => c.code === 'REFERRAL_TO_PROGRAMME')!
    expect(programme).toMatchObject({ status: 'PAUSED', dueOn: daysFromToday(-10 + 45 + 5) })

    const twice = await social.query(PAUSE, {
      input: { referralId: id, reason: 'CHILD_ILL', startedOn: daysFromToday(-1) },
    })
    expectRejected(twice, { code: 'CONFLICT', field: 'input.referralId', rule: 'already paused' })

    const resumed = await social.query(RESUME, { input: { referralId: id, endedOn: daysFromToday(-2) } })
    expect(resumed.data).toEqual({
      resumeReferralClock: { id, pauses: [{ startedOn: daysFromToday(-4), endedOn: daysFromToday(-2) }] },
    })
  })

  it('accepts a referral once when twenty acceptances race', async () => {
    const { response } = await refer()
    const id = response.data!.referChild.id
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        social.query(ACCEPT, { input: { referralId: id, decidedOn: daysFromToday(0) } }),
      ),
    )
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(1)
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(19)
  })

  it('rejects a referral with a reason, stops its clocks and returns the child to the registry', async () => {
    const { response } = await refer()
    const rejected = await social.query(REJECT, {
      input: { referralId: response.data!.referChild.id, decidedOn: daysFromToday(0), reason: 'OUTSIDE_SERVICE_AREA' },
    })
    expect(rejected.data).toEqual({
      rejectReferral: {
        id: response.data!.referChild.id,
        status: 'REJECTED',
        child: { registryStatus: 'POTENTIALLY_IN_NEED' },
        clocks: [],
      },
    })
  })

  it('refuses a second open referral of the same child', async () => {
    const { child } = await refer()
    const before = await snapshot(social.db)
    const again = await social.query(REFER, {
      input: {
        childId: child.id,
        providerId,
        fromOrganisation: 'КЦСОН',
        reason: 'x',
        receivedOn: daysFromToday(0),
      },
    })
    expectRejected(again, { code: 'CONFLICT', field: 'input.childId', rule: 'already has an open referral' })
    expect(await snapshot(social.db)).toEqual(before)
  })

  it.each([
    ['input.receivedOn', { receivedOn: daysFromToday(2) }, 'future', 'BAD_USER_INPUT'],
    ['input.providerId', { providerId: 'nope' }, 'UUID', 'BAD_USER_INPUT'],
    ['input.providerId', { providerId: '3f2b1c4e-8a9d-4e5f-9a0b-1c2d3e4f5a6b' }, 'no provider', 'NOT_FOUND'],
    ['input.reason', { reason: '  ' }, 'must not be empty', 'BAD_USER_INPUT'],
  ] as const)(
    'rejects %s (%j) naming the field and the rule, writing nothing',
    async (field, overrides, rule, code) => {
      const child = await insertChild(social.db)
      const before = await snapshot(social.db)
      const response = await social.query(REFER, {
        input: {
          childId: child.id,
          providerId,
          fromOrganisation: 'x',
          reason: 'y',
          receivedOn: daysFromToday(0),
          ...overrides,
        },
      })
      expectRejected(response, { code, field, rule })
      expect(await snapshot(social.db)).toEqual(before)
    },
  )

  it('refers only to approved providers', async () => {
    const pending = await insertProvider(social.db, { moderation_status: 'PENDING' })
    const { response } = await refer({ providerId: pending.id })
    expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.providerId', rule: 'only APPROVED providers' })
  })

  it('requires a note for a rejection or a pause for OTHER reasons', async () => {
    const { response } = await refer()
    const id = response.data!.referChild.id
    expectRejected(
      await social.query(REJECT, { input: { referralId: id, decidedOn: daysFromToday(0), reason: 'OTHER' } }),
      { code: 'BAD_USER_INPUT', field: 'input.note' },
    )
    expectRejected(
      await social.query(PAUSE, { input: { referralId: id, reason: 'OTHER', startedOn: daysFromToday(0) } }),
      { code: 'BAD_USER_INPUT', field: 'input.note' },
    )
  })
})
