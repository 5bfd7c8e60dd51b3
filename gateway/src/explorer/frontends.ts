import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Express, type Response } from 'express'
import type { ScreenSignIn } from '../sign-in.js'

/**
 * Only this origin: the pages load nothing from elsewhere and send nothing elsewhere, which the browser enforces
 * too. Monaco sets inline styles, and the GraphiQL stylesheet carries its fonts as data: URLs. A list's XLSX download
 * compresses a large sheet in a worker that write-excel-file (fflate) makes from a blob: of the page's own script,
 * which only code already running in the page can create.
 */
function contentSecurityPolicy(identityProvider: string | undefined) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    `connect-src 'self'${identityProvider ? ` ${identityProvider}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ')
}

function sendPage(res: Response, file: string, policy: string) {
  res.set('content-security-policy', policy).set('cache-control', 'no-cache')
  if (!existsSync(file)) {
    res
      .status(503)
      .type('text/plain; charset=utf-8')
      .send(`${file} is missing: build the dashboard and the explorer with npm run build:dashboard`)
    return
  }
  res.sendFile(file)
}

/**
 * The dashboard (`/dashboard`, its own routes below it) and the explorer (`/explorer`) from the Vite build in
 * `distDir`; their hashed assets under `/assets` never change, so browsers keep them.
 */
export function mountFrontends(app: Express, distDir: string, signIn?: ScreenSignIn) {
  const policy = contentSecurityPolicy(signIn && new URL(signIn.issuer).origin)
  app.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }))
  app.get(['/explorer', '/explorer/'], (_req, res) => sendPage(res, join(distDir, 'explorer', 'index.html'), policy))
  app.get(['/dashboard', '/dashboard/{*route}'], (_req, res) => sendPage(res, join(distDir, 'index.html'), policy))
}
