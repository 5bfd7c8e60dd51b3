import './sign-in.css'
import { useState } from 'react'
import type { SessionState } from './session'

/**
 * The page of someone not signed in: one button to the region's identity provider, which returns here. What ended
 * the last session, or why sign-in cannot start, is said above it.
 */
export function SignIn({ state, onSignIn }: { state: SessionState; onSignIn: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (state.status === 'starting') {
    return (
      <div className="sign-in" aria-busy="true">
        <p>Проверка входа…</p>
      </div>
    )
  }
  const reason = state.status === 'signed-in' ? undefined : state.reason
  return (
    <div className="sign-in">
      <h1>Вход в систему «Ранняя помощь»</h1>
      <p>
        Межведомственная система ранней помощи детям от 0 до 3 лет и их семьям. Вход — через региональную систему
        идентификации, под вашей учётной записью.
      </p>
      {reason && (
        <p className={state.status === 'unavailable' ? 'error' : 'notice'} role="alert">
          {reason}
        </p>
      )}
      {state.status === 'signed-out' && (
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true)
            setError(null)
            onSignIn().catch((failure: Error) => {
              setError(`Поставщик удостоверений недоступен: ${failure.message}`)
              setBusy(false)
            })
          }}
        >
          Войти
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
