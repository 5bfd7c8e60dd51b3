import type { ClockCode, DeadlineClockTable } from './db/database.js'

/**
 * Deadline clocks (DOMAIN.md): a clock starts on a date, runs for a
 * configured number of calendar or working days, and stands still on the
 * days a documented pause covers. Dates are 'YYYY-MM-DD' in UTC.
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

export function nextDay(date: string) {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

function isWeekend(date: string) {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekday === 0 || weekday === 6
}

/** An open pause covers every day up to today; the days after today are not known to be paused yet. */
function isPaused(date: string, pauses: readonly ClockPause[], today: string) {
  return pauses.some((pause) => pause.startedOn <= date && date <= (pause.endedOn ?? today))
}

// Ten years of days: far beyond any configured clock plus its pauses, a guard against a runaway walk.
const MAX_WALK = 3_660

/** The last day on which the work is on time. */
export function dueDate(
  startedOn: string,
  setting: ClockSetting,
  pauses: readonly ClockPause[],
  nonWorkingDays: ReadonlySet<string>,
  today: string,
) {
  let date = startedOn
  let counted = 0
  for (let step = 0; step < MAX_WALK && counted < setting.days; step++) {
    date = nextDay(date)
    if (isPaused(date, pauses, today)) continue
    if (setting.dayKind === 'WORKING' && (isWeekend(date) || nonWorkingDays.has(date))) continue
    counted++
  }
  return date
}

export function clockState(args: {
  startedOn: string
  completedOn: string | null
  setting: ClockSetting
  pauses: readonly ClockPause[]
  nonWorkingDays: ReadonlySet<string>
  today: string
}) {
  const dueOn = dueDate(args.startedOn, args.setting, args.pauses, args.nonWorkingDays, args.today)
  let status: ClockStatus
  if (args.completedOn) status = args.completedOn <= dueOn ? 'MET' : 'MISSED'
  else if (args.today > dueOn) status = 'OVERDUE'
  else if (args.pauses.some((pause) => pause.endedOn === null)) status = 'PAUSED'
  else status = 'RUNNING'
  return { code: args.setting.code, startedOn: args.startedOn, dueOn, completedOn: args.completedOn, status }
}

export interface RegionCalendar {
  settings: ReadonlyMap<ClockCode, ClockSetting>
  nonWorkingDays: ReadonlySet<string>
}

/** The two clocks a referral starts: to need determination and to a signed programme. A rejected one has none. */
export function referralClockStates(
  referral: { status: string; receivedOn: string; needDeterminedOn: string | null; programmeSignedOn: string | null },
  pauses: readonly ClockPause[],
  calendar: RegionCalendar,
  today: string,
) {
  if (referral.status === 'REJECTED') return []
  const clocks: [ClockCode, string | null][] = [
    ['REFERRAL_TO_NEED_DETERMINATION', referral.needDeterminedOn],
    ['REFERRAL_TO_PROGRAMME', referral.programmeSignedOn],
  ]
  return clocks.flatMap(([code, completedOn]) => {
    const setting = calendar.settings.get(code)
    if (!setting) return []
    const state = clockState({
      startedOn: referral.receivedOn,
      completedOn,
      setting,
      pauses,
      nonWorkingDays: calendar.nonWorkingDays,
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
    nonWorkingDays: calendar.nonWorkingDays,
    today,
  })
}
