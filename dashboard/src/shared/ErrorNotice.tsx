import type { HubError } from './graphql'
import { errorText, type FieldLabels } from './errors'

/** The hub's errors in Russian, each distinct text once; the English message stays in the tooltip for developers. */
export function ErrorNotice({ errors, labels }: { errors: readonly HubError[]; labels?: FieldLabels }) {
  const distinct = [...new Map(errors.map((error) => [errorText(error, labels), error])).entries()]
  if (distinct.length === 0) return null
  return (
    <div className="notice notice-error" role="alert">
      {distinct.map(([text, error]) => (
        <p key={text} title={error.message}>
          {text}
        </p>
      ))}
    </div>
  )
}
