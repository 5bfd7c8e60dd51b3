import { refusalText } from '../shared/errors'
import type { HubError } from '../shared/graphql'

/** The notice for each side whose subgraph did not answer (UNAVAILABLE with its serviceName). */
export const UNAVAILABLE_NOTICE: Record<string, string> = {
  social: 'Данные соцзащиты временно недоступны',
  health: 'Данные Минздрава временно недоступны',
  education: 'Данные органов образования временно недоступны',
  ngo: 'Данные НКО временно недоступны',
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
  const distinct = [...new Map(errors.map((error) => [refusalText(error), error])).entries()]
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
