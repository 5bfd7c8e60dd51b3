import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as social from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { daysFromToday } from '@hub/testing/writes'
import { signInAs, startHubInChromium, type Chromium, type HubInChromium } from './harness.js'
import { birthDateNearThree, fitsTheWindow, queueCount, refusalBeside, russian } from './steps.js'

const FAR = { oktmo: '71950000', name: 'Северный муниципальный район' }

describe('the pathway’s forms in Chromium: referral, decision, need, ИПРП drafted, signed, reviewed and ended', () => {
  let hub: Hub
  let chromium: Chromium
  let coordinator: Page
  let provider: Page
  let origin: string
  let stop: () => Promise<void>
  let signInAsStaffOf: HubInChromium['signInAsStaffOf']
  let childId: string
  let providerId: string
  const received = daysFromToday(-200)
  const signed = daysFromToday(-190)

  const shot = (page: Page, name: string) => chromium.screenshot(page, `forms-pathway-${name}`)
  const count = (page: Page, queue: string) => queueCount(page, origin, queue)

  async function openCard(page: Page) {
    await page.goto(`${origin}/dashboard/children/${childId}`)
    await page.getByRole('heading', { name: 'Ильина Варвара Сергеевна', level: 1 }).waitFor()
  }

  beforeAll(async () => {
    ;({ hub, chromium, page: coordinator, origin, stop, signInAsStaffOf } = await startHubInChromium())
    await coordinator.setViewportSize({ width: 1366, height: 768 })
    const db = hub.databases.social.db
    await social.insertMunicipality(db, FAR)
    const family = await social.insertFamily(db)
    await social.insertRepresentative(db, family.id, {
      last_name: 'Ильина',
      first_name: 'Ольга',
      patronymic: 'Андреевна',
    })
    const child = await social.insertChild(db, {
      family_id: family.id,
      last_name: 'Ильина',
      first_name: 'Варвара',
      patronymic: 'Сергеевна',
      sex: 'FEMALE',
      birth_date: birthDateNearThree(),
    })
    childId = child.id
    await social.insertCriterion(db, child.id, { code: 'DEVELOPMENTAL_PARTICULARITY', source: 'HEALTH' })
    // A non-state provider serving the child's municipality, one that serves only the far district, and one there
    // that delivers a service remotely which the catalogue allows remotely.
    const ours = await social.insertProvider(db, { name: 'АНО «Ранний старт»' })
    const elsewhere = await social.insertProvider(db, { name: 'АНО «Северный берег»', municipality_oktmo: FAR.oktmo })
    const remote = await social.insertProvider(db, {
      name: 'АНО «Связь на расстоянии»',
      municipality_oktmo: FAR.oktmo,
      remote_delivery: true,
    })
    providerId = ours.id
    await db
      .insertInto('provider_municipality')
      .values([
        { provider_id: ours.id, municipality_oktmo: social.MUNICIPALITY.oktmo },
        { provider_id: elsewhere.id, municipality_oktmo: FAR.oktmo },
        { provider_id: remote.id, municipality_oktmo: FAR.oktmo },
      ])
      .execute()
    await db
      .insertInto('provider_service')
      .values(
        [ours, elsewhere, remote].map((row) => ({ provider_id: row.id, service_code: social.CATALOGUE_SERVICE.code })),
      )
      .execute()

    provider = await chromium.newPage(await chromium.openContext())
    await provider.setViewportSize({ width: 1366, height: 768 })
    await coordinator.goto(`${origin}/dashboard`)
    await signInAs(coordinator, 'regional-coordinator')
    await coordinator.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
  }, 180_000)

  afterAll(() => stop?.())

  it('lets a regional coordinator refer the child to a non-state provider, recording the family’s consent with it', async () => {
    const referralsBefore = await count(coordinator, 'referrals')

    await openCard(coordinator)
    await coordinator.getByRole('link', { name: 'Направить к поставщику' }).click()
    await coordinator.getByRole('heading', { name: /^Направление к поставщику/ }).waitFor()
    const choice = coordinator.getByLabel('Поставщик услуг ранней помощи')
    const offered = await choice.locator('option').allTextContents()
    expect(offered.some((text) => text.startsWith('АНО «Ранний старт»'))).toBe(true)
    expect(offered.some((text) => text.startsWith('АНО «Связь на расстоянии»'))).toBe(true)
    expect(offered.some((text) => text.startsWith('АНО «Северный берег»'))).toBe(false)
    await fitsTheWindow(coordinator)
    await shot(coordinator, 'refer-empty')

    await choice.selectOption({ label: offered.find((text) => text.startsWith('АНО «Ранний старт»'))! })
    await coordinator.getByText('Поставщик негосударственный').waitFor()
    await coordinator.getByLabel('Основание направления').fill('Задержка речевого развития, обращение педиатра')
    await coordinator.getByLabel('Дата получения направления поставщиком').fill(received)
    await coordinator.getByLabel('Ведомство, от имени которого вносится направление').selectOption('HEALTH')
    await coordinator.getByLabel('Направившая организация').fill('ГБУЗ «Детская поликлиника № 2»')
    // Without the consent the referral to a non-state provider is refused, beside the provider.
    await coordinator.getByLabel('Внести согласие, подписанное вместе с направлением').uncheck()
    await coordinator.getByRole('button', { name: 'Направить' }).click()
    await refusalBeside(coordinator, 'Поставщик услуг ранней помощи').waitFor()
    expect(await choice.getAttribute('aria-invalid')).toBe('true')
    await fitsTheWindow(coordinator)
    await shot(coordinator, 'refer-refused')

    await coordinator.getByLabel('Внести согласие, подписанное вместе с направлением').check()
    await coordinator
      .getByLabel('Законный представитель, подписавший согласие')
      .selectOption({ label: 'Ильина Ольга Андреевна (мать, с 01.01.2023)' })
    await coordinator.getByLabel('Реквизиты документа согласия').fill('Согласие № 7 от ' + russian(received))
    await coordinator.getByRole('button', { name: 'Направить' }).click()
    await coordinator.waitForURL(`${origin}/dashboard/children/${childId}`)
    await coordinator
      .getByRole('heading', { name: `Направление от ${russian(received)} — АНО «Ранний старт»` })
      .waitFor()
    await coordinator.getByRole('region', { name: 'Согласия' }).getByText('АНО «Ранний старт»').waitFor()
    expect(await count(coordinator, 'referrals')).toBe(referralsBefore + 1)
  }, 90_000)

  it('lets the provider’s specialist accept the referral, pause and resume its clocks and record the need', async () => {
    await provider.goto(`${origin}/dashboard`)
    await signInAsStaffOf(provider, providerId)
    expect(await count(provider, 'referrals')).toBe(1)

    await openCard(provider)
    await provider.getByRole('link', { name: 'Принять или отказать' }).click()
    await provider.getByRole('heading', { name: 'Решение по направлению' }).waitFor()
    await fitsTheWindow(provider)
    await shot(provider, 'decision-empty')
    await provider.getByLabel('Дата решения').fill(daysFromToday(-201))
    await provider.getByRole('button', { name: 'Принять направление' }).click()
    await refusalBeside(provider, 'Дата решения').waitFor()
    await shot(provider, 'decision-refused')
    await provider.getByLabel('Дата решения').fill(daysFromToday(0))
    await provider.getByRole('button', { name: 'Принять направление' }).click()
    await provider.waitForURL(`${origin}/dashboard/children/${childId}`)
    const referral = provider.getByRole('article', { name: `Направление от ${russian(received)}` })
    await referral.getByText(`Принято, решение ${russian(daysFromToday(0))}`).waitFor()

    await referral.getByRole('link', { name: 'Приостановить сроки' }).click()
    await provider.getByRole('heading', { name: 'Приостановление сроков по направлению' }).waitFor()
    await shot(provider, 'pause-empty')
    await provider.getByLabel('Причина приостановления').selectOption('OTHER')
    await provider.getByRole('button', { name: 'Приостановить сроки' }).click()
    await refusalBeside(provider, 'Пояснение').waitFor()
    await shot(provider, 'pause-refused')
    await provider.getByLabel('Причина приостановления').selectOption('CHILD_ILL')
    await provider.getByRole('button', { name: 'Приостановить сроки' }).click()
    await provider.waitForURL(`${origin}/dashboard/children/${childId}`)
    await referral.getByText('продолжается').waitFor()
    await referral.getByRole('link', { name: 'Возобновить сроки' }).click()
    await provider.getByRole('heading', { name: 'Возобновление сроков по направлению' }).waitFor()
    await provider.getByLabel('Последний день приостановления').fill(daysFromToday(-1))
    await provider.getByRole('button', { name: 'Возобновить сроки' }).click()
    await refusalBeside(provider, 'Последний день приостановления').waitFor()
    await shot(provider, 'resume-refused')
    await provider.getByLabel('Последний день приостановления').fill(daysFromToday(0))
    await provider.getByRole('button', { name: 'Возобновить сроки' }).click()
    await provider.waitForURL(`${origin}/dashboard/children/${childId}`)
    await referral.getByText(`${russian(daysFromToday(0))} — ${russian(daysFromToday(0))}`).waitFor()

    await referral.getByRole('link', { name: 'Определение нуждаемости' }).click()
    await provider.getByRole('heading', { name: 'Определение нуждаемости' }).waitFor()
    await shot(provider, 'need-empty')
    await provider.getByLabel('Результат').selectOption('IN_NEED')
    await provider.getByLabel('Дата определения нуждаемости').fill(daysFromToday(3))
    await provider.getByRole('button', { name: 'Внести результат' }).click()
    await refusalBeside(provider, 'Дата определения нуждаемости').waitFor()
    await shot(provider, 'need-refused')
    await provider.getByLabel('Дата определения нуждаемости').fill(daysFromToday(0))
    await provider.getByRole('button', { name: 'Внести результат' }).click()
    await provider.waitForURL(`${origin}/dashboard/children/${childId}`)
    await referral.getByText(`Признан нуждающимся в услугах ранней помощи, ${russian(daysFromToday(0))}`).waitFor()
    await provider.getByText('Признан нуждающимся в услугах ранней помощи', { exact: true }).first().waitFor()
  }, 90_000)

  it('lets the coordinator draft the ИПРП from the referrals queue, a goal picked in the МКФ-ДП picker', async () => {
    const draftsBefore = await count(coordinator, 'drafts')
    await coordinator.getByRole('link', { name: /^Направления/ }).click()
    const row = coordinator.getByRole('row', { name: /Ильина Варвара Сергеевна/ })
    await row.getByRole('link', { name: 'Разработать проект ИПРП' }).click()
    await coordinator.getByRole('heading', { name: 'Проект ИПРП: Ильина Варвара Сергеевна' }).waitFor()
    await fitsTheWindow(coordinator)
    await shot(coordinator, 'draft-empty')

    const goal = coordinator.getByRole('group', { name: 'Цель 1' })
    await goal.getByRole('combobox', { name: 'Код МКФ-ДП' }).fill('восприятие устных')
    const options = goal.getByRole('listbox').getByRole('option')
    expect(await options.allTextContents()).toEqual(['d310 Восприятие устных сообщений при общении'])
    await options.first().click()
    await goal.getByText('Выбрано: d310 — Восприятие устных сообщений при общении').waitFor()
    await goal.getByLabel('Исходный определитель').selectOption('3')
    await goal.getByLabel('Целевой определитель').selectOption('1')
    await goal.getByLabel('Формулировка цели').fill('Понимает простые просьбы взрослого в повседневных ситуациях')

    const service = coordinator.getByRole('group', { name: 'Услуга 1' })
    await service.getByLabel('Услуга из регионального перечня').selectOption(social.CATALOGUE_SERVICE.code)
    const providers = await service.getByLabel('Поставщик', { exact: true }).locator('option').allTextContents()
    expect(providers).toContain(`АНО «Ранний старт» (${social.MUNICIPALITY.name})`)
    await service.getByLabel('Поставщик', { exact: true }).selectOption(providerId)
    expect(await service.getByLabel('Ответственное ведомство').inputValue()).toBe('NGO')
    await service.getByLabel('Форма оказания').selectOption('IN_CENTRE')
    await service.getByLabel('Продолжительность занятия, минут').fill('500')
    await coordinator.getByRole('button', { name: 'Сохранить проект ИПРП' }).click()
    await refusalBeside(coordinator, 'Продолжительность занятия, минут').waitFor()
    await fitsTheWindow(coordinator)
    await shot(coordinator, 'draft-refused')

    await service.getByLabel('Продолжительность занятия, минут').fill('45')
    await coordinator.getByRole('button', { name: 'Сохранить проект ИПРП' }).click()
    await coordinator.waitForURL(`${origin}/dashboard/children/${childId}`)
    const programme = coordinator.getByRole('article', { name: 'ИПРП, версия 1' })
    await programme.getByRole('heading', { name: 'ИПРП, версия 1 — Проект, не подписан' }).waitFor()
    await programme.getByRole('row', { name: /d310 Понимает простые просьбы/ }).waitFor()
    await programme.getByText('4 в месяц по 45 мин, в организации').waitFor()
    expect(await count(coordinator, 'drafts')).toBe(draftsBefore + 1)
  }, 90_000)

  it('signs the draft with the mother from the drafts queue; the referral, draft, review and transition queues move', async () => {
    const before = {
      referrals: await count(coordinator, 'referrals'),
      drafts: await count(coordinator, 'drafts'),
      reviews: await count(coordinator, 'reviews'),
      transitions: await count(coordinator, 'transitions'),
    }
    await coordinator.getByRole('link', { name: /^Проекты ИПРП/ }).click()
    await coordinator
      .getByRole('row', { name: /Ильина Варвара Сергеевна/ })
      .getByRole('link', { name: 'Подписать ИПРП' })
      .click()
    await coordinator.getByRole('heading', { name: 'Подписание ИПРП: Ильина Варвара Сергеевна' }).waitFor()
    await fitsTheWindow(coordinator)
    await shot(coordinator, 'sign-empty')
    await coordinator.getByLabel('Дата подписания').fill(daysFromToday(-210))
    await coordinator
      .getByLabel('Законный представитель, подписавший программу')
      .selectOption({ label: 'Ильина Ольга Андреевна (мать, с 01.01.2023)' })
    await coordinator.getByRole('button', { name: 'Подписать' }).click()
    await refusalBeside(coordinator, 'Дата подписания').waitFor()
    await shot(coordinator, 'sign-refused')
    await coordinator.getByLabel('Дата подписания').fill(signed)
    await coordinator.getByRole('button', { name: 'Подписать' }).click()
    await coordinator.waitForURL(`${origin}/dashboard/children/${childId}`)
    const programme = coordinator.getByRole('article', { name: 'ИПРП, версия 1' })
    await programme.getByText(`${russian(signed)}, Ильина Ольга Андреевна`).waitFor()
    await coordinator.getByText('Реализуется ИПРП', { exact: true }).first().waitFor()
    expect(await count(coordinator, 'referrals')).toBe(before.referrals - 1)
    expect(await count(coordinator, 'drafts')).toBe(before.drafts - 1)
    // Signed 190 days ago, the programme's review (every 180 days) is overdue; the child turns three in 60 days.
    expect(await count(coordinator, 'reviews')).toBe(before.reviews + 1)
    expect(await count(coordinator, 'transitions')).toBe(before.transitions + 1)
  }, 90_000)

  it('records a review from the reviews queue, rating the goal', async () => {
    const reviewsBefore = await count(coordinator, 'reviews')
    await coordinator.getByRole('link', { name: /^Просроченная промежуточная оценка/ }).click()
    await coordinator
      .getByRole('row', { name: /Ильина Варвара Сергеевна/ })
      .getByRole('link', { name: 'Внести оценку' })
      .click()
    await coordinator.getByRole('heading', { name: 'Оценка реализации ИПРП: Ильина Варвара Сергеевна' }).waitFor()
    await fitsTheWindow(coordinator)
    await shot(coordinator, 'review-empty')
    await coordinator.getByLabel('Дата оценки').fill(daysFromToday(-195))
    await coordinator.getByRole('button', { name: 'Внести оценку' }).click()
    await refusalBeside(coordinator, 'Дата оценки').waitFor()
    await shot(coordinator, 'review-refused')
    await coordinator.getByLabel('Дата оценки').fill(daysFromToday(0))
    await coordinator.getByLabel(/^d310 — Понимает простые просьбы/).selectOption('2')
    await coordinator.getByLabel('Заключение').fill('Понимает простые просьбы с подсказкой жестом')
    await coordinator.getByRole('button', { name: 'Внести оценку' }).click()
    await coordinator.waitForURL(`${origin}/dashboard/children/${childId}`)
    const programme = coordinator.getByRole('article', { name: 'ИПРП, версия 1' })
    await programme.getByText(`${russian(daysFromToday(0))}: 2`).waitFor()
    await programme.getByText('Понимает простые просьбы с подсказкой жестом').waitFor()
    expect(await count(coordinator, 'reviews')).toBe(reviewsBefore - 1)
  }, 90_000)

  it('ends the programme with a reason; the transition queue lets the child go', async () => {
    const transitionsBefore = await count(coordinator, 'transitions')
    await openCard(coordinator)
    await coordinator.getByRole('link', { name: 'Завершить ИПРП' }).click()
    await coordinator.getByRole('heading', { name: 'Завершение ИПРП: Ильина Варвара Сергеевна' }).waitFor()
    await fitsTheWindow(coordinator)
    await shot(coordinator, 'exit-empty')
    await coordinator.getByLabel('Основание завершения').selectOption('TRANSITION_TO_PRESCHOOL')
    await coordinator.getByLabel('Дата завершения').fill(daysFromToday(-191))
    await coordinator.getByRole('button', { name: 'Завершить ИПРП' }).click()
    await refusalBeside(coordinator, 'Дата завершения').waitFor()
    await shot(coordinator, 'exit-refused')
    await coordinator.getByLabel('Дата завершения').fill(daysFromToday(0))
    await coordinator.getByRole('button', { name: 'Завершить ИПРП' }).click()
    await coordinator.waitForURL(`${origin}/dashboard/children/${childId}`)
    const programme = coordinator.getByRole('article', { name: 'ИПРП, версия 1' })
    await programme
      .getByText(`${russian(daysFromToday(0))}, Переход в дошкольную образовательную организацию`)
      .waitFor()
    await coordinator.getByText('ИПРП завершена', { exact: true }).first().waitFor()
    expect(await count(coordinator, 'transitions')).toBe(transitionsBefore - 1)
  }, 90_000)

  it('lets social’s specialist record a session against a social item of a signed ИПРП', async () => {
    const db = hub.databases.social.db
    const family = await social.insertFamily(db)
    await social.insertRepresentative(db, family.id)
    const child = await social.insertChild(db, {
      family_id: family.id,
      last_name: 'Орлов',
      first_name: 'Матвей',
      patronymic: 'Ильич',
      registry_status: 'PROGRAMME_ACTIVE',
    })
    const centre = await social.insertProvider(db, { name: 'КЦСОН «Радуга»', side: 'SOCIAL' })
    await social.insertProgramme(db, child.id, centre.id, { signed_on: daysFromToday(-30) })
    const context = await chromium.openContext()
    const staff = await chromium.newPage(context)
    await staff.setViewportSize({ width: 1366, height: 768 })
    await staff.goto(`${origin}/dashboard`)
    await signInAs(staff, 'social-specialist')
    await staff.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
    await staff.goto(`${origin}/dashboard/children/${child.id}`)
    await staff.getByRole('link', { name: 'Внести занятие соцзащиты' }).click()
    await staff.getByRole('heading', { name: /^Занятие организации социального обслуживания/ }).waitFor()
    await fitsTheWindow(staff)
    await chromium.screenshot(staff, 'forms-pathway-session-empty')
    expect(await staff.getByLabel('Продолжительность, минут').inputValue()).not.toBe('')
    await staff.getByLabel('Должность специалиста').selectOption('SPEECH_THERAPIST')
    await staff.getByLabel('Дата проведения').fill(daysFromToday(2))
    await staff.getByRole('button', { name: 'Внести занятие' }).click()
    await refusalBeside(staff, 'Дата проведения').waitFor()
    await chromium.screenshot(staff, 'forms-pathway-session-refused')
    await staff.getByLabel('Дата проведения').fill(daysFromToday(-1))
    await staff.getByRole('button', { name: 'Внести занятие' }).click()
    await staff.waitForURL(`${origin}/dashboard/children/${child.id}`)
    await staff
      .getByRole('region', { name: 'Соцзащита' })
      .getByRole('row', { name: new RegExp(`^${russian(daysFromToday(-1))} ${social.CATALOGUE_SERVICE.name}`) })
      .waitFor()
    expect(chromium.foreignRequests).toEqual([])
  }, 90_000)
})
