import type { Page } from 'playwright-core'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MunicipalitiesDocument,
  QuarterlyReportDocument,
  QuarterlyReportsDocument,
  RegionalIndicatorsDocument,
  type RegionalIndicatorsFieldsFragment,
} from '../../schema/__generated__/operations.js'
import { viewers } from '@hub/testing/auth'
import type { Hub } from '../support/hub.js'
import { downloadBy, signInAs, startHubInChromium, type Chromium } from './harness.js'

/** A quarter of the seeded region with data in every indicator, long over: it can be filed. */
const Q3 = { from: '2026-07-01', to: '2026-09-30' }
const REGION_ROW = 'Итого по региону'

/** A percentage as the dashboard writes it. */
const percentText = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('ru-RU')} %`)

/** The text of every cell of a table's body rows. */
async function bodyRows(page: Page, table: string) {
  return page
    .getByRole('table', { name: table })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    )
}

/** The children a drill-down's groups hold together: the sum of its last column (a coordinator's exact counts). */
async function childrenIn(cohort: ReturnType<Page['getByRole']>) {
  const counts = await cohort.locator('tbody tr td:last-child').allTextContents()
  return counts.reduce((sum, count) => sum + Number(count), 0)
}

describe('the overview, its map and drill-down, and the quarterly reports in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let expected: RegionalIndicatorsFieldsFragment

  const screenshot = (name: string) => chromium.screenshot(page, name)

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await hub.seed(200)
    // Росстат's children aged 0–3 of the quarter's year, as the `population` import leaves them.
    const { db } = hub.databases.social
    const municipalities = await db.selectFrom('municipality').select('oktmo').orderBy('oktmo').execute()
    await db
      .insertInto('municipality_population')
      .values(
        municipalities.map(({ oktmo }, index) => ({
          municipality_oktmo: oktmo,
          year: 2026,
          children_0_3: 300 + index,
        })),
      )
      .execute()
    expected = (
      await hub.run(RegionalIndicatorsDocument, { period: Q3, municipality: null, coverageRule: 'PROGRAMME_IN_FORCE' })
    ).regionalIndicators
  }, 180_000)

  afterAll(() => stop?.())

  it('shows the coverage of a quarter as the API counts it, in the headline and in the chart’s data table', async () => {
    await page.goto(`${origin}/dashboard/overview`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('heading', { name: 'Обзор показателей ранней помощи' }).waitFor()
    await page.getByRole('combobox', { name: /^Год/ }).selectOption('2026')
    await page.getByRole('combobox', { name: /^Квартал/ }).selectOption('3')
    await page.getByText('Период: 01.07.2026 — 30.09.2026; методика').waitFor()

    const { share } = expected.coverage
    expect(share.part.count).toBeGreaterThan(0)
    expect(await page.getByTestId('coverage-part').textContent()).toBe(share.part.shown)
    expect(await page.getByTestId('coverage-total').textContent()).toBe(share.total.shown)
    expect(await page.getByTestId('coverage-percent').textContent()).toBe(percentText(share.percent))

    expect(expected.coverageByMunicipality.every((row) => row.population?.year === 2026)).toBe(true)
    expect(expected.coverageByMunicipality.some((row) => row.populationShare?.percent)).toBe(true)
    expect(await bodyRows(page, 'Охват по муниципальным образованиям')).toEqual(
      expected.coverageByMunicipality.map(({ municipality, coverage, population, populationShare }) => [
        municipality.name,
        coverage.share.part.shown,
        coverage.share.total.shown,
        percentText(coverage.share.percent),
        coverage.consultations.shown,
        coverage.potentiallyInNeed.shown,
        population ? `${population.children} (${population.year} г.)` : 'не загружено',
        percentText(populationShare?.percent ?? null),
      ]),
    )
    expect(await bodyRows(page, 'Охват по кварталам')).toEqual(
      expected.coverageByQuarter.map((row) => [
        `${row.quarter} кв. ${row.year}`,
        row.share.part.shown,
        row.share.total.shown,
        percentText(row.share.percent),
      ]),
    )
    expect(await page.locator('.chart canvas').count()).toBe(2)
    await screenshot('overview')
  })

  it('draws one path per municipality on the map, titled with its coverage, and selects one on a click', async () => {
    const { municipalities } = await hub.run(MunicipalitiesDocument, {})
    expect(municipalities).toHaveLength(11)
    const paths = page.locator('.map svg path')
    expect(await paths.count()).toBe(municipalities.length)
    const first = expected.coverageByMunicipality[0]!
    const path = page.locator(`.map path[data-oktmo="${first.municipality.oktmo}"]`)
    expect(await path.locator('title').textContent()).toBe(
      `${first.municipality.name}: ${percentText(first.coverage.share.percent)}`,
    )
    await path.click()
    expect(await page.getByLabel('Муниципальное образование').inputValue()).toBe(first.municipality.oktmo)
    await page.getByTestId('coverage-part').getByText(first.coverage.share.part.shown, { exact: true }).waitFor()
    await screenshot('overview-municipality')
    await page.getByLabel('Муниципальное образование').selectOption('')
    await page.getByTestId('coverage-part').getByText(expected.coverage.share.part.shown, { exact: true }).waitFor()
  })

  it('drills a municipality’s numerator down to depersonalised groups of as many children as it counts', async () => {
    const largest = [...expected.coverageByMunicipality].sort(
      (a, b) => (b.coverage.share.part.count ?? 0) - (a.coverage.share.part.count ?? 0),
    )[0]!
    const count = largest.coverage.share.part.count!
    expect(count).toBeGreaterThan(0)
    await page
      .getByRole('table', { name: 'Охват по муниципальным образованиям' })
      .locator(`tr[data-oktmo="${largest.municipality.oktmo}"] td`)
      .first()
      .getByRole('button')
      .click()
    const cohort = page.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByRole('heading', { name: `${largest.municipality.name}: получили услуги (${count})` }).waitFor()
    // A coordinator sees the children by name first (tests/browser/drill-down.test.ts); the groups are a switch away.
    await cohort.getByLabel('Обезличенно').check()
    await expect.poll(() => childrenIn(cohort)).toBe(count)
    const firstRow = await cohort.locator('tbody tr').first().locator('td').allTextContents()
    expect(firstRow[0]).toMatch(/^20\d\d$/)
    expect(['Мужской', 'Женский']).toContain(firstRow[1])
    await screenshot('overview-drill-down')
  })

  it('drills education’s preschool figure down to the children it counts, over a period of the user’s choice', async () => {
    // The seeded children are under three on 1 November 2026; the first turn three in the half-year after it.
    const period = { from: '2026-11-01', to: '2027-04-30' }
    const { educationPreschool } = (
      await hub.run(RegionalIndicatorsDocument, { period, municipality: null, coverageRule: 'PROGRAMME_IN_FORCE' })
    ).regionalIndicators
    const count = educationPreschool!.withoutPlacement!
    expect(count).toBeGreaterThan(0)
    await page.getByLabel('Произвольный период').check()
    await page.getByLabel('С', { exact: true }).fill(period.from)
    await page.getByLabel('По', { exact: true }).fill(period.to)
    await page.getByText('Период: 01.11.2026 — 30.04.2027; методика').waitFor()
    await page.getByTitle('Показать детей: без устройства в детский сад').click()
    const cohort = page.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByRole('heading', { name: `без устройства в детский сад (${count})` }).waitFor()
    await cohort.getByLabel('Обезличенно').check()
    await expect.poll(() => childrenIn(cohort)).toBe(count)
    await screenshot('overview-preschool-drill-down')
    await cohort.getByRole('button', { name: 'Закрыть' }).click()
    await page.getByLabel('Произвольный период').uncheck()
    await page.getByText('Период: 01.07.2026 — 30.09.2026; методика').waitFor()
  })

  it('says in Russian why a quarter that is not over cannot be filed', async () => {
    await page.getByRole('link', { name: 'Отчёты' }).click()
    await page.getByRole('heading', { name: 'Квартальные отчёты мониторинга' }).waitFor()
    await page.getByRole('combobox', { name: /^Год/ }).selectOption(String(new Date().getFullYear()))
    await page
      .getByRole('combobox', { name: /^Квартал/ })
      .selectOption(String(Math.floor(new Date().getMonth() / 3) + 1))
    await page.getByRole('button', { name: 'Подать отчёт за квартал' }).click()
    await page.getByRole('alertdialog').getByText('действие нельзя отменить').waitFor()
    await page.getByRole('button', { name: 'Подать окончательно' }).click()
    await page.getByRole('alert').getByText('Квартал ещё не закончился').waitFor()
  })

  it('files a quarter, shows its table, and downloads the CSV and the XLSX with the API’s figures', async () => {
    await page.getByRole('combobox', { name: /^Год/ }).selectOption('2026')
    await page.getByRole('combobox', { name: /^Квартал/ }).selectOption('3')
    await page.getByRole('button', { name: 'Подать отчёт за квартал' }).click()
    await page.getByRole('alertdialog').getByText('действие нельзя отменить').waitFor()
    await page.getByRole('button', { name: 'Подать окончательно' }).click()
    await page.getByRole('heading', { name: 'Мониторинг за 3 квартал 2026 г.' }).waitFor()

    const filed = (await hub.run(QuarterlyReportsDocument, { year: 2026 })).quarterlyReports
    expect(filed).toHaveLength(1)
    const report = (await hub.run(QuarterlyReportDocument, { id: filed[0]!.id })).quarterlyReport!
    const listed = page.getByRole('table', { name: 'Поданные отчёты' }).locator('tbody tr')
    expect(await listed.count()).toBe(1)
    expect(await listed.first().textContent()).toContain('10.10.2026')
    // Due on the 10th of October and filed later than that.
    expect(report.filedLate).toBe(true)
    expect(await listed.first().textContent()).toContain('с опозданием')
    const region = report.region.coverage.share
    const shownRegion = await page
      .getByRole('table', { name: 'Показатели отчёта' })
      .locator('tfoot tr th, tfoot tr td')
      .allTextContents()
    expect(shownRegion.slice(0, 4)).toEqual([
      REGION_ROW,
      region.total.shown,
      region.part.shown,
      percentText(region.percent),
    ])
    await screenshot('report')

    const save = (button: string) => downloadBy(page, button)

    const csv = await save('Скачать CSV')
    expect(csv.name).toBe(`monitoring-2026-Q3-${report.definitionVersion}.csv`)
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.bytes
      .subarray(3)
      .toString('utf8')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'))
    expect(lines[0]!.slice(0, 4)).toEqual([
      'ОКТМО',
      'Муниципальное образование',
      'Нуждающиеся в услугах ранней помощи, чел.',
      'Получившие услуги ранней помощи, чел.',
    ])
    expect(lines).toHaveLength(report.municipalities.length + 2)
    const regionLine = lines.at(-1)!
    expect(regionLine.slice(1, 7)).toEqual([
      REGION_ROW,
      String(region.total.count),
      String(region.part.count),
      String(region.percent).replace('.', ','),
      String(report.region.coverage.consultations.count),
      String(report.region.coverage.potentiallyInNeed.count),
    ])

    const xlsx = await save('Скачать XLSX')
    expect(xlsx.name).toBe(`monitoring-2026-Q3-${report.definitionVersion}.xlsx`)
    const sheets = await readXlsxFile(xlsx.bytes)
    expect(sheets[0]!.sheet).toBe('Показатели')
    const table = sheets[0]!.data
    expect(table[0]).toEqual(lines[0])
    expect(table).toHaveLength(lines.length)
    expect(table.at(-1)!.slice(1, 7)).toEqual([
      REGION_ROW,
      region.total.count,
      region.part.count,
      region.percent,
      report.region.coverage.consultations.count,
      report.region.coverage.potentiallyInNeed.count,
    ])
  })

  it('shows an analyst «<5» where a count of 1 to 4 is hidden, and no button to list it', async () => {
    const seen = (
      await hub.run(
        RegionalIndicatorsDocument,
        { period: Q3, municipality: null, coverageRule: 'PROGRAMME_IN_FORCE' },
        viewers.analyst('regional'),
      )
    ).regionalIndicators
    const hidden = seen.coverageByMunicipality.find((row) => row.coverage.share.part.count === null)!
    expect(hidden.coverage.share.part.shown).toBe('<5')
    const analystContext = await chromium.openContext()
    const analyst = await chromium.newPage(analystContext)
    await analyst.goto(`${origin}/dashboard`)
    await signInAs(analyst, 'regional-analyst')
    await analyst.getByRole('combobox', { name: /^Год/ }).selectOption('2026')
    await analyst.getByRole('combobox', { name: /^Квартал/ }).selectOption('3')
    const cell = analyst
      .getByRole('table', { name: 'Охват по муниципальным образованиям' })
      .locator(`tr[data-oktmo="${hidden.municipality.oktmo}"] td`)
      .first()
    await cell.getByText('<5', { exact: true }).waitFor()
    expect(await cell.getByRole('button').count()).toBe(0)
    await chromium.screenshot(analyst, 'overview-analyst')
    // A period that is not a whole month, quarter or year is refused to an analyst, in Russian.
    await analyst.getByLabel('Произвольный период').check()
    await analyst.getByLabel('С', { exact: true }).fill('2026-10-01')
    await analyst.getByLabel('По', { exact: true }).fill('2026-11-09')
    await analyst
      .getByText('Аналитику показатели доступны только за целый календарный месяц, квартал или год')
      .waitFor()
    await analystContext.close()
  })

  it('sent no request anywhere but 127.0.0.1 and broke no content security rule', () => {
    expect(chromium.foreignRequests).toEqual([])
    expect(chromium.consoleErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([])
  })
})
