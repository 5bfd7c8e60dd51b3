import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNotificationRound } from '../../subgraphs/social/src/modules/pathway/services/notification-scheduler.js'
import {
  insertChild,
  insertProgramme,
  insertProvider,
  insertReferral,
} from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { NOTIFY } from '../../subgraphs/social/test/support/notifications.js'
import { daysFromToday } from '@hub/testing/writes'
import { downloadBy, signInAs, startHubInChromium, type Chromium } from './harness.js'

describe('deadline notifications in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let review: { childId: string; programmeId: string }

  const shot = (name: string) => chromium.screenshot(page, name)
  const scrollsSideways = () =>
    page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
  const bellCount = () => page.getByTestId('bell-count')

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
    const db = hub.databases.social.db
    const centre = await insertProvider(db, { side: 'SOCIAL', name: 'КЦСОН «Заозёрный»' })
    // A referral nobody has decided on for a month, and a programme whose review is long overdue.
    const waiting = await insertChild(db, { last_name: 'Громова', first_name: 'Алиса', patronymic: 'Игоревна' })
    await insertReferral(db, waiting.id, centre.id, { received_on: daysFromToday(-30) })
    const signed = await insertChild(db, {
      last_name: 'Белов',
      first_name: 'Артём',
      patronymic: 'Сергеевич',
      registry_status: 'PROGRAMME_ACTIVE',
    })
    const { programme } = await insertProgramme(db, signed.id, centre.id, { signed_on: daysFromToday(-200) })
    review = { childId: signed.id, programmeId: programme.id }
    // The sweep as the subgraph's timer runs it, today.
    const round = await runNotificationRound(db, NOTIFY, null, new Date())
    expect(round.created).toBe(2)
  }, 180_000)

  afterAll(() => stop?.())

  it('shows a coordinator the unread count on the bell in the header', async () => {
    await page.goto(`${origin}/dashboard`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
    await expect.poll(() => bellCount().textContent()).toContain('2')
    expect(await scrollsSideways()).toBe(false)
    await shot('notifications-bell')
  })

  it('lists the notifications, unread first, and follows one to the form that does the work', async () => {
    await page.getByRole('link', { name: /Уведомления/ }).click()
    await page.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor()
    expect(page.url()).toBe(`${origin}/dashboard/notifications`)
    await expect.poll(() => page.getByTestId('unread-count').textContent()).toBe('2')
    const rows = page.locator('table.notifications tbody tr')
    expect(await rows.count()).toBe(2)
    expect(await page.locator('table.notifications tr.unread').count()).toBe(2)
    await page.getByRole('cell', { name: 'Громова Алиса Игоревна' }).waitFor()
    expect(await page.getByRole('cell', { name: 'Срок истёк' }).count()).toBe(2)
    expect(await scrollsSideways()).toBe(false)
    await shot('notifications-list')

    // The download holds the rows of the table, with whether each was read in a column of its own.
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(', не прочитано', ''))),
    )
    const csv = await downloadBy(page, 'Скачать CSV')
    expect(csv.name).toMatch(/^Уведомления о сроках \d{4}-\d{2}-\d{2}\.csv$/)
    const [headings, ...lines] = csv.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n')
    expect(headings).toBe('Уведомление;Прочитано;Что сделать;Ребёнок;Поставщик;Последний день;Создано')
    expect(lines.every((line) => !line.includes('"'))).toBe(true)
    const fields = lines.map((line) => line.split(';'))
    expect(fields.map((row) => row[1])).toEqual(['нет', 'нет'])
    expect(fields.map((row) => [row[0], ...row.slice(2)])).toEqual(shown)

    await page.getByRole('link', { name: 'Промежуточная оценка ИПРП' }).click()
    await expect
      .poll(() => page.url())
      .toBe(`${origin}/dashboard/children/${review.childId}/programmes/${review.programmeId}/review`)
    await expect.poll(() => bellCount().textContent()).toContain('1')
  })

  it('marks every notification read at once', async () => {
    await page.getByRole('link', { name: /Уведомления/ }).click()
    await expect.poll(() => page.getByTestId('unread-count').textContent()).toBe('1')
    await page.getByRole('button', { name: 'Отметить все прочитанными' }).click()
    await expect.poll(() => page.getByTestId('unread-count').textContent()).toBe('0')
    await expect.poll(() => bellCount().count()).toBe(0)
    expect(await page.locator('table.notifications tr.unread').count()).toBe(0)
  })

  it('registers the address from the identity provider for the daily digest, and refuses a wrong one beside the field', async () => {
    const email = page.getByLabel('Электронная почта')
    expect(await email.inputValue()).toBe('orlova@early-help.example.ru')
    const digest = page.getByLabel('Получать ежедневную сводку по электронной почте')
    await digest.check()
    await email.fill('orlova на почте')
    await page.getByRole('button', { name: 'Сохранить настройки' }).click()
    await page.locator('.field.invalid .field-error').waitFor()
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    await shot('notification-settings-refused')

    await email.fill('orlova@region.example.ru')
    await page.getByRole('button', { name: 'Сохранить настройки' }).click()
    await page.getByText('Настройки сохранены.').waitFor()
    const saved = await hub.databases.social.db
      .selectFrom('notification_recipient')
      .select(['email', 'digest', 'name'])
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ email: 'orlova@region.example.ru', digest: true, name: 'Орлова Марина Сергеевна' })
    expect(await scrollsSideways()).toBe(false)
    await shot('notification-settings')
    expect(chromium.foreignRequests).toEqual([])
  })
})
