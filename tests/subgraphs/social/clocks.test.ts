import { describe, expect, it } from 'vitest'
import { clockState, dueDate, type ClockSetting } from '../../../subgraphs/social/src/clocks.js'

const TEN_WORKING: ClockSetting = { code: 'REFERRAL_TO_NEED_DETERMINATION', days: 10, dayKind: 'WORKING' }
const THIRTY_CALENDAR: ClockSetting = { code: 'REFERRAL_TO_PROGRAMME', days: 30, dayKind: 'CALENDAR' }
const NONE = new Set<string>()

describe('deadline clocks', () => {
  it('counts calendar days from the day after the start', () => {
    expect(dueDate('2026-01-31', THIRTY_CALENDAR, [], NONE, '2026-01-31')).toBe('2026-03-02')
  })

  it('skips weekends and the region’s non-working days when counting working days', () => {
    // Monday 2 Nov 2026 → ten working days end on Monday 16 Nov; 4 Nov (День народного единства) moves it to 17 Nov.
    expect(dueDate('2026-11-02', TEN_WORKING, [], NONE, '2026-11-02')).toBe('2026-11-16')
    expect(dueDate('2026-11-02', TEN_WORKING, [], new Set(['2026-11-04']), '2026-11-02')).toBe('2026-11-17')
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
    const base = { startedOn: '2026-01-31', setting: THIRTY_CALENDAR, pauses: [], nonWorkingDays: NONE }
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
})
