import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * axe-core's own bundle from node_modules: nothing is fetched from elsewhere. The screens' Content-Security-Policy
 * (`script-src 'self'`) refuses the inline script tag `page.addScriptTag` would add, so the bundle is evaluated through
 * the browser's debugging protocol, which that policy does not govern.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The rules of WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export interface Violation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/** Runs axe-core on the page as it stands and returns the serious and critical violations of WCAG 2.1 AA. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE)
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: {
        run(
          context: Document,
          options: object,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]
        }>
      }
    }
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? '',
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
      }))
  }, WCAG_AA)
}

/** Fails, naming the page, each rule, its impact, what it asks and the elements that break it, if axe finds any. */
export async function expectAccessible(page: Page, name: string) {
  const found = await seriousViolations(page)
  const listed = found.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.targets.join(', ')}`,
  )
  expect(listed, `accessibility of ${name}`).toEqual([])
}
