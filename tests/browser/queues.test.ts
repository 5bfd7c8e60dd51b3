import type { Page } from 'playwright-core'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  insertChild,
  insertConsent,
  insertCriterion,
  insertFamily,
  insertMunicipality,
  insertProgramme,
  insertProvider,
  insertRepresentative,
} from '../../subgraphs/social/test/support/factories.js'
import { insertKindergarten, insertPreschoolApplication } from '../../subgraphs/education/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { daysFromToday } from '@hub/testing/writes'
import { downloadBy, signInAs, startHubInChromium, type Chromium, type HubInChromium } from './harness.js'

const HEADINGS = ['Ребёнок', 'Муниципальное образование', 'Поставщик', 'Состояние', 'Срок', 'Подробности']
const FAR = { oktmo: '71900000', name: 'Дальний муниципальный район' }
const ENROLLED_ON = daysFromToday(-7)

describe('«Мои задачи» and the work queues in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let signInAsStaffOf: HubInChromium['signInAsStaffOf']
  let providerId: string

  const shot = (of: Page, name: string) => chromium.screenshot(of, name)

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop, signInAsStaffOf } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
    const db = hub.databases.social.db
    await insertMunicipality(db, FAR)
    // 25 disabilities whose term ran out: 22 here, 3 in the far district.
    for (let i = 0; i < 25; i++) {
      const child = await insertChild(db, i < 3 ? { municipality_oktmo: FAR.oktmo } : {})
      await insertCriterion(db, child.id, { code: 'DISABLED_CHILD', source: 'SOCIAL', valid_to: daysFromToday(-1 - i) })
    }
    const ours = await insertProvider(db)
    const theirs = await insertProvider(db)
    providerId = ours.id
    // Each family consented to the provider drafting its child's ИПРП: a non-state provider sees the child only so.
    for (const provider of [ours, ours, theirs]) {
      const family = await insertFamily(db)
      const mother = await insertRepresentative(db, family.id)
      const child = await insertChild(db, { family_id: family.id })
      await insertConsent(db, child.id, mother.id, { recipient_provider_id: provider.id })
      await insertProgramme(db, child.id, provider.id, { status: 'DRAFT', signed_on: null })
    }
    // A child with a programme in force, enrolled in a kindergarten a week ago: the programme is due to end.
    const enrolled = await insertChild(db, { birth_date: daysFromToday(-700), registry_status: 'PROGRAMME_ACTIVE' })
    await insertProgramme(db, enrolled.id, (await insertProvider(db, { side: 'SOCIAL' })).id, {
      signed_on: daysFromToday(-300),
    })
    const kindergarten = await insertKindergarten(hub.databases.education.db)
    await insertPreschoolApplication(hub.databases.education.db, enrolled.id, {
      status: 'ENROLLED',
      kindergarten_id: kindergarten.id,
      group_type: 'GENERAL',
      enrolled_on: ENROLLED_ON,
    })
  }, 180_000)

  afterAll(() => stop?.())

  it('shows a regional coordinator every queue with the counts of the data', async () => {
    await page.goto(`${origin}/dashboard`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
    await page.getByTestId('count-criteria').getByText('25', { exact: true }).waitFor()
    await page.getByTestId('count-drafts').getByText('3', { exact: true }).waitFor()
    await page.getByTestId('count-duplicates').getByText('0', { exact: true }).waitFor()
    await page.getByTestId('count-merges').getByText('0', { exact: true }).waitFor()
    const nav = await page.locator('header nav a').allTextContents()
    expect(nav).toEqual([
      'Мои задачи',
      'Нагрузка специалистов',
      'Реестр детей',
      'Обзор',
      'Отчёты',
      'Поставщики',
      'Перечень услуг',
      'Обозреватель GraphQL',
    ])
    expect(await page.locator('header nav a[aria-current="page"]').textContent()).toBe('Мои задачи')
    // At 1366 px the coordinator's sections stand on one line, each label unbroken.
    const boxes = await page.locator('header nav a').evaluateAll((links) =>
      links.map((link) => {
        const rects = link.getClientRects()
        return { top: rects[0]!.top, lines: rects.length }
      }),
    )
    expect(new Set(boxes.map((box) => Math.round(box.top))).size).toBe(1)
    expect(boxes.every((box) => box.lines === 1)).toBe(true)
    await shot(page, 'tasks-regional-coordinator')
  })

  it('filters, pages and exports a queue, and leads from a row to the child’s card', async () => {
    await page.getByRole('link', { name: 'Истёк срок действия критерия' }).click()
    await page.getByRole('heading', { name: 'Истёк срок действия критерия', level: 1 }).waitFor()
    await page.getByTestId('queue-count').getByText('25', { exact: true }).waitFor()
    const rows = page.getByRole('table', { name: 'Истёк срок действия критерия' }).locator('tbody tr')
    expect(await rows.count()).toBe(20)
    await page.getByText('Страница 1 из 2').waitFor()
    await page.getByRole('button', { name: 'Следующая' }).click()
    await page.getByText('Страница 2 из 2').waitFor()
    expect(await rows.count()).toBe(5)
    await shot(page, 'queue-criteria')

    await page.getByRole('combobox', { name: /^Муниципальное образование/ }).selectOption(FAR.name)
    await page.getByTestId('queue-count').getByText('3', { exact: true }).waitFor()
    expect(await rows.count()).toBe(3)

    const save = (button: string) => downloadBy(page, button)
    const csv = await save('Скачать CSV')
    expect(csv.name).toMatch(/^Истёк срок действия критерия \d{4}-\d{2}-\d{2}\.csv$/)
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe(HEADINGS.join(';'))
    expect(lines).toHaveLength(4)
    expect(lines.slice(1).every((line) => line.includes(`;${FAR.name};`) && line.includes('Ребёнок-инвалид'))).toBe(
      true,
    )

    const xlsx = await save('Скачать XLSX')
    expect(xlsx.name).toMatch(/\.xlsx$/)
    const sheet = await readXlsxFile(xlsx.bytes)
    const table = Array.isArray(sheet[0]) ? sheet : (sheet as unknown as { data: unknown[][] }[])[0]!.data
    expect(table[0]).toEqual(HEADINGS)
    expect(table.slice(1).map((row) => (row as unknown[])[1])).toEqual([FAR.name, FAR.name, FAR.name])
    expect(table.slice(1).map((row) => (row as unknown[])[0])).toEqual(lines.slice(1).map((line) => line.split(';')[0]))

    // Each row leads to the form that resolves it (a new criterion in place of the expired one) and to the card.
    expect(await rows.first().getByRole('link', { name: 'Продлить: новый критерий' }).getAttribute('href')).toMatch(
      /^\/dashboard\/children\/[0-9a-f-]{36}\/criteria\/new\?code=DISABLED_CHILD$/,
    )
    const first = rows.first().getByRole('link').first()
    const name = (await first.textContent())!
    await first.click()
    await page.waitForURL(/\/dashboard\/children\/[0-9a-f-]{36}$/)
    await page.getByText(name).first().waitFor()
  })

  it('files a report only after a confirmation that it cannot be undone', async () => {
    await page.getByRole('link', { name: 'Отчёты' }).click()
    await page.getByRole('button', { name: 'Подать отчёт за квартал' }).click()
    await page.getByRole('alertdialog').getByText('действие нельзя отменить').waitFor()
    await page.getByRole('button', { name: 'Отмена' }).click()
    expect(await page.getByRole('alertdialog').count()).toBe(0)
  })

  it('sends the purpose of access the user chose with every request', async () => {
    await page.getByRole('link', { name: 'Мои задачи' }).click()
    const sent = page.waitForRequest(
      (request) => request.url().endsWith('/graphql') && request.headers()['x-access-purpose'] === 'TRANSITION',
    )
    await page.getByRole('combobox', { name: 'Цель доступа' }).selectOption('TRANSITION')
    await sent
    await page.reload()
    expect(await page.getByRole('combobox', { name: 'Цель доступа' }).inputValue()).toBe('TRANSITION')
  })

  it('leads from the transitions row of a child enrolled in a kindergarten to the ИПРП exit, and the row goes', async () => {
    await page.goto(`${origin}/dashboard/queues/transitions`)
    const row = page.getByRole('row').filter({ hasText: 'ИПРП к завершению: ребёнок зачислен в детский сад' })
    await row.waitFor()
    await shot(page, 'queue-transitions-exit')
    await row.getByRole('link', { name: 'Завершить ИПРП' }).click()
    await page.getByRole('heading', { name: /^Завершение ИПРП/ }).waitFor()
    expect(await page.getByLabel('Основание завершения').inputValue()).toBe('TRANSITION_TO_PRESCHOOL')
    expect(await page.getByLabel('Дата завершения').inputValue()).toBe(ENROLLED_ON)
    await page.getByRole('button', { name: 'Завершить ИПРП' }).click()
    await page.waitForURL(/\/dashboard\/children\/[0-9a-f-]{36}$/)
    await page.goto(`${origin}/dashboard/queues/transitions`)
    await page.getByTestId('queue-count').getByText('0', { exact: true }).waitFor()
  })

  it('shows a provider’s specialist only their organisation’s work, and no report filing', async () => {
    const context = await chromium.openContext()
    const provider = await chromium.newPage(context)
    await provider.setViewportSize({ width: 1366, height: 768 })
    await provider.goto(`${origin}/dashboard`)
    await signInAsStaffOf(provider, providerId)
    await provider.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
    await provider.getByTestId('count-drafts').getByText('2', { exact: true }).waitFor()
    expect(await provider.getByTestId('count-criteria').count()).toBe(0)
    expect(await provider.getByTestId('count-duplicates').count()).toBe(0)
    await shot(provider, 'tasks-provider-specialist')
    await provider.getByRole('link', { name: 'Проекты ИПРП на подписании' }).click()
    await provider.getByTestId('queue-count').getByText('2', { exact: true }).waitFor()
    await shot(provider, 'queue-drafts-provider')
    await provider.getByRole('link', { name: 'Отчёты' }).click()
    await provider.getByRole('heading', { name: 'Квартальные отчёты мониторинга' }).waitFor()
    expect(await provider.getByRole('button', { name: 'Подать отчёт за квартал' }).count()).toBe(0)
    await context.close()
  })

  it('opens an analyst’s home and any queue path at the overview, with only the sections an analyst may use', async () => {
    const context = await chromium.openContext()
    const analyst = await chromium.newPage(context)
    await analyst.goto(`${origin}/dashboard/queues/criteria`)
    await signInAs(analyst, 'regional-analyst')
    await analyst.getByRole('heading', { name: 'Обзор показателей ранней помощи' }).waitFor()
    expect(await analyst.locator('header nav a').allTextContents()).toEqual([
      'Обзор',
      'Отчёты',
      'Поставщики',
      'Перечень услуг',
      'Обозреватель GraphQL',
    ])
    await context.close()
    expect(chromium.foreignRequests).toEqual([])
  })
})
