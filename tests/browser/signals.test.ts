import type { Page } from 'playwright-core'
import { regionDay } from '@hub/platform/region-time'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertChild } from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { signInAs, startHubInChromium, type Chromium } from './harness.js'

/** Today as the forms write it and as the screens show it. */
/** Today in the region's time, as the hub checks dates (not the machine's). */
const TODAY = regionDay()
const TODAY_SHOWN = new Date(`${TODAY}T00:00:00`).toLocaleDateString('ru-RU')

describe('a health record becomes a coordinator’s signal in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let origin: string
  let stop: () => Promise<void>
  let child: Awaited<ReturnType<typeof insertChild>>
  let cardUrl: string

  beforeAll(async () => {
    let page: Page
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.close()
    child = await insertChild(hub.databases.social.db, { last_name: 'Сигналова', first_name: 'Дарья' })
    cardUrl = `${origin}/dashboard/children/${child.id}`
  }, 180_000)

  afterAll(() => stop?.())

  async function signedIn(role: string, url: string) {
    const page = await chromium.newPage(await chromium.openContext())
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.goto(url)
    await signInAs(page, role)
    return page
  }

  async function noSideScroll(page: Page) {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBe(0)
  }

  it('lets a health specialist set group V, and the coordinator accept the signal into the child’s criterion', async () => {
    const health = await signedIn('health-specialist', cardUrl)
    await health
      .getByRole('complementary', { name: 'Действия' })
      .getByRole('link', { name: 'Установить группу здоровья' })
      .click()
    await health.getByRole('heading', { name: 'Группа здоровья', level: 1 }).waitFor()
    await health.getByLabel('Группа здоровья').selectOption('V')
    await health.getByRole('button', { name: 'Установить группу' }).click()
    await health.waitForURL(cardUrl)
    await health.getByText(`V группа здоровья, установлена ${TODAY_SHOWN}`).waitFor()

    const coordinator = await signedIn('regional-coordinator', `${origin}/dashboard`)
    await coordinator.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
    // Delivered by health's outbox as the record committed; the home page counts it.
    await coordinator.getByTestId('count-signals').getByText('1', { exact: true }).waitFor()
    await noSideScroll(coordinator)
    await chromium.screenshot(coordinator, 'signals-tasks')

    await coordinator.getByRole('link', { name: 'Сигналы', exact: true }).click()
    await coordinator.getByRole('heading', { name: 'Сигналы', level: 1 }).waitFor()
    const row = coordinator.getByRole('table', { name: 'Сигналы' }).getByRole('row', { name: /Сигналова/ })
    await row
      .getByText(
        `Здравоохранение: установлена V группа здоровья, ${TODAY_SHOWN}; предлагается критерий «IV или V группа здоровья»`,
        { exact: false },
      )
      .waitFor()
    await row.getByRole('cell', { name: 'Идёт', exact: true }).waitFor()
    await noSideScroll(coordinator)
    await chromium.screenshot(coordinator, 'signals-queue')

    await row.getByRole('link', { name: 'Принять или отклонить' }).click()
    await coordinator.getByRole('heading', { name: 'Сигнал выявления', level: 1 }).waitFor()
    // A dismissal needs its reason: refused next to the field, nothing decided.
    await coordinator.getByRole('button', { name: 'Отклонить', exact: true }).click()
    const reason = coordinator.locator('.field.invalid', { has: coordinator.getByLabel('Причина отклонения') })
    await reason.locator('.field-error').getByText('Заполните поле').waitFor()
    await noSideScroll(coordinator)
    await chromium.screenshot(coordinator, 'signals-decision-refused')

    await coordinator.getByRole('button', { name: 'Принять', exact: true }).click()
    await coordinator.waitForURL(cardUrl)
    const criteria = coordinator.getByRole('table', { name: 'Критерии целевой группы' })
    const criterion = criteria.getByRole('row', { name: /IV или V группа здоровья/ })
    await criterion.getByRole('cell', { name: 'Здравоохранение', exact: true }).waitFor()
    await criterion
      .getByText(`Сигнал выявления: здравоохранение, установлена V группа здоровья, ${TODAY_SHOWN}`)
      .waitFor()
    await chromium.screenshot(coordinator, 'signals-accepted-card')

    await coordinator.goto(`${origin}/dashboard`)
    await coordinator.getByTestId('count-signals').getByText('0', { exact: true }).waitFor()
    expect(chromium.consoleErrors).toEqual([])
  })
})
