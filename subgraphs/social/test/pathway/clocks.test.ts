import { describe, expect, it } from 'vitest'
import {
  clockState,
  dueDate,
  latestBirthDateInTransitionNotice,
  transitionNoticeState,
  type ClockSetting,
  type RegionCalendar,
  type WorkingDays,
} from '../../src/modules/pathway/services/clocks.js'

const TEN_WORKING: ClockSetting = { code: 'REFERRAL_TO_NEED_DETERMINATION', days: 10, dayKind: 'WORKING' }
const THIRTY_CALENDAR: ClockSetting = { code: 'REFERRAL_TO_PROGRAMME', days: 30, dayKind: 'CALENDAR' }
const NONE: WorkingDays = { nonWorkingDays: new Set(), workingWeekends: new Set() }

describe('deadline clocks', () => {
  it('counts calendar days from the day after the start', () => {
    expect(dueDate('2026-01-31', THIRTY_CALENDAR, [], NONE, '2026-01-31')).toBe('2026-03-02')
  })

  it('skips weekends and the region’s non-working days when counting working days', () => {
    // Monday 2 Nov 2026 → ten working days end on Monday 16 Nov; 4 Nov (День народного единства) moves it to 17 Nov.
    expect(dueDate('2026-11-02', TEN_WORKING, [], NONE, '2026-11-02')).toBe('2026-11-16')
    expect(
      dueDate('2026-11-02', TEN_WORKING, [], { ...NONE, nonWorkingDays: new Set(['2026-11-04']) }, '2026-11-02'),
    ).toBe('2026-11-17')
  })

  it('counts a weekend day a transfer made a working day, and skips a transferred day off', () => {
    // Tuesday 2 Nov 2027, five working days: 4 Nov is a holiday and Friday 5 Nov a day off moved from Saturday 13 Nov.
    const november = { nonWorkingDays: new Set(['2027-11-04', '2027-11-05']), workingWeekends: new Set<string>() }
    const FIVE_WORKING: ClockSetting = { ...TEN_WORKING, days: 5 }
    expect(dueDate('2027-11-02', FIVE_WORKING, [], november, '2027-11-02')).toBe('2027-11-11')
    expect(dueDate('2027-11-09', FIVE_WORKING, [], november, '2027-11-09')).toBe('2027-11-16')
    const worked = { ...november, workingWeekends: new Set(['2027-11-13']) }
    expect(dueDate('2027-11-09', FIVE_WORKING, [], worked, '2027-11-09')).toBe('2027-11-15')
    // A day both off and a working weekend is a day off.
    expect(
      dueDate('2027-11-09', FIVE_WORKING, [], { ...worked, nonWorkingDays: new Set(['2027-11-13']) }, '2027-11-09'),
    ).toBe('2027-11-16')
  })

  it('stands still while a documented pause lasts', () => {
    const pause = { startedOn: '2026-02-05', endedOn: '2026-02-09' }
    expect(dueDate('2026-01-31', THIRTY_CALENDAR, [pause], NONE, '2026-03-01')).toBe('2026-03-07')
  })

  it('treats an open pause as covering the days up to today', () => {
    const open = { startedOn: '2026-02-20', endedOn: null }
    expect(dueDate('2026-01-31', THIRTY_CALENDAR, [open], NONE, '2026-02-24')).toBe('2026-03-07')
  })

  it('says met, missed, overdue, paused or running', () => {
    const base = { startedOn: '2026-01-31', setting: THIRTY_CALENDAR, pauses: [], days: NONE }
    expect(clockState({ ...base, completedOn: '2026-03-02', today: '2026-04-01' }).status).toBe('MET')
    expect(clockState({ ...base, completedOn: '2026-03-03', today: '2026-04-01' }).status).toBe('MISSED')
    expect(clockState({ ...base, completedOn: null, today: '2026-03-03' }).status).toBe('OVERDUE')
    expect(clockState({ ...base, completedOn: null, today: '2026-02-15' }).status).toBe('RUNNING')
    expect(
      clockState({
        ...base,
        pauses: [{ startedOn: '2026-02-10', endedOn: null }],
        completedOn: null,
        today: '2026-02-15',
      }).status,
    ).toBe('PAUSED')
  })

  describe('transition notice', () => {
    const calendar = (setting: Omit<ClockSetting, 'code'>, nonWorkingDays: string[] = []): RegionCalendar => ({
      settings: new Map([['TRANSITION_NOTICE', { code: 'TRANSITION_NOTICE', ...setting }]]),
      nonWorkingDays: new Set(nonWorkingDays),
      workingWeekends: new Set(),
    })
    const NINETY_CALENDAR = calendar({ days: 90, dayKind: 'CALENDAR' })
    const signed = { status: 'SIGNED' as const, closedOn: null, exitReason: null }
    const transitioned = (closedOn: string) => ({
      status: 'CLOSED' as const,
      closedOn,
      exitReason: 'TRANSITION_TO_PRESCHOOL' as const,
    })

    it('runs over the last ninety calendar days before the third birthday', () => {
      // Born 15 March 2024: three on 15 March 2027; the period is 15 December 2026 … 14 March 2027.
      expect(transitionNoticeState(signed, '2024-03-15', NINETY_CALENDAR, '2026-12-14')).toEqual({
        code: 'TRANSITION_NOTICE',
        startedOn: '2026-12-15',
        dueOn: '2027-03-14',
        completedOn: null,
        status: 'RUNNING',
      })
      expect(transitionNoticeState(signed, '2024-03-15', NINETY_CALENDAR, '2027-03-14')?.status).toBe('RUNNING')
      expect(transitionNoticeState(signed, '2024-03-15', NINETY_CALENDAR, '2027-03-15')?.status).toBe('OVERDUE')
    })

    it('counts working days back from the birthday, skipping weekends and the region’s non-working days', () => {
      // Three on Tuesday 17 Nov 2026: ten working days before it begin on Tuesday 3 Nov, or on Monday 2 Nov when
      // 4 Nov (День народного единства) is a day off.
      const tenWorking = calendar({ days: 10, dayKind: 'WORKING' })
      const withHoliday = calendar({ days: 10, dayKind: 'WORKING' }, ['2026-11-04'])
      expect(transitionNoticeState(signed, '2023-11-17', tenWorking, '2026-11-01')).toMatchObject({
        startedOn: '2026-11-03',
        dueOn: '2026-11-16',
      })
      expect(transitionNoticeState(signed, '2023-11-17', withHoliday, '2026-11-01')).toMatchObject({
        startedOn: '2026-11-02',
        dueOn: '2026-11-16',
      })
    })

    it('is met by a transition to preschool up to the day before the birthday and missed after it', () => {
      const met = transitionNoticeState(transitioned('2027-03-14'), '2024-03-15', NINETY_CALENDAR, '2027-04-01')
      expect(met).toMatchObject({ completedOn: '2027-03-14', status: 'MET' })
      const missed = transitionNoticeState(transitioned('2027-03-15'), '2024-03-15', NINETY_CALENDAR, '2027-04-01')
      expect(missed).toMatchObject({ completedOn: '2027-03-15', status: 'MISSED' })
    })

    it('is absent for a draft, a superseded version and a programme closed for another reason', () => {
      const today = '2027-01-10'
      for (const programme of [
        { status: 'DRAFT' as const, closedOn: null, exitReason: null },
        { status: 'SUPERSEDED' as const, closedOn: null, exitReason: null },
        { status: 'CLOSED' as const, closedOn: '2027-01-09', exitReason: 'MOVED' as const },
      ]) {
        expect(transitionNoticeState(programme, '2024-03-15', NINETY_CALENDAR, today)).toBeNull()
      }
    })

    it('takes 28 February as the third birthday of a child born on 29 February', () => {
      expect(transitionNoticeState(signed, '2024-02-29', NINETY_CALENDAR, '2027-01-01')?.dueOn).toBe('2027-02-27')
    })

    it('finds the latest birth date whose notice period has begun', () => {
      expect(latestBirthDateInTransitionNotice(NINETY_CALENDAR, '2026-12-15')).toBe('2024-03-15')
      const withHoliday = calendar({ days: 10, dayKind: 'WORKING' }, ['2026-11-04'])
      expect(latestBirthDateInTransitionNotice(withHoliday, '2026-11-02')).toBe('2023-11-17')
      // A day ahead is 28 February 2027, the third birthday of children born on 28 and on 29 February 2024.
      const oneDay = calendar({ days: 1, dayKind: 'CALENDAR' })
      expect(latestBirthDateInTransitionNotice(oneDay, '2027-02-27')).toBe('2024-02-29')
    })
  })
})
