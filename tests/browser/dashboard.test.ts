import type { Page } from 'playwright-core'
import { regionDay } from '@hub/platform/region-time'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hub } from '../support/hub.js'
import { ARTIFACTS, signInAs, startHubInChromium, type Chromium } from './harness.js'
import { ChildCardDocument } from '../../schema/__generated__/operations.js'
import { insertChildKnownToEverySide, insertPathwayOfChild } from '../support/scenario.js'

const CHILD_NAME = 'Соколова Алёна Игоревна'

describe('the dashboard and the explorer in Chromium, against the hub on loopback', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>
  let pathway: Awaited<ReturnType<typeof insertPathwayOfChild>>

  const screenshot = (name: string, of: Page = page) => chromium.screenshot(of, name)

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    fixture = await insertChildKnownToEverySide(hub.databases)
    pathway = await insertPathwayOfChild(hub.databases, fixture)
  }, 180_000)

  afterAll(() => stop?.())

  it('signs in as a regional coordinator through the identity provider and lists the registry', async () => {
    await page.goto(`${origin}/dashboard/registry`)
    await signInAs(page, 'regional-coordinator')
    await expect.poll(() => page.getByRole('heading', { name: 'Реестр детей целевой группы' }).count()).toBe(1)
    await page.getByRole('link', { name: CHILD_NAME }).waitFor()
    expect(await page.locator('.viewer').textContent()).toBe('Орлова М. С. · координатор, региональный уровень')
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
    const search = page.getByLabel('Фамилия, имя, СНИЛС или дата рождения')
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

  it('shows the card’s content: members and contacts, consents with their scopes, clocks, goals and sessions', async () => {
    // The office laptop: the card must read without scrolling sideways.
    await page.setViewportSize({ width: 1366, height: 768 })
    const { child } = await hub.run(ChildCardDocument, { id: fixture.child.id })
    const rowOf = (region: string, ...cells: string[]) =>
      cells.reduce(
        (rows, cell) => rows.filter({ has: page.getByRole('cell', { name: cell, exact: true }) }),
        page.getByRole('region', { name: region }).getByRole('row'),
      )
    const cellsOf = async (region: string, ...cells: string[]) => {
      const row = rowOf(region, ...cells)
      expect(await row.count(), cells.join(' · ')).toBe(1)
      return row.getByRole('cell').allTextContents()
    }

    const mother = await cellsOf('Семья', 'Иванова Мария Петровна', 'Родитель')
    expect(mother).toEqual(['Иванова Мария Петровна', 'Родитель', '12.04.1995', 'Телефон: +79141234567', 'да'])
    expect(await cellsOf('Семья', 'Иванова Мария Петровна', 'Мать')).toEqual([
      'Иванова Мария Петровна',
      'Мать',
      'Свидетельство о рождении ребёнка',
      '01.01.2023 — бессрочно',
      'да',
    ])

    const consent = await cellsOf('Согласия', 'Региональный координатор ранней помощи')
    expect(consent.slice(0, 4)).toEqual([
      'Оказание услуг ранней помощи и реализация ИПРП',
      'Региональный координатор ранней помощи',
      'Сведения о семьеСведения о здоровьеЗаключения ПМПК',
      'Иванова Мария Петровна',
    ])

    // The referral still waiting for a decision: its clock runs from 02.11.2026, days counted against today.
    const waiting = child!.referrals.find((referral) => referral.id === pathway.waiting.id)!
    const clock = waiting.clocks.find((state) => state.code === 'REFERRAL_TO_NEED_DETERMINATION')!
    const [year, month, day] = clock.dueOn.split('-').map(Number) as [number, number, number]
    // Today in the region's time, as the screen counts it (the machine's zone may be a day behind after its midnight).
    const left = Math.round((Date.UTC(year, month - 1, day) - Date.parse(`${regionDay()}T00:00:00Z`)) / 86_400_000)
    const referral = page.getByRole('article', { name: 'Направление от 02.11.2026' })
    const clockRow = referral
      .getByRole('row')
      .filter({ hasText: 'От получения направления до определения нуждаемости' })
    const clockCells = await clockRow.getByRole('cell').allTextContents()
    expect(clockCells.slice(0, 4)).toEqual([
      'От получения направления до определения нуждаемости',
      '02.11.2026',
      clock.dueOn.split('-').reverse().join('.'),
      clock.status === 'OVERDUE' ? 'Просрочен (не выполнено, срок истёк)' : 'Идёт',
    ])
    expect(clockCells[4]).toMatch(
      left >= 0 ? new RegExp(`^осталось ${left} д`) : new RegExp(`^просрочено на ${-left} д`),
    )
    // The signed programme's referral: the week the child was ill stopped its clocks.
    const accepted = page.getByRole('article', { name: 'Направление от 01.08.2026' })
    expect(
      await accepted.getByRole('row').filter({ hasText: 'Болезнь ребёнка' }).getByRole('cell').allTextContents(),
    ).toEqual(['Болезнь ребёнка', '—', '04.08.2026 — 08.08.2026'])

    const goal = await cellsOf('ИПРП', 'd310')
    expect(goal).toEqual(['d310', 'Понимает обращённую речь в быту', '3', '1', '01.12.2026: 2'])
    expect(await cellsOf('ИПРП', 'Промежуточная оценка')).toEqual([
      'Промежуточная оценка',
      '01.12.2026',
      'd310: 2',
      '—',
    ])

    // Each side delivered against its own item: one session each, the non-state provider two.
    const items = child!.programmes[0]!.services
    const delivered = { SOCIAL: '1', HEALTH: '1', EDUCATION: '1', NGO: '2' } as const
    for (const item of items) {
      const cells = await cellsOf('ИПРП', item.serviceType.name)
      const expected = (['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO'] as const).map((side) =>
        side === item.responsibleSide ? delivered[side] : '0',
      )
      expect(cells.slice(3), item.serviceType.name).toEqual(expected)
    }
    expect(await cellsOf('ИПРП', items.find((item) => item.responsibleSide === 'NGO')!.serviceType.name)).toEqual(
      expect.arrayContaining(['8 в месяц по 45 мин, в группе']),
    )

    const width = await page.evaluate('document.documentElement.scrollWidth')
    expect(width).toBeLessThanOrEqual(1366)
    await page.evaluate('window.scrollTo(0, 0)')
    await page.screenshot({ path: `${ARTIFACTS}child-card-1366.png` })
    await screenshot('child-card-1366-full')
    for (const [region, name] of [
      ['Семья', 'family'],
      ['Направления', 'referrals'],
      ['ИПРП', 'programme'],
    ] as const) {
      await page.getByRole('region', { name: region }).screenshot({ path: `${ARTIFACTS}child-card-1366-${name}.png` })
    }
    await page.setViewportSize({ width: 1440, height: 1000 })
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
    // The session is the browser's (localStorage, shared by the tabs); GraphiQL's tabs live in this tab only.
    // A string: the tests' tsconfig has no DOM types, and this runs in the page.
    const stored = await page.evaluate(
      '({ users: Object.keys(localStorage).filter((key) => key.startsWith("oidc.user:")).length, tabs: sessionStorage.getItem("graphiql:tabState") !== null })',
    )
    expect(stored).toEqual({ users: 1, tabs: true })
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
    await analyst.getByText('Нет доступа: вашей роли недоступны личные данные ребёнка').waitFor()
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
