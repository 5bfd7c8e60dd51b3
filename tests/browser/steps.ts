import type { Locator, Page } from 'playwright-core'
import { regionDay } from '@hub/platform/region-time'
import { expect } from 'vitest'

/** DD.MM.YYYY, as the pages write a date of the API. */
export const russian = (day: string) => day.split('-').reverse().join('.')

/** No part of the page is wider than the window (1366 px): nothing to scroll sideways. */
export async function fitsTheWindow(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(1366)
}

/** The text of every cell of a table's body rows, a row's header cells included. */
export const bodyRows = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    )

/** The quarter of the seeded region (`hub.seed`) with data in every indicator. */
export const SEEDED_QUARTER = { from: '2026-07-01', to: '2026-09-30' }

/** Chooses the seeded quarter on the overview and waits for its figures. */
export async function showSeededQuarter(page: Page) {
  await page.getByRole('combobox', { name: /^Год/ }).selectOption('2026')
  await page.getByRole('combobox', { name: /^Квартал/ }).selectOption('3')
  await page.getByText('Период: 01.07.2026 — 30.09.2026; методика').waitFor()
}

/** The refusal shown under a field, found by the field's label. */
export const refusalBeside = (page: Page, label: string | RegExp) =>
  page.locator('.field.invalid', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error')

/** The count of a queue on «Мои задачи», once the page has loaded it. */
export async function queueCount(page: Page, origin: string, queue: string) {
  await page.goto(`${origin}/dashboard`)
  const cell = page.getByTestId(`count-${queue}`)
  // The page first checks the session, then loads the counts: a cell that is there and no longer «…».
  await page.waitForFunction((id) => {
    const text = document.querySelector(`[data-testid="count-${id}"]`)?.textContent
    return text !== undefined && text !== '…'
  }, queue)
  return Number(await cell.textContent())
}

/** The child's third birthday falls 60 days from now: the transition's planning period (90 days) has begun. */
export function birthDateNearThree() {
  const day = new Date(Date.parse(`${regionDay()}T12:00:00Z`) + 60 * 86_400_000)
  day.setUTCFullYear(day.getUTCFullYear() - 3)
  return day.toISOString().slice(0, 10)
}
