import writeXlsxFile from 'write-excel-file/browser'
import { russianCsv } from '../shared/tabular-file'
import { formatDate } from './labels'
import type { QueueRow } from './queues'

/** The columns of every queue's table and of its exports, with their Russian headings. */
export const QUEUE_COLUMNS: readonly { heading: string; value: (row: QueueRow) => string }[] = [
  { heading: 'Ребёнок', value: (row) => row.child },
  { heading: 'Муниципальное образование', value: (row) => row.municipality },
  { heading: 'Поставщик', value: (row) => row.provider },
  { heading: 'Состояние', value: (row) => row.status },
  { heading: 'Срок', value: (row) => formatDate(row.dueOn) },
  { heading: 'Подробности', value: (row) => row.details },
]

export function save(blob: Blob, name: string) {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  link.click()
  URL.revokeObjectURL(link.href)
}

/** A queue's rows as CSV for a spreadsheet set to Russian. */
export function queueCsv(rows: readonly QueueRow[]) {
  return russianCsv([
    QUEUE_COLUMNS.map((column) => column.heading),
    ...rows.map((row) => QUEUE_COLUMNS.map((c) => c.value(row))),
  ])
}

export function saveCsv(rows: readonly QueueRow[], name: string) {
  save(new Blob([queueCsv(rows)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`)
}

export async function saveXlsx(rows: readonly QueueRow[], name: string) {
  const data = [
    QUEUE_COLUMNS.map((column) => ({ value: column.heading, fontWeight: 'bold' as const })),
    ...rows.map((row) => QUEUE_COLUMNS.map((column) => ({ value: column.value(row) }))),
  ]
  const blob = await writeXlsxFile(data, { sheet: 'Рабочий список' }).toBlob()
  save(blob, `${name}.xlsx`)
}
