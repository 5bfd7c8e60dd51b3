import { regionDay } from '@hub/platform/region-time'
import { addDays, addMonths } from '@hub/subgraph-kit/validation'
import type { ClockCode, DeadlineClockTable, ExitReason, ProgrammeStatus } from '../../../db/database.js'

/**
 * Deadline clocks (DOMAIN.md): a clock starts on a date, runs for a
 * configured number of calendar or working days, and stands still on the
 * days a documented pause covers. Dates are 'YYYY-MM-DD' on the region's calendar (`HUB_TIME_ZONE`).
 */
export interface ClockSetting {
  code: ClockCode
  days: number
  dayKind: DeadlineClockTable['day_kind']
}

export interface ClockPause {
  startedOn: string
  endedOn: string | null
}

export type ClockStatus = 'RUNNING' | 'PAUSED' | 'MET' | 'MISSED' | 'OVERDUE'

/**
 * The production calendar the working days follow: the non-working days on top of weekends (holidays, transferred
 * days off) and the Saturdays and Sundays a transfer made working days. A day in both is a day off.
 */
export interface WorkingDays {
  nonWorkingDays: ReadonlySet<string>
  workingWeekends: ReadonlySet<string>
}

export function isWeekend(date: string) {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday === 0 || weekday === 6
}

export function isWorkingDay(date: string, days: WorkingDays) {
  return !days.nonWorkingDays.has(date) && (!isWeekend(date) || days.workingWeekends.has(date))
}

/** An open pause covers every day up to today; the days after today are not known to be paused yet. */
function isPaused(date: string, pauses: readonly ClockPause[], today: string) {
  return pauses.some((pause) => pause.startedOn <= date && date <= (pause.endedOn ?? today))
}

// Ten years of days: far beyond any configured clock plus its pauses, a guard against a runaway walk.
const MAX_WALK = 3_660

/**
 * The day reached by counting the setting's days one by one from `from`, which itself is not counted: forwards, or
 * backwards when `direction` is -1. Paused days never count, and neither do days off when the setting counts
 * working days.
 */
function countDays(
  from: string,
  direction: 1 | -1,
  setting: ClockSetting,
  pauses: readonly ClockPause[],
  days: WorkingDays,
  today: string,
) {
  let date = from
  let counted = 0
  for (let step = 0; step < MAX_WALK && counted < setting.days; step++) {
    date = addDays(date, direction)
    if (isPaused(date, pauses, today)) continue
    if (setting.dayKind === 'WORKING' && !isWorkingDay(date, days)) continue
    counted++
  }
  return date
}

/**
 * How many days of the kind a clock counts lie after `from` up to `to` (both 'YYYY-MM-DD', `from` before `to`): the
 * days left until a due date, or the days past it.
 */
export function daysBetween(from: string, to: string, dayKind: DeadlineClockTable['day_kind'], days: WorkingDays) {
  let count = 0
  for (let date = addDays(from, 1), step = 0; date <= to && step < MAX_WALK; date = addDays(date, 1), step++) {
    if (dayKind === 'CALENDAR' || isWorkingDay(date, days)) count++
  }
  return count
}

/** The last day on which the work is on time. */
export function dueDate(
  startedOn: string,
  setting: ClockSetting,
  pauses: readonly ClockPause[],
  days: WorkingDays,
  today: string,
) {
  return countDays(startedOn, 1, setting, pauses, days, today)
}

/** A clock whose start and due dates are known: what its completion, today and its pauses make of it. */
function stateOf(args: {
  code: ClockCode
  startedOn: string
  dueOn: string
  completedOn: string | null
  pauses: readonly ClockPause[]
  today: string
}) {
  let status: ClockStatus
  if (args.completedOn) status = args.completedOn <= args.dueOn ? 'MET' : 'MISSED'
  else if (args.today > args.dueOn) status = 'OVERDUE'
  else if (args.pauses.some((pause) => pause.endedOn === null)) status = 'PAUSED'
  else status = 'RUNNING'
  const { code, startedOn, dueOn, completedOn } = args
  return { code, startedOn, dueOn, completedOn, status }
}

export function clockState(args: {
  startedOn: string
  completedOn: string | null
  setting: ClockSetting
  pauses: readonly ClockPause[]
  days: WorkingDays
  today: string
}) {
  const dueOn = dueDate(args.startedOn, args.setting, args.pauses, args.days, args.today)
  return stateOf({ ...args, code: args.setting.code, dueOn })
}

export interface RegionCalendar extends WorkingDays {
  settings: ReadonlyMap<ClockCode, ClockSetting>
}

/**
 * The two clocks a referral starts: to need determination and to a signed programme. A rejected one has none, and
 * a child found not in need or consulted only has no programme to sign, so the second clock stops applying.
 */
export function referralClockStates(
  referral: {
    status: string
    receivedOn: string
    needDeterminedOn: string | null
    needOutcome: string | null
    programmeSignedOn: string | null
  },
  pauses: readonly ClockPause[],
  calendar: RegionCalendar,
  today: string,
) {
  if (referral.status === 'REJECTED') return []
  const clocks: [ClockCode, string | null][] = [['REFERRAL_TO_NEED_DETERMINATION', referral.needDeterminedOn]]
  if (referral.needOutcome === null || referral.needOutcome === 'IN_NEED') {
    clocks.push(['REFERRAL_TO_PROGRAMME', referral.programmeSignedOn])
  }
  return clocks.flatMap(([code, completedOn]) => {
    const setting = calendar.settings.get(code)
    if (!setting) return []
    const state = clockState({
      startedOn: referral.receivedOn,
      completedOn,
      setting,
      pauses,
      days: calendar,
      today,
    })
    return [state]
  })
}

/**
 * A signed programme is reviewed at the region's interval: the clock
 * restarts at the signature and at every review, and runs out if the
 * next review does not come in time.
 */
export function programmeReviewState(
  programme: { status: string; signedOn: string | null },
  reviews: readonly { reviewedOn: string }[],
  calendar: RegionCalendar,
  today: string,
) {
  const setting = calendar.settings.get('PROGRAMME_REVIEW')
  if (programme.status !== 'SIGNED' || !programme.signedOn || !setting) return null
  const startedOn = reviews.reduce(
    (latest, review) => (review.reviewedOn > latest ? review.reviewedOn : latest),
    programme.signedOn,
  )
  return clockState({
    startedOn,
    completedOn: null,
    setting,
    pauses: [],
    days: calendar,
    today,
  })
}

/**
 * A child-find signal's handling (SIGNAL_HANDLING) runs from the day social received it until the coordinator's
 * decision; null when the region has no such setting.
 */
export function signalHandlingState(
  signal: { receivedAt: Date; decidedAt: Date | null },
  calendar: RegionCalendar,
  today: string,
) {
  const setting = calendar.settings.get('SIGNAL_HANDLING')
  if (!setting) return null
  return clockState({
    startedOn: regionDay(signal.receivedAt),
    completedOn: signal.decidedAt ? regionDay(signal.decidedAt) : null,
    setting,
    pauses: [],
    days: calendar,
    today,
  })
}

/** The day a child turns three (ГК РФ, ст. 192, as `addMonths` counts it): the end of early help's age range. */
function thirdBirthday(birthDate: string) {
  return addMonths(birthDate, 36)
}

/**
 * Transition planning (TRANSITION_NOTICE) counts back from the third birthday: the notice period is the setting's
 * last N days (calendar or working) before it, from `startedOn` to `dueOn`, the day before the birthday. Closing the
 * programme with a transition to preschool completes it; any other closure, a draft or a superseded version has no
 * such clock. Before the period begins the clock already shows RUNNING, so that coordinators see the date ahead.
 */
export function transitionNoticeState(
  programme: { status: ProgrammeStatus; closedOn: string | null; exitReason: ExitReason | null },
  birthDate: string,
  calendar: RegionCalendar,
  today: string,
) {
  const setting = calendar.settings.get('TRANSITION_NOTICE')
  const transitioned = programme.status === 'CLOSED' && programme.exitReason === 'TRANSITION_TO_PRESCHOOL'
  if (!setting || (programme.status !== 'SIGNED' && !transitioned)) return null
  const birthday = thirdBirthday(birthDate)
  return stateOf({
    code: setting.code,
    startedOn: countDays(birthday, -1, setting, [], calendar, today),
    dueOn: addDays(birthday, -1),
    completedOn: transitioned ? programme.closedOn : null,
    pauses: [],
    today,
  })
}

/**
 * The latest birth date of a child whose notice period has begun by `today`. A period starts on or before today
 * exactly when the third birthday comes no later than N counted days after today; children born on or before the
 * returned day are in their period or past it. Null when the region has no TRANSITION_NOTICE setting.
 */
export function latestBirthDateInTransitionNotice(calendar: RegionCalendar, today: string) {
  const setting = calendar.settings.get('TRANSITION_NOTICE')
  if (!setting) return null
  const latestBirthday = dueDate(today, setting, [], calendar, today)
  let born = addMonths(latestBirthday, -36)
  // Born on 29 February, a child turns three on 28 February too: step past the days that end up on the same birthday.
  while (thirdBirthday(addDays(born, 1)) <= latestBirthday) born = addDays(born, 1)
  return born
}
