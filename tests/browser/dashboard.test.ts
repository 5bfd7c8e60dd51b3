import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hub } from '../support/hub.js'
import { signInAs, startHubInChromium, type Chromium } from './harness.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'

const CHILD_NAME = 'Соколова Алёна Игоревна'

describe('the dashboard and the explorer in Chromium, against the hub on loopback', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>

  const screenshot = (name: string, of: Page = page) => chromium.screenshot(of, name)

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    fixture = await insertChildKnownToEverySide(hub.databases)
  }, 180_000)

  afterAll(() => stop?.())

  it('signs in as a regional coordinator with the development role picker and lists the registry', async () => {
    await page.goto(`${origin}/dashboard/registry`)
    await signInAs(page, 'regional-coordinator')
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

  it('finds a child by the beginning of the surname with the registry search', async () => {
    const search = page.getByLabel('ФИО или СНИЛС')
    await search.fill('Петров')
    await page.getByRole('button', { name: 'Найти' }).click()
    await page.getByText('Найдено: 0').waitFor()
    await search.fill('соколова')
    await page.getByRole('button', { name: 'Найти' }).click()
    await page.getByRole('link', { name: CHILD_NAME }).waitFor()
    await screenshot('registry-search')
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
    const analystContext = await chromium.openContext()
    const analyst = await chromium.newPage(analystContext)
    await analyst.goto(`${origin}/dashboard/children/${fixture.child.id}`)
    await signInAs(analyst, 'regional-analyst')
    await analyst.getByText('Скрыто: вашей роли недоступны личные данные ребёнка').waitFor()
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
    expect(chromium.foreignRequests).toEqual([])
    expect(chromium.consoleErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([])
  })
})
