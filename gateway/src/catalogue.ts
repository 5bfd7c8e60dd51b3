import type { Express, Request, Response } from 'express'
import { print } from 'graphql'
import writeXlsxFile from 'write-excel-file/node'
import { ServiceCatalogueDocument, type ServiceCatalogueQuery } from '@hub/schema/operations'
import { enumLabels, type EnumLabels } from '@hub/platform/enum-labels'
import type { TokenVerifier } from '@hub/platform/auth/tokens'
import { regionDay } from '@hub/platform/region-time'
import { refuseFileName, runForCaller } from './caller-operation.js'
import { CATALOGUE_TITLE, cataloguePdf } from './documents/catalogue.js'
import { formatDate, printingFor } from './documents/pdf.js'
import { toCsv } from '@hub/platform/csv'
import type { Value } from './reports.js'

type Service = ServiceCatalogueQuery['serviceTypes'][number]

const SERVICE_CATALOGUE = print(ServiceCatalogueDocument)

/** The list's columns, headed by the terms of the Минтруд recommendations' list of services. */
const COLUMNS: readonly [heading: string, value: (service: Service, label: EnumLabels) => Value][] = [
  ['Код услуги', (s) => s.code],
  ['Наименование услуги', (s) => s.name],
  ['Вид услуги', (s, label) => label('ServiceKind', s.kind)],
  ['Описание', (s) => s.description],
  ['Продолжительность, мин', (s) => s.standardDurationMinutes],
  ['Периодичность', (s) => s.standardFrequency],
  ['Дистанционно', (s) => (s.remoteAllowed ? 'допускается' : 'нет')],
  ['Обязательные специалисты', (s, label) => s.requiredRoles.map((role) => label('SpecialistRole', role)).join(', ')],
  ['Редакция действует с', (s) => formatDate(s.effectiveFrom)],
]

const HEADINGS = COLUMNS.map(([heading]) => heading)

const rowsOf = (services: readonly Service[], label: EnumLabels) =>
  services.map((service) => COLUMNS.map(([, value]) => value(service, label)))

/**
 * Downloads of the regional list of services on a day, `GET /catalogue/services.csv`, `.xlsx` or `.pdf`
 * (`?on=YYYY-MM-DD`, today in the region by default): the public list the region publishes on its official site. The
 * list comes from the committed ServiceCatalogue operation run through this gateway's own endpoint with the caller's
 * token, as the report downloads do; the list is public, so a public reader's token opens it too.
 */
export function mountCatalogueExports(
  app: Express,
  graphqlUrl: () => string,
  supergraphSdl: string,
  verifier: TokenVerifier,
) {
  const label = enumLabels(supergraphSdl)
  app.get('/catalogue/:file', async (req: Request, res: Response) => {
    const format = /^services\.(csv|xlsx|pdf)$/.exec(String(req.params.file))?.[1]
    if (!format) {
      refuseFileName(res, 'service type', 'services.csv, services.xlsx or services.pdf')
      return
    }
    const on = typeof req.query.on === 'string' && req.query.on !== '' ? req.query.on : regionDay()
    const answer = await runForCaller(
      req,
      res,
      graphqlUrl(),
      {
        query: SERVICE_CATALOGUE,
        variables: { on },
        record: (data: ServiceCatalogueQuery) => data.serviceTypes,
      },
      { what: 'list of services' },
    )
    if (!answer) return
    const rows = rowsOf(answer.record, label)
    res.setHeader('content-disposition', `attachment; filename="perechen-uslug-${on}.${format}"`)
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(toCsv([HEADINGS, ...rows]))
    } else if (format === 'xlsx') {
      const data = [HEADINGS.map((value) => ({ value, fontWeight: 'bold' as const })), ...rows]
      const about = [
        ['Перечень', CATALOGUE_TITLE],
        ['В редакции на дату', formatDate(on)],
        ['Услуг в перечне', rows.length],
      ]
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(
        await writeXlsxFile([
          { sheet: 'Перечень услуг', data, stickyRowsCount: 1 },
          { sheet: 'Сведения', data: about },
        ]).toBuffer(),
      )
    } else {
      res
        .type('application/pdf')
        .send(
          await cataloguePdf({ on, headings: HEADINGS, rows }, await printingFor(verifier, req.headers.authorization)),
        )
    }
  })
}
