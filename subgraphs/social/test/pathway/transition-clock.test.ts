import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMonths } from '@hub/subgraph-kit/validation'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertChild, insertProvider, insertProgramme } from '../support/factories.js'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysAfter, daysFromToday, expectRejected } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const SET_CLOCK = 'mutation ($input: SetDeadlineClockInput!) { setDeadlineClock(input: $input) { days } }'
const SET_DAYS_OFF = 'mutation ($input: SetNonWorkingDaysInput!) { setNonWorkingDays(input: $input) { day } }'
const PROGRAMME_CLOCK = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      programmes {
        status
        transitionClock {
          code
          startedOn
          dueOn
          completedOn
          status
        }
      }
    }
  }
`
const TRANSITIONS_DUE = /* GraphQL */ `
  query ($provider: ID, $clockStatus: ClockStatus) {
    transitionsDue(provider: $provider, clockStatus: $clockStatus) {
      id
      child {
        id
      }
      transitionClock {
        startedOn
        dueOn
        status
      }
    }
  }
`
const EXIT = /* GraphQL */ `
  mutation ($input: ExitProgrammeInput!) {
    exitProgramme(input: $input) {
      status
    }
  }
`

interface Clock {
  code: string
  startedOn: string
  dueOn: string
  completedOn: string | null
  status: string
}
interface Due {
  transitionsDue: { id: string; child: { id: string }; transitionClock: Omit<Clock, 'code' | 'completedOn'> }[]
}

function isWorkingDay(day: string, daysOff: ReadonlySet<string>) {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !daysOff.has(day)
}

/** The n-th working day from `day` (not counted) in `direction`: the test's own count, to check the subgraph's. */
function workingDays(day: string, n: number, direction: 1 | -1, daysOff: ReadonlySet<string>) {
  let date = day
  for (let counted = 0; counted < n;) {
    date = daysAfter(date, direction)
    if (isWorkingDay(date, daysOff)) counted++
  }
  return date
}

describe.each(backends)('the transition notice clock (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let providerId: string

  /** A child with a programme in force who turns three on `thirdBirthday`. */
  const signedFor = async (thirdBirthday: string, provider = providerId) => {
    const child = await insertChild(social.db, {
      birth_date: addMonths(thirdBirthday, -36),
      registry_status: 'PROGRAMME_ACTIVE',
    })
    const { programme } = await insertProgramme(social.db, child.id, provider)
    return { child, programme }
  }

  const clockOf = async (childId: string) => {
    const response = await social.query<{ child: { programmes: { transitionClock: Clock | null }[] } }>(
      PROGRAMME_CLOCK,
      { id: childId },
    )
    expect(response.errors).toBeUndefined()
    return response.data!.child.programmes[0]!.transitionClock
  }

  const due = async (variables: Record<string, unknown> = {}) => {
    const response = await social.query<Due>(TRANSITIONS_DUE, variables)
    expect(response.errors).toBeUndefined()
    return response.data!.transitionsDue
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    providerId = (await insertProvider(social.db, { moderation_status: 'APPROVED' })).id
  })
  afterAll(() => social?.stop())

  it('shows a programme in force the coming period as RUNNING before it begins, and does not list it yet', async () => {
    const { child, programme } = await signedFor(daysFromToday(100))
    expect(await clockOf(child.id)).toEqual({
      code: 'TRANSITION_NOTICE',
      startedOn: daysFromToday(10),
      dueOn: daysFromToday(99),
      completedOn: null,
      status: 'RUNNING',
    })
    expect((await due()).map((row) => row.id)).not.toContain(programme.id)
  })

  it('lists a child whose ninety-day period begins today but not one whose period begins tomorrow', async () => {
    const today = await signedFor(daysFromToday(90))
    const tomorrow = await signedFor(daysFromToday(91))
    const list = await due()
    expect(list).toContainEqual({
      id: today.programme.id,
      child: { id: today.child.id },
      transitionClock: { startedOn: daysFromToday(0), dueOn: daysFromToday(89), status: 'RUNNING' },
    })
    expect(list.map((row) => row.id)).not.toContain(tomorrow.programme.id)
  })

  it('is RUNNING on the day before the third birthday and OVERDUE from the birthday on, and lists both', async () => {
    const lastDay = await signedFor(daysFromToday(1))
    const birthday = await signedFor(daysFromToday(0))
    const longAgo = await signedFor(daysFromToday(-200))
    expect(await clockOf(lastDay.child.id)).toMatchObject({ dueOn: daysFromToday(0), status: 'RUNNING' })
    expect(await clockOf(birthday.child.id)).toMatchObject({ dueOn: daysFromToday(-1), status: 'OVERDUE' })
    expect(await clockOf(longAgo.child.id)).toMatchObject({ dueOn: daysFromToday(-201), status: 'OVERDUE' })
    const ids = (await due()).map((row) => row.id)
    expect(ids).toEqual(expect.arrayContaining([lastDay, birthday, longAgo].map(({ programme }) => programme.id)))
  })

  it('is met by a transition to preschool before the birthday and missed by one after it', async () => {
    const early = await signedFor(daysFromToday(30))
    const late = await signedFor(daysFromToday(-3))
    for (const { child } of [early, late]) {
      const exit = await social.query(EXIT, {
        input: { childId: child.id, exitedOn: daysFromToday(0), reason: 'TRANSITION_TO_PRESCHOOL' },
      })
      expect(exit.errors).toBeUndefined()
    }
    expect(await clockOf(early.child.id)).toEqual({
      code: 'TRANSITION_NOTICE',
      startedOn: daysFromToday(-60),
      dueOn: daysFromToday(29),
      completedOn: daysFromToday(0),
      status: 'MET',
    })
    expect(await clockOf(late.child.id)).toMatchObject({
      dueOn: daysFromToday(-4),
      completedOn: daysFromToday(0),
      status: 'MISSED',
    })
    const ids = (await due()).map((row) => row.id)
    expect(ids).not.toContain(early.programme.id)
    expect(ids).not.toContain(late.programme.id)
  })

  it('has no clock for a draft or for a programme closed for another reason', async () => {
    const moved = await signedFor(daysFromToday(10))
    const exit = await social.query(EXIT, {
      input: { childId: moved.child.id, exitedOn: daysFromToday(0), reason: 'MOVED' },
    })
    expect(exit.errors).toBeUndefined()
    expect(await clockOf(moved.child.id)).toBeNull()

    const child = await insertChild(social.db, { birth_date: addMonths(daysFromToday(10), -36) })
    await insertProgramme(social.db, child.id, providerId, { status: 'DRAFT', signed_on: null })
    expect(await clockOf(child.id)).toBeNull()
  })

  it('counts the period in working days, skipping a non-working day of the region inside it', async () => {
    // Five working days, and the first working day after today taken off: the child who turns three on the
    // sixth working day after today (the fifth one counted) is the last whose period has begun.
    const dayOff = workingDays(daysFromToday(0), 1, 1, new Set())
    const daysOff = new Set([dayOff])
    const year = Number(dayOff.slice(0, 4))
    await social.query(SET_CLOCK, { input: { code: 'TRANSITION_NOTICE', days: 5, dayKind: 'WORKING' } })
    const set = await social.query(SET_DAYS_OFF, { input: { year, days: [{ day: dayOff, note: 'Праздник' }] } })
    expect(set.errors).toBeUndefined()
    try {
      const lastBirthday = workingDays(daysFromToday(0), 5, 1, daysOff)
      const inPeriod = await signedFor(lastBirthday)
      const notYet = await signedFor(daysAfter(lastBirthday, 1))
      const startedOn = workingDays(lastBirthday, 5, -1, daysOff)
      expect(startedOn <= daysFromToday(0)).toBe(true)
      expect(await clockOf(inPeriod.child.id)).toMatchObject({
        startedOn,
        dueOn: daysAfter(lastBirthday, -1),
        status: 'RUNNING',
      })
      expect(await clockOf(notYet.child.id)).toMatchObject({
        startedOn: workingDays(daysAfter(lastBirthday, 1), 5, -1, daysOff),
      })
      const ids = (await due()).map((row) => row.id)
      expect(ids).toContain(inPeriod.programme.id)
      expect(ids).not.toContain(notYet.programme.id)
    } finally {
      await social.query(SET_DAYS_OFF, { input: { year, days: [] } })
      await social.query(SET_CLOCK, { input: { code: 'TRANSITION_NOTICE', days: 90, dayKind: 'CALENDAR' } })
    }
  })

  it('orders the list by due date and narrows it to one provider and one clock status', async () => {
    const otherProvider = (await insertProvider(social.db, { moderation_status: 'APPROVED' })).id
    const running = await signedFor(daysFromToday(40), otherProvider)
    const overdue = await signedFor(daysFromToday(-40), otherProvider)
    await signedFor(daysFromToday(20))

    const all = await due()
    const dueDates = all.map((row) => row.transitionClock.dueOn)
    expect(dueDates).toEqual([...dueDates].sort())

    expect((await due({ provider: otherProvider })).map((row) => row.id)).toEqual([
      overdue.programme.id,
      running.programme.id,
    ])
    const onlyOverdue = await due({ provider: otherProvider, clockStatus: 'OVERDUE' })
    expect(onlyOverdue.map((row) => row.id)).toEqual([overdue.programme.id])
    expect(await due({ clockStatus: 'MET' })).toEqual([])
  })

  it('refuses a provider that is not an id', async () => {
    expectRejected(await social.query(TRANSITIONS_DUE, { provider: 'центр' }), {
      code: 'BAD_USER_INPUT',
      field: 'provider',
    })
  })

  it('loads the list with its children, providers and clocks in one statement per table', async () => {
    for (let i = 0; i < 4; i++) await signedFor(daysFromToday(5 + i))
    social.statements.length = 0
    const response = await social.query<{ transitionsDue: unknown[] }>(`{
      transitionsDue(clockStatus: RUNNING) {
        child { fullName birthDate }
        provider { name }
        transitionClock { dueOn }
        reviewClock { dueOn }
      }
    }`)
    expect(response.errors).toBeUndefined()
    expect(response.data!.transitionsDue.length).toBeGreaterThanOrEqual(4)
    expect(countByTable(social.statements)).toEqual({
      deadline_clock: 1,
      non_working_day: 1,
      working_calendar_day: 1,
      programme: 1,
      child: 1,
      provider: 1,
      programme_review: 1,
    })
  })
})
