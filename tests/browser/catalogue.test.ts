import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { daysFromToday } from '@hub/testing/writes'
import { expectAccessible } from './axe.js'
import { downloadBy, signInAs, startHubInChromium, type Chromium, type HubInChromium } from './harness.js'
import { fitsTheWindow, refusalBeside, russian } from './steps.js'

describe('«Перечень услуг»: the regional coordinator keeps the list of services in Chromium', () => {
  let chromium: Chromium
  let page: Page
  let origin: string
  let stop: HubInChromium['stop']

  const shot = (name: string) => chromium.screenshot(page, name)
  const list = () => page.getByRole('table', { name: /^Перечень услуг на / })
  const row = (code: string) =>
    list()
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: code, exact: true }) })
  const showOn = async (day: string) => {
    await page.getByLabel('Действует на дату').fill(day)
    await page.getByRole('table', { name: `Перечень услуг на ${russian(day)}` }).waitFor()
  }

  beforeAll(async () => {
    ;({ chromium, page, origin, stop } = await startHubInChromium())
    await page.setViewportSize({ width: 1366, height: 768 })
  }, 180_000)
  afterAll(() => stop?.())

  it('shows the list in force today with its downloads and, to its keeper, «Добавить услугу»', async () => {
    await page.goto(`${origin}/dashboard/services`)
    await signInAs(page, 'regional-coordinator')
    await page.getByRole('link', { name: 'Перечень услуг' }).click()
    await page.getByRole('heading', { name: 'Региональный перечень услуг ранней помощи', level: 1 }).waitFor()
    await row('COGNITIVE').waitFor()
    expect(await page.getByLabel('Действует на дату').inputValue()).toBe(daysFromToday(0))
    await page.getByRole('link', { name: 'Добавить услугу' }).waitFor()
    await fitsTheWindow(page)
    await expectAccessible(page, '«Перечень услуг» of the coordinator')
  })

  it('refuses a service without a name beside the field, then adds it from a later day', async () => {
    await page.getByRole('link', { name: 'Добавить услугу' }).click()
    await page.getByRole('heading', { name: 'Добавить услугу в перечень', level: 1 }).waitFor()
    await page.getByLabel('Код услуги').fill('SPEECH_GROUP')
    await page.getByLabel('Включить в перечень с').fill(daysFromToday(7))
    await page.getByLabel('Стандартная продолжительность, минут').fill('30')
    await page.getByLabel('Учитель-логопед').check()
    await page.getByRole('button', { name: 'Добавить услугу' }).click()
    const refusal = refusalBeside(page, 'Наименование услуги')
    await refusal.waitFor()
    expect(await refusal.textContent()).toBe('Заполните поле')
    await fitsTheWindow(page)
    await expectAccessible(page, 'a new service refused')
    await shot('catalogue-add-refused')

    await page.getByLabel('Наименование услуги').fill('Групповые занятия по развитию речи')
    await page.getByLabel('Стандартная периодичность').fill('1 раз в неделю')
    await page.getByRole('button', { name: 'Добавить услугу' }).click()
    await page.getByRole('heading', { name: 'Региональный перечень услуг ранней помощи', level: 1 }).waitFor()
    await row('COGNITIVE').waitFor()
    expect(await row('SPEECH_GROUP').count()).toBe(0)
    await showOn(daysFromToday(7))
    expect(await row('SPEECH_GROUP').textContent()).toContain('Групповые занятия по развитию речи')
  })

  it('changes a service from a later day and shows both editions in its history', async () => {
    await showOn(daysFromToday(0))
    await row('COGNITIVE').getByRole('link', { name: 'Изменить' }).click()
    await page.getByRole('heading', { name: 'Изменить услугу', level: 1 }).waitFor()
    expect(await page.getByLabel('Наименование услуги').inputValue()).toBe(
      'Содействие развитию познавательной активности ребёнка',
    )
    await page.getByLabel('Новая редакция действует с').fill(daysFromToday(14))
    await page.getByLabel('Стандартная продолжительность, минут').fill('60')
    await page.getByLabel('Педагог-психолог (медицинский психолог)').check()
    await page.getByRole('button', { name: 'Сохранить новую редакцию' }).click()
    await page.getByRole('heading', { name: 'Региональный перечень услуг ранней помощи', level: 1 }).waitFor()
    expect(await row('COGNITIVE').textContent()).toContain(`с ${russian('2000-01-01')}`)

    await showOn(daysFromToday(14))
    const changed = row('COGNITIVE')
    expect(await changed.textContent()).toContain(`с ${russian(daysFromToday(14))}`)
    expect(await changed.getByRole('cell', { name: '60', exact: true }).count()).toBe(1)
    await changed.getByRole('button', { name: 'История редакций (2)' }).click()
    const history = page.getByRole('table', { name: 'История редакций услуги COGNITIVE' })
    const editions = history.getByRole('row')
    expect(await editions.count()).toBe(3)
    expect(await editions.nth(1).textContent()).toContain(russian('2000-01-01'))
    expect(await editions.nth(2).textContent()).toContain(russian(daysFromToday(14)))
    await fitsTheWindow(page)
    await expectAccessible(page, 'the list on a later day with a service’s history')
    await shot('catalogue-history')
  })

  it('retires a service from a later day: it leaves the list from then, and is marked until then', async () => {
    await showOn(daysFromToday(0))
    await row('SELF_CARE').getByRole('link', { name: 'Исключить' }).click()
    await page.getByRole('heading', { name: 'Исключить услугу из перечня', level: 1 }).waitFor()
    await page.getByLabel('Исключить из перечня с').fill(daysFromToday(3))
    await page.getByRole('button', { name: 'Исключить услугу' }).click()
    await page.getByRole('heading', { name: 'Региональный перечень услуг ранней помощи', level: 1 }).waitFor()
    expect(await row('SELF_CARE').textContent()).toContain(`исключается с ${russian(daysFromToday(3))}`)
    await showOn(daysFromToday(3))
    await row('COGNITIVE').waitFor()
    expect(await row('SELF_CARE').count()).toBe(0)
  })

  it('downloads the list on the chosen day as CSV with the edition of that day', async () => {
    await showOn(daysFromToday(14))
    const { name, bytes } = await downloadBy(page, 'Скачать CSV')
    expect(name).toBe(`perechen-uslug-${daysFromToday(14)}.csv`)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text).toContain('SPEECH_GROUP;Групповые занятия по развитию речи;')
    expect(text).not.toContain('SELF_CARE;')
    expect((await downloadBy(page, 'Скачать PDF')).bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })
})
