import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAs, startHubInChromium, type Chromium } from './harness.js'

/** The access token of the session the page keeps (oidc-client-ts's user in localStorage). A string: no DOM types here. */
const storedToken = (page: Page) =>
  page.evaluate(
    `(() => { const key = Object.keys(localStorage).find((k) => k.startsWith('oidc.user:')); return key ? JSON.parse(localStorage.getItem(key)).access_token : null })()`,
  ) as Promise<string | null>

describe('signing in through the identity provider, in Chromium', { timeout: 90_000 }, () => {
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>

  beforeAll(async () => {
    // Access tokens of 20 seconds, so that the test sees the screens renew them (with room for a slow machine).
    ;({ chromium, page, origin, stop } = await startHubInChromium({ accessTokenSeconds: 20 }))
  }, 180_000)
  afterAll(() => stop?.())

  it('sends a person from a deep link to the provider’s Russian login page, refuses a wrong password, and returns', async () => {
    await page.goto(`${origin}/dashboard/registry`)
    await page.getByRole('heading', { name: 'Вход в систему «Ранняя помощь»' }).waitFor()
    await chromium.screenshot(page, 'sign-in')
    await page.getByRole('button', { name: 'Войти', exact: true }).click()
    await page.getByLabel('Логин').fill('orlova')
    await page.getByLabel('Пароль').fill('wrong')
    await page.getByRole('button', { name: 'Войти', exact: true }).click()
    await page.getByText('Неверный логин или пароль.').waitFor()
    await chromium.screenshot(page, 'sign-in-provider-refused')
    await page.getByLabel('Пароль').fill('orlova-demo')
    await page.getByRole('button', { name: 'Войти', exact: true }).click()
    await page.getByRole('heading', { name: 'Реестр детей целевой группы' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/dashboard/registry')
    expect(new URL(page.url()).search).toBe('')
    expect(await page.locator('.viewer').textContent()).toContain('Орлова М. С.')
  })

  it('keeps the session in a new tab and renews the access token before it ends', async () => {
    const first = await storedToken(page)
    expect(first).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    const tab = await chromium.newPage(page.context())
    await tab.goto(`${origin}/dashboard/overview`)
    await tab.getByRole('button', { name: 'Выйти' }).waitFor()
    await expect.poll(() => storedToken(page), { timeout: 40_000, interval: 1_000 }).not.toBe(first)
    // Both tabs go on working past the first token's end, on the renewed one.
    await new Promise((resolve) => setTimeout(resolve, 21_000))
    await page.getByRole('link', { name: 'Реестр детей' }).click()
    await page.getByText(/Найдено: \d+/).waitFor()
    await tab.reload()
    await tab.getByRole('button', { name: 'Выйти' }).waitFor()
    expect(await tab.getByText('Сеанс истёк').count()).toBe(0)
    await tab.close()
  }, 150_000)

  it('signs out every tab and ends the sign-in at the provider', async () => {
    const tab = await chromium.newPage(page.context())
    await tab.goto(`${origin}/dashboard`)
    await tab.getByRole('button', { name: 'Выйти' }).waitFor()
    await page.getByRole('button', { name: 'Выйти' }).click()
    await page.getByRole('heading', { name: 'Вход в систему «Ранняя помощь»' }).waitFor()
    await tab.getByRole('heading', { name: 'Вход в систему «Ранняя помощь»' }).waitFor()
    expect(await storedToken(page)).toBeNull()
    // The provider asks for the password again: its own session ended too.
    await page.getByRole('button', { name: 'Войти', exact: true }).click()
    await page.getByLabel('Пароль').waitFor()
    await tab.close()
  })

  it('signs in the explorer with the same session', async () => {
    await page.goto(`${origin}/explorer`)
    await signInAs(page, 'regional-analyst')
    await page.locator('.graphiql-container').waitFor()
    await page.goto(`${origin}/dashboard`)
    await page.getByRole('button', { name: 'Выйти' }).waitFor()
  })
})
