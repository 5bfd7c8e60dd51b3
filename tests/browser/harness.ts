import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { DEV_SCREENS_SCOPE } from '@hub/platform/auth/keys'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import { demoUsers, type DemoUser } from '../../idp/src/users.js'
import { freePorts } from '../../scripts/processes.js'
import { startTestIdentityProvider, TEST_SCREENS_CLIENT } from '../support/idp.js'
import { startHub } from '../support/hub.js'

/** Debian's Chromium with its Russian locale (`apt-get install -y chromium chromium-l10n`): Playwright's own browser downloads cannot reach the internet here. */
const CHROMIUM = '/usr/bin/chromium'
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url))

/** Whether a request would leave this machine: anything but loopback over the network (data: and blob: stay in). */
function leavesLoopback(url: string) {
  const { protocol, hostname } = new URL(url)
  return ['http:', 'https:', 'ws:', 'wss:'].includes(protocol) && hostname !== '127.0.0.1'
}

/**
 * Chromium for one test file: contexts that record (and never send) any request bound off loopback, pages that
 * record console errors, and full-page screenshots into the artifacts folder.
 */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser tests need Debian's Chromium, install it with apt-get install -y chromium chromium-l10n`,
    )
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=ru-RU'],
  })
  const foreignRequests: string[] = []
  const consoleErrors: string[] = []

  async function openContext() {
    const opened = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    })
    // Every request is seen here, workers' included; one bound elsewhere is recorded and never sent.
    await opened.route('**/*', (route) => {
      const url = route.request().url()
      if (!leavesLoopback(url)) return route.continue()
      foreignRequests.push(url)
      return route.abort()
    })
    opened.on('weberror', (error) => consoleErrors.push(error.error().message))
    return opened
  }

  async function newPage(opened: BrowserContext) {
    const created = await opened.newPage()
    created.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    return created
  }

  const screenshot = (of: Page, name: string) => of.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true })

  return { browser, openContext, newPage, screenshot, foreignRequests, consoleErrors }
}

export type Chromium = Awaited<ReturnType<typeof launchChromium>>

/**
 * Signs in as a person does: «Войти» on the screen's sign-in page, the login and password on the identity provider's
 * page, and back. `who` is a demo user's role id (`regional-coordinator`) or login; the page may be on any screen.
 */
export async function signInAs(page: Page, who: string, users: readonly DemoUser[] = demoUsers()) {
  const user = users.find((candidate) => candidate.id === who || candidate.login === who)
  if (!user) throw new Error(`no demo user ${who}`)
  await page.getByRole('button', { name: 'Войти', exact: true }).click()
  await page.getByLabel('Логин').fill(user.login)
  await page.getByLabel('Пароль').fill(user.password)
  await page.getByRole('button', { name: 'Войти', exact: true }).click()
  await page.getByRole('button', { name: 'Выйти' }).waitFor()
}

/**
 * The hub on loopback (PGlite) with the development identity provider signing with the test key, and Chromium with
 * one page to drive it. `idp.users` may be extended (a provider's staff member) before someone signs in as them.
 */
export async function startHubInChromium({
  accessTokenSeconds,
  webhooks,
}: { accessTokenSeconds?: number; webhooks?: WebhookOptions } = {}) {
  const [idpPort] = (await freePorts(1)) as [number]
  const issuer = `http://127.0.0.1:${idpPort}`
  const hub = await startHub('pglite', {
    signIn: { issuer, clientId: TEST_SCREENS_CLIENT, scope: DEV_SCREENS_SCOPE },
    webhooks,
  })
  const origin = new URL(hub.gateway.url).origin
  const idp = await startTestIdentityProvider([origin], { port: idpPort, ttlSeconds: accessTokenSeconds })
  const browser = await launchChromium()
  const context = await browser.openContext()
  return {
    hub,
    idp,
    chromium: browser,
    page: await browser.newPage(context),
    origin,
    /**
     * Signs `page` in as a specialist of the provider `org` on `side`, a person the identity provider learns of here
     * (the demo users work for no particular provider).
     */
    async signInAsStaffOf(page: Page, org: string, side: 'ngo' | 'health' | 'education' | 'social' = 'ngo') {
      const login = `staff-${side}-${org.slice(0, 8)}`
      if (!idp.users.some((user) => user.login === login)) {
        const name = 'Сидорова Анна Петровна'
        idp.users.push({
          id: login,
          login,
          password: `${login}-demo`,
          name,
          label: 'Специалист организации',
          claims: { side, role: 'specialist', org, name },
        })
      }
      await signInAs(page, login, idp.users)
    },
    async stop() {
      await browser.browser.close()
      await idp.stop()
      await hub.stop()
    },
  }
}

export type HubInChromium = Awaited<ReturnType<typeof startHubInChromium>>

/** Clicks a button (by its name, or as found) that saves a file, and returns the file's suggested name and its bytes. */
export async function downloadBy(page: Page, button: string | Locator) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (typeof button === 'string' ? page.getByRole('button', { name: button }) : button).click(),
  ])
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) }
}
