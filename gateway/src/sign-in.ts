import type { Express } from 'express'
import { regionTimeZone } from '@hub/platform/region-time'

/** Where the screens sign in: the region's OpenID Connect provider, the screens' client there, and what they ask for. */
export interface ScreenSignIn {
  issuer: string
  clientId: string
  scope: string
}

export const SIGN_IN_CONFIG_PATH = '/auth/config'

/**
 * `GET /auth/config`: what the dashboard and the explorer need to start the authorization-code flow with PKCE, and the
 * region's time zone, in which the screens count today (a form's default date, days left on a clock). It is public
 * (the sign-in page needs it before anyone is signed in) and holds nothing secret: the client is public.
 */
export function mountSignInConfig(app: Express, signIn: ScreenSignIn) {
  app.get(SIGN_IN_CONFIG_PATH, (_req, res) => {
    res.set('cache-control', 'no-cache').json({ ...signIn, timeZone: regionTimeZone() })
  })
}
