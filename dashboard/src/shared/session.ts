import { useState } from 'react'

/**
 * The signed-in user's token, kept for this browser tab only (sessionStorage): the dashboard and the explorer
 * share it, and closing the tab signs out.
 */
const TOKEN_KEY = 'early-help-hub.token'

export function readToken() {
  return sessionStorage.getItem(TOKEN_KEY)
}

export function saveToken(token: string) {
  sessionStorage.setItem(TOKEN_KEY, token.trim())
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY)
}

export interface TokenClaims {
  sub?: string
  side?: string
  role?: string
  org?: string
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

/** The token of this tab, and signing in and out, for a page's top component. */
export function useSession() {
  const [token, setToken] = useState(readToken)
  return {
    token,
    signedIn: setToken,
    signOut() {
      clearToken()
      setToken(null)
    },
  }
}
