import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { demoUsers } from '../idp/src/users.js'

/**
 * `npm run screens [-- <gateway> --only <name>,…]`: the README's pictures of the screens, taken from a hub that
 * `npm start` runs (the seeded demo region), as the demo users see them on a 1366×768 office laptop, and the first page
 * of a printed ИПРП as the coordinator downloads it. Writes `docs/screens/<name>.png`; `--only` takes just the named
 * pictures (`--only iprp`).
 */
const args = process.argv.slice(2)
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]?.split(',')) : null
const gateway =
  args.find((arg, index) => !arg.startsWith('--') && !(onlyAt >= 0 && index === onlyAt + 1)) ?? 'http://127.0.0.1:4000'
const folder = 'docs/screens'
mkdirSync(folder, { recursive: true })
const wanted = (name: string) => only === null || only.has(name)

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
  if (!wanted(name)) return
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

/**
 * The first page of the ИПРП of a child whose programme is in force, printed through «Печать ИПРП (PDF)» on the card
 * and rendered by poppler's pdftoppm at 70 dpi.
 */
async function printedProgramme(page: Page, name: string) {
  if (!wanted(name)) return
  await page.goto(`${gateway}/dashboard/registry`)
  await page.getByLabel('Статус в реестре').selectOption('PROGRAMME_ACTIVE')
  await page.getByRole('button', { name: 'Найти' }).click()
  await page.locator('table a[href^="/dashboard/children/"]').first().click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Печать ИПРП (PDF)' }).first().click(),
  ])
  const scratch = mkdtempSync(join(tmpdir(), 'readme-screens-'))
  try {
    const pdf = join(scratch, 'iprp.pdf')
    await download.saveAs(pdf)
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, `${folder}/${name}`])
    console.log(`${folder}/${name}.png`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
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
  await printedProgramme(coordinator, 'iprp')
  const health = await signedIn('health-specialist')
  await open(health, `${child}/health/diagnosis`, 'form-diagnosis')
} finally {
  await browser.close()
}
