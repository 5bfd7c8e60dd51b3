import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'
import { useCallback, useEffect, useState } from 'react'

/** What the gateway says about sign-in (`GET /auth/config`): the region's identity provider and the screens' client. */
interface SignInConfig {
  issuer: string
  clientId: string
  scope: string
}

/** One tab at a time renews the shared session; the others take the renewed tokens from storage. */
const RENEW_LOCK = 'early-help-hub.renew-session'

/** The page the identity provider returns to: the dashboard or the explorer, each its own redirect URI. */
function homePath() {
  return location.pathname.startsWith('/explorer') ? '/explorer' : '/dashboard'
}

let opened: Promise<UserManager | null> | undefined

/** The screens' client at the identity provider; null when the gateway has none set up. */
function openManager() {
  opened ??= fetch('/auth/config').then(async (response) => {
    if (response.status === 404) return null
    if (!response.ok) throw new Error(`шлюз ответил ${response.status}`)
    const config = (await response.json()) as SignInConfig
    const home = `${location.origin}${homePath()}`
    return new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      scope: config.scope,
      redirect_uri: home,
      post_logout_redirect_uri: home,
      // The session is the browser's, not one tab's: a link opened in a new tab is signed in too, and signing out
      // anywhere signs out everywhere (the other tabs hear the storage change).
      userStore: new WebStorageStateStore({ store: localStorage }),
      automaticSilentRenew: false,
      loadUserInfo: false,
    })
  })
  return opened
}

let returned: Promise<User | null> | undefined

/** Completes a sign-in the identity provider returned from (`?code=…&state=…`), once, and goes back to where it began. */
function completeSignIn(manager: UserManager) {
  returned ??= (async () => {
    const query = new URLSearchParams(location.search)
    if (!query.has('state') || !(query.has('code') || query.has('error'))) return null
    try {
      const user = await manager.signinRedirectCallback()
      const back = typeof user.state === 'string' && user.state.startsWith(homePath()) ? user.state : homePath()
      history.replaceState(null, '', back)
      // The page's router reads the path from history's events.
      dispatchEvent(new PopStateEvent('popstate'))
      return user
    } catch (failure) {
      history.replaceState(null, '', homePath())
      throw failure
    }
  })()
  return returned
}

/** Renews the access token with the refresh token, unless another tab has just done it. */
async function renew(manager: UserManager, stale: string) {
  const run = async () => {
    const current = await manager.getUser()
    if (current && !current.expired && current.access_token !== stale) return current
    return manager.signinSilent()
  }
  return navigator.locks ? navigator.locks.request(RENEW_LOCK, run) : run()
}

/** When to renew: a fifth of the time left before the token ends, at most a minute, ahead of it. */
function renewalDelayMs(user: User) {
  const left = user.expires_in ?? 0
  return Math.max(0, (left - Math.min(60, left / 5)) * 1000)
}

export interface TokenClaims {
  sub?: string
  side?: string
  role?: string
  org?: string
  name?: string
  /** The address the identity provider gives, which prefills the digest's settings. */
  email?: string
  exp?: number
}

/** What the token says about its bearer, for display only: the gateway and the subgraphs verify it. */
export function readClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1]
  if (!payload) return null
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
    const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0))
    return JSON.parse(new TextDecoder().decode(bytes)) as TokenClaims
  } catch {
    return null
  }
}

export type SessionState =
  | { status: 'starting' }
  | { status: 'signed-in'; token: string }
  | { status: 'signed-out'; reason?: string }
  | { status: 'unavailable'; reason: string }

/**
 * The signed-in user's session for a page's top component: sign-in with the authorization-code flow and PKCE at the
 * region's identity provider, the access token renewed before it ends, the same session in every tab, and sign-out.
 */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'starting' })
  const [manager, setManager] = useState<UserManager | null>(null)

  const show = useCallback((user: User | null, reason?: string) => {
    setState(
      user && !user.expired ? { status: 'signed-in', token: user.access_token } : { status: 'signed-out', reason },
    )
  }, [])

  useEffect(() => {
    let active = true
    openManager()
      .then(async (opened) => {
        if (!active) return
        if (!opened) {
          setState({ status: 'unavailable', reason: 'Вход не настроен: шлюз не знает поставщика удостоверений.' })
          return
        }
        setManager(opened)
        const user = (await completeSignIn(opened)) ?? (await opened.getUser())
        if (user?.expired && user.refresh_token) {
          show(await renew(opened, user.access_token).catch(() => null), 'Сеанс завершён, войдите снова.')
        } else if (active) show(user)
      })
      .catch((failure: Error) => {
        if (active) setState({ status: 'unavailable', reason: `Не удалось войти: ${failure.message}` })
      })
    return () => {
      active = false
    }
  }, [show])

  // Another tab signed in, renewed or signed out.
  useEffect(() => {
    if (!manager) return
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key.startsWith('oidc.user:')) void manager.getUser().then((user) => show(user))
    }
    addEventListener('storage', onStorage)
    return () => removeEventListener('storage', onStorage)
  }, [manager, show])

  // The access token is renewed before it ends; a refused renewal (the sign-in ended at the provider) signs out.
  const token = state.status === 'signed-in' ? state.token : null
  useEffect(() => {
    if (!manager || !token) return
    let timer: ReturnType<typeof setTimeout> | undefined
    void manager.getUser().then((user) => {
      if (!user) return
      timer = setTimeout(() => {
        renew(manager, token).then(
          (renewed) => show(renewed),
          () => void manager.removeUser().then(() => show(null, 'Сеанс завершён, войдите снова.')),
        )
      }, renewalDelayMs(user))
    })
    return () => clearTimeout(timer)
  }, [manager, token, show])

  return {
    state,
    token,
    async signIn() {
      await manager?.signinRedirect({ state: `${location.pathname}${location.search}` })
    },
    async signOut() {
      if (!manager) return
      const user = await manager.getUser()
      await manager.removeUser()
      show(null)
      await manager.signoutRedirect({ id_token_hint: user?.id_token })
    },
  }
}
