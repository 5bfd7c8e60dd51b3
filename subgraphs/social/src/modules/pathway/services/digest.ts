import { daysBetween, type RegionCalendar } from './clocks.js'
import { notificationPath, russianDate, whatIsDue, type Crossing } from './notifications.js'

/**
 * The daily e-mail digest of deadlines. It carries what is due, by when, at which provider and a link into the
 * screens, and nothing about the child: no name, no birth date (a transition's due date is the eve of the third
 * birthday, so it is left out), no health data. The screens check who may see more.
 */

/** One item of a digest: an open crossing and the name of its provider (none for a child-find signal). */
export interface DigestItem {
  crossing: Crossing
  providerName: string | null
}

export interface Digest {
  subject: string
  text: string
  html: string
}

/** The noun after a count, in Russian: 1 день, 2 дня, 5 дней. */
function counted(count: number, [one, few, many]: readonly [string, string, string]) {
  const tens = count % 100
  const units = count % 10
  const word = tens >= 11 && tens <= 14 ? many : units === 1 ? one : units >= 2 && units <= 4 ? few : many
  return `${count} ${word}`
}

const CALENDAR_DAYS = ['день', 'дня', 'дней'] as const
const WORKING_DAYS = ['рабочий день', 'рабочих дня', 'рабочих дней'] as const

/** «срок 09.12.2026, осталось 2 рабочих дня» or «просрочено на 3 дня», counted in the clock's kind of days. */
function whenDue(crossing: Crossing, calendar: RegionCalendar, today: string) {
  if (crossing.clock === 'TRANSITION_NOTICE') {
    return crossing.crossing === 'BREACHED' ? 'срок истёк' : 'срок подходит'
  }
  const kind = calendar.settings.get(crossing.clock)?.dayKind ?? 'CALENDAR'
  const words = kind === 'WORKING' ? WORKING_DAYS : CALENDAR_DAYS
  const due = `срок ${russianDate(crossing.dueOn)}`
  if (crossing.dueOn < today) {
    return `${due}, просрочено на ${counted(daysBetween(crossing.dueOn, today, kind, calendar), words)}`
  }
  const left = daysBetween(today, crossing.dueOn, kind, calendar)
  return left === 0 ? `${due}, последний день сегодня` : `${due}, осталось ${counted(left, words)}`
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const FOOTER =
  'Письмо не содержит имён детей, дат рождения и сведений о здоровье: подробности открываются по ссылке после входа ' +
  'в систему, с проверкой прав доступа.'

/** The digest of one member of staff for `today`: most urgent first. */
export function composeDigest(args: {
  name: string | null
  items: readonly DigestItem[]
  calendar: RegionCalendar
  today: string
  screensUrl: string
}): Digest {
  const subject = `Сроки по работе ранней помощи на ${russianDate(args.today)}`
  const lines = [...args.items]
    .sort(
      (a, b) => a.crossing.dueOn.localeCompare(b.crossing.dueOn) || a.crossing.itemId.localeCompare(b.crossing.itemId),
    )
    .map(({ crossing, providerName }) => ({
      due: `${whatIsDue(crossing.clock, crossing.startedOn)} — ${whenDue(crossing, args.calendar, args.today)}`,
      provider: providerName,
      link: `${args.screensUrl}${notificationPath(crossing, crossing.referral)}`,
    }))
  const settings = `${args.screensUrl}/dashboard/notifications`
  const greeting = args.name ? `Здравствуйте, ${args.name}!` : 'Здравствуйте!'
  const text = [
    greeting,
    '',
    `${subject}:`,
    '',
    ...lines.flatMap((line, index) => [
      `${index + 1}. ${line.due}`,
      ...(line.provider === null ? [] : [`   Поставщик: ${line.provider}`]),
      `   Открыть: ${line.link}`,
      '',
    ]),
    '—',
    FOOTER,
    `Отказаться от сводки или сменить адрес: ${settings}`,
    '',
  ].join('\n')
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    '<ol>',
    ...lines.map(
      (line) =>
        `<li>${escapeHtml(line.due)}<br>` +
        (line.provider === null ? '' : `Поставщик: ${escapeHtml(line.provider)}<br>`) +
        `<a href="${escapeHtml(line.link)}">Открыть</a></li>`,
    ),
    '</ol>',
    `<p><small>${escapeHtml(FOOTER)} <a href="${escapeHtml(settings)}">Отказаться от сводки или сменить адрес</a>.</small></p>`,
  ].join('\n')
  return { subject, text, html }
}
