import { isErrorRule, PARAM_WORDS, renderRule } from '@hub/platform/error-rules'

/**
 * An error as the hub sends it; the fetch client's `HubError` is one. Declared here so that this module imports
 * nothing of the app and the tests run it without a browser.
 */
export interface HubError {
  message: string
  extensions?: Readonly<Record<string, unknown>>
}

/** The Russian labels a form gives its fields, by the path an error names (`input.birthDate`, `input.members.lastName`). */
export type FieldLabels = Readonly<Record<string, string>>

/** What each code of the hub's closed set means when the error names no rule the screen can say. */
const CODE_TEXT: Readonly<Record<string, string>> = {
  BAD_USER_INPUT: 'Проверьте введённые данные',
  NOT_FOUND: 'Запись не найдена; возможно, её уже изменили или удалили',
  UNAUTHENTICATED: 'Сеанс истёк, войдите снова',
  FORBIDDEN: 'это действие или сведения вашей роли недоступны',
  CONFLICT: 'Сведения уже изменились; обновите страницу и повторите',
  UNAVAILABLE: 'Сведения одного из ведомств сейчас недоступны; попробуйте позже',
}
const UNKNOWN_TEXT = 'Не удалось выполнить запрос; попробуйте позже'

/** The label of the field an error names: exactly, or with its list positions left out (`input.members[1].lastName`). */
function labelOf(field: unknown, labels: FieldLabels) {
  if (typeof field !== 'string') return undefined
  return labels[field] ?? labels[field.replace(/\[\d+\]/g, '')]
}

function sideOf(value: unknown): value is keyof (typeof PARAM_WORDS)['side'] {
  return typeof value === 'string' && Object.hasOwn(PARAM_WORDS.side, value)
}

/** The error's own words: its rule's text with its values, or else what its code means. */
function ruleText(error: HubError) {
  const extensions = error.extensions ?? {}
  const { rule, code } = extensions
  const params = (extensions.params ?? {}) as Record<string, unknown>
  const text = isErrorRule(rule) ? renderRule(rule, params) : undefined
  if (text !== undefined) return text
  if (code === 'UNAVAILABLE' && sideOf(extensions.serviceName)) {
    return renderRule('SUBGRAPH_UNAVAILABLE', { side: extensions.serviceName })!
  }
  return (typeof code === 'string' && CODE_TEXT[code]) || UNKNOWN_TEXT
}

function lowerFirst(text: string) {
  // An abbreviation (ИПРП, ПМПК) keeps its capitals.
  return /^[А-ЯЁA-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1)
}

/** What a screen says about one error of the hub, in Russian, and which field of the form it belongs to. */
export interface ErrorDescription {
  /** The field's label, where the form knows the field the error names. */
  label?: string
  text: string
}

export function describeError(error: HubError, labels: FieldLabels = {}): ErrorDescription {
  const own = ruleText(error)
  const text = error.extensions?.code === 'FORBIDDEN' ? `Нет доступа: ${lowerFirst(own)}` : own
  const label = labelOf(error.extensions?.field, labels)
  return label === undefined ? { text } : { label, text }
}

/** A part of the answer withheld from the viewer, and the rule that withholds it. */
export function refusalText(error: HubError) {
  return `Скрыто: ${lowerFirst(ruleText(error))}`
}

/** One line for an error: «Дата рождения: Дата не может быть позже сегодняшней (07.12.2026)». */
export function errorText(error: HubError, labels: FieldLabels = {}) {
  const { label, text } = describeError(error, labels)
  return label === undefined ? text : `${label}: ${text}`
}
