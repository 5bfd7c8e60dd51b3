import { mkdirSync } from 'node:fs'
import { chromium, type Page } from 'playwright-core'
import { demoUsers } from '../idp/src/users.js'

/**
 * `npm run screens`: the README's pictures of the screens, taken from a hub that `npm start` runs (the seeded demo
 * region), as the demo users see them on a 1366×768 office laptop. Writes `docs/screens/<name>.png`.
 */
const gateway = process.argv[2] ?? 'http://127.0.0.1:4000'
const folder = 'docs/screens'
mkdirSync(folder, { recursive: true })

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=ru-RU'],
  // Date fields follow the system's locale, as on a Russian office laptop.
  env: { ...process.env, LANG: 'ru_RU.UTF-8', LANGUAGE: 'ru_RU:ru' },
})

/** A person's own browser, signed in through the identity provider; the provider's page is taken on the way if asked. */
async function signedIn(role: string, providerShot?: string) {
  const user = demoUsers().find((candidate) => candidate.id === role)!
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await page.goto(`${gateway}/dashboard`)
  await page.getByRole('button', { name: 'Войти', exact: true }).click()
  await page.getByLabel('Логин').waitFor()
  if (providerShot) await shot(page, providerShot)
  await page.getByLabel('Логин').fill(user.login)
  await page.getByLabel('Пароль').fill(user.password)
  await page.getByRole('button', { name: 'Войти', exact: true }).click()
  await page.getByRole('button', { name: 'Выйти' }).waitFor()
  return page
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  // What is still loading says «…»; the picture waits for the figures.
  await page.waitForFunction(() => !document.body.innerText.includes('Загрузка'), undefined, { timeout: 15_000 })
  await page.screenshot({ path: `${folder}/${name}.png` })
  console.log(`${folder}/${name}.png`)
}

async function open(page: Page, path: string, name: string, heading?: string) {
  await page.goto(`${gateway}${path}`)
  if (heading) await page.getByRole('heading', { name: heading, level: 1 }).first().waitFor()
  await shot(page, name)
}

try {
  const coordinator = await signedIn('regional-coordinator', 'sign-in')
  await open(coordinator, '/dashboard', 'tasks', 'Мои задачи')
  await open(coordinator, '/dashboard/queues/referrals', 'queue-referrals')
  await open(coordinator, '/dashboard/registry', 'registry', 'Реестр детей целевой группы')
  const child = await coordinator.locator('table a[href^="/dashboard/children/"]').first().getAttribute('href')
  await open(coordinator, child!, 'child-card')
  await open(coordinator, `${child}/refer`, 'form-referral')
  await open(coordinator, `${child}/programmes/new`, 'form-programme')
  await open(coordinator, '/dashboard/overview', 'overview')
  const health = await signedIn('health-specialist')
  await open(health, `${child}/health/diagnosis`, 'form-diagnosis')
} finally {
  await browser.close()
}
