import type { Page } from 'playwright-core'
import { regionDay } from '@hub/platform/region-time'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertChild, insertProgramme, insertProvider } from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { downloadBy, signInAs, startHubInChromium, type Chromium } from './harness.js'

const CHILD = { last_name: 'Васнецова', first_name: 'Милана', patronymic: 'Олеговна' }
const CHILD_NAME = 'Васнецова Милана Олеговна'
/** The development social specialist's display name, which her token carries. */
const SPECIALIST = 'Кузнецова Ольга Викторовна'

describe('the lead specialist (куратор) and the caseloads in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let childId: string

  const shot = (name: string) => chromium.screenshot(page, name)
  const scrollsSideways = () =>
    page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

  async function signOut() {
    await page.getByRole('button', { name: 'Выйти' }).click()
    await page.getByRole('heading', { name: 'Вход в систему «Ранняя помощь»' }).waitFor()
  }

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
    const db = hub.databases.social.db
    // A state centre of social protection, whose programme may be led by social's own specialist.
    const centre = await insertProvider(db, { side: 'SOCIAL', name: 'КЦСОН «Заозёрный»' })
    const child = await insertChild(db, { ...CHILD, registry_status: 'PROGRAMME_ACTIVE' })
    childId = child.id
    await insertProgramme(db, child.id, centre.id)
  }, 180_000)

  afterAll(() => stop?.())

  it('shows a specialist «Мои дети», empty before anyone assigned them a child', async () => {
    await page.goto(`${origin}/dashboard`)
    await signInAs(page, 'social-specialist')
    await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
    await expect.poll(() => page.getByTestId('count-my-children').textContent()).toBe('0')
    // A specialist has no caseloads page in the navigation.
    expect(await page.getByRole('link', { name: 'Нагрузка специалистов' }).count()).toBe(0)
    await signOut()
  })

  it('lets a coordinator open the caseloads from the navigation, empty before any assignment', async () => {
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('link', { name: 'Нагрузка специалистов' }).click()
    await page.getByRole('heading', { name: 'Нагрузка специалистов', level: 1 }).waitFor()
    await page.getByText('Кураторы ещё не назначены.').waitFor()
    expect(page.url()).toBe(`${origin}/dashboard/caseloads`)
    expect(await scrollsSideways()).toBe(false)
    await shot('caseloads-empty')
  })

  it('assigns a куратор from the child’s card, by name, and shows a refusal beside the field', async () => {
    await page.goto(`${origin}/dashboard/children/${childId}`)
    await page.getByRole('heading', { name: CHILD_NAME, exact: true }).waitFor()
    await page.getByText('не назначен').waitFor()
    await page.getByRole('link', { name: 'Назначить куратора' }).click()
    await page.getByRole('heading', { name: `Назначить куратора ИПРП: ${CHILD_NAME}` }).waitFor()
    const lead = page.getByLabel('Куратор', { exact: true })
    await expect
      .poll(() => lead.locator('option').allTextContents())
      .toContain(`${SPECIALIST} (орган соцзащиты или региональный центр)`)
    expect(await scrollsSideways()).toBe(false)
    await shot('programme-lead-form')

    // Nobody chosen: the server's refusal stands under the field it names.
    await page.getByRole('button', { name: 'Назначить куратора' }).click()
    const refusal = page.locator('.field.invalid .field-error')
    await refusal.waitFor()
    expect(await page.locator('.field.invalid label').textContent()).toBe('Куратор')
    expect(await lead.getAttribute('aria-invalid')).toBe('true')
    await shot('programme-lead-form-refused')

    await lead.selectOption({ label: `${SPECIALIST} (орган соцзащиты или региональный центр)` })
    await page.getByRole('button', { name: 'Назначить куратора' }).click()
    await page.getByRole('heading', { name: CHILD_NAME, level: 1, exact: true }).waitFor()
    expect(page.url()).toBe(`${origin}/dashboard/children/${childId}`)
    const today = regionDay().split('-').reverse().join('.')
    await page.getByText(`${SPECIALIST}, с ${today}`).waitFor()
  })

  it('shows the new куратор with the child on the caseloads page', async () => {
    await page.getByRole('link', { name: 'Нагрузка специалистов' }).click()
    const row = page.getByTestId('caseload-kuznetsova')
    await row.waitFor()
    expect(await row.getByRole('rowheader').textContent()).toBe(SPECIALIST)
    expect(await row.getByTestId('children').textContent()).toBe('1')
    expect(await row.getByRole('cell', { name: 'КЦСОН «Заозёрный»' }).count()).toBe(1)
    expect(await scrollsSideways()).toBe(false)
    await shot('caseloads')

    // The download holds the table's row, with the parts of the open and overdue items in columns of their own.
    const csv = await downloadBy(page, 'Скачать CSV')
    expect(csv.name).toMatch(/^Нагрузка специалистов \d{4}-\d{2}-\d{2}\.csv$/)
    const [headings, ...lines] = csv.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n')
    expect(headings).toBe(
      'Куратор;Поставщик;Детей с ИПРП;Открытые задачи;Из них ИПРП на подписании;Из них открытых направлений;' +
        'Просрочено;Из них промежуточных оценок;Из них сроков направлений',
    )
    expect(lines).toHaveLength(1)
    const [lead, provider, children, ...items] = lines[0]!.split(';')
    expect([lead, provider, children]).toEqual([SPECIALIST, 'КЦСОН «Заозёрный»', '1'])
    const [open, drafts, referrals, overdue, reviews, late] = items.map(Number)
    expect(open).toBe(Number.parseInt((await row.getByTestId('open').textContent())!))
    expect(overdue).toBe(Number.parseInt((await row.getByTestId('overdue').textContent())!))
    expect([drafts! + referrals!, reviews! + late!]).toEqual([open, overdue])
    await signOut()
  })

  it('lists the child under «Мои дети» for the specialist, leading to the card', async () => {
    await signInAs(page, 'social-specialist')
    await expect.poll(() => page.getByTestId('count-my-children').textContent()).toBe('1')
    expect(await scrollsSideways()).toBe(false)
    await shot('my-children')
    await page
      .getByRole('article', { name: /Мои дети/ })
      .getByRole('link', { name: CHILD_NAME })
      .click()
    await page.getByRole('heading', { name: CHILD_NAME, level: 1, exact: true }).waitFor()
    expect(chromium.foreignRequests).toEqual([])
  })
})
