import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hub } from '../support/hub.js'
import { expectAccessible } from './axe.js'
import { signInAs, startHubInChromium, type Chromium } from './harness.js'
import { fitsTheWindow } from './steps.js'

const SAMPLE = new URL('../../samples/reference/icd10.csv', import.meta.url)
const CALENDAR_SAMPLE = new URL('../../samples/reference/calendar-sample.csv', import.meta.url)

describe('«Справочники»: health’s administrator imports МКБ-10 from the НСИ file in Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reference-'))
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>

  const shot = (name: string) => chromium.screenshot(page, name)
  const report = () => page.getByTestId('reference-report')
  const chooseFile = (path: string) => page.getByLabel('Файл справочника').setInputFiles(path)

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
  }, 180_000)

  afterAll(async () => {
    await stop?.()
    rmSync(folder, { recursive: true, force: true })
  })

  it('opens «Справочники» from the navigation with МКБ-10, its source and no import yet', async () => {
    await page.goto(`${origin}/dashboard`)
    await signInAs(page, 'health-administrator')
    await page.getByRole('link', { name: 'Справочники' }).click()
    await page.getByRole('heading', { name: 'Справочники', level: 1 }).waitFor()
    const kinds = page.getByTestId('reference-kinds')
    await kinds.getByText('OID 1.2.643.5.1.13.13.11.1005').waitFor()
    expect(await kinds.getByRole('row', { name: /МКБ-10/ }).textContent()).toContain('35 (действует 35)')
    await page.getByText('Справочники ещё не загружались из файлов.').waitFor()
    expect(await page.getByRole('button', { name: 'Загрузить' }).isDisabled()).toBe(true)
    await fitsTheWindow(page)
    await expectAccessible(page, '«Справочники» before any import')
  })

  it('shows a file’s errors by row, column and rule, and «Загрузить» stays closed', async () => {
    const broken = join(folder, 'icd10-broken.csv')
    writeFileSync(
      broken,
      'ID;MKB_CODE;MKB_NAME;ID_PARENT;ACTUAL\n1;G80;ДЦП;;1\n2;G8O.1;Опечатка;1;1\n3;G80.2;Без флага;1;\n',
    )
    await chooseFile(broken)
    await page.getByRole('button', { name: 'Проверить' }).click()
    const errors = page.getByTestId('reference-errors')
    await errors.waitFor()
    expect(await report().getByRole('status').textContent()).toContain('файл не загружен, ошибок: 2')
    expect(await errors.getByRole('row').nth(1).textContent()).toBe(
      '3MKB_CODEКод записи МКБ-10: код вида G80.1 или диапазон вида A00-B99ICD10_ENTRY_CODE',
    )
    expect(await errors.getByRole('row').nth(2).textContent()).toContain('4ACTUALПризнак действия: 1 (действует) или 0')
    expect(await page.getByRole('button', { name: 'Загрузить' }).isDisabled()).toBe(true)
    await fitsTheWindow(page)
    await expectAccessible(page, 'a file refused with its errors')
    await shot('reference-errors')
  })

  it('checks the sample file, then imports it, and the history names the file and the counts', async () => {
    const file = join(folder, 'icd10.csv')
    writeFileSync(file, readFileSync(SAMPLE))
    await chooseFile(file)
    await page.getByRole('button', { name: 'Проверить' }).click()
    await report().getByRole('heading', { name: 'Результат проверки' }).waitFor()
    await report().getByText('Будет добавлено: 34, изменено: 35, выведено из действия: 0, без изменений: 0').waitFor()
    const changes = page.getByTestId('reference-changes')
    expect(await changes.getByRole('row', { name: /^G80 / }).textContent()).toContain('добавлена')
    expect(await hub.databases.health.db.selectFrom('reference_import').selectAll().execute()).toEqual([])
    await fitsTheWindow(page)
    await expectAccessible(page, 'the dry run’s report')
    await shot('reference-check')

    await page.getByRole('button', { name: 'Загрузить' }).click()
    await report().getByRole('heading', { name: 'Результат загрузки' }).waitFor()
    const history = page.getByTestId('reference-history')
    const row = history.getByRole('row', { name: /МКБ-10: icd10\.csv/ })
    await row.waitFor()
    expect((await row.getByRole('cell').allTextContents()).slice(3)).toEqual(['34', '35', '0', '0'])
    expect(
      await page
        .getByTestId('reference-kinds')
        .getByRole('row', { name: /МКБ-10/ })
        .textContent(),
    ).toContain('69 (действует 68)')
    await fitsTheWindow(page)
    await expectAccessible(page, 'the import applied, with its history')
    await shot('reference-applied')
  })

  it('finds no changes when the same file is imported again', async () => {
    await page.getByRole('button', { name: 'Проверить' }).click()
    await report()
      .getByText(/изменений нет — справочник уже совпадает с файлом \(записей без изменений: 69\)/)
      .waitFor()
    expect(await page.getByRole('button', { name: 'Загрузить' }).isDisabled()).toBe(true)
  })

  it('shows the social administrator social’s own dictionaries, МКФ-ДП, ОКТМО, boundaries, children 0–3, providers and the calendar, and no МКБ-10', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click()
    await signInAs(page, 'social-administrator')
    await page.getByRole('link', { name: 'Справочники' }).click()
    const kinds = page.getByTestId('reference-kinds')
    await kinds.getByRole('row', { name: /МКФ-ДП/ }).waitFor()
    expect(await kinds.getByRole('row', { name: /^ОКТМО/ }).textContent()).toContain('Открытые данные Росстата')
    for (const name of [/^Дети 0–3 лет/, /^Границы МО/, /^Реестр поставщиков/, /^Производственный календарь/]) {
      expect(await kinds.getByRole('row', { name }).count(), String(name)).toBe(1)
    }
    expect(await kinds.getByRole('row', { name: /МКБ-10/ }).count()).toBe(0)
    expect(await page.getByLabel('Справочник', { exact: true }).inputValue()).toBe('icf')
  })

  it('imports the production calendar and shows its year with the transferred day off and the working Saturday', async () => {
    await page.getByLabel('Справочник', { exact: true }).selectOption('calendar')
    const file = join(folder, 'calendar-sample.csv')
    writeFileSync(file, readFileSync(CALENDAR_SAMPLE))
    await chooseFile(file)
    await page.getByRole('button', { name: 'Проверить' }).click()
    await report().getByRole('heading', { name: 'Результат проверки' }).waitFor()
    await page.getByRole('button', { name: 'Загрузить' }).click()
    await report().getByRole('heading', { name: 'Результат загрузки' }).waitFor()
    await page.getByLabel('Год календаря').fill('2027')
    const days = page.getByTestId('production-calendar-days')
    await days.getByRole('row', { name: /13\.11\.2027/ }).waitFor()
    expect(await days.getByRole('row', { name: /13\.11\.2027/ }).textContent()).toContain(
      'Рабочая суббота или воскресенье',
    )
    expect(await days.getByRole('row', { name: /05\.11\.2027/ }).textContent()).toContain('Перенесённый выходной день')
    const november = page.getByRole('table', { name: 'Ноябрь' })
    expect(await november.getByRole('cell', { name: '13', exact: true }).getAttribute('class')).toBe(
      'calendar-working-weekend',
    )
    await page.getByTestId('production-calendar').scrollIntoViewIfNeeded()
    await fitsTheWindow(page)
    await expectAccessible(page, 'the production calendar of a year')
    await shot('reference-production-calendar')
  })

  it('shows the education administrator the kindergartens and their early-help units, and no МКБ-10', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click()
    await signInAs(page, 'education-administrator')
    await page.getByRole('link', { name: 'Справочники' }).click()
    const kinds = page.getByTestId('reference-kinds')
    await kinds.getByRole('row', { name: /Подразделения ранней помощи/ }).waitFor()
    await kinds.getByRole('row', { name: /Детские сады/ }).waitFor()
    expect(await kinds.getByRole('row', { name: /МКБ-10/ }).count()).toBe(0)
    expect(await page.getByLabel('Справочник', { exact: true }).inputValue()).toBe('kindergartens')
    await fitsTheWindow(page)
    await shot('reference-education')
  })
})
