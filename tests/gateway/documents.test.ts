import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_OPERATOR } from '../../gateway/src/config.js'
import { auditView } from '@hub/subgraph-kit/access/audit'
import { FileQuarterlyReportDocument, RegionalIndicatorsDocument } from '../../schema/__generated__/operations.js'
import { authorizationFor, viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'
import { flat, pdfText } from '../support/pdf.js'
import { insertChildKnownToEverySide, insertPathwayOfChild } from '../support/scenario.js'

const COORDINATOR: TestViewer = { ...viewers.coordinator('regional'), name: 'Петрова Анна Сергеевна' }

describe.each(backends)('printed documents (%s)', (backend) => {
  let hub: Hub
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>
  let pathway: Awaited<ReturnType<typeof insertPathwayOfChild>>

  beforeAll(async () => {
    hub = await startHub(backend)
    fixture = await insertChildKnownToEverySide(hub.databases)
    pathway = await insertPathwayOfChild(hub.databases, fixture)
  })
  afterAll(() => hub?.stop())

  const download = async (path: string, as: TestViewer | null = COORDINATOR) =>
    fetch(hub.gateway.url.replace(/\/graphql$/, path), {
      headers: as ? { authorization: await authorizationFor(as) } : {},
    })

  /** A document the caller may print: a PDF, as text. */
  const printed = async (path: string, as: TestViewer = COORDINATOR) => {
    const response = await download(path, as)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const pdf = Buffer.from(await response.arrayBuffer())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    return { text: flat(await pdfText(pdf)), disposition: response.headers.get('content-disposition') ?? '' }
  }

  const auditedOperations = async (side: 'social' | 'health', childId: string) => {
    const audit = side === 'social' ? auditView(hub.databases.social.db) : auditView(hub.databases.health.db)
    const rows = await audit
      .selectFrom('access_audit')
      .select(['operation', 'categories', 'subject'])
      .where('child_id', '=', childId)
      .execute()
    return rows.map((row) => ({ operation: row.operation, categories: row.categories, subject: row.subject }))
  }

  it('prints the ИПРП in the order of the recommended form, with goals, services, lead, reviews and signatures', async () => {
    const { text, disposition } = await printed(`/documents/programme/${pathway.programme.id}.pdf`)
    expect(disposition).toMatch(/^attachment; filename="iprp-v1-\d{4}-\d{2}-\d{2}\.pdf"$/)
    const order = [
      'Индивидуальная программа ранней помощи',
      '1. Сведения о ребёнке',
      'Соколова Алёна Игоревна',
      '11.02.2025',
      '2. Сведения о семье: родители (законные представители)',
      'Иванова Мария Петровна',
      '3. Заключение о нуждаемости в услугах ранней помощи',
      'Нуждаемость определена 10.08.2026:',
      '4. Поставщик услуг ранней помощи и ведущий специалист',
      fixture.provider.name,
      'Учитель-логопед',
      '5. Сроки реализации программы',
      'до 10.02.2028',
      '6. Цели программы (по МКФ-ДП)',
      'd310',
      'Понимает обращённую речь в быту',
      '7. Перечень услуг ранней помощи',
      'в течение срока реализации программы',
      '8. Оценка эффективности реализации программы',
      'С программой ознакомлен(а)',
      'Родитель (законный представитель)',
      'Ведущий специалист',
      'Руководитель организации',
    ]
    let from = 0
    for (const expected of order) {
      const at = text.indexOf(expected, from)
      expect(at, `«${expected}» after position ${from}`).toBeGreaterThanOrEqual(0)
      from = at + expected.length
    }
    for (const cell of [
      'Промежуточная',
      'd310.3',
      'd310.1',
      'd310.2',
      'DAILY_ROUTINES',
      'На дому',
      'Социальная защита',
      'В группе',
    ]) {
      expect(text).toContain(cell)
    }
    expect(text).toContain(fixture.service.code)
    expect(text).not.toContain('Негосударственные (некоммерческие)')
    expect(text).toContain('Напечатано')
    expect(text).toContain('напечатал(а): Петрова Анна Сергеевна')
    expect(text).toMatch(/Страница 1 из \d/)
    expect(await auditedOperations('social', fixture.child.id)).toContainEqual(
      expect.objectContaining({ operation: 'ProgrammeDocument', categories: expect.arrayContaining(['programme']) }),
    )
  })

  it('prints the referral: who referred, to whom, the grounds, the criteria and the clocks', async () => {
    const { text } = await printed(`/documents/referral/${pathway.referral.id}.pdf`)
    for (const expected of [
      'Направление на получение услуг ранней помощи',
      `№ ${pathway.referral.id}`,
      pathway.referral.from_organisation,
      fixture.provider.name,
      'Соколова Алёна Игоревна',
      '112-233-445 95',
      pathway.referral.reason,
      'IV или V группа здоровья',
      'От получения направления до',
      'определения нуждаемости',
      'Соблюдён',
      'Приостановления сроков',
      'Направление принял (поставщик)',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('prints the consent with every element 152-ФЗ ст. 9 ч. 4 requires of a written consent', async () => {
    const { text } = await printed(`/documents/consent/${fixture.consent.id}.pdf`)
    for (const expected of [
      'Согласие на обработку и передачу персональных данных',
      '152-ФЗ',
      '1. Субъект персональных данных: Соколова Алёна Игоревна, дата рождения 11.02.2025, адрес: ул. Тестовая, д. 1',
      '2. Представитель субъекта персональных данных: Иванова Мария Петровна',
      'паспорт: серия ______ № __________ выдан',
      `3. Оператор персональных данных: ${DEMO_OPERATOR.name}, адрес: ${DEMO_OPERATOR.address}`,
      '4. Цель обработки: Оказание услуг ранней помощи и реализация ИПРП',
      '5. Перечень персональных данных: фамилия, имя, отчество, дата рождения',
      'Сведения о здоровье',
      '6. Действия с персональными данными и способы обработки: сбор, запись',
      '7. Получатель, которому передаются персональные данные: Региональный координатор ранней помощи',
      '8. Срок действия согласия: с',
      '9. Порядок отзыва согласия: согласие может быть отозвано в любое время письменным заявлением',
      `по адресу: ${DEMO_OPERATOR.address}`,
      'Законный представитель',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('prints the child card as the ChildCard query answers it to each caller, never more', async () => {
    const everything = (await printed(`/documents/child-card/${fixture.child.id}.pdf`)).text
    for (const expected of ['Соколова Алёна Игоревна', 'Иванова Мария Петровна', 'Q90.0', 'Заключение ПМПК', 'd310']) {
      expect(everything).toContain(expected)
    }
    expect(everything).not.toContain('нет доступа')

    // Health sees its own diagnoses, but the family's consent names the regional coordinator, not health.
    const health = viewers.specialist('health')
    const asHealth = (await printed(`/documents/child-card/${fixture.child.id}.pdf`, health)).text
    expect(asHealth).toContain('Q90.0')
    expect(asHealth).toMatch(/Семья нет доступа/)
    expect(asHealth).not.toContain('Иванова Мария Петровна')
    expect(asHealth).not.toContain('ул. Тестовая')
    expect(await auditedOperations('health', fixture.child.id)).toContainEqual(
      expect.objectContaining({ operation: 'ChildCard', subject: 'health-specialist' }),
    )

    // Education reads no diagnosis without the family's consent for it.
    const asEducation = (
      await printed(`/documents/child-card/${fixture.child.id}.pdf`, viewers.specialist('education'))
    ).text
    expect(asEducation).toMatch(/Здравоохранение нет доступа/)
    expect(asEducation).not.toContain('Q90.0')
    expect(asEducation).not.toContain('Трисомия')
  })

  it('refuses a caller the query refuses, as the query does, with no PDF', async () => {
    for (const path of [
      `/documents/programme/${pathway.programme.id}.pdf`,
      `/documents/child-card/${fixture.child.id}.pdf`,
      `/documents/consent/${fixture.consent.id}.pdf`,
      `/documents/referral/${pathway.referral.id}.pdf`,
    ]) {
      const analyst = await download(path, viewers.analyst('regional'))
      expect(analyst.status, path).toBe(403)
      expect(analyst.headers.get('content-type')).toContain('application/json')
      const body = (await analyst.json()) as { errors: { extensions: { code: string; rule: string } }[] }
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'CATEGORY_FORBIDDEN' })
      expect((await download(path, null)).status).toBe(401)
    }
    // A provider's staff print only what concerns children referred to them.
    const otherProvider = viewers.specialist('ngo', '00000000-0000-4000-8000-00000000abcd')
    expect((await download(`/documents/programme/${pathway.programme.id}.pdf`, otherProvider)).status).toBe(403)
    expect((await download(`/documents/programme/00000000-0000-4000-8000-000000000000.pdf`)).status).toBe(404)
    expect((await download(`/documents/programme/${pathway.programme.id}.docx`)).status).toBe(404)
    const badPurpose = await fetch(
      hub.gateway.url.replace(/\/graphql$/, `/documents/child-card/${fixture.child.id}.pdf`),
      {
        headers: { authorization: await authorizationFor(COORDINATOR), 'x-access-purpose': 'CURIOSITY' },
      },
    )
    expect(badPurpose.status).toBe(400)
  })

  it('prints a filed quarterly report landscape, with the same table as its XLSX', async () => {
    const live = await hub.run(RegionalIndicatorsDocument, { period: { from: '2026-07-01', to: '2026-09-30' } })
    const filed = await hub.run(FileQuarterlyReportDocument, {
      input: { year: 2026, quarter: 3, definitionVersion: live.regionalIndicators.definitionVersion },
    })
    const { text, disposition } = await printed(`/reports/quarterly/${filed.fileQuarterlyReport.id}.pdf`)
    expect(disposition).toContain(`monitoring-2026-Q3-${live.regionalIndicators.definitionVersion}.pdf`)
    for (const expected of [
      'Мониторинг ранней помощи за 3 квартал 2026 г.',
      'ОКТМО',
      'Итого по региону',
      'Нуждающиеся в',
    ]) {
      expect(text).toContain(expected)
    }
    expect((await download(`/reports/quarterly/${filed.fileQuarterlyReport.id}.pdf`, viewers.public())).status).toBe(
      403,
    )
  })
})
