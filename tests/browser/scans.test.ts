import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCriterion } from '../../subgraphs/social/test/support/factories.js'
import { jpegFile, pdfFile, pngFile } from '@hub/testing/files'
import type { Hub } from '../support/hub.js'
import { insertChildKnownToEverySide, insertPathwayOfChild } from '../support/scenario.js'
import { ARTIFACTS, signInAs, startHubInChromium, type Chromium } from './harness.js'
import { fitsTheWindow } from './steps.js'

/** The card's section of signed documents: a scan attached by choosing a file, listed, opened, saved, or refused. */
describe('signed scans on the child card in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let stop: () => Promise<void>
  let cardUrl: string
  const pdf = pdfFile('Signed IPRP')

  beforeAll(async () => {
    let page: Page
    let origin: string
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.close()
    const fixture = await insertChildKnownToEverySide(hub.databases)
    await insertPathwayOfChild(hub.databases, fixture)
    await insertCriterion(hub.databases.social.db, fixture.child.id, {
      code: 'DISABLED_CHILD',
      source: 'SOCIAL',
      evidence_document: 'Справка МСЭ-2025 № 0123456',
    })
    cardUrl = `${origin}/dashboard/children/${fixture.child.id}`
  }, 180_000)

  afterAll(() => stop?.())

  async function signedIn(role: string) {
    const context = await chromium.openContext()
    const page = await chromium.newPage(context)
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.goto(cardUrl)
    await signInAs(page, role)
    await page.getByRole('region', { name: 'Сканы подписанных документов' }).waitFor()
    return page
  }

  /** The whole page, and what the user sees at 1366×768 where the section is. */
  async function screenshots(page: Page, name: string, top: Locator) {
    await chromium.screenshot(page, name)
    await top.evaluate((element) => element.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: `${ARTIFACTS}${name}-view.png` })
  }

  const documentOf = (page: Page, title: RegExp) => page.getByRole('group', { name: title })

  async function attach(page: Page, title: RegExp, file: { name: string; mimeType: string; buffer: Buffer }) {
    const document = documentOf(page, title)
    await document.getByLabel('Прикрепить скан').setInputFiles(file)
    return document
  }

  it('attaches a signed ИПРП as a PDF and a consent as a PNG, lists them, opens and saves one', async () => {
    const page = await signedIn('regional-coordinator')
    const programme = await attach(page, /^ИПРП, версия 1/, {
      name: 'ИПРП подписанная.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    })
    await programme.getByText('ИПРП подписанная.pdf').waitFor()
    await expect(programme.getByText(/КБ, \d\d\.\d\d\.\d{4}, Орлова Марина Сергеевна/).count()).resolves.toBe(1)

    const consent = await attach(page, /^Согласие/, { name: 'согласие.png', mimeType: 'image/png', buffer: pngFile() })
    await consent.getByText('согласие.png').waitFor()
    const disability = await attach(page, /^Справка МСЭ/, {
      name: 'справка.jpg',
      mimeType: 'image/jpeg',
      buffer: jpegFile(),
    })
    await disability.getByText('справка.jpg').waitFor()
    await fitsTheWindow(page)
    await screenshots(page, 'scans-attached', page.getByRole('region', { name: 'Сканы подписанных документов' }))

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      programme.getByRole('button', { name: 'Скачать' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('ИПРП подписанная.pdf')
    expect(readFileSync(await download.path()).equals(pdf)).toBe(true)
    const [shown] = await Promise.all([
      page.context().waitForEvent('page'),
      programme.getByRole('button', { name: 'Открыть' }).click(),
    ])
    await shown.waitForLoadState()
    expect(shown.url()).toMatch(/^blob:/)
    await page.close()
  })

  it('refuses a text file named .pdf in Russian beside the field, and attaches nothing', async () => {
    const page = await signedIn('regional-coordinator')
    const programme = await attach(page, /^ИПРП, версия 1/, {
      name: 'скан.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Это текст, а не скан подписанной программы\n'),
    })
    const refusal = programme.locator('.field.invalid .field-error')
    await refusal.waitFor()
    expect(await refusal.textContent()).toBe('Файл должен быть PDF, JPEG или PNG: загруженный файл — текстовый файл')
    expect(await programme.getByLabel('Прикрепить скан').getAttribute('aria-invalid')).toBe('true')
    await expect(programme.getByText('скан.pdf').count()).resolves.toBe(0)
    await screenshots(page, 'scans-refused', page.getByRole('region', { name: 'Сканы подписанных документов' }))
    await page.close()
  })

  it('lets education attach the scan of a ПМПК conclusion', async () => {
    const page = await signedIn('education-specialist')
    const conclusion = await attach(page, /^Заключение ПМПК/, {
      name: 'заключение ПМПК.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('PMPK conclusion'),
    })
    await conclusion.getByText('заключение ПМПК.pdf').waitFor()
    await screenshots(page, 'scans-pmpk', conclusion)
    expect(chromium.consoleErrors).toEqual([])
    expect(chromium.foreignRequests).toEqual([])
    await page.close()
  })
})
