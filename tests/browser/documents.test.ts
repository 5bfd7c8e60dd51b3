import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileQuarterlyReportDocument, RegionalIndicatorsDocument } from '../../schema/__generated__/operations.js'
import { flat, pdfText } from '../support/pdf.js'
import { insertChildKnownToEverySide, insertPathwayOfChild } from '../support/scenario.js'
import { expectAccessible } from './axe.js'
import { ARTIFACTS, downloadBy, signInAs, startHubInChromium, type HubInChromium } from './harness.js'
import { fitsTheWindow } from './steps.js'

const CHILD_NAME = 'Соколова Алёна Игоревна'

describe('the coordinator prints the card, the ИПРП, the referral, the consent and a filed report in Chromium', () => {
  let hubInChromium: HubInChromium
  let page: Page
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>

  beforeAll(async () => {
    hubInChromium = await startHubInChromium()
    const { hub } = hubInChromium
    page = hubInChromium.page
    fixture = await insertChildKnownToEverySide(hub.databases)
    await insertPathwayOfChild(hub.databases, fixture)
    const live = await hub.run(RegionalIndicatorsDocument, { period: { from: '2026-07-01', to: '2026-09-30' } })
    await hub.run(FileQuarterlyReportDocument, {
      input: { year: 2026, quarter: 3, definitionVersion: live.regionalIndicators.definitionVersion },
    })
    // The office laptop: every button must fit beside what it prints, nothing to scroll sideways.
    await page.setViewportSize({ width: 1366, height: 768 })
  }, 180_000)

  afterAll(() => hubInChromium?.stop())

  /** Clicks a print button and returns the PDF it saves: its file name and its text (pdftotext). */
  async function printed(button: Locator) {
    const { name, bytes } = await downloadBy(page, button)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    return { name, text: flat(await pdfText(bytes)) }
  }

  /** What the window shows now (1366×768), not the whole page. */
  const seen = (name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` })

  it('prints the child card from its header', async () => {
    await page.goto(`${hubInChromium.origin}/dashboard/children/${fixture.child.id}`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('heading', { name: CHILD_NAME, level: 1 }).waitFor()
    await page.getByRole('region', { name: 'Здравоохранение' }).getByText('Q90.0').waitFor()
    await fitsTheWindow(page)
    await seen('documents-card-header')
    await expectAccessible(page, 'the child card with its print buttons')
    const card = await printed(page.getByRole('button', { name: 'Карточка (PDF)' }))
    expect(card.name).toMatch(/^kartochka-\d{4}-\d{2}-\d{2}\.pdf$/)
    expect(card.text).toContain('Карточка ребёнка в региональном реестре')
    expect(card.text).toContain(CHILD_NAME)
  })

  it('prints the ИПРП, the referral and the consent beside each record', async () => {
    const programme = page.getByRole('article', { name: 'ИПРП, версия 1' })
    await programme.scrollIntoViewIfNeeded()
    await seen('documents-programme')
    const iprp = await printed(programme.getByRole('button', { name: 'Печать ИПРП (PDF)' }))
    expect(iprp.name).toMatch(/^iprp-v1-\d{4}-\d{2}-\d{2}\.pdf$/)
    expect(iprp.text).toContain('Индивидуальная программа ранней помощи')

    const referral = page.getByRole('button', { name: 'Печать направления' }).first()
    await referral.scrollIntoViewIfNeeded()
    await seen('documents-referral')
    expect((await printed(referral)).text).toContain('Направление на получение услуг ранней помощи')

    const consent = page.getByRole('button', { name: 'Печать согласия' }).first()
    await consent.scrollIntoViewIfNeeded()
    await seen('documents-consent')
    expect((await printed(consent)).text).toContain('Согласие на обработку и передачу персональных данных')
    await fitsTheWindow(page)
    await hubInChromium.chromium.screenshot(page, 'documents-child-card')
  })

  it('prints a filed quarterly report beside its CSV and XLSX', async () => {
    await page.getByRole('link', { name: 'Отчёты' }).click()
    await page.getByRole('heading', { name: 'Квартальные отчёты мониторинга' }).waitFor()
    await page.getByRole('table', { name: 'Поданные отчёты' }).getByRole('button', { name: 'Открыть' }).click()
    await page.getByRole('heading', { name: 'Мониторинг за 3 квартал 2026 г.' }).waitFor()
    await fitsTheWindow(page)
    await seen('documents-report')
    const report = await printed(page.getByRole('button', { name: 'Скачать PDF' }))
    expect(report.name).toMatch(/^monitoring-2026-Q3-.+\.pdf$/)
    expect(report.text).toContain('Мониторинг ранней помощи за 3 квартал 2026 г.')
  })
})
