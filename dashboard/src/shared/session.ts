import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'
import { useCallback, useEffect, useState } from 'react'
import { setRegionTimeZone } from '@hub/platform/region-time'

/**
 * What the gateway says about sign-in (`GET /auth/config`): the region's identity provider and the screens' client, and
 * the region's time zone (`HUB_TIME_ZONE`), in which the screens count today as the subgraphs do.
 */
interface SignInConfig {
  issuer: string
  clientId: string
  scope: string
  timeZone: string
}

/**
 * One tab of the browser renews the shared session: the first to need it, holding a Web Lock while it stays open (the
 * next tab takes it over when it closes). The others take the renewed tokens from storage. A lock taken only for each
 * renewal is not enough: a write to localStorage reaches the other tabs' processes a moment later, so a tab could read
 * the old refresh token after the lock and spend it again, and the provider then ends the whole sign-in.
 */
const LEADER_LOCK = 'early-help-hub.session-leader'

let leadership: Promise<void> | undefined

/** Resolves once this tab is the one that renews the session; without Web Locks every tab renews its own. */
function becomeLeader() {
  leadership ??= navigator.locks
    ? new Promise<void>((acquired) => {
        void navigator.locks.request(LEADER_LOCK, () => {
          acquired()
          return new Promise<never>(() => undefined)
        })
      })
    : Promise.resolve()
  return leadership
}

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
    setRegionTimeZone(config.timeZone)
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

/** Renews the access token with the refresh token, in the leading tab, unless it already holds a newer one. */
async function renew(manager: UserManager, stale: string) {
  await becomeLeader()
  const current = await manager.getUser()
  if (current && !current.expired && current.access_token !== stale) return current
  return manager.signinSilent()
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
  const [leader, setLeader] = useState(false)

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

  // The leading tab renews the access token before it ends; a refused renewal (the sign-in ended at the provider) signs
  // out, every tab hearing it through storage.
  const token = state.status === 'signed-in' ? state.token : null
  useEffect(() => {
    if (!token) return
    let active = true
    void becomeLeader().then(() => active && setLeader(true))
    return () => {
      active = false
    }
  }, [token])
  useEffect(() => {
    if (!manager || !token || !leader) return
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
  }, [manager, token, leader, show])

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
