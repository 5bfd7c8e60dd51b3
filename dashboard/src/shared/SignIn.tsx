import './sign-in.css'
import { useEffect, useState, type FormEvent } from 'react'
import { saveToken } from './session'

/** Where the gateway answers whether a token is valid, without running a query: the explorer's schema. */
const TOKEN_CHECK_URL = '/explorer/schema.graphql'
const DEV_SIGN_IN_URL = '/dev/sign-in'

interface DevRole {
  id: string
  label: string
}

async function checkToken(token: string) {
  const response = await fetch(TOKEN_CHECK_URL, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } })
  return response.ok
}

/**
 * Sign-in: a token from the region's identity provider (in development, one that `npm start` printed) pasted
 * here; in development with the embedded default's keys, also a role picker that asks the gateway to sign one.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [token, setToken] = useState('')
  const [roles, setRoles] = useState<DevRole[]>([])
  const [role, setRole] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    // The gateway mounts this only in development; a 404 leaves the picker out.
    fetch(DEV_SIGN_IN_URL)
      .then((response) => (response.ok ? (response.json() as Promise<{ roles: DevRole[] }>) : { roles: [] }))
      .then(({ roles: offered }) => {
        setRoles(offered)
        setRole(offered[0]?.id ?? '')
      })
      .catch(() => setRoles([]))
  }, [])

  async function accept(candidate: string) {
    if (!(await checkToken(candidate))) {
      setError('Шлюз не принял токен: он недействителен или истёк срок его действия.')
      return
    }
    saveToken(candidate)
    onSignedIn(candidate)
  }

  async function submit(event: FormEvent, action: () => Promise<void>) {
    event.preventDefault()
    setError(null)
    setBusy(true)
    try {
      await action()
    } catch (failure) {
      setError(`Не удалось войти: ${(failure as Error).message}`)
    } finally {
      setBusy(false)
    }
  }

  const signInWithToken = () => accept(token.trim())
  const signInAsRole = async () => {
    const response = await fetch(DEV_SIGN_IN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role }),
    })
    if (!response.ok) throw new Error(`шлюз ответил ${response.status}`)
    await accept(((await response.json()) as { token: string }).token)
  }

  return (
    <div className="sign-in">
      <h1>Вход</h1>
      <form onSubmit={(event) => void submit(event, signInWithToken)}>
        <label htmlFor="sign-in-token">Токен доступа (JWT)</label>
        <textarea
          id="sign-in-token"
          rows={4}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="Вставьте токен, выданный системой идентификации (при разработке его печатает npm start)"
        />
        <button type="submit" disabled={busy || token.trim() === ''}>
          Войти по токену
        </button>
      </form>
      {roles.length > 0 && (
        <form onSubmit={(event) => void submit(event, signInAsRole)}>
          <label htmlFor="sign-in-role">Режим разработки: войти в роли</label>
          <select id="sign-in-role" value={role} onChange={(event) => setRole(event.target.value)}>
            {roles.map(({ id, label }) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || role === ''}>
            Войти в выбранной роли
          </button>
          <p className="hint">
            Токен подписывает шлюз ключом разработки; в эксплуатации (NODE_ENV=production) этого входа нет.
          </p>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
