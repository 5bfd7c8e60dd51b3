import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** DD.MM.YYYY, as the pages write a date of the API. */
export const russian = (day: string) => day.split('-').reverse().join('.')

/** No part of the page is wider than the window (1366 px): nothing to scroll sideways. */
export async function fitsTheWindow(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(1366)
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
  const day = new Date(Date.now() + 60 * 86_400_000)
  day.setFullYear(day.getFullYear() - 3)
  return day.toISOString().slice(0, 10)
}
