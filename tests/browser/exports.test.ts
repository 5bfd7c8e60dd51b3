import type { Page } from 'playwright-core'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  RegionalIndicatorsDocument,
  type RegionalIndicatorsFieldsFragment,
} from '../../schema/__generated__/operations.js'
import { buildChild, insertChildren, insertMunicipality } from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { downloadBy, signInAs, startHubInChromium, type Chromium } from './harness.js'
import { bodyRows, SEEDED_QUARTER, showSeededQuarter } from './steps.js'

/** More children than one page of a download (500) holds, so the registry's download takes three. */
const EXPORTED = { oktmo: '79910000', name: 'Выгрузной муниципальный район', children: 1200 }
/** More children than a download may hold (10 000). */
const TOO_MANY = { oktmo: '79920000', name: 'Многолюдный муниципальный район', children: 10_001 }
const REGISTRY_HEADINGS = [
  'ФИО',
  'Семья в СОП',
  'Дата рождения',
  'Муниципальное образование',
  'Статус',
  'Критерии',
  'Здравоохранение',
  'Образование',
  'НКО',
]
const GROUP_HEADINGS = ['Год рождения', 'Пол', 'Критерии', 'Детей']

/**
 * The rows of a downloaded CSV after its byte-order mark: fields split at ';' outside quotes, a quoted field's doubled
 * quotes made one, lines ended by CRLF.
 */
function csvRows(bytes: Buffer) {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.subarray(3).toString('utf8')
  expect(text.endsWith('\r\n')).toBe(true)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ';') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field])
      row = []
      field = ''
      i++
    } else field += char
  }
  return rows
}

/** The first sheet of a downloaded XLSX as text: days дд.мм.гггг, numbers in figures, an empty cell empty. */
async function xlsxRows(bytes: Buffer) {
  const sheets = await readXlsxFile(bytes)
  const table = Array.isArray(sheets[0]) ? sheets : (sheets as unknown as { data: unknown[][] }[])[0]!.data
  return (table as unknown[][]).map((row) =>
    row.map((cell) =>
      cell instanceof Date ? cell.toLocaleDateString('ru-RU', { timeZone: 'UTC' }) : cell === null ? '' : String(cell),
    ),
  )
}

describe('downloads of the registry, the providers and a drill-down in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let q3: RegionalIndicatorsFieldsFragment

  const shot = (of: Page, name: string) => chromium.screenshot(of, name)

  async function filterRegistry(municipality: string, count: number) {
    await page.getByRole('combobox', { name: /^Муниципальное образование/ }).selectOption({ label: municipality })
    await page.getByRole('button', { name: 'Найти' }).click()
    await page.getByText(`Найдено: ${count}`, { exact: true }).waitFor()
  }

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
    await hub.seed(200)
    q3 = (await hub.run(RegionalIndicatorsDocument, { period: SEEDED_QUARTER })).regionalIndicators
    const db = hub.databases.social.db
    for (const { oktmo, name, children } of [EXPORTED, TOO_MANY]) {
      await insertMunicipality(db, { oktmo, name })
      await insertChildren(
        db,
        Array.from({ length: children }, (_, i) =>
          buildChild({
            last_name: 'Выгрузкин',
            municipality_oktmo: oktmo,
            birth_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
          }),
        ),
      )
    }
  }, 180_000)

  afterAll(() => stop?.())

  it('downloads the whole filtered registry, page after page, with the rows the screen shows', async () => {
    await page.goto(`${origin}/dashboard/registry`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('heading', { name: 'Реестр детей целевой группы' }).waitFor()
    await filterRegistry(EXPORTED.name, EXPORTED.children)
    const table = page.locator('table.registry')
    const firstPage = await bodyRows(table)
    expect(firstPage).toHaveLength(50)
    await page.getByRole('button', { name: 'Следующие 50' }).click()
    // The table is away while the next page loads: wait for 50 rows that are not the first page's.
    await expect
      .poll(async () => {
        const rows = await bodyRows(table)
        return rows.length === 50 && rows[0]![0] !== firstPage[0]![0]
      })
      .toBe(true)
    const secondPage = await bodyRows(table)

    // Social's access log holds the children of the pages seen; the download reads, and logs, every one of them.
    const db = hub.databases.social.db
    const logged = async () =>
      (
        await db
          .selectFrom('access_audit')
          .innerJoin('child', 'child.id', 'access_audit.child_id')
          .select('access_audit.child_id')
          .distinct()
          .where('child.municipality_oktmo', '=', EXPORTED.oktmo)
          .where('access_audit.operation', '=', 'RegistryPage')
          .execute()
      ).length
    await expect.poll(logged).toBe(100)

    const csv = await downloadBy(page, 'Скачать CSV')
    expect(csv.name).toMatch(/^Реестр детей \d{4}-\d{2}-\d{2}\.csv$/)
    const rows = csvRows(csv.bytes)
    expect(rows[0]).toEqual(REGISTRY_HEADINGS)
    expect(rows).toHaveLength(EXPORTED.children + 1)
    // The screen's row is the file's without «Семья в СОП», which the screen marks beside the name.
    const asShown = rows.slice(1).map((row) => [row[0], ...row.slice(2)])
    expect(asShown.slice(0, 50)).toEqual(firstPage)
    expect(asShown.slice(50, 100)).toEqual(secondPage)
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(EXPORTED.children)
    expect(rows.slice(1).every((row) => row[3] === EXPORTED.name && row[1] === 'нет')).toBe(true)
    expect(rows.slice(1).every((row) => /^\d{2}\.\d{2}\.\d{4}$/.test(row[2]!))).toBe(true)
    expect(rows[1]![4]).toBe('Потенциально нуждающийся в ранней помощи')
    await expect.poll(logged).toBe(EXPORTED.children)

    const xlsx = await downloadBy(page, 'Скачать XLSX')
    expect(xlsx.name).toMatch(/^Реестр детей \d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(await xlsxRows(xlsx.bytes)).toEqual(rows)
    await shot(page, 'registry-downloads')
  }, 180_000)

  it('shows its progress while it fetches the pages, and lets the person cancel it', async () => {
    // The second page of the download answers late, so that the progress can be seen and cancelled.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? ''
      if (body.includes('"first":500') && body.includes('"after":"'))
        await new Promise((done) => setTimeout(done, 3000))
      await route.continue()
    })
    let downloads = 0
    const count = () => (downloads += 1)
    page.on('download', count)
    await page.getByRole('button', { name: 'Скачать XLSX' }).click()
    await page.getByText(/^Выгружено 500 из 1\s200$/).waitFor()
    expect(await page.getByRole('button', { name: 'Скачать CSV' }).isDisabled()).toBe(true)
    await shot(page, 'registry-download-progress')
    await page.getByRole('button', { name: 'Отменить' }).click()
    await page.getByText('Выгрузка отменена.').waitFor()
    expect(downloads).toBe(0)
    expect(await page.getByRole('button', { name: 'Скачать CSV' }).isEnabled()).toBe(true)
    page.off('download', count)
    await page.unroute('**/graphql')
  }, 180_000)

  it('refuses a list longer than a download may hold, in Russian, and fetches nothing for it', async () => {
    await filterRegistry(TOO_MANY.name, TOO_MANY.children)
    const requests: string[] = []
    const record = (request: { postData: () => string | null }) => requests.push(request.postData() ?? '')
    page.on('request', record)
    await page.getByRole('button', { name: 'Скачать CSV' }).click()
    await page
      .getByRole('alert')
      .getByText(
        /^Строк в списке: 10\s001, а выгрузить можно не более 10\s000\. Сузьте список фильтрами и выгрузите его частями\.$/,
      )
      .waitFor()
    page.off('request', record)
    expect(requests.filter((body) => body.includes('"first":500'))).toEqual([])
    await shot(page, 'registry-download-too-long')
  })

  it('downloads the providers’ registry with the rows of its table', async () => {
    await page.getByRole('link', { name: 'Поставщики' }).click()
    await page.getByRole('heading', { name: 'Реестр поставщиков услуг ранней помощи' }).waitFor()
    const table = page.locator('table').first()
    await table.locator('tbody tr').first().waitFor()
    const shown = await bodyRows(table)
    const rows = csvRows((await downloadBy(page, 'Скачать CSV')).bytes)
    expect(rows[0]).toEqual([
      'Наименование',
      'Тип',
      'Ведомство',
      'Адрес',
      'ИНН',
      'ОГРН',
      'Обслуживает',
      'Услуги',
      'Дистанционно',
    ])
    expect(rows).toHaveLength(shown.length + 1)
    expect(rows.slice(1).map((row) => [...row.slice(0, 4), `${row[4]} / ${row[5]}`, row[8]])).toEqual(
      shown.map((row) => [...row.slice(0, 5), row[7]]),
    )
  })

  it('downloads a drill-down as the coordinator sees it: every named child, and the groups', async () => {
    const count = q3.coverage.share.part.count!
    await page.getByRole('link', { name: 'Обзор' }).click()
    await showSeededQuarter(page)
    await page.getByTestId('coverage-part').getByRole('button').click()
    const cohort = page.getByRole('region', { name: 'Дети в показателе' })
    await cohort.getByText(`Детей: ${count}; показаны с 1 по 20`).waitFor()
    const shown = await bodyRows(cohort.getByRole('table', { name: 'Дети в показателе поимённо' }))

    const csv = await downloadBy(page, cohort.getByRole('button', { name: 'Скачать CSV' }))
    expect(csv.name).toMatch(/^Дети в показателе получили услуги \d{4}-\d{2}-\d{2}\.csv$/)
    const rows = csvRows(csv.bytes)
    expect(rows[0]).toEqual([
      'ФИО',
      'Дата рождения',
      'Муниципальное образование',
      'Учтён в показателе',
      'Критерии целевой группы',
    ])
    expect(rows).toHaveLength(count + 1)
    expect(rows.slice(1, 21)).toEqual(shown)
    await shot(page, 'drill-down-downloads')

    await cohort.getByLabel('Обезличенно').check()
    const groups = cohort.getByRole('table', { name: 'Дети в показателе обезличенно' })
    await groups.locator('tbody tr').first().waitFor()
    const grouped = csvRows((await downloadBy(page, cohort.getByRole('button', { name: 'Скачать CSV' }))).bytes)
    expect(grouped).toEqual([GROUP_HEADINGS, ...(await bodyRows(groups))])
  })

  it('gives an analyst’s drill-down download the depersonalised groups of the screen, and no name', async () => {
    const analystContext = await chromium.openContext()
    const analyst = await chromium.newPage(analystContext)
    await analyst.setViewportSize({ width: 1366, height: 768 })
    await analyst.goto(`${origin}/dashboard`)
    await signInAs(analyst, 'regional-analyst')
    await showSeededQuarter(analyst)
    await analyst.getByTestId('coverage-part').getByRole('button').click()
    const cohort = analyst.getByRole('region', { name: 'Дети в показателе' })
    const groups = cohort.getByRole('table', { name: 'Дети в показателе обезличенно' })
    await groups.locator('tbody tr').first().waitFor()
    const shown = await bodyRows(groups)

    const csv = await downloadBy(analyst, cohort.getByRole('button', { name: 'Скачать CSV' }))
    expect(csv.name).toMatch(/^Дети в показателе получили услуги обезличенно \d{4}-\d{2}-\d{2}\.csv$/)
    expect(csvRows(csv.bytes)).toEqual([GROUP_HEADINGS, ...shown])
    const xlsx = await downloadBy(analyst, cohort.getByRole('button', { name: 'Скачать XLSX' }))
    expect(await xlsxRows(xlsx.bytes)).toEqual([GROUP_HEADINGS, ...shown])

    const children = await hub.databases.social.db.selectFrom('child').select(['last_name', 'first_name']).execute()
    const text = csv.bytes.toString('utf8')
    expect(children.filter((child) => text.includes(`${child.last_name} ${child.first_name}`))).toEqual([])
    expect(children.filter((child) => text.includes(child.last_name))).toEqual([])
    await shot(analyst, 'drill-down-analyst-downloads')
    await analystContext.close()
  })

  it('sent no request anywhere but 127.0.0.1 and logged no error', () => {
    expect(chromium.foreignRequests).toEqual([])
    expect(chromium.consoleErrors).toEqual([])
  })
})
