import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RegisterChildDocument } from '../../schema/__generated__/operations.js'
import { freePorts } from '../../scripts/processes.js'
import { insertDomainEvent } from '@hub/subgraph-kit/events/domain_event.queries'
import { eventsView } from '@hub/subgraph-kit/events/tables'
import { insertMunicipality, MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { webhookReceiver } from '../support/webhooks.js'
import { daysFromToday } from '@hub/testing/writes'
import { viewers } from '@hub/testing/auth'
import { expectAccessible } from './axe.js'
import { signInAs, startHubInChromium, type Chromium, type HubInChromium } from './harness.js'
import { fitsTheWindow, refusalBeside } from './steps.js'

/** Short waits and two attempts, so that a refused event becomes a dead letter within a second. */
const WEBHOOKS = { retryMs: 200, retryMaxMs: 400, maxAttempts: 2, timeoutMs: 2_000, allowHttp: true }
/** How long a test waits for the background delivery: the machine may be slow. */
const DELIVERY = { timeout: 20_000, interval: 300 }

describe('«Интеграции»: a side’s administrator and the webhooks of ministry systems in Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'integrations-'))
  let hub: Hub
  let idp: HubInChromium['idp']
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let receiver: ReturnType<typeof webhookReceiver>
  let port: number
  let secret: string

  const shot = (name: string) => chromium.screenshot(page, name)
  const subscriptions = () => page.getByTestId('subscriptions')
  const deadLetters = () => page.getByTestId('dead-letters')
  const recentEvents = () => page.getByTestId('recent-events')

  async function registerChild(lastName: string) {
    const { registerChild } = await hub.run(
      RegisterChildDocument,
      {
        input: {
          lastName,
          firstName: 'Вера',
          birthDate: daysFromToday(-300),
          sex: 'FEMALE',
          municipality: MUNICIPALITY.oktmo,
        },
      },
      viewers.coordinator('social'),
    )
    return registerChild.child.id
  }

  /** «Обновить» until the page shows what `shown` waits for: delivery runs in the background. */
  async function refreshUntil(shown: () => Promise<boolean>) {
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Обновить' }).click()
        await page.getByRole('heading', { name: 'Подписки', level: 2 }).waitFor()
        return shown()
      }, DELIVERY)
      .toBe(true)
  }

  beforeAll(async () => {
    ;({ hub, idp, chromium, page, origin, stop } = await startHubInChromium({ webhooks: WEBHOOKS }))
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    await insertMunicipality(hub.databases.social.db)
    ;[port] = (await freePorts(1)) as [number]
  }, 180_000)

  afterAll(async () => {
    await receiver?.stop()
    await stop?.()
    rmSync(folder, { recursive: true, force: true })
  })

  it('opens «Интеграции» as the social administrator’s home page, with no subscription yet', async () => {
    await page.goto(`${origin}/dashboard`)
    await signInAs(page, 'social-administrator')
    await page.getByRole('heading', { name: 'Интеграции', level: 1 }).waitFor()
    expect(await page.getByRole('link', { name: 'Интеграции' }).getAttribute('aria-current')).toBe('page')
    await page.getByText('Подписок нет: ни одна система ещё не получает события.').waitFor()
    await page.getByText('Событий ещё не было.').waitFor()
    await fitsTheWindow(page)
    await expectAccessible(page, '«Интеграции» without subscriptions')
    await shot('integrations-empty')
  })

  it('refuses an address that is not a web address beside its field, and adds none', async () => {
    await page.getByRole('link', { name: 'Добавить подписку' }).click()
    await page.getByRole('heading', { name: 'Добавить подписку', level: 1 }).waitFor()
    await page.getByLabel('Адрес системы-получателя').fill('ftp://mis.region.example/hooks')
    await page.getByLabel('Ребёнок внесён в реестр').check()
    await page.getByRole('button', { name: 'Добавить подписку' }).click()
    const refusal = refusalBeside(page, 'Адрес системы-получателя')
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('полный адрес https://')
    expect(await page.getByLabel('Адрес системы-получателя').getAttribute('aria-invalid')).toBe('true')
    await fitsTheWindow(page)
    await expectAccessible(page, 'the new subscription refused')
    await shot('integrations-subscription-refused')
  })

  it('adds a subscription and shows its secret once, with «Скопировать»', async () => {
    await page.getByLabel('Адрес системы-получателя').fill(`http://127.0.0.1:${port}/hooks`)
    await page.getByLabel('Описание').fill('Региональная МИС: учёт детей раннего возраста')
    await page.getByRole('button', { name: 'Добавить подписку' }).click()
    await page.getByRole('heading', { name: 'Подписка добавлена', level: 1 }).waitFor()
    await page.getByText('Секрет показывается один раз: сохраните его в системе-получателе.').waitFor()
    secret = (await page.getByTestId('webhook-secret').textContent()) ?? ''
    expect(secret).toMatch(/^whsec_/)
    await page.getByText('События: Ребёнок внесён в реестр').waitFor()
    await page.getByRole('button', { name: 'Скопировать' }).click()
    await page.getByText('Секрет скопирован в буфер обмена.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
    await fitsTheWindow(page)
    await expectAccessible(page, 'the secret of the new subscription')
    await shot('integrations-secret')

    receiver = webhookReceiver({ port, secret, log: join(folder, 'received.jsonl') })
    await receiver.start()
    await page.getByRole('link', { name: 'Готово: к подпискам' }).click()
    const row = subscriptions().getByRole('row', { name: new RegExp(`127\\.0\\.0\\.1:${port}`) })
    await row.waitFor()
    expect(await row.textContent()).toContain('Ребёнок внесён в реестр')
    expect(await row.textContent()).toContain('Региональная МИС')
    expect(await row.textContent()).toContain('активна')
    // Shown once: the list does not hold it.
    expect(await page.content()).not.toContain(secret)
  })

  it('delivers a registration to the receiver, signed, and shows it among the latest events', async () => {
    const childId = await registerChild('Полякова')
    await expect
      .poll(() => receiver.received().filter((request) => request.answered === 200 && request.valid).length, DELIVERY)
      .toBe(1)
    expect(JSON.parse(receiver.received()[0]!.body)).toMatchObject({ type: 'child.registered', subject: { childId } })
    await refreshUntil(async () => (await recentEvents().count()) > 0)
    const row = recentEvents().getByRole('row', { name: /Ребёнок внесён в реестр/ })
    expect(await row.textContent()).toContain(childId)
    await fitsTheWindow(page)
  })

  it('shows a dead letter after the receiver refused, and delivers it again on «Повторить доставку»', async () => {
    // The ministry system is in trouble: it refuses the next two requests, every attempt the hub makes.
    await receiver.stop()
    await receiver.start({ failFirst: 2 })
    const childId = await registerChild('Орехова')
    await refreshUntil(async () => (await deadLetters().count()) > 0)
    const dead = deadLetters().getByRole('row', { name: /Ребёнок внесён в реестр/ })
    expect(await dead.textContent()).toContain('система-получатель ответила кодом HTTP 500')
    expect(await dead.getByRole('cell').nth(2).textContent()).toBe('2')
    await page.getByRole('button', { name: 'Повторить доставку всех (1)' }).waitFor()
    await fitsTheWindow(page)
    await expectAccessible(page, '«Интеграции» with a dead letter')
    await shot('integrations-dead-letter')

    await dead.getByRole('button', { name: 'Повторить доставку' }).click()
    await expect
      .poll(
        () =>
          receiver
            .received()
            .filter((request) => request.answered === 200 && request.valid)
            .map((request) => (JSON.parse(request.body) as { subject: { childId: string } }).subject.childId),
        DELIVERY,
      )
      .toContain(childId)
    await refreshUntil(() => page.getByText('Все события доставлены или ждут очередной попытки.').isVisible())
    expect(
      await recentEvents()
        .getByRole('row', { name: /Ребёнок внесён в реестр/ })
        .count(),
    ).toBe(2)
    await shot('integrations')
  })

  it('pauses, resumes and, once confirmed, deletes the subscription', async () => {
    const row = subscriptions().getByRole('row', { name: new RegExp(`127\\.0\\.0\\.1:${port}`) })
    await row.getByRole('button', { name: 'Приостановить' }).click()
    await row.getByText('приостановлена').waitFor()
    await row.getByRole('button', { name: 'Включить' }).click()
    await row.getByText('активна').waitFor()
    await row.getByRole('button', { name: 'Удалить' }).click()
    await row.getByText('Удалить подписку? Недоставленные ей события будут удалены').waitFor()
    await row.getByRole('button', { name: 'Отмена' }).click()
    await row.getByRole('button', { name: 'Удалить' }).click()
    await shot('integrations-delete-confirmation')
    await row.getByRole('button', { name: 'Да, удалить' }).click()
    await page.getByText('Подписок нет: ни одна система ещё не получает события.').waitFor()
  })

  it('pages the latest events back with «Показать ещё»', async () => {
    const events = eventsView(hub.databases.social.db)
    for (let index = 0; index < 25; index += 1) {
      await insertDomainEvent(events, 'report.filed', { reportId: crypto.randomUUID() })
    }
    await refreshUntil(async () => (await recentEvents().getByRole('row').count()) === 21)
    // Newest first: the page opens with the last filed report.
    expect(await recentEvents().getByRole('row').nth(1).textContent()).toContain('Подан квартальный отчёт')
    await page.getByRole('button', { name: 'Показать ещё' }).click()
    await expect.poll(() => recentEvents().getByRole('row').count(), DELIVERY).toBe(25 + 2 + 1)
    expect(await page.getByRole('button', { name: 'Показать ещё' }).count()).toBe(0)
    expect(await recentEvents().getByRole('row').last().textContent()).toContain('Ребёнок внесён в реестр')
    expect(chromium.foreignRequests).toEqual([])
    expect(chromium.consoleErrors).toEqual([])
  })

  it('tells a regional administrator whose page «Интеграции» is', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click()
    const name = 'Ковалёв Игорь Петрович'
    idp.users.push({
      id: 'regional-administrator',
      login: 'kovalev',
      password: 'kovalev-demo',
      name,
      label: 'Администратор регионального уровня',
      claims: { side: 'regional', role: 'administrator', name },
    })
    await signInAs(page, 'kovalev', idp.users)
    await page.getByRole('heading', { name: 'Интеграции', level: 1 }).waitFor()
    await page.getByText('Региональному администратору этот раздел недоступен').waitFor()
    expect(await page.getByRole('link', { name: 'Добавить подписку' }).count()).toBe(0)
    await expectAccessible(page, '«Интеграции» for a regional administrator')
  })
})
