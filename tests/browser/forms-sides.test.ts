import type { Page } from 'playwright-core'
import { regionDay } from '@hub/platform/region-time'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertChild, insertConsent, insertProgramme } from '../../subgraphs/social/test/support/factories.js'
import type { Hub } from '../support/hub.js'
import { insertChildKnownToEverySide, insertPathwayOfChild } from '../support/scenario.js'
import { signInAs, startHubInChromium, type Chromium, type HubInChromium } from './harness.js'

/** Today as the forms write it (YYYY-MM-DD) and as the card shows it. */
/** Today in the region's time, as the hub checks dates (not the machine's). */
const TODAY = regionDay()
const TODAY_SHOWN = new Date(`${TODAY}T00:00:00`).toLocaleDateString('ru-RU')
const FUTURE = `${Number(TODAY.slice(0, 4)) + 1}-01-15`

describe('each side’s specialists record their facts through the forms in Chromium', () => {
  let hub: Hub
  let chromium: Chromium
  let origin: string
  let stop: () => Promise<void>
  let signInAsStaffOf: HubInChromium['signInAsStaffOf']
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>
  let pathway: Awaited<ReturnType<typeof insertPathwayOfChild>>
  let cardUrl: string
  let turningThree: Awaited<ReturnType<typeof insertChild>>

  beforeAll(async () => {
    let page: Page
    ;({ hub, chromium, page, origin, stop, signInAsStaffOf } = await startHubInChromium())
    await page.close()
    fixture = await insertChildKnownToEverySide(hub.databases)
    pathway = await insertPathwayOfChild(hub.databases, fixture)
    // The non-state provider reads the child only with the family's consent for it.
    await insertConsent(hub.databases.social.db, fixture.child.id, fixture.mother.id, {
      recipient_provider_id: fixture.provider.id,
    })
    cardUrl = `${origin}/dashboard/children/${fixture.child.id}`
    // A child three in a month, whose programme is on the transitions queue.
    const birth = new Date(`${TODAY}T12:00:00Z`)
    birth.setUTCFullYear(birth.getUTCFullYear() - 3, birth.getUTCMonth() + 1)
    turningThree = await insertChild(hub.databases.social.db, {
      last_name: 'Переходов',
      birth_date: birth.toISOString().slice(0, 10),
    })
    await insertProgramme(hub.databases.social.db, turningThree.id, fixture.provider.id)
  }, 180_000)

  afterAll(() => stop?.())

  /** A page of its own at 1366×768, signed in as a demo user or as a specialist of a provider. */
  async function signedIn(as: { role: string } | { org: string }) {
    const context = await chromium.openContext()
    const page = await chromium.newPage(context)
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.goto(cardUrl)
    if ('role' in as) await signInAs(page, as.role)
    else await signInAsStaffOf(page, as.org)
    await page.getByRole('heading', { name: 'Действия' }).waitFor()
    return page
  }

  /** The form's page has loaded, has no horizontal scrolling, and its screenshot is kept. */
  async function shown(page: Page, title: string, shot: string) {
    await page.getByRole('heading', { name: title, level: 1 }).waitFor()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBe(0)
    await chromium.screenshot(page, shot)
  }

  async function openAction(page: Page, label: string, title: string, shot: string) {
    await page.getByRole('complementary', { name: 'Действия' }).getByRole('link', { name: label }).click()
    await shown(page, title, shot)
  }

  /** Submits, and waits for the refusal shown under the field with this label. */
  async function refusedAt(page: Page, submit: string, label: string | RegExp, shot: string) {
    await page.getByRole('button', { name: submit }).click()
    const field = page.locator('.field.invalid', { has: page.getByLabel(label, { exact: true }) })
    await field.locator('.field-error').waitFor()
    expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid')).toBe('true')
    await chromium.screenshot(page, shot)
  }

  /** A day in the future is refused beside the date's field; then today is filled in. */
  async function refusedInFuture(page: Page, label: string, submit: string, shot: string) {
    const field = page.getByLabel(label, { exact: true })
    await field.fill(FUTURE)
    await refusedAt(page, submit, label, shot)
    await field.fill(TODAY)
  }

  /** Submits, and waits for the child's card with the row of the table that shows the new fact. */
  async function savedOnCard(page: Page, submit: string, table: string, cell: string | RegExp) {
    await page.getByRole('button', { name: submit }).click()
    await page.waitForURL(cardUrl)
    await page.getByRole('table', { name: table }).getByRole('cell', { name: cell }).first().waitFor()
  }

  it('lets a health specialist record a detection, a health group, a diagnosis from the МКБ-10 picker and a rehabilitation session', async () => {
    const page = await signedIn({ role: 'health-specialist' })
    const actions = page.getByRole('complementary', { name: 'Действия' })
    expect(await actions.getByRole('link', { name: 'Внести заключение ПМПК' }).count()).toBe(0)
    expect(await actions.getByRole('link', { name: 'Записать занятие НКО' }).count()).toBe(0)

    await openAction(page, 'Записать событие выявления', 'Событие выявления', 'form-health-detection')
    await page.getByLabel('Вид события').selectOption('AUDIOLOGY_SCREENING')
    await page.getByLabel('Результат скрининга').selectOption('POSITIVE')
    await page.getByLabel('Медицинская организация').fill('ГБУЗ «Областная детская больница»')
    await refusedInFuture(page, 'Дата', 'Записать событие', 'form-health-detection-refused')
    await savedOnCard(page, 'Записать событие', 'Выявление', 'ГБУЗ «Областная детская больница»')

    await openAction(page, 'Установить группу здоровья', 'Группа здоровья', 'form-health-group')
    await page.getByLabel('Группа здоровья').selectOption('V')
    await page.getByRole('button', { name: 'Установить группу' }).click()
    await page.waitForURL(cardUrl)
    await page.getByText(`V группа здоровья, установлена ${TODAY_SHOWN}`).waitFor()

    await openAction(page, 'Записать диагноз (МКБ-10)', 'Диагноз по МКБ-10', 'form-health-diagnosis')
    await page.getByLabel('Поиск по коду или названию').fill('спинальная атрофия')
    const list = page.getByLabel(/^Найдено: 1 из \d+$/)
    await list.waitFor()
    await list.selectOption('G12.0')
    await page.getByText('Выбрано: G12.0 — Детская спинальная мышечная атрофия').waitFor()
    await page.getByLabel('Основной диагноз').selectOption('no')
    await chromium.screenshot(page, 'form-health-diagnosis-picked')
    await savedOnCard(page, 'Записать диагноз', 'Диагнозы (МКБ-10)', 'G12.0')

    await openAction(page, 'Записать занятие реабилитации', 'Занятие медицинской реабилитации', 'form-health-session')
    const planned = await page.getByLabel('Услуга ИПРП').locator('option').allTextContents()
    expect(planned[0]).toBe('— вне ИПРП —')
    expect(planned.slice(1).every((label) => label.includes('ИПРП, версия 1'))).toBe(true)
    await page.getByLabel('Услуга ИПРП').selectOption(pathway.services.health.id)
    await page.getByLabel('Продолжительность, минут').fill('40')
    await page.getByLabel('Специалист МДРК').selectOption('MEDICAL_PSYCHOLOGIST')
    await savedOnCard(page, 'Записать занятие', 'Занятия медицинской реабилитации', TODAY_SHOWN)
    const row = page.getByRole('table', { name: 'Занятия медицинской реабилитации' }).getByRole('row', {
      name: new RegExp(TODAY_SHOWN.replaceAll('.', '\\.')),
    })
    expect(await row.textContent()).toContain('Медицинский психолог')

    await openAction(page, 'Записать фактор риска', 'Фактор риска', 'form-health-risk')
    await page.getByLabel('Вид фактора риска').selectOption('LOW_BIRTH_WEIGHT')
    await page.getByLabel('Уточнение').fill('Масса тела при рождении 1450 г')
    await refusedInFuture(page, 'Дата выявления', 'Записать фактор риска', 'form-health-risk-refused')
    await savedOnCard(page, 'Записать фактор риска', 'Факторы риска', 'Масса тела при рождении 1450 г')

    await openAction(
      page,
      'Взять под диспансерное наблюдение',
      'Взятие под диспансерное наблюдение',
      'form-health-dispensary',
    )
    await refusedAt(page, 'Взять под наблюдение', /^Найдено: /, 'form-health-dispensary-refused')
    await page.getByLabel('Поиск по коду или названию').fill('H90')
    await page.getByLabel(/^Найдено: /).selectOption({ index: 0 })
    await page.getByLabel('Специальность наблюдающего врача').selectOption('AUDIOLOGY_OTORHINOLARYNGOLOGY')
    await savedOnCard(page, 'Взять под наблюдение', 'Диспансерное наблюдение', 'Сурдология-оториноларингология')

    await openAction(
      page,
      'Прекратить диспансерное наблюдение',
      'Прекращение диспансерного наблюдения',
      'form-health-dispensary-end',
    )
    await refusedInFuture(page, 'Дата прекращения', 'Прекратить наблюдение', 'form-health-dispensary-end-refused')
    await page.getByLabel('Причина прекращения').selectOption('TRANSFERRED')
    await savedOnCard(page, 'Прекратить наблюдение', 'Диспансерное наблюдение', /Переход под наблюдение/)

    await openAction(
      page,
      'Открыть эпизод реабилитации',
      'Открытие эпизода медицинской реабилитации',
      'form-health-episode',
    )
    await page.getByLabel('Медицинская организация').fill('ГАУЗ «Центр реабилитации детей»')
    await page.getByLabel('Цель медицинской реабилитации').fill('Ходьба с опорой')
    await refusedInFuture(page, 'Дата начала', 'Открыть эпизод', 'form-health-episode-refused')
    await page.getByRole('button', { name: 'Открыть эпизод' }).click()
    await page.waitForURL(cardUrl)
    await page.getByRole('heading', { name: /ГАУЗ «Центр реабилитации детей»/ }).waitFor()

    await openAction(
      page,
      'Закрыть эпизод реабилитации',
      'Закрытие эпизода медицинской реабилитации',
      'form-health-episode-close',
    )
    await page
      .getByLabel('Эпизод', { exact: true })
      .selectOption({ label: `ГАУЗ «Центр реабилитации детей»: Ходьба с опорой (с ${TODAY_SHOWN})` })
    await refusedInFuture(page, 'Дата окончания', 'Закрыть эпизод', 'form-health-episode-close-refused')
    await page.getByRole('button', { name: 'Закрыть эпизод' }).click()
    await page.waitForURL(cardUrl)
    await page
      .getByRole('heading', {
        name: `Медицинская реабилитация: ГАУЗ «Центр реабилитации детей», ${TODAY_SHOWN} — ${TODAY_SHOWN}`,
      })
      .waitFor()

    // Another side's form opens the home page instead, and the navigation has no page of the ngo side.
    await page.goto(`${cardUrl}/education/pmpk`)
    await page.getByRole('heading', { name: 'Мои задачи', level: 1 }).waitFor()
    expect(await page.locator('header nav a', { hasText: 'Работа НКО' }).count()).toBe(0)
    await page.context().close()
  })

  it('lets an education specialist record a ПМПК conclusion, the queue from application to enrolment, and a session', async () => {
    const page = await signedIn({ role: 'education-specialist' })
    const actions = page.getByRole('complementary', { name: 'Действия' })
    expect(await actions.getByRole('link', { name: 'Записать событие выявления' }).count()).toBe(0)

    await openAction(page, 'Внести заключение ПМПК', 'Заключение ПМПК', 'form-education-pmpk')
    await page.getByLabel('Номер заключения').fill('ТПМПК-2026/4242')
    await page.getByLabel('Комиссия').fill('Территориальная ПМПК Тестового района')
    await page.getByLabel('Нуждается в специальных условиях').selectOption('yes')
    await page.getByLabel('Рекомендованная образовательная программа').selectOption('ADAPTED')
    await page.getByLabel('Рекомендованные специальные условия').fill('Занятия с учителем-дефектологом\nТьютор')
    await refusedInFuture(page, 'Дата заключения', 'Внести заключение', 'form-education-pmpk-refused')
    await savedOnCard(page, 'Внести заключение', 'Заключения ПМПК', 'ТПМПК-2026/4242')

    // The fixture's application holds a direction already: withdrawn, so that a new one can be queued.
    await openAction(
      page,
      'Отозвать заявление в детский сад',
      'Отзыв заявления в детский сад',
      'form-education-withdraw',
    )
    await page.getByLabel('Причина отзыва').selectOption('MOVED_AWAY')
    await savedOnCard(page, 'Отозвать заявление', 'Очередь в детский сад', 'Заявление отозвано')

    await openAction(page, 'Поставить в очередь в детский сад', 'Заявление в детский сад', 'form-education-apply')
    await page.getByLabel('Желаемая дата зачисления').fill(`${Number(TODAY.slice(0, 4)) + 1}-09-01`)
    await savedOnCard(page, 'Поставить в очередь', 'Очередь в детский сад', 'В очереди')

    await openAction(page, 'Выдать направление в детский сад', 'Направление в детский сад', 'form-education-direct')
    await page
      .getByLabel('Детский сад')
      .selectOption({ label: `${fixture.kindergarten.name} (Тестовый муниципальный район)` })
    await page.getByLabel('Направленность группы').selectOption('COMPENSATORY')
    await savedOnCard(page, 'Выдать направление', 'Очередь в детский сад', 'Выдано направление')

    await openAction(page, 'Внести зачисление в детский сад', 'Зачисление в детский сад', 'form-education-enrol')
    await savedOnCard(page, 'Внести зачисление', 'Очередь в детский сад', /^Зачислен$/)

    await openAction(
      page,
      'Записать занятие ранней помощи (образование)',
      'Занятие в подразделении ранней помощи',
      'form-education-session',
    )
    await page.getByLabel('Подразделение ранней помощи').selectOption(pathway.unit.id)
    await page.getByLabel('Занятие состоялось').selectOption('no')
    await page.getByLabel('Причина отмены').selectOption('CHILD_ILL')
    await savedOnCard(page, 'Записать занятие', 'Занятия в подразделениях ранней помощи', 'нет: Болезнь ребёнка')

    // The transitions queue's row leads to the forms that place the child.
    await page.goto(`${origin}/dashboard/queues/transitions`)
    const row = page.getByRole('row', { name: new RegExp(turningThree.last_name) })
    await row.waitFor()
    await chromium.screenshot(page, 'queue-transitions-education')
    await row.getByRole('link', { name: 'Поставить в очередь в детский сад' }).click()
    await shown(page, 'Заявление в детский сад', 'form-education-apply-from-queue')
    await page.getByLabel('Желаемая дата зачисления').fill('2020-01-01')
    await refusedAt(page, 'Поставить в очередь', 'Желаемая дата зачисления', 'form-education-apply-refused')
    expect(page.url()).toBe(`${origin}/dashboard/children/${turningThree.id}/education/preschool-application`)
    await page.context().close()
  })

  it('lets an ngo provider’s specialist record a session, a parent group with a meeting and a family, and a volunteer', async () => {
    const page = await signedIn({ org: fixture.provider.id })
    const actions = page.getByRole('complementary', { name: 'Действия' })
    expect(await actions.getByRole('link', { name: 'Записать событие выявления' }).count()).toBe(0)
    expect(await actions.getByRole('link', { name: 'Внести заключение ПМПК' }).count()).toBe(0)

    await openAction(page, 'Записать занятие НКО', 'Занятие негосударственного поставщика', 'form-ngo-session')
    const planned = await page.getByLabel('Услуга ИПРП').locator('option').allTextContents()
    expect(planned).toEqual([`${fixture.service.name} (ИПРП, версия 1, ${fixture.provider.name})`])
    await page.getByLabel('Форма проведения').selectOption('GROUP')
    await refusedInFuture(page, 'Дата проведения', 'Записать занятие', 'form-ngo-session-refused')
    await savedOnCard(page, 'Записать занятие', 'Занятия негосударственных поставщиков', TODAY_SHOWN)

    await page.locator('header nav').getByRole('link', { name: 'Работа НКО' }).click()
    await page.getByRole('heading', { name: 'Работа НКО', level: 1 }).waitFor()
    await chromium.screenshot(page, 'page-ngo-work')
    await page.getByRole('link', { name: 'Создать родительскую группу' }).click()
    await shown(page, 'Новая родительская группа', 'form-ngo-group')
    expect(await page.getByLabel('Поставщик').locator('option').allTextContents()).toEqual([fixture.provider.name])
    await page.getByLabel('Название группы').fill('Клуб «Первые шаги»')
    await page.getByLabel('Формат работы').selectOption('MIXED')
    await page.getByRole('button', { name: 'Создать группу' }).click()
    const group = page.getByRole('row', { name: /Клуб «Первые шаги»/ })
    await group.waitFor()

    await group.getByRole('link', { name: 'Внести встречу' }).click()
    await shown(page, 'Встреча группы «Клуб «Первые шаги»»', 'form-ngo-meeting')
    await page.getByLabel('Тема встречи').fill('Режим сна малыша')
    await page.getByLabel('Число семей, принявших участие').fill('3')
    await page.getByRole('button', { name: 'Внести встречу' }).click()
    await page
      .getByRole('row', { name: /Клуб «Первые шаги»/ })
      .getByText('Режим сна малыша (семей: 3)')
      .waitFor()

    await page.getByRole('link', { name: 'Зарегистрировать добровольца' }).click()
    await shown(page, 'Регистрация добровольца', 'form-ngo-volunteer')
    await page.getByLabel('Регистрационный номер у поставщика').fill('ВОЛ-0101')
    await page.getByLabel(/^Транспортная помощь/).check()
    await page.getByRole('button', { name: 'Зарегистрировать' }).click()
    const volunteer = page.getByRole('row', { name: /ВОЛ-0101/ })
    await volunteer.waitFor()
    expect(await volunteer.textContent()).toContain('Транспортная помощь')
    await chromium.screenshot(page, 'page-ngo-work-filled')

    await volunteer.getByRole('link', { name: 'Внести часы' }).click()
    await shown(page, 'Часы добровольца ВОЛ-0101', 'form-ngo-hours')
    await page.getByLabel('Число часов').fill('2.5')
    await refusedInFuture(page, 'Дата', 'Внести часы', 'form-ngo-hours-refused')
    await page.getByRole('button', { name: 'Внести часы' }).click()
    await page
      .getByRole('row', { name: /ВОЛ-0101/ })
      .getByRole('cell', { name: '2,5', exact: true })
      .waitFor()

    await page
      .getByRole('row', { name: /ВОЛ-0101/ })
      .getByRole('link', { name: 'Прекратить' })
      .click()
    await shown(page, 'Прекращение деятельности добровольца ВОЛ-0101', 'form-ngo-volunteer-end')
    await page.getByLabel('Дата прекращения').fill(FUTURE)
    await refusedAt(page, 'Прекратить', 'Дата прекращения', 'form-ngo-volunteer-end-refused')

    await page.goto(cardUrl)
    await openAction(
      page,
      'Внести вступление семьи в родительскую группу',
      'Вступление семьи в родительскую группу',
      'form-ngo-join',
    )
    await page
      .getByLabel('Родительская группа')
      .selectOption({ label: `Клуб «Первые шаги» (${fixture.provider.name}, Тестовый муниципальный район)` })
    await savedOnCard(page, 'Внести вступление', 'Родительские группы', 'Клуб «Первые шаги»')

    await openAction(
      page,
      'Внести выход семьи из родительской группы',
      'Выход семьи из родительской группы',
      'form-ngo-leave',
    )
    await page.getByLabel('Дата выхода').fill(FUTURE)
    await refusedAt(page, 'Внести выход', 'Дата выхода', 'form-ngo-leave-refused')
    await page.context().close()
  })

  it('sent nothing off this machine and met no errors in the page', () => {
    expect(chromium.foreignRequests).toEqual([])
    expect(chromium.consoleErrors).toEqual([])
  })
})
