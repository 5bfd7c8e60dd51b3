import type { HubError } from '../shared/graphql'

/** The notice for each side whose subgraph did not answer (UNAVAILABLE with its serviceName). */
export const UNAVAILABLE_NOTICE: Record<string, string> = {
  social: 'Данные соцзащиты временно недоступны',
  health: 'Данные Минздрава временно недоступны',
  education: 'Данные органов образования временно недоступны',
  ngo: 'Данные НКО временно недоступны',
}

/** What each category of the subgraphs' access policies covers (subgraphs/<name>/src/policy.ts). */
const CATEGORY: Record<string, string> = {
  identity: 'личные данные ребёнка',
  criteria: 'критерии целевой группы',
  family: 'сведения о семье',
  programme: 'направления и ИПРП',
  sessions: 'занятия',
  health: 'медицинские сведения',
  pmpk: 'заключения ПМПК',
  education: 'сведения системы образования',
  aggregates: 'сводные показатели',
  staff: 'кадровый состав',
  reference: 'справочники',
  audit: 'журнал доступа',
}

/** The rule a FORBIDDEN error names, in the words of the access policy. */
function ruleOf(message: string) {
  if (message.includes('consent')) return 'нужно согласие законного представителя на передачу этих сведений вам'
  if (message.includes('referred')) return 'сведения открыты только по детям, направленным в вашу организацию'
  return 'вашей роли эти сведения недоступны'
}

export function unavailableSides(errors: readonly HubError[] = []) {
  return [
    ...new Set(
      errors
        .filter((error) => error.extensions?.code === 'UNAVAILABLE' && error.extensions.serviceName)
        .map((error) => error.extensions!.serviceName!),
    ),
  ]
}

function startsWith(path: readonly (string | number)[] | undefined, prefix: readonly (string | number)[]) {
  return !!path && prefix.every((part, index) => path[index] === part)
}

/** The refusals under one part of the answer (a path prefix such as ['child', 'health']). */
export function refusalsUnder(errors: readonly HubError[] = [], prefix: readonly (string | number)[]) {
  return errors.filter((error) => error.extensions?.code === 'FORBIDDEN' && startsWith(error.path, prefix))
}

/** What a refusal hides and the rule that hides it, in Russian. */
export function refusalReason(error: HubError) {
  const category = error.extensions?.category
  const what = (category && CATEGORY[category]) ?? error.extensions?.field ?? 'часть сведений'
  return `${what} — ${ruleOf(error.message)}`
}

export function describeRefusal(error: HubError) {
  return `Скрыто: ${refusalReason(error)}`
}

export function Unavailable({ errors }: { errors?: readonly HubError[] }) {
  const sides = unavailableSides(errors)
  if (sides.length === 0) return null
  return (
    <div className="notice notice-unavailable" role="status">
      {sides.map((side) => (
        <p key={side}>
          {UNAVAILABLE_NOTICE[side] ?? `Данные подграфа ${side} временно недоступны`}. Остальные сведения показаны.
        </p>
      ))}
    </div>
  )
}

/** Each distinct refusal once, with the field and rule the subgraph named. */
export function Refusals({ errors }: { errors: readonly HubError[] }) {
  const distinct = [...new Map(errors.map((error) => [describeRefusal(error), error])).entries()]
  if (distinct.length === 0) return null
  return (
    <div className="notice notice-forbidden">
      {distinct.map(([text, error]) => (
        <p key={text} title={error.message}>
          {text} <code>{error.extensions?.field}</code>
        </p>
      ))}
    </div>
  )
}
