import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registrySampleXlsx, yearsSinceSample } from '../../scripts/registry-sample.js'
import type { Hub } from '../support/hub.js'
import { expectAccessible } from './axe.js'
import { downloadBy, signInAs, startHubInChromium, type Chromium } from './harness.js'
import { fitsTheWindow } from './steps.js'

const folder = mkdtempSync(join(tmpdir(), 'hub-registry-sample-'))
const SAMPLE = join(folder, 'registry-sample.xlsx')
/** The sample's totals: five new children, the second row of one of them merged, seven rows refused. */
const SAMPLE_TOTALS = /Новых детей\s+5\s+Объединено с записями реестра\s+1\s+Отклонено строк\s+7/

describe('«Импорт реестра»: a region’s registry file brought in from the screen in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>

  const shot = (name: string) => chromium.screenshot(page, name)
  const children = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from child`.execute(hub.databases.social.db)).rows[0]!.n
  const summary = () => page.locator('dl.import-summary').innerText()

  beforeAll(async () => {
    // The sample with its dates moved on to this year, so that its children are as old as it was written for.
    writeFileSync(SAMPLE, await registrySampleXlsx(yearsSinceSample()))
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
    // The synthetic region: its municipalities are the sample's, and its children are the data the import merges into.
    await hub.seed(10)
  }, 180_000)
  afterAll(async () => {
    await stop?.()
    rmSync(folder, { recursive: true, force: true })
  })

  it('maps the sample’s columns by the template’s headings once the social administrator chooses the file', async () => {
    await page.goto(`${origin}/dashboard`)
    await signInAs(page, 'social-administrator')
    await page.getByRole('link', { name: 'Импорт реестра' }).click()
    await page.getByRole('heading', { name: 'Импорт реестра', level: 1 }).waitFor()
    await page.getByLabel('Файл реестра (XLSX или CSV)').setInputFiles(SAMPLE)
    await page.getByText('registry-sample.xlsx: строк с данными — 13').waitFor()
    expect(await page.getByLabel('СНИЛС', { exact: true }).inputValue()).toBe('СНИЛС')
    const provider = page.getByLabel('Направлен к поставщику (ОГРН или ИНН)', { exact: true })
    expect(await provider.inputValue()).toBe('Направлен к поставщику (ОГРН или ИНН)')
    expect(await page.getByLabel('ИПРП подписана', { exact: true }).inputValue()).toBe('ИПРП подписана')
    expect(await page.getByLabel('Законный представитель', { exact: true }).inputValue()).toBe('Законный представитель')
    await fitsTheWindow(page)
    await expectAccessible(page, 'the import’s mapping of columns')
    await shot('registry-import-mapping')
  })

  it('checks the file without writing: what would be created, merged and refused, with the errors by row and column', async () => {
    const before = await children()
    await page.getByRole('button', { name: 'Проверить' }).click()
    await page.getByRole('heading', { name: 'Проверка без записи', level: 2 }).waitFor()
    expect(await summary()).toMatch(SAMPLE_TOTALS)
    const row = page.getByRole('row', { name: /^6 ОКТМО/ })
    expect(await row.innerText()).toContain('В регионе нет муниципального образования с кодом ОКТМО 99999999')
    expect(await children()).toBe(before)

    const report = await downloadBy(page, 'Скачать отчёт об ошибках (CSV)')
    expect(report.name).toBe('registry-sample.xlsx.ошибки.csv')
    const text = report.bytes.toString('utf8')
    expect(text.startsWith('\uFEFFСтрока;Столбец;Правило;Ошибка\r\n')).toBe(true)
    expect(text).toContain('7;Телефон;PHONE_FORMAT;')
    expect(text).toContain('14;Направлен к поставщику (ОГРН или ИНН);CHECK_DIGIT;')
    await page.getByRole('heading', { name: 'Ошибки', level: 2 }).scrollIntoViewIfNeeded()
    await fitsTheWindow(page)
    await expectAccessible(page, 'the dry run’s report')
    await shot('registry-import-checked')
  })

  it('loads the file with a progress bar and shows the result and the error report', async () => {
    const before = await children()
    await page.getByRole('button', { name: 'Загрузить' }).click()
    await page.getByRole('heading', { name: 'Загрузка завершена', level: 2 }).waitFor()
    await page.getByText('Строк обработано: 13 из 13').waitFor()
    expect(await summary()).toMatch(SAMPLE_TOTALS)
    expect(await page.getByRole('row', { name: /^13 Документ критерия/ }).innerText()).toContain('Заполните поле')
    expect(await children()).toBe(before + 5)
    await fitsTheWindow(page)
    await expectAccessible(page, 'the import’s result')
    await shot('registry-import-done')
  })

  it('opens the import from the registry page for a coordinator', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click()
    await page.getByRole('heading', { name: 'Вход в систему «Ранняя помощь»' }).waitFor()
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('link', { name: 'Реестр детей' }).click()
    await page.getByRole('link', { name: 'Импорт реестра из файла' }).click()
    await page.getByRole('heading', { name: 'Импорт реестра', level: 1 }).waitFor()
  })
})
