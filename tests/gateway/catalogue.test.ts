import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChangeServiceTypeDocument, ServiceCatalogueDocument } from '../../schema/__generated__/operations.js'
import { authorizationFor, viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { daysFromToday } from '@hub/testing/writes'
import { startHub, type Hub } from '../support/hub.js'
import { flat, pdfText } from '../support/pdf.js'

const HEADINGS = [
  'Код услуги',
  'Наименование услуги',
  'Вид услуги',
  'Описание',
  'Продолжительность, мин',
  'Периодичность',
  'Дистанционно',
  'Обязательные специалисты',
  'Редакция действует с',
]

/** 2026-12-07 as the downloads write a day. */
const russian = (day: string) => day.split('-').reverse().join('.')

describe.each(backends)('the public list of services downloaded (%s)', (backend) => {
  let hub: Hub
  const changedOn = daysFromToday(14)

  beforeAll(async () => {
    hub = await startHub(backend)
    await hub.run(ChangeServiceTypeDocument, {
      input: {
        code: 'MOBILITY',
        edition: {
          effectiveFrom: changedOn,
          name: 'Содействие развитию мобильности ребёнка; позиционирование',
          description: 'Развитие движений; подбор средств передвижения.',
          standardDurationMinutes: 60,
          standardFrequency: '2 раза в неделю',
          remoteAllowed: true,
          requiredRoles: ['ADAPTIVE_PE_INSTRUCTOR', 'OCCUPATIONAL_THERAPIST'],
        },
      },
    })
  })
  afterAll(() => hub?.stop())

  const download = async (file: string, as: TestViewer | null = viewers.public()) =>
    fetch(hub.gateway.url.replace(/\/graphql$/, `/catalogue/${file}`), {
      headers: as ? { authorization: await authorizationFor(as) } : {},
    })

  const csvLines = async (file: string) => {
    const response = await download(file)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    return {
      disposition: response.headers.get('content-disposition'),
      lines: bytes.subarray(3).toString('utf8').trimEnd().split('\r\n'),
    }
  }

  it('downloads the list in force today as CSV for the public reader, with the services the query returns', async () => {
    const { disposition, lines } = await csvLines('services.csv')
    expect(disposition).toBe(`attachment; filename="perechen-uslug-${daysFromToday(0)}.csv"`)
    expect(lines[0]!.split(';')).toEqual(HEADINGS)
    const listed = (await hub.run(ServiceCatalogueDocument, {})).serviceTypes
    expect(lines).toHaveLength(listed.length + 1)
    expect(lines).toContain(
      'MOBILITY;Содействие развитию мобильности ребёнка;Услуга, оказываемая по ИПРП;' +
        'Развитие движений и передвижения, позиционирование, подбор средств передвижения.;45;1–2 раза в неделю;нет;' +
        'Инструктор по адаптивной физической культуре;01.01.2000',
    )
  })

  it('downloads the edition in force on a later day, quoting a field that holds the separator', async () => {
    const { lines } = await csvLines(`services.csv?on=${changedOn}`)
    expect(lines).toContain(
      'MOBILITY;"Содействие развитию мобильности ребёнка; позиционирование";Услуга, оказываемая по ИПРП;' +
        '"Развитие движений; подбор средств передвижения.";60;2 раза в неделю;допускается;' +
        `Инструктор по адаптивной физической культуре, Эрготерапевт;${russian(changedOn)}`,
    )
  })

  it('downloads the list as XLSX with the same headings and rows', async () => {
    const response = await download(`services.xlsx?on=${changedOn}`)
    expect(response.status).toBe(200)
    const sheets = await readXlsxFile(Buffer.from(await response.arrayBuffer()))
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Перечень услуг', 'Сведения'])
    const [headings, ...rows] = sheets[0]!.data
    expect(headings).toEqual(HEADINGS)
    expect(rows.find((row) => row[0] === 'MOBILITY')).toEqual([
      'MOBILITY',
      'Содействие развитию мобильности ребёнка; позиционирование',
      'Услуга, оказываемая по ИПРП',
      'Развитие движений; подбор средств передвижения.',
      60,
      '2 раза в неделю',
      'допускается',
      'Инструктор по адаптивной физической культуре, Эрготерапевт',
      russian(changedOn),
    ])
    expect(sheets[1]!.data).toContainEqual(['В редакции на дату', russian(changedOn)])
  })

  it('prints the list as a PDF with its day, every service and who printed it', async () => {
    const response = await download(`services.pdf?on=${changedOn}`, {
      ...viewers.coordinator('regional'),
      name: 'Орлова Марина Сергеевна',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const text = flat(await pdfText(Buffer.from(await response.arrayBuffer())))
    expect(text).toContain('Региональный перечень услуг ранней помощи')
    expect(text).toContain(`в редакции, действующей на ${russian(changedOn)}`)
    expect(text).toContain('Услуг в перечне 13')
    for (const code of ['NEED_DETERMINATION', 'MOBILITY', 'PARENT_GROUP']) expect(text).toContain(code)
    expect(text).toContain('2 раза в неделю')
    expect(text).toContain('напечатал(а): Орлова Марина Сергеевна')
  })

  it('refuses a caller without a token, an unknown file and a malformed day', async () => {
    expect((await download('services.csv', null)).status).toBe(401)
    expect((await download('services.ods')).status).toBe(404)
    const malformed = await download('services.csv?on=2026-02-30')
    expect(malformed.status).toBe(400)
    const body = (await malformed.json()) as { errors: { extensions: { code: string } }[] }
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT')
  })
})
