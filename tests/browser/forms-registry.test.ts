import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertChild, insertMunicipality, MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { daysFromToday } from '@hub/testing/writes'
import { signInAs, startHubInChromium, type Chromium } from './harness.js'

const BORN = daysFromToday(-200)
const FAR = { oktmo: '71900000', name: 'Дальний муниципальный район' }
const CARD = /\/dashboard\/children\/[0-9a-f-]{36}$/

/** The refusal shown under a field, found from the field's own label (the kit ties them with aria-describedby). */
function refusalOf(page: Page, label: string) {
  return page
    .locator('.field.invalid')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator('.field-error')
}

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
}

describe('the registry and family forms in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: () => Promise<void>
  let lookAlikeId: string
  let childUrl: string

  const shot = async (name: string) => {
    await noHorizontalScroll(page)
    await chromium.screenshot(page, `forms-registry-${name}`)
  }
  const card = (section: string): Locator => page.getByRole('region', { name: section, exact: true })

  beforeAll(async () => {
    ;({ hub, chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
    const db = hub.databases.social.db
    await insertMunicipality(db, FAR)
    // Registered earlier by another side: the same name and birth date as the child the coordinator registers.
    const lookAlike = await insertChild(db, {
      last_name: 'Соколова',
      first_name: 'Алиса',
      patronymic: 'Игоревна',
      birth_date: BORN,
      sex: 'FEMALE',
    })
    lookAlikeId = lookAlike.id
    // Already in the registry in the far district, registered again by a health specialist.
    await insertChild(db, {
      last_name: 'Орлов',
      first_name: 'Пётр',
      patronymic: 'Андреевич',
      birth_date: BORN,
      sex: 'MALE',
      municipality_oktmo: FAR.oktmo,
    })
  }, 180_000)

  afterAll(() => stop?.())

  it('registers a child with a criterion after warning of a look-alike and refusing a bad birth date and СНИЛС', async () => {
    await page.goto(`${origin}/dashboard`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('link', { name: 'Реестр детей' }).click()
    await page.getByRole('link', { name: 'Зарегистрировать ребёнка' }).click()
    await page.getByRole('heading', { name: 'Зарегистрировать ребёнка', level: 1 }).waitFor()
    await shot('register-child-empty')

    await page.getByLabel('Фамилия', { exact: true }).fill('Соколова')
    await page.getByLabel('Имя', { exact: true }).fill('Алиса')
    await page.getByLabel('Отчество (необязательно)').fill('Игоревна')
    await page.getByLabel('Дата рождения', { exact: true }).fill(daysFromToday(3))
    await page.getByLabel('Пол', { exact: true }).selectOption({ label: 'Мужской' })
    await page.getByLabel('Муниципальное образование проживания').selectOption({ label: MUNICIPALITY.name })
    await page.getByLabel('От имени ведомства').selectOption({ label: 'Здравоохранение' })
    await page.getByLabel('Критерий', { exact: true }).selectOption({ label: 'Ребёнок-инвалид' })
    await page.getByLabel('Подтверждающий документ').fill('Справка МСЭ № 2026-118')
    await page.getByLabel('Дата документа').fill(daysFromToday(-30))
    await page.getByLabel('Действует с').fill(daysFromToday(-30))
    await page.getByRole('button', { name: 'Зарегистрировать' }).click()
    await refusalOf(page, 'Дата рождения').waitFor()
    expect(await page.url()).toMatch(/\/dashboard\/children\/new$/)
    await shot('register-child-refused-birth-date')

    // The same name and birth date as a record of the registry: the form says so before anything is sent.
    await page.getByLabel('Дата рождения', { exact: true }).fill(BORN)
    const warning = page.getByRole('status', { name: 'Похожие записи в реестре' })
    await warning.getByRole('link', { name: 'Соколова Алиса Игоревна' }).waitFor()
    expect(await warning.getByRole('link').getAttribute('href')).toBe(`/dashboard/children/${lookAlikeId}`)

    await page.getByLabel('СНИЛС (необязательно)').fill('112-233-445 96')
    await page.getByRole('button', { name: 'Зарегистрировать' }).click()
    await refusalOf(page, 'СНИЛС (необязательно)').waitFor()
    expect(await refusalOf(page, 'Дата рождения').count()).toBe(0)
    await shot('register-child-refused-snils')

    // The sex differs from the look-alike's: a new record, and a possible duplicate for the coordinator.
    await page.getByLabel('СНИЛС (необязательно)').fill('')
    await page.getByRole('button', { name: 'Зарегистрировать' }).click()
    await page.waitForURL(CARD)
    childUrl = page.url()
    expect(childUrl).not.toContain(lookAlikeId)
    await page.getByRole('heading', { name: 'Соколова Алиса Игоревна', level: 1 }).waitFor()
    const identity = card('Сведения о ребёнке')
    await identity.getByRole('cell', { name: 'Ребёнок-инвалид' }).waitFor()
    await identity.getByText('Справка МСЭ № 2026-118').waitFor()
  })

  it('registers the family with the mother as representative and her phone, after refusing a bad number', async () => {
    await page.getByRole('link', { name: 'Семья: зарегистрировать семью' }).click()
    await page.getByRole('heading', { name: /^Зарегистрировать семью ребёнка/ }).waitFor()
    await shot('register-family-empty')
    await page.getByLabel('Адрес проживания (необязательно)').fill('с. Луговое, ул. Речная, д. 4')
    await page.getByLabel('Фамилия', { exact: true }).fill('Соколова')
    await page.getByLabel('Имя', { exact: true }).fill('Мария')
    await page.getByLabel('Отчество (необязательно)').fill('Петровна')
    await page.getByLabel('Кем приходится детям').selectOption({ label: 'Родитель' })
    await page.getByLabel('Дата рождения (необязательно)').fill('1996-04-02')
    await page.getByLabel('Телефон (необязательно)').fill('12-34')
    await page.getByLabel('Законный представитель детей семьи').check()
    await page.getByLabel('Основание представительства').selectOption({ label: 'Мать' })
    await page.getByLabel('Документ — основание').fill('Свидетельство о рождении II-АБ № 123456')
    await page.getByLabel('Полномочия с').fill(BORN)
    await page.getByRole('button', { name: 'Зарегистрировать семью' }).click()
    await refusalOf(page, 'Телефон (необязательно)').waitFor()
    await shot('register-family-refused-phone')

    await page.getByLabel('Телефон (необязательно)').fill('8 (912) 345-67-89')
    await page.getByRole('button', { name: 'Зарегистрировать семью' }).click()
    await page.waitForURL(childUrl)
    const family = card('Семья')
    await family.getByText('Соколова Мария Петровна').first().waitFor()
    await family.getByText('+79123456789').first().waitFor()
    await family.getByText('Свидетельство о рождении II-АБ № 123456').first().waitFor()
  })

  it('records a consent signed by the mother and revokes it after a confirmation', async () => {
    await page.getByRole('link', { name: 'Согласие: внести' }).click()
    await page.getByRole('heading', { name: 'Внести согласие на передачу сведений' }).waitFor()
    const signer = page.getByLabel('Подписал законный представитель')
    const mother = signer.locator('option', { hasText: 'Соколова Мария Петровна (мать' })
    await signer.selectOption((await mother.getAttribute('value'))!)
    await page.getByLabel('Ведомство-получатель').selectOption({ label: 'Здравоохранение' })
    await page.getByLabel('Реквизиты документа согласия').fill('Согласие № 7')
    await shot('record-consent-filled')
    await page.getByRole('button', { name: 'Внести согласие' }).click()
    await refusalOf(page, 'Какие сведения можно передавать').waitFor()
    await shot('record-consent-refused-scopes')

    await page.getByLabel('Сведения о здоровье').check()
    await page.getByLabel('Сведения о семье').check()
    await page.getByRole('button', { name: 'Внести согласие' }).click()
    await page.waitForURL(childUrl)
    const consents = card('Согласия')
    const row = consents.getByRole('row').filter({ hasText: 'Согласие № 7' })
    await row.getByText('Сведения о здоровье').waitFor()
    await row.getByText('не отозвано').waitFor()

    await page.getByRole('link', { name: 'Согласие: отозвать' }).click()
    await page.getByLabel('Основание отзыва (необязательно)').fill('Заявление об отзыве')
    await page.getByRole('button', { name: 'Отозвать согласие' }).click()
    const confirmation = page.getByRole('alertdialog', { name: 'Подтверждение' })
    await confirmation.getByText('«Здравоохранение» с этого момента теряет доступ').waitFor()
    await shot('revoke-consent-confirmation')
    await confirmation.getByRole('button', { name: 'Да, отозвать' }).click()
    await page.waitForURL(childUrl)
    await card('Согласия').getByRole('row').filter({ hasText: 'Заявление об отзыве' }).waitFor()
    expect(await card('Согласия').getByText('не отозвано').count()).toBe(0)
  })

  it('merges the possible duplicate from its queue row after a confirmation, and undoes the merge', async () => {
    await page.getByRole('link', { name: 'Мои задачи' }).click()
    await page.getByRole('link', { name: 'Возможные дубликаты записей' }).first().click()
    await page.getByRole('link', { name: 'Сравнить и решить' }).click()
    await page.getByRole('heading', { name: 'Возможный дубль записи' }).waitFor()
    const differs = page.locator('table.side-by-side tr.differs th')
    expect(await differs.allTextContents()).toContain('Пол')
    await page.getByRole('button', { name: 'Объединить' }).click()
    await page.getByRole('button', { name: 'Да, объединить' }).click()
    await refusalOf(page, 'Основание объединения').waitFor()
    await shot('merge-refused-reason')

    await page.getByLabel('Основание объединения').fill('Сверено со свидетельством о рождении: пол внесён с ошибкой')
    await page.getByRole('button', { name: 'Объединить' }).click()
    await page
      .getByRole('alertdialog', { name: 'Подтверждение' })
      .getByText('Объединение можно отменить с карточки ребёнка')
      .waitFor()
    await shot('merge-confirmation')
    await page.getByRole('button', { name: 'Да, объединить' }).click()
    await page.waitForURL(`${origin}/dashboard/children/${lookAlikeId}`)
    const merges = card('Объединения записей')
    await merges.getByText('действует').waitFor()

    await merges.getByRole('link', { name: 'Подробности и отмена' }).click()
    await page.getByRole('heading', { name: 'Отменить объединение записей' }).waitFor()
    await page.getByRole('button', { name: 'Отменить объединение' }).click()
    await page.getByRole('button', { name: 'Да, отменить объединение' }).click()
    await refusalOf(page, 'Основание отмены').waitFor()
    await shot('undo-merge-refused-reason')
    await page.getByLabel('Основание отмены').fill('Объединены ошибочно')
    await page.getByRole('button', { name: 'Отменить объединение' }).click()
    await page.getByRole('button', { name: 'Да, отменить объединение' }).click()
    await page.waitForURL(`${origin}/dashboard/children/${lookAlikeId}`)
    await card('Объединения записей').getByText('Объединены ошибочно').waitFor()
    // The merged record is in the registry again, with its own card and no notice that it was merged.
    await page.goto(childUrl)
    await page.getByRole('heading', { name: 'Соколова Алиса Игоревна', level: 1 }).waitFor()
    expect(await page.getByText('Запись объединена с').count()).toBe(0)
  }, 90_000)

  it('lets a health specialist register a child, and says what the existing record did not take', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click()
    await signInAs(page, 'health-specialist')
    await page.getByRole('link', { name: 'Реестр детей' }).click()
    await page.getByRole('link', { name: 'Зарегистрировать ребёнка' }).click()
    expect(await page.getByLabel('От имени ведомства').count()).toBe(0)
    await page.getByLabel('Фамилия', { exact: true }).fill('Орлов')
    await page.getByLabel('Имя', { exact: true }).fill('Пётр')
    await page.getByLabel('Отчество (необязательно)').fill('Андреевич')
    await page.getByLabel('Дата рождения', { exact: true }).fill(BORN)
    await page.getByLabel('Пол', { exact: true }).selectOption({ label: 'Мужской' })
    await page.getByLabel('Муниципальное образование проживания').selectOption({ label: MUNICIPALITY.name })
    await page.getByRole('status', { name: 'Похожие записи в реестре' }).getByText('Орлов Пётр Андреевич').waitFor()
    await page.getByLabel('Критерий', { exact: true }).selectOption({ label: 'IV или V группа здоровья' })
    await page.getByLabel('Подтверждающий документ').fill('Выписка из медицинской карты № 55')
    await page.getByLabel('Дата документа').fill(daysFromToday(-10))
    await page.getByRole('button', { name: 'Зарегистрировать' }).click()
    const result = page.locator('.registration-result')
    await result.getByText('Ребёнок уже в реестре: совпали ФИО и дата рождения').waitFor()
    await result.getByText('Муниципальное образование — в записи другое').waitFor()
    await shot('register-child-existing')
    await result.getByRole('link', { name: /Орлов Пётр Андреевич/ }).click()
    await page.waitForURL(CARD)
    await card('Сведения о ребёнке').getByRole('cell', { name: 'IV или V группа здоровья' }).waitFor()
    // Health registers and refers; the registry's other forms are social's and the coordinator's.
    expect(await page.getByRole('link', { name: 'Семья: зарегистрировать семью' }).count()).toBe(0)
  })

  it('finds children in the registry by a part of the first name and by the birth date typed as ДД.ММ.ГГГГ', async () => {
    await page.getByRole('link', { name: 'Реестр детей' }).click()
    const search = page.getByLabel('Фамилия, имя, СНИЛС или дата рождения')
    const find = async (text: string) => {
      await search.fill(text)
      await page.getByRole('button', { name: 'Найти' }).click()
    }
    await find('пёт')
    await page.getByRole('link', { name: 'Орлов Пётр Андреевич' }).waitFor()
    const [year, month, day] = BORN.split('-')
    const born = `${day}.${month}.${year}`
    // Both Алиса Соколова's records and Пётр Орлов were born that day.
    await find(born)
    await page.getByText('Найдено: 3').waitFor()
    await find(`андр ${born}`)
    await page.getByText('Найдено: 1').waitFor()
    await page.getByRole('link', { name: 'Орлов Пётр Андреевич' }).waitFor()
    await shot('registry-search-birth-date')
    await find('31.02.2025')
    await page.getByRole('alert').getByText('Укажите одну дату рождения, существующую в календаре').waitFor()
  })

  it('puts a child into a family found by the mother’s phone in the family picker', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click()
    await signInAs(page, 'regional-coordinator')
    await page.goto(`${origin}/dashboard/children/${lookAlikeId}`)
    await page.getByRole('link', { name: 'Семья: отнести к семье из реестра' }).click()
    await page.getByLabel('Поиск семьи').fill('8 912 345-67-89')
    const families = page.getByLabel('Семья из реестра')
    const sokolovs = families.locator('option', { hasText: 'Соколова Мария Петровна (родитель), Соколова Алиса' })
    await expect.poll(() => sokolovs.count()).toBe(1)
    await families.selectOption((await sokolovs.getAttribute('value'))!)
    await shot('attach-family-found')
    await page.getByRole('button', { name: 'Отнести к семье' }).click()
    await page.waitForURL(`${origin}/dashboard/children/${lookAlikeId}`)
    await card('Семья').getByText('Соколова Мария Петровна').first().waitFor()
  })
})
