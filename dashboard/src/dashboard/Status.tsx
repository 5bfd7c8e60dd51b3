import { ErrorNotice } from '../shared/ErrorNotice'
import type { HubError } from '../shared/graphql'
import { Unavailable } from './notices'
import type { OperationState } from './useOperation'

/** Loading and transport failures, the same on every page. */
export function Pending({ state }: { state: OperationState<unknown> }) {
  if (state.status === 'loading') return <p className="muted">Загрузка…</p>
  if (state.status === 'failed') {
    return (
      <p className="notice notice-error" role="alert">
        Шлюз недоступен: {state.message}
      </p>
    )
  }
  return null
}

/** Errors that explain nothing about hidden or missing parts: bad input, a session that expired. */
export function OtherErrors({ errors }: { errors?: readonly HubError[] }) {
  const other = (errors ?? []).filter(
    (error) => error.extensions?.code !== 'FORBIDDEN' && error.extensions?.code !== 'UNAVAILABLE',
  )
  return <ErrorNotice errors={other} />
}

/** Everything about an answer but its data: loading, failure, errors, and the sides that did not answer. */
export function Outcome({ state }: { state: OperationState<unknown> }) {
  if (state.status !== 'done') return <Pending state={state} />
  return (
    <>
      <OtherErrors errors={state.result.errors} />
      <Unavailable errors={state.result.errors} />
    </>
  )
}
