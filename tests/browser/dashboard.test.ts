import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'

/** Debian's Chromium (`apt-get install -y chromium`): Playwright's own browser downloads cannot reach the internet here. */
const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url))
const CHILD_NAME = 'Соколова Алёна Игоревна'

/** Whether a request would leave this machine: anything but loopback over the network (data: and blob: stay in). */
function leavesLoopback(url: string) {
  const { protocol, hostname } = new URL(url)
  return ['http:', 'https:', 'ws:', 'wss:'].includes(protocol) && hostname !== '127.0.0.1'
}

describe('the dashboard and the explorer in Chromium, against the hub on loopback', () => {
  let hub: Hub
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let origin: string
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>
  const foreignRequests: string[] = []
  const consoleErrors: string[] = []

  async function openContext() {
    const opened = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1440, height: 1000 } })
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

  const screenshot = (name: string, of: Page = page) =>
    of.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true })

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: the browser tests need Debian's Chromium, install it with apt-get install -y chromium`,
      )
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    hub = await startHub('pglite', { devSignIn: true })
    fixture = await insertChildKnownToEverySide(hub.databases)
    origin = new URL(hub.gateway.url).origin
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    context = await openContext()
    page = await newPage(context)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await hub?.stop()
  })

  it('signs in as a regional coordinator with the development role picker and lists the registry', async () => {
    await page.goto(`${origin}/dashboard`)
    await page.getByLabel('Режим разработки: войти в роли').selectOption('regional-coordinator')
    await page.getByRole('button', { name: 'Войти в выбранной роли' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Реестр детей целевой группы' }).count()).toBe(1)
    await page.getByRole('link', { name: CHILD_NAME }).waitFor()
    expect(await page.locator('.viewer').textContent()).toBe('координатор, региональный уровень')
    await screenshot('registry')
  })

  it('filters the registry by status', async () => {
    await page.getByLabel('Статус в реестре').selectOption('EXITED')
    await page.getByRole('button', { name: 'Найти' }).click()
    await page.getByText('Найдено: 0').waitFor()
    await page.getByLabel('Статус в реестре').selectOption('PROGRAMME_ACTIVE')
    await page.getByRole('button', { name: 'Найти' }).click()
    await page.getByRole('link', { name: CHILD_NAME }).waitFor()
  })

  it('opens the child card with every side’s part', async () => {
    await page.getByRole('link', { name: CHILD_NAME }).click()
    await page.getByRole('heading', { name: CHILD_NAME }).waitFor()
    expect(page.url()).toBe(`${origin}/dashboard/children/${fixture.child.id}`)
    const health = page.getByRole('region', { name: 'Здравоохранение' })
    await health.getByText('Q90.0').waitFor()
    await page.getByRole('region', { name: 'Образование' }).getByText('Заключения ПМПК').waitFor()
    await page.getByRole('region', { name: 'НКО' }).getByText('Родительские группы').waitFor()
    expect(await page.locator('.notice-unavailable').count()).toBe(0)
    await screenshot('child-card')
  })

  it('runs ChildCard in the explorer with the signed-in token and shows the data', async () => {
    await page.goto(`${origin}/explorer`)
    const tab = page.locator('.graphiql-tab-button', { hasText: /^ChildCard$/ })
    await tab.click()
    await page.locator('.graphiql-editor-tool .monaco-editor').first().click()
    // Typed key by key after clearing: Monaco closes brackets and quotes as a person types, and types over them.
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Backspace')
    await page.keyboard.type(JSON.stringify({ id: fixture.child.id }))
    await page.locator('.graphiql-execute-button').click()
    // Monaco renders spaces as no-break spaces.
    const response = async () => (await page.locator('.graphiql-response').textContent())?.replace(/\u00a0/g, ' ')
    await expect.poll(response, { timeout: 20_000 }).toContain(`"fullName": "${CHILD_NAME}"`)
    await screenshot('explorer-child-card')
    // The token (and GraphiQL's tabs) live in this tab's sessionStorage only: nothing outlasts the tab.
    // A string: the tests' tsconfig has no DOM types, and this runs in the page.
    const stored = await page.evaluate(
      '({ local: localStorage.length, token: sessionStorage.getItem("early-help-hub.token") })',
    )
    expect(stored).toEqual({ local: 0, token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) })
  })

  it('shows the Russian descriptions of the schema in the explorer’s documentation', async () => {
    await page.getByRole('button', { name: /documentation explorer/i }).click()
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click()
    await page.getByText('Ребёнок из регионального реестра по идентификатору').waitFor()
    await screenshot('explorer-docs')
  })

  it('explains to an analyst that a child’s card is closed to their role', async () => {
    const analystContext = await openContext()
    const analyst = await newPage(analystContext)
    await analyst.goto(`${origin}/dashboard/children/${fixture.child.id}`)
    await analyst.getByLabel('Режим разработки: войти в роли').selectOption('regional-analyst')
    await analyst.getByRole('button', { name: 'Войти в выбранной роли' }).click()
    await analyst.getByText('Скрыто: личные данные ребёнка — вашей роли эти сведения недоступны').waitFor()
    await screenshot('child-card-analyst', analyst)
    await analystContext.close()
  })

  it('tells that the Минздрав data is unavailable while the health subgraph is down, and shows the rest', async () => {
    await hub.services.health.stop()
    await page.goto(`${origin}/dashboard/children/${fixture.child.id}`)
    const health = page.getByRole('region', { name: 'Здравоохранение' })
    await health.getByText('Данные Минздрава временно недоступны').waitFor()
    await page.getByRole('region', { name: 'Образование' }).getByText('Заключения ПМПК').waitFor()
    expect(await page.getByRole('heading', { name: CHILD_NAME }).count()).toBe(1)
    await screenshot('child-card-health-down')
  })

  it('sent no request anywhere but 127.0.0.1 and broke no content security rule', () => {
    expect(foreignRequests).toEqual([])
    expect(consoleErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([])
  })
})
