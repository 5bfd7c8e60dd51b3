import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { PrintedChildFieldsFragment } from '@hub/schema/operations'
import type { AnswerError } from '../caller-operation.js'
import type { EnumLabels } from '@hub/platform/enum-labels'
import type { TokenVerifier } from '@hub/platform/auth/tokens'
import { regionTimeZone } from '@hub/platform/region-time'
import type { Operator } from './consent.js'
import type * as PdfMake from 'pdfmake'
import type { Column, Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js'

const require = createRequire(import.meta.url)
const pdfmake = require('pdfmake') as typeof PdfMake

/**
 * Roboto with its Cyrillic glyphs ships inside the pdfmake package; the files are read from there, by a path resolved
 * like any package, so a bundled gateway (its packages left in node_modules) finds them too and nothing is fetched.
 */
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto')
const ROBOTO = {
  normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
  bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
  italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
  bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
}
const FONT_FILES = new Set(Object.values(ROBOTO))

pdfmake.setFonts({ Roboto: ROBOTO })
// A document names no image or file of its own: nothing but the fonts is read, and nothing from the network.
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path))

/** Who printed a document and when: every page's footer says it. */
export interface Printing {
  by: string
  at: Date
}

/** The person the caller's token names (the `name` claim, else its subject), printing now. */
export async function printingFor(verifier: TokenVerifier, authorization: string | undefined): Promise<Printing> {
  const viewer = await verifier.verify(authorization)
  return { by: viewer.name ?? viewer.subject, at: new Date() }
}

/**
 * What a layout prints besides its record: the errors of the record's parts, the enum terms (alone, and with what each
 * covers), the operator the consent names and who prints.
 */
export interface LayoutContext {
  errors: readonly AnswerError[]
  label: EnumLabels
  described: EnumLabels
  operator: Operator
  printing: Printing
}

/** What a part the caller may not read, or one whose side did not answer, shows instead of its content. */
export const NO_ACCESS = 'нет доступа'
export const UNAVAILABLE = 'сведения недоступны'
/**
 * What a part of the answer prints instead of itself when an error is about it, about a part of it or about what holds
 * it: «нет доступа» for a refusal, «сведения недоступны» for anything else (a side that did not answer); null when the
 * part came without error.
 */
export function missingPart(errors: readonly AnswerError[], path: readonly (string | number)[]) {
  const error = errors.find(
    (candidate) =>
      candidate.path !== undefined && candidate.path.slice(0, path.length).every((step, index) => step === path[index]),
  )
  if (!error) return null
  return error.extensions?.code === 'FORBIDDEN' ? NO_ACCESS : UNAVAILABLE
}

/** A line to be filled in by hand on the paper. */
export const BLANK = '________________________'

/** A formatter of moments in the region's time zone, whatever the zone of the machine the gateway runs on. */
function inRegion(options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat('ru-RU', { ...options, timeZone: regionTimeZone() })
}

/** `2026-03-01` (or a moment, on the region's calendar) as `01.03.2026`; an empty value as a dash. */
export function formatDate(value: string | null | undefined) {
  if (!value) return '—'
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return day
    ? `${day[3]}.${day[2]}.${day[1]}`
    : inRegion({ day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(value))
}

/** A day that may be missing, as `01.03.2026`, or nothing (an empty cell). */
export const dayOrBlank = (value: string | null | undefined) => (value ? formatDate(value) : '')

/** A term from one day, to another or open-ended: «с 01.03.2026 по 31.05.2026», «с 01.03.2026». */
export const period = (from: string, to: string | null | undefined) =>
  `с ${formatDate(from)}${to ? ` по ${formatDate(to)}` : ''}`

/** A moment as the region's `01.03.2026 14:05`. */
export function formatMoment(value: Date) {
  return `${formatDate(value.toISOString())} ${inRegion({ hour: '2-digit', minute: '2-digit' }).format(value)}`
}

export function heading(text: string): Content {
  return { text, style: 'heading' }
}

type Fact = readonly [label: string, value: string | null | undefined]

/** A two-column table of labelled facts: the label on the left, the value on the right. */
export function facts(rows: readonly Fact[]): ContentTable {
  return {
    table: {
      widths: [170, '*'],
      body: rows.map(([label, value]) => [{ text: label, style: 'label' }, value || '—']),
    },
    layout: 'noBorders',
  }
}

/** The child a document is about, as its first facts. */
export function childFacts(child: PrintedChildFieldsFragment): Fact[] {
  return [
    ['Фамилия, имя, отчество', child.fullName],
    ['Дата рождения', formatDate(child.birthDate)],
    ['СНИЛС', child.snils ?? 'не оформлен'],
    ['Муниципальное образование', child.municipality.name],
  ]
}

/** A table with a bold heading row repeated on every page; an empty list prints one row saying so. */
export function grid(
  headings: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  options: { widths?: (number | string)[]; empty?: string; fontSize?: number } = {},
): ContentTable {
  const cell = (value: string | number | null): TableCell => (value === null ? '' : String(value))
  const body: TableCell[][] = [
    headings.map((text) => ({ text, style: 'tableHeader' })),
    ...(rows.length > 0
      ? rows.map((row) => row.map(cell))
      : [
          [
            { text: options.empty ?? 'нет', colSpan: headings.length, italics: true },
            ...headings.slice(1).map(() => ''),
          ],
        ]),
  ]
  return {
    table: { headerRows: 1, widths: options.widths ?? headings.map(() => '*'), body, dontBreakRows: true },
    fontSize: options.fontSize,
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 8],
  }
}

/** A line to sign or write on and, under it, what goes there. */
const signatureField = (line: string, caption: string, width: number | string): Column => ({
  width,
  alignment: 'center',
  stack: [line, { text: caption, fontSize: 7.5, color: '#444444' }],
})

/**
 * Signature lines: who signs, on a line of its own however long, then the signature, the name (or a line for it) and the
 * date, each over its caption.
 */
export function signatures(signers: readonly { role: string; name?: string | null }[]): Content {
  return {
    margin: [0, 16, 0, 0],
    unbreakable: true,
    stack: signers.map(({ role, name }) => ({
      margin: [0, 0, 0, 14],
      stack: [
        { text: role, margin: [0, 0, 0, 12] },
        {
          columnGap: 16,
          columns: [
            signatureField('____________________', '(подпись)', 120),
            signatureField(name || BLANK, '(ФИО)', '*'),
            signatureField('«___» ____________ 20___ г.', '(дата)', 150),
          ],
        },
      ],
    })),
  }
}

/**
 * A printed document of the hub: A4, Roboto, the title on top and, on every page, who printed it and when and the
 * page number.
 */
export function printedDocument(
  title: string,
  content: Content[],
  printing: Printing,
  options: { landscape?: boolean } = {},
): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: options.landscape ? 'landscape' : 'portrait',
    pageMargins: [40, 40, 40, 50],
    info: { title, creator: 'Межведомственный хаб ранней помощи', producer: 'pdfmake' },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, alignment: 'center', margin: [0, 0, 0, 12] },
      heading: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      label: { color: '#444444' },
      tableHeader: { bold: true, fontSize: 9 },
      note: { fontSize: 9, color: '#333333' },
    },
    content,
    footer: (page: number, pages: number) => ({
      margin: [40, 16, 40, 0],
      fontSize: 8,
      color: '#555555',
      columns: [
        { text: `Напечатано ${formatMoment(printing.at)}; напечатал(а): ${printing.by}` },
        { text: `Страница ${page} из ${pages}`, alignment: 'right', width: 100 },
      ],
    }),
  }
}

export function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf(definition).getBuffer()
}
