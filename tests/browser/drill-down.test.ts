import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IndicatorChildrenDocument,
  RegionalIndicatorsDocument,
  type RegionalIndicatorsFieldsFragment,
} from '../../schema/__generated__/operations.js'
import type { Hub } from '../support/hub.js'
import { signInAs, startHubInChromium, type Chromium } from './harness.js'
import { bodyRows, SEEDED_QUARTER, showSeededQuarter } from './steps.js'

/** The seeded children are under three on 1 November 2026; the first turn three in the half-year after it. */
const TURNING_THREE = { from: '2026-11-01', to: '2027-04-30' }
const NAMED_TABLE = 'Дети в показателе поимённо'

describe('the overview’s drill-down to named children and their cards in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let q3: RegionalIndicatorsFieldsFragment

  const shot = (of: Page, name: string) => chromium.screenshot(of, name)
  const scrollsSideways = (of: Page) =>
    of.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
    await hub.seed(200)
    q3 = (await hub.run(RegionalIndicatorsDocument, { period: SEEDED_QUARTER })).regionalIndicators
  }, 180_000)

  afterAll(() => stop?.())

  it('lists a coordinator the children behind a figure by name, a page at a time, as many as it counts', async () => {
    const count = q3.coverage.share.part.count!
    expect(count).toBeGreaterThan(20)
    await page.goto(`${origin}/dashboard/overview`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('heading', { name: 'Обзор показателей ранней помощи' }).waitFor()
    await showSeededQuarter(page)
    await page.getByTestId('coverage-part').getByRole('button').click()

    const cohort = page.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByRole('heading', { name: `Дети в показателе: получили услуги (${count})` }).waitFor()
    expect(await cohort.getByLabel('Списком детей').isChecked()).toBe(true)
    await cohort.getByText(`Детей: ${count}; показаны с 1 по 20`).waitFor()
    const table = cohort.getByRole('table', { name: NAMED_TABLE })
    const expected = (await hub.run(IndicatorChildrenDocument, { indicators: q3.id, figure: 'RECEIVED', first: 20 }))
      .indicatorChildren
    const rows = await bodyRows(table)
    expect(rows.map((row) => row.slice(0, 3))).toEqual(
      expected.edges.map(({ node }) => [
        node.fullName,
        new Date(`${node.birthDate}T00:00:00`).toLocaleDateString('ru-RU'),
        node.municipality.name,
      ]),
    )
    expect(rows.every((row) => row[3] === 'получили услуги')).toBe(true)
    expect(await scrollsSideways(page)).toBe(false)
    await shot(page, 'drill-down-named')

    await cohort.getByRole('button', { name: 'Следующие 20' }).click()
    await cohort.getByText(`Детей: ${count}; показаны с 21 по ${Math.min(40, count)}`).waitFor()
    const second = await bodyRows(table)
    expect(second.map((row) => row[0])).not.toContain(rows[0]![0])
    await cohort.getByRole('button', { name: 'Предыдущие 20' }).click()
    await cohort.getByText(`Детей: ${count}; показаны с 1 по 20`).waitFor()
  })

  it('keeps the depersonalised groups of the same figure a switch away', async () => {
    const cohort = page.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByLabel('Обезличенно').check()
    await cohort.getByText('Обезличенные сведения').waitFor()
    expect(await cohort.getByRole('table', { name: NAMED_TABLE }).count()).toBe(0)
    const counts = await cohort.locator('table.cohort-table tbody tr td:last-child').allTextContents()
    expect(counts.reduce((sum, one) => sum + Number(one), 0)).toBe(q3.coverage.share.part.count)
    await shot(page, 'drill-down-groups')
    await cohort.getByLabel('Списком детей').check()
    await cohort.getByRole('table', { name: NAMED_TABLE }).waitFor()
  })

  it('says what makes each child count where the figure has a breakdown, and opens a child’s card by the name', async () => {
    const criterion = q3.recipients.byCriterion.find((row) => (row.count ?? 0) > 0)!
    const figureRow = page
      .getByRole('table')
      .filter({ has: page.getByText('По критериям целевой группы') })
      .locator('tbody tr', { has: page.getByRole('button') })
      .first()
    const label = (await figureRow.locator('th').textContent())!
    await figureRow.getByRole('button').click()
    const cohort = page.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByText(`Детей: ${criterion.count}`).waitFor()
    const table = cohort.getByRole('table', { name: NAMED_TABLE })
    const rows = await bodyRows(table)
    expect(rows.length).toBe(Math.min(20, criterion.count!))
    // Each child is counted under the criterion of the row clicked.
    for (const row of rows) expect(row[3]).toBe(label)

    const name = rows[0]![0]!
    await table.getByRole('link', { name }).click()
    await page.getByRole('heading', { name, level: 1 }).waitFor()
    expect(page.url()).toMatch(new RegExp(`^${origin}/dashboard/children/[0-9a-f-]{36}$`))
    expect(await scrollsSideways(page)).toBe(false)
    await shot(page, 'drill-down-child-card')
  })

  it('lists the children of education’s preschool figure by name, each with where it stands in the queue', async () => {
    const { educationPreschool } = (await hub.run(RegionalIndicatorsDocument, { period: TURNING_THREE }))
      .regionalIndicators
    const count = educationPreschool!.withoutPlacement!
    expect(count).toBeGreaterThan(0)
    await page.getByRole('link', { name: 'Обзор' }).click()
    await page.getByRole('heading', { name: 'Обзор показателей ранней помощи' }).waitFor()
    await page.getByLabel('Произвольный период').check()
    await page.getByLabel('С', { exact: true }).fill(TURNING_THREE.from)
    await page.getByLabel('По', { exact: true }).fill(TURNING_THREE.to)
    await page.getByText('Период: 01.11.2026 — 30.04.2027; методика').waitFor()
    await page.getByTitle('Показать детей: без устройства в детский сад').click()
    const cohort = page.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByText(`Детей: ${count}`).waitFor()
    const rows = await bodyRows(cohort.getByRole('table', { name: NAMED_TABLE }))
    expect(rows).toHaveLength(Math.min(20, count))
    for (const row of rows) {
      expect([
        'Стоят в очереди без направления',
        'Без устройства в детский сад: не зачислены и не направлены',
      ]).toContain(row[3])
    }
    expect(await scrollsSideways(page)).toBe(false)
    await shot(page, 'drill-down-preschool-named')
  })

  it('shows an analyst the depersonalised groups only, with no names and no switch', async () => {
    const analystContext = await chromium.openContext()
    const analyst = await chromium.newPage(analystContext)
    await analyst.setViewportSize({ width: 1366, height: 768 })
    await analyst.goto(`${origin}/dashboard`)
    await signInAs(analyst, 'regional-analyst')
    await showSeededQuarter(analyst)
    await analyst.getByTestId('coverage-part').getByRole('button').click()
    const cohort = analyst.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByText('Обезличенные сведения').waitFor()
    await cohort.locator('table.cohort-table tbody tr').first().waitFor()
    expect(await cohort.getByRole('table', { name: NAMED_TABLE }).count()).toBe(0)
    expect(await cohort.getByLabel('Списком детей').count()).toBe(0)
    expect(await cohort.getByRole('link').count()).toBe(0)
    expect(await scrollsSideways(analyst)).toBe(false)
    await shot(analyst, 'drill-down-analyst')
    await analystContext.close()
  })

  it('sent no request anywhere but 127.0.0.1 and logged no error', () => {
    expect(chromium.foreignRequests).toEqual([])
    expect(chromium.consoleErrors).toEqual([])
  })
})
