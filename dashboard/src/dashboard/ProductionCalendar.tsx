import { regionDay } from '@hub/platform/region-time'
import { useState } from 'react'
import { ProductionCalendarDocument, type CalendarDayKind } from '../../../schema/__generated__/operations'
import { ErrorNotice } from '../shared/ErrorNotice'
import { enumLabels } from '../shared/__generated__/enum-labels'
import { formatDate } from './labels'
import { Pending } from './Status'
import { useOperation } from './useOperation'

/**
 * The year's production calendar of social's «Справочники» screen, month by month: the days off (weekends, holidays,
 * transferred days off), the shortened days and the weekend days worked, as the deadline clocks count them.
 */

const MONTHS = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
]
const WEEKDAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс']
const KIND_CLASS: Readonly<Record<CalendarDayKind, string>> = {
  NON_WORKING: 'calendar-off calendar-holiday',
  SHORTENED: 'calendar-shortened',
  WORKING_WEEKEND: 'calendar-working-weekend',
}

function Month({ year, month, days }: { year: number; month: number; days: ReadonlyMap<string, CalendarDayKind> }) {
  const first = new Date(Date.UTC(year, month, 1))
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const offset = (first.getUTCDay() + 6) % 7
  const cells: (number | null)[] = [...Array<null>(offset).fill(null), ...Array.from({ length }, (_, i) => i + 1)]
  const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, week) => cells.slice(week * 7, week * 7 + 7))
  return (
    <table className="calendar-month">
      <caption>{MONTHS[month]}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((weekday) => (
            <th key={weekday} scope="col">
              {weekday}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, index) => (
          <tr key={index}>
            {week.map((day, column) => {
              if (day === null) return <td key={column} />
              const date = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
              const kind = days.get(date)
              const className = kind ? KIND_CLASS[kind] : column >= 5 ? 'calendar-off' : undefined
              return (
                <td key={column} className={className} title={kind ? enumLabels.CalendarDayKind[kind] : undefined}>
                  {day}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ProductionCalendar({ token, revision }: { token: string; revision: number }) {
  const [year, setYear] = useState(() => Number(regionDay().slice(0, 4)))
  const state = useOperation(ProductionCalendarDocument, { year }, token, revision)
  const listed = state.status === 'done' ? (state.result.data?.productionCalendar ?? []) : []
  const days = new Map(listed.map((entry) => [entry.day, entry.kind]))
  return (
    <section aria-labelledby="production-calendar" data-testid="production-calendar">
      <h2 id="production-calendar">Производственный календарь</h2>
      <p>
        По нему сроки в рабочих днях пропускают нерабочие дни и считают рабочие субботы и воскресенья. Календарь
        загружается из файла портала открытых данных (справочник «Производственный календарь» выше); нерабочие дни года
        можно поправить и после загрузки запросом setNonWorkingDays.
      </p>
      <label>
        Год календаря{' '}
        <input
          type="number"
          min={2000}
          max={2100}
          value={year}
          onChange={(event) => {
            const chosen = Number(event.currentTarget.value)
            if (Number.isInteger(chosen) && chosen >= 2000 && chosen <= 2100) setYear(chosen)
          }}
        />
      </label>
      <p className="calendar-legend">
        <span className="calendar-off">выходной</span> <span className="calendar-holiday">нерабочий день</span>{' '}
        <span className="calendar-shortened">сокращённый день</span>{' '}
        <span className="calendar-working-weekend">рабочая суббота или воскресенье</span>
      </p>
      {state.status === 'done' ? <ErrorNotice errors={state.result.errors ?? []} /> : <Pending state={state} />}
      <div className="calendar-year">
        {MONTHS.map((_, month) => (
          <Month key={month} year={year} month={month} days={days} />
        ))}
      </div>
      {state.status === 'done' && listed.length === 0 && (
        <p className="muted">
          На {year} год производственный календарь не загружен: считаются только субботы и воскресенья.
        </p>
      )}
      {listed.length > 0 && (
        <table data-testid="production-calendar-days">
          <caption>Дни, отличные от обычных, в {year} году</caption>
          <thead>
            <tr>
              <th>Дата</th>
              <th>Вид дня</th>
              <th>Наименование</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((entry) => (
              <tr key={`${entry.day}-${entry.kind}`}>
                <td>{formatDate(entry.day)}</td>
                <td>{enumLabels.CalendarDayKind[entry.kind]}</td>
                <td>{entry.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
