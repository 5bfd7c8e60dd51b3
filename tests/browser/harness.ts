import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startHub } from '../support/hub.js'

/** Debian's Chromium (`apt-get install -y chromium`): Playwright's own browser downloads cannot reach the internet here. */
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
      `${CHROMIUM} is missing: the browser tests need Debian's Chromium, install it with apt-get install -y chromium`,
    )
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  const foreignRequests: string[] = []
  const consoleErrors: string[] = []

  async function openContext() {
    const opened = await browser.newContext({
      locale: 'ru-RU',
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

/** Signs in on the dashboard's sign-in page with the development role picker. */
export async function signInAs(page: Page, role: string) {
  await page.getByLabel('Режим разработки: войти в роли').selectOption(role)
  await page.getByRole('button', { name: 'Войти в выбранной роли' }).click()
}

/** The hub on loopback (PGlite, with the development sign-in), and Chromium with one page to drive it. */
export async function startHubInChromium() {
  const hub = await startHub('pglite', { devSignIn: true })
  const browser = await launchChromium()
  const context = await browser.openContext()
  return {
    hub,
    chromium: browser,
    page: await browser.newPage(context),
    origin: new URL(hub.gateway.url).origin,
    async stop() {
      await browser.browser.close()
      await hub.stop()
    },
  }
}

/** Clicks a button that saves a file, and returns the file's suggested name and its bytes. */
export async function downloadBy(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ])
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) }
}
