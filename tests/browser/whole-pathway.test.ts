import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertEarlyHelpUnit, insertKindergarten } from '../../subgraphs/education/test/support/factories.js'
import * as social from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { daysFromToday } from '@hub/testing/writes'
import { expectAccessible } from './axe.js'
import { signInAs, startHubInChromium, type Chromium, type HubInChromium } from './harness.js'
import { birthDateNearThree, fitsTheWindow, queueCount, russian } from './steps.js'

const CHILD = 'Лебедева Ксения Олеговна'
const MOTHER = 'Лебедева Ирина Викторовна'
const BORN = birthDateNearThree()
const TODAY = daysFromToday(0)
const RECEIVED = daysFromToday(-200)
const SIGNED = daysFromToday(-190)

/** One item of the plan per side: the catalogue's service, the provider of that side delivering it, and its form. */
const PLAN = {
  SOCIAL: { service: 'DAILY_ROUTINES', provider: 'КЦСОН «Радуга»', mode: 'AT_HOME' },
  HEALTH: { service: 'MOBILITY', provider: 'ГБУЗ «Детская больница № 3»', mode: 'IN_CENTRE' },
  EDUCATION: { service: 'COGNITIVE', provider: 'МБДОУ «Детский сад № 5»', mode: 'IN_CENTRE' },
  NGO: { service: social.CATALOGUE_SERVICE.code, provider: 'АНО «Ранний старт»', mode: 'IN_CENTRE' },
} as const
type Side = keyof typeof PLAN

describe(
  'one child through the whole pathway, each person signed in through the identity provider',
  { timeout: 120_000 },
  () => {
    let hub: Hub
    let chromium: Chromium
    let coordinator: Page
    let providerStaff: Page
    let origin: string
    let stop: () => Promise<void>
    let signInAsStaffOf: HubInChromium['signInAsStaffOf']
    const providers = {} as Record<Side, string>
    let unitId: string
    let childId: string
    const checked = new Set<string>()

    const cardUrl = () => `${origin}/dashboard/children/${childId}`
    const count = (page: Page, queue: string) => queueCount(page, origin, queue)

    /**
     * The page as it stands: no horizontal scrolling at 1366×768, the header's sections on one line, no serious
     * accessibility violation (each distinct page once), and a screenshot.
     */
    async function look(page: Page, name: string) {
      await fitsTheWindow(page)
      // Each section's link in one piece, all at one height (the page may be scrolled: heights are compared).
      const tops = await page
        .locator('header nav a')
        .evaluateAll((links) =>
          links.map((link) => (link.getClientRects().length === 1 ? link.getBoundingClientRect().top : null)),
        )
      expect(new Set(tops).size, `the header's sections of ${name} at ${tops.join(', ')}`).toBeLessThanOrEqual(1)
      expect(tops).not.toContain(null)
      if (!checked.has(name)) {
        checked.add(name)
        await expectAccessible(page, name)
      }
      await chromium.screenshot(page, `whole-pathway-${name}`)
    }

    /** A person of their own browser context at 1366×768, signed in on «Мои задачи». */
    async function person(signIn: (page: Page) => Promise<void>) {
      const page = await chromium.newPage(await chromium.openContext())
      await page.setViewportSize({ width: 1366, height: 768 })
      await page.goto(`${origin}/dashboard`)
      await signIn(page)
      await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
      return page
    }

    async function openCard(page: Page) {
      await page.goto(cardUrl())
      await page.getByRole('heading', { name: CHILD, level: 1 }).waitFor()
      await look(page, 'card')
    }

    /** Opens one of the card's actions and waits for its form. */
    async function openAction(page: Page, action: string, title: string | RegExp, name: string) {
      await openCard(page)
      await page.getByRole('complementary', { name: 'Действия' }).getByRole('link', { name: action }).click()
      await page.getByRole('heading', { name: title, level: 1 }).waitFor()
      await look(page, name)
    }

    /** Submits a form, and waits for the child's card. */
    async function submit(page: Page, button: string) {
      await page.getByRole('button', { name: button }).click()
      await page.waitForURL(cardUrl())
      await page.getByRole('heading', { name: CHILD, level: 1 }).waitFor()
    }

    /** Submits a session's form, and waits for today's session in the card's table of that side's sessions. */
    async function sessionSaved(page: Page, button: string, table: string) {
      await submit(page, button)
      await page
        .getByRole('table', { name: table })
        .getByRole('cell', { name: russian(TODAY) })
        .first()
        .waitFor()
    }

    /** The item of the ИПРП the session form has chosen is the one planned with that side's provider. */
    async function plannedItemOf(page: Page, side: Side) {
      expect(await page.getByLabel('Услуга ИПРП').locator('option:checked').textContent()).toContain(
        PLAN[side].provider,
      )
    }

    /** A queue's page from its link on «Мои задачи», and the child's row on it. */
    async function queueRow(page: Page, queue: RegExp, name: string) {
      await page.goto(`${origin}/dashboard`)
      await page.getByRole('link', { name: queue }).first().click()
      const row = page.getByRole('row', { name: new RegExp(CHILD) })
      await row.waitFor()
      await look(page, name)
      return row
    }

    const mother = (page: Page, label: string) =>
      page.getByLabel(label).selectOption({ label: `${MOTHER} (мать, с ${russian(BORN)})` })

    beforeAll(async () => {
      ;({ hub, chromium, page: coordinator, origin, stop, signInAsStaffOf } = await startHubInChromium())
      await coordinator.setViewportSize({ width: 1366, height: 768 })
      const db = hub.databases.social.db
      // A provider of each side in the registry delivering its item of the plan; the non-state one serves the child's
      // municipality, so the child can be referred to it.
      for (const side of Object.keys(PLAN) as Side[]) {
        const row = await social.insertProvider(db, { name: PLAN[side].provider, side })
        providers[side] = row.id
        await db
          .insertInto('provider_service')
          .values({ provider_id: row.id, service_code: PLAN[side].service })
          .execute()
      }
      await db
        .insertInto('provider_municipality')
        .values({ provider_id: providers.NGO, municipality_oktmo: social.MUNICIPALITY.oktmo })
        .execute()
      const kindergarten = await insertKindergarten(hub.databases.education.db, { name: 'МБДОУ «Детский сад № 5»' })
      unitId = (await insertEarlyHelpUnit(hub.databases.education.db, kindergarten.id)).id
    }, 180_000)

    afterAll(() => stop?.())

    it('shows the sign-in page and the identity provider’s login page accessibly, and lets the coordinator in', async () => {
      await coordinator.goto(`${origin}/dashboard`)
      await coordinator.getByRole('button', { name: 'Войти', exact: true }).waitFor()
      await look(coordinator, 'sign-in')
      await coordinator.getByRole('button', { name: 'Войти', exact: true }).click()
      await coordinator.getByLabel('Логин').waitFor()
      await look(coordinator, 'idp-login')
      await coordinator.goBack()
      await signInAs(coordinator, 'regional-coordinator')
      await coordinator.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
      await coordinator.getByTestId('count-referrals').waitFor()
      await look(coordinator, 'home')
    })

    it('reaches the header’s sections by Tab in order, shows the focus, follows one with Enter and marks it current', async () => {
      const names = await coordinator.locator('header nav a').allTextContents()
      await coordinator.locator('body').focus()
      let reached = 0
      for (let press = 0; press < 30 && reached < names.length; press++) {
        await coordinator.keyboard.press('Tab')
        const focused = await coordinator.evaluate(() => {
          const element = document.activeElement as HTMLElement | null
          if (!element?.closest('header nav')) return null
          const style = getComputedStyle(element)
          return { text: element.textContent, outline: style.outlineStyle, shadow: style.boxShadow }
        })
        if (!focused) continue
        expect(focused.text).toBe(names[reached])
        expect(focused.outline !== 'none' || focused.shadow !== 'none').toBe(true)
        reached++
        if (focused.text === 'Реестр детей') break
      }
      expect(reached).toBe(names.indexOf('Реестр детей') + 1)
      await coordinator.keyboard.press('Enter')
      await coordinator.getByRole('heading', { name: 'Реестр детей', level: 1 }).waitFor()
      expect(await coordinator.locator('header nav a[aria-current="page"]').allTextContents()).toEqual(['Реестр детей'])
      await look(coordinator, 'registry')
    })

    it('lets the coordinator register the child with a criterion, the family with the mother, and her consent', async () => {
      await coordinator.getByRole('link', { name: 'Зарегистрировать ребёнка' }).click()
      await coordinator.getByRole('heading', { name: 'Зарегистрировать ребёнка', level: 1 }).waitFor()
      await look(coordinator, 'register-child')
      await coordinator.getByLabel('Фамилия', { exact: true }).fill('Лебедева')
      await coordinator.getByLabel('Имя', { exact: true }).fill('Ксения')
      await coordinator.getByLabel('Отчество (необязательно)').fill('Олеговна')
      await coordinator.getByLabel('Дата рождения', { exact: true }).fill(BORN)
      await coordinator.getByLabel('Пол', { exact: true }).selectOption({ label: 'Женский' })
      await coordinator
        .getByLabel('Муниципальное образование проживания')
        .selectOption({ label: social.MUNICIPALITY.name })
      await coordinator.getByLabel('От имени ведомства').selectOption({ label: 'Здравоохранение' })
      await coordinator.getByLabel('Критерий', { exact: true }).selectOption({ label: 'Ребёнок-инвалид' })
      await coordinator.getByLabel('Подтверждающий документ').fill('Справка МСЭ № 2026-311')
      await coordinator.getByLabel('Дата документа').fill(daysFromToday(-30))
      await coordinator.getByLabel('Действует с').fill(daysFromToday(-30))
      await coordinator.getByRole('button', { name: 'Зарегистрировать' }).click()
      await coordinator.waitForURL(/\/dashboard\/children\/[0-9a-f-]{36}$/)
      childId = coordinator.url().split('/').pop()!
      await coordinator.getByRole('heading', { name: CHILD, level: 1 }).waitFor()
      const identity = coordinator.getByRole('region', { name: 'Сведения о ребёнке', exact: true })
      await identity.getByRole('cell', { name: 'Ребёнок-инвалид' }).waitFor()
      await look(coordinator, 'card')

      await coordinator.getByRole('link', { name: 'Семья: зарегистрировать семью' }).click()
      await coordinator.getByRole('heading', { name: /^Зарегистрировать семью ребёнка/ }).waitFor()
      await look(coordinator, 'register-family')
      await coordinator.getByLabel('Фамилия', { exact: true }).fill('Лебедева')
      await coordinator.getByLabel('Имя', { exact: true }).fill('Ирина')
      await coordinator.getByLabel('Отчество (необязательно)').fill('Викторовна')
      await coordinator.getByLabel('Кем приходится детям').selectOption({ label: 'Родитель' })
      await coordinator.getByLabel('Телефон (необязательно)').fill('8 (912) 555-01-02')
      await coordinator.getByLabel('Законный представитель детей семьи').check()
      await coordinator.getByLabel('Основание представительства').selectOption({ label: 'Мать' })
      await coordinator.getByLabel('Документ — основание').fill('Свидетельство о рождении II-АБ № 654321')
      await coordinator.getByLabel('Полномочия с').fill(BORN)
      await submit(coordinator, 'Зарегистрировать семью')
      await coordinator.getByRole('region', { name: 'Семья', exact: true }).getByText(MOTHER).first().waitFor()

      await coordinator.getByRole('link', { name: 'Согласие: внести' }).click()
      await coordinator.getByRole('heading', { name: 'Внести согласие на передачу сведений' }).waitFor()
      await look(coordinator, 'record-consent')
      await mother(coordinator, 'Подписал законный представитель')
      // For the coordinator: the health side shows them the child's health facts, sessions included, only so.
      await coordinator
        .getByLabel('Ведомство-получатель')
        .selectOption({ label: 'Региональный координатор ранней помощи' })
      await coordinator.getByLabel('Сведения о здоровье').check()
      await coordinator.getByLabel('Сведения о семье').check()
      await coordinator.getByLabel('Реквизиты документа согласия').fill('Согласие № 31')
      await submit(coordinator, 'Внести согласие')
      const consents = coordinator.getByRole('region', { name: 'Согласия', exact: true })
      await consents.getByRole('row').filter({ hasText: 'Согласие № 31' }).getByText('не отозвано').waitFor()
    })

    it('lets the coordinator refer the child to the non-state provider, with the family’s consent to it', async () => {
      const referralsBefore = await count(coordinator, 'referrals')
      await openAction(coordinator, 'Направить к поставщику', /^Направление к поставщику/, 'refer')
      const choice = coordinator.getByLabel('Поставщик услуг ранней помощи')
      await choice.selectOption(providers.NGO)
      await coordinator.getByText('Поставщик негосударственный').waitFor()
      await coordinator.getByLabel('Основание направления').fill('Задержка моторного и речевого развития')
      await coordinator.getByLabel('Дата получения направления поставщиком').fill(RECEIVED)
      await coordinator.getByLabel('Ведомство, от имени которого вносится направление').selectOption('HEALTH')
      await coordinator.getByLabel('Направившая организация').fill('ГБУЗ «Детская поликлиника № 2»')
      await coordinator.getByLabel('Внести согласие, подписанное вместе с направлением').check()
      await mother(coordinator, 'Законный представитель, подписавший согласие')
      await coordinator.getByLabel('Реквизиты документа согласия').fill(`Согласие № 32 от ${russian(RECEIVED)}`)
      await look(coordinator, 'refer-filled')
      await submit(coordinator, 'Направить')
      await coordinator
        .getByRole('heading', { name: `Направление от ${russian(RECEIVED)} — ${PLAN.NGO.provider}` })
        .waitFor()
      await coordinator.getByRole('region', { name: 'Согласия' }).getByText(PLAN.NGO.provider).waitFor()
      expect(await count(coordinator, 'referrals')).toBe(referralsBefore + 1)
      await queueRow(coordinator, /^Направления/, 'queue-referrals')
    })

    it('lets the provider’s specialist accept the referral and find the child in need', async () => {
      providerStaff = await person((page) => signInAsStaffOf(page, providers.NGO))
      expect(await count(providerStaff, 'referrals')).toBe(1)
      await look(providerStaff, 'home-provider')
      const row = await queueRow(providerStaff, /^Направления/, 'queue-referrals-provider')
      await row.getByRole('link', { name: 'Принять или отказать' }).click()
      await providerStaff.getByRole('heading', { name: 'Решение по направлению' }).waitFor()
      await look(providerStaff, 'decision')
      await providerStaff.getByLabel('Дата решения').fill(TODAY)
      await submit(providerStaff, 'Принять направление')
      const referral = providerStaff.getByRole('article', { name: `Направление от ${russian(RECEIVED)}` })
      await referral.getByText(`Принято, решение ${russian(TODAY)}`).waitFor()

      await referral.getByRole('link', { name: 'Определение нуждаемости' }).click()
      await providerStaff.getByRole('heading', { name: 'Определение нуждаемости' }).waitFor()
      await look(providerStaff, 'need')
      await providerStaff.getByLabel('Результат').selectOption('IN_NEED')
      await providerStaff.getByLabel('Дата определения нуждаемости').fill(TODAY)
      await submit(providerStaff, 'Внести результат')
      await referral.getByText(`Признан нуждающимся в услугах ранней помощи, ${russian(TODAY)}`).waitFor()
      // Still on the provider's queue, now for the programme to be drafted.
      expect(await count(providerStaff, 'referrals')).toBe(1)
    })

    it('lets the coordinator draft the ИПРП with a goal from the МКФ-ДП picker and one service for each side', async () => {
      const draftsBefore = await count(coordinator, 'drafts')
      const row = await queueRow(coordinator, /^Направления/, 'queue-referrals')
      await row.getByRole('link', { name: 'Разработать проект ИПРП' }).click()
      await coordinator.getByRole('heading', { name: `Проект ИПРП: ${CHILD}` }).waitFor()
      await look(coordinator, 'draft')

      const goal = coordinator.getByRole('group', { name: 'Цель 1' })
      await goal.getByRole('combobox', { name: 'Код МКФ-ДП' }).fill('ходьба')
      await goal
        .getByRole('listbox')
        .getByRole('option', { name: /^d450 / })
        .click()
      await goal.getByText(/^Выбрано: d450 — /).waitFor()
      await goal.getByLabel('Исходный определитель').selectOption('3')
      await goal.getByLabel('Целевой определитель').selectOption('1')
      await goal.getByLabel('Формулировка цели').fill('Ходит с поддержкой за одну руку по ровной поверхности')

      const sides = Object.keys(PLAN) as Side[]
      for (const [i, side] of sides.entries()) {
        if (i > 0) await coordinator.getByRole('button', { name: 'Добавить услугу' }).click()
        const service = coordinator.getByRole('group', { name: `Услуга ${i + 1}` })
        await service.getByLabel('Услуга из регионального перечня').selectOption(PLAN[side].service)
        await service.getByLabel('Поставщик', { exact: true }).selectOption(providers[side])
        expect(await service.getByLabel('Ответственное ведомство').inputValue()).toBe(side)
        await service.getByLabel('Форма оказания').selectOption(PLAN[side].mode)
      }
      await look(coordinator, 'draft-filled')
      await submit(coordinator, 'Сохранить проект ИПРП')
      const programme = coordinator.getByRole('article', { name: 'ИПРП, версия 1' })
      await programme.getByRole('heading', { name: 'ИПРП, версия 1 — Проект, не подписан' }).waitFor()
      await programme.getByRole('row', { name: /d450 Ходит с поддержкой/ }).waitFor()
      for (const side of sides) await programme.getByText(PLAN[side].provider).first().waitFor()
      expect(await count(coordinator, 'drafts')).toBe(draftsBefore + 1)
    })

    it('signs the ИПРП with the mother from the drafts queue; the referrals, drafts, reviews and transitions move', async () => {
      const before = {
        referrals: await count(coordinator, 'referrals'),
        drafts: await count(coordinator, 'drafts'),
        reviews: await count(coordinator, 'reviews'),
        transitions: await count(coordinator, 'transitions'),
      }
      const row = await queueRow(coordinator, /^Проекты ИПРП/, 'queue-drafts')
      await row.getByRole('link', { name: 'Подписать ИПРП' }).click()
      await coordinator.getByRole('heading', { name: `Подписание ИПРП: ${CHILD}` }).waitFor()
      await look(coordinator, 'sign')
      await coordinator.getByLabel('Дата подписания').fill(SIGNED)
      await mother(coordinator, 'Законный представитель, подписавший программу')
      await submit(coordinator, 'Подписать')
      const programme = coordinator.getByRole('article', { name: 'ИПРП, версия 1' })
      await programme.getByText(`${russian(SIGNED)}, ${MOTHER}`).waitFor()
      await coordinator.getByText('Реализуется ИПРП', { exact: true }).first().waitFor()
      expect(await count(coordinator, 'referrals')).toBe(before.referrals - 1)
      expect(await count(coordinator, 'drafts')).toBe(before.drafts - 1)
      // Signed 190 days ago, the review (every 180 days) is overdue; the child turns three in 60 days.
      expect(await count(coordinator, 'reviews')).toBe(before.reviews + 1)
      expect(await count(coordinator, 'transitions')).toBe(before.transitions + 1)
      expect(await count(providerStaff, 'referrals')).toBe(0)
    })

    it('lets the health specialist open a rehabilitation episode and record a session against the health item', async () => {
      const health = await person((page) => signInAs(page, 'health-specialist'))
      await openAction(health, 'Открыть эпизод реабилитации', 'Открытие эпизода медицинской реабилитации', 'episode')
      await health.getByLabel('Медицинская организация').fill(PLAN.HEALTH.provider)
      await health.getByLabel('Цель медицинской реабилитации').fill('Самостоятельная ходьба')
      await health.getByLabel('Дата начала').fill(TODAY)
      await submit(health, 'Открыть эпизод')

      await openAction(health, 'Записать занятие реабилитации', 'Занятие медицинской реабилитации', 'session-health')
      await health.getByLabel('Услуга ИПРП').selectOption({ index: 1 })
      await plannedItemOf(health, 'HEALTH')
      await health.getByLabel('Специалист МДРК').selectOption('EXERCISE_THERAPY_INSTRUCTOR')
      await sessionSaved(health, 'Записать занятие', 'Занятия медицинской реабилитации')
      await health.context().close()
    })

    it('lets the education specialist record an early-help unit’s session against the education item', async () => {
      const education = await person((page) => signInAs(page, 'education-specialist'))
      await openAction(
        education,
        'Записать занятие ранней помощи (образование)',
        'Занятие в подразделении ранней помощи',
        'session-education',
      )
      await education.getByLabel('Подразделение ранней помощи').selectOption(unitId)
      await plannedItemOf(education, 'EDUCATION')
      await education.getByLabel('Должность специалиста').selectOption('SPEECH_THERAPIST')
      await sessionSaved(education, 'Записать занятие', 'Занятия в подразделениях ранней помощи')
      await education.context().close()
    })

    it('lets the provider’s specialist record a session against the ngo item', async () => {
      await openAction(providerStaff, 'Записать занятие НКО', 'Занятие негосударственного поставщика', 'session-ngo')
      await providerStaff.getByLabel('Должность специалиста').selectOption('SPEECH_THERAPIST')
      await sessionSaved(providerStaff, 'Записать занятие', 'Занятия негосударственных поставщиков')
    })

    it('lets the social specialist record a social session against the social item', async () => {
      const socialStaff = await person((page) => signInAs(page, 'social-specialist'))
      await openAction(
        socialStaff,
        'Внести занятие соцзащиты',
        /^Занятие организации социального обслуживания/,
        'session-social',
      )
      await socialStaff.getByLabel('Должность специалиста').selectOption('SOCIAL_WORKER')
      await socialStaff.getByLabel('Дата проведения').fill(TODAY)
      await sessionSaved(socialStaff, 'Внести занятие', 'Занятия организаций социального обслуживания')
      await socialStaff.context().close()
    })

    it('shows the coordinator the sessions of all four sides against the plan on the card', async () => {
      await openCard(coordinator)
      const plan = coordinator
        .getByRole('article', { name: 'ИПРП, версия 1' })
        .getByRole('table', { name: 'Услуги по плану и проведённые занятия' })
      // The columns of the sessions held, one per side in the order of PLAN: each side held one, on its own item.
      const sides = Object.keys(PLAN) as Side[]
      for (const side of sides) {
        const cells = await plan
          .getByRole('row', { name: new RegExp(PLAN[side].provider) })
          .getByRole('cell')
          .all()
        const held = await Promise.all(cells.slice(3).map((cell) => cell.textContent()))
        expect(held).toEqual(sides.map((other) => (other === side ? '1' : '0')))
      }
    })

    it('lets the coordinator review the ИПРП from the reviews queue, rating the goal', async () => {
      const reviewsBefore = await count(coordinator, 'reviews')
      const row = await queueRow(coordinator, /^Просроченная промежуточная оценка/, 'queue-reviews')
      await row.getByRole('link', { name: 'Внести оценку' }).click()
      await coordinator.getByRole('heading', { name: `Оценка реализации ИПРП: ${CHILD}` }).waitFor()
      await look(coordinator, 'review')
      await coordinator.getByLabel('Дата оценки').fill(TODAY)
      await coordinator.getByLabel(/^d450 — Ходит с поддержкой/).selectOption('2')
      await coordinator.getByLabel('Заключение').fill('Ходит с поддержкой за две руки')
      await submit(coordinator, 'Внести оценку')
      const programme = coordinator.getByRole('article', { name: 'ИПРП, версия 1' })
      await programme.getByText(`${russian(TODAY)}: 2`).waitFor()
      expect(await count(coordinator, 'reviews')).toBe(reviewsBefore - 1)
    })

    it('lets the coordinator end the ИПРП with a reason; the child leaves the transitions queue', async () => {
      const transitionsBefore = await count(coordinator, 'transitions')
      await queueRow(coordinator, /^Переход в дошкольную организацию/, 'queue-transitions')
      await openAction(coordinator, 'Завершить ИПРП', `Завершение ИПРП: ${CHILD}`, 'exit')
      await coordinator.getByLabel('Основание завершения').selectOption('TRANSITION_TO_PRESCHOOL')
      await coordinator.getByLabel('Дата завершения').fill(TODAY)
      await submit(coordinator, 'Завершить ИПРП')
      await coordinator
        .getByRole('article', { name: 'ИПРП, версия 1' })
        .getByText(`${russian(TODAY)}, Переход в дошкольную образовательную организацию`)
        .waitFor()
      await coordinator.getByText('ИПРП завершена', { exact: true }).first().waitFor()
      expect(await count(coordinator, 'transitions')).toBe(transitionsBefore - 1)
    })

    it('sent nothing off this machine and met no errors in the pages', () => {
      expect(chromium.foreignRequests).toEqual([])
      expect(chromium.consoleErrors).toEqual([])
    })
  },
)
