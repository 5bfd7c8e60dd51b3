import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import nodemailer from 'nodemailer'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeDigest } from '../../subgraphs/social/src/modules/pathway/services/digest.js'
import { startSmtpReceiver } from '../support/smtp.js'
import { seriousViolations } from './axe.js'
import { launchChromium, type Chromium } from './harness.js'

describe('the development mail page in Chromium', () => {
  let mail: Awaited<ReturnType<typeof startSmtpReceiver>>
  let chromium: Chromium
  let page: Page
  // Where the letter's picture points: a tracking pixel's server, which must hear nothing.
  let tracker: Server
  const trackerHits: string[] = []

  beforeAll(async () => {
    tracker = createServer((request, response) => {
      trackerHits.push(request.url ?? '')
      response.end()
    })
    await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve))
    ;[mail, chromium] = await Promise.all([startSmtpReceiver(), launchChromium()])
    page = await chromium.newPage(await chromium.openContext())
    await page.setViewportSize({ width: 1366, height: 768 })
    // The digest as social writes it, with a script and a remote picture slipped into its HTML.
    const digest = composeDigest({
      name: 'Орлова Марина Сергеевна',
      items: [
        {
          crossing: {
            itemKind: 'REFERRAL',
            itemId: '6f1d2c3b-4a59-4e68-9d7c-8b9a0f1e2d3c',
            childId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
            providerId: '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e',
            clock: 'REFERRAL_TO_NEED_DETERMINATION',
            startedOn: '2026-12-01',
            dueOn: '2026-12-15',
            crossing: 'DUE_SOON',
            referral: { status: 'RECEIVED', needOutcome: null },
          },
          providerName: 'КЦСОН «Заозёрный»',
        },
      ],
      calendar: { settings: new Map(), nonWorkingDays: new Set(), workingWeekends: new Set() },
      today: '2026-12-12',
      screensUrl: 'http://127.0.0.1:4000',
    })
    const transport = nodemailer.createTransport(mail.url)
    try {
      await transport.sendMail({
        from: 'Ранняя помощь <no-reply@early-help.localhost>',
        to: 'orlova@early-help.example.ru',
        ...digest,
        html: `${digest.html}<script>document.body.insertAdjacentHTML('beforeend', '<p id="ran">сценарий выполнен</p>')</script><img src="http://127.0.0.1:${(tracker.address() as AddressInfo).port}/pixel.png" alt="">`,
      })
    } finally {
      transport.close()
    }
  }, 60_000)
  afterAll(async () => {
    await chromium?.browser.close()
    await mail?.stop()
    tracker?.close()
  })

  it('lists the letter and opens it, its HTML shown without running its script or loading its picture', async () => {
    await page.goto(mail.pageUrl)
    await page.getByRole('heading', { name: 'Почта для разработки', level: 1 }).waitFor()
    expect(await page.getByRole('row').count()).toBe(2)
    expect(await seriousViolations(page)).toEqual([])
    await chromium.screenshot(page, 'dev-mail-list')

    await page.getByRole('link', { name: 'Сроки по работе ранней помощи на 12.12.2026' }).click()
    await page.getByRole('heading', { name: 'Сроки по работе ранней помощи на 12.12.2026', level: 1 }).waitFor()
    const frame = page.frameLocator('iframe[title="HTML-версия письма"]')
    await frame.getByText('Здравствуйте, Орлова Марина Сергеевна!').waitFor()
    expect(await frame.locator('#ran').count()).toBe(0)
    expect(await page.locator('pre').textContent()).toContain('Поставщик: КЦСОН «Заозёрный»')
    // The digest's links open the screens in a new tab, from the text part as from the HTML part.
    expect(await frame.getByRole('link', { name: 'Открыть' }).getAttribute('href')).toBe(
      'http://127.0.0.1:4000/dashboard/referrals/6f1d2c3b-4a59-4e68-9d7c-8b9a0f1e2d3c/decision',
    )
    expect(trackerHits).toEqual([])
    expect(await seriousViolations(page)).toEqual([])
    await chromium.screenshot(page, 'dev-mail-letter')
  })
})
