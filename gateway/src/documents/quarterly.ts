import { facts, grid, printedDocument, renderPdf, type Printing } from './pdf.js'

/** The filed report's table as the exports have it: the same headings and rows, printed landscape. */
export interface ReportTable {
  title: string
  headings: readonly string[]
  rows: readonly (readonly (string | number | null)[])[]
  about: readonly (readonly (string | number | null)[])[]
}

export function quarterlyReportPdf({ title, headings, rows, about }: ReportTable, printing: Printing) {
  const [oktmo, municipality, ...figures] = headings
  return renderPdf(
    printedDocument(
      title,
      [
        { text: title, style: 'title' },
        { text: 'Ежеквартальный мониторинг оказания услуг ранней помощи (поданный отчёт)', style: 'subtitle' },
        facts(about.map(([label, value]) => [String(label), value === null ? '' : String(value)])),
        {
          ...grid([oktmo!, municipality!, ...figures], rows, {
            widths: [38, 70, ...figures.map(() => '*')],
            fontSize: 6.5,
          }),
          margin: [0, 10, 0, 0],
        },
        {
          text: '«<5» — значение от 1 до 4, скрытое от аналитиков; пустая ячейка процента — нет детей в знаменателе.',
          style: 'note',
          margin: [0, 6, 0, 0],
        },
      ],
      printing,
      { landscape: true },
    ),
  )
}
