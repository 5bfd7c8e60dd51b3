import { facts, formatDate, grid, printedDocument, renderPdf, type Printing } from './pdf.js'

/** The regional list as its downloads have it: the same headings and rows, printed landscape. */
export interface CatalogueTable {
  on: string
  headings: readonly string[]
  rows: readonly (readonly (string | number | null)[])[]
}

export const CATALOGUE_TITLE = 'Региональный перечень услуг ранней помощи'

/** The public list of services on a day: a page for the region's official site. */
export function cataloguePdf({ on, headings, rows }: CatalogueTable, printing: Printing) {
  const table = grid(headings, rows, {
    widths: [84, 112, 56, '*', 74, 54, 50, 88, 50],
    fontSize: 7,
    empty: 'На эту дату в перечне нет услуг',
  })
  // The headings in the rows' size: nine columns across a landscape page leave a long heading no more room.
  table.table.body[0] = headings.map((text) => ({ text, style: 'tableHeader', fontSize: 7 }))
  return renderPdf(
    printedDocument(
      CATALOGUE_TITLE,
      [
        { text: CATALOGUE_TITLE, style: 'title' },
        { text: `в редакции, действующей на ${formatDate(on)}`, style: 'subtitle' },
        facts([['Услуг в перечне', String(rows.length)]]),
        { ...table, margin: [0, 8, 0, 0] },
      ],
      printing,
      { landscape: true },
    ),
  )
}
