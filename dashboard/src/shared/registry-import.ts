import type {
  RegistryImportCellsInput,
  RegistryImportFieldsFragment,
  RegistryImportRowFieldsFragment,
} from '../../../schema/__generated__/operations.js'
import { toCsv } from '@hub/platform/csv'
import type { TabularFile } from './tabular-file.js'

export type RegistryField = keyof RegistryImportCellsInput

/**
 * The headings of the project's registry template, one per field of the hub: the default mapping of a file's columns
 * (a heading of the file that equals one of these, case and spaces aside, fills that field), and the field's name on
 * the screen and in the error report.
 */
export const REGISTRY_TEMPLATE: Readonly<Record<RegistryField, string>> = {
  childLastName: 'Фамилия ребёнка',
  childFirstName: 'Имя ребёнка',
  childPatronymic: 'Отчество ребёнка',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  snils: 'СНИЛС',
  municipality: 'ОКТМО',
  address: 'Адрес семьи',
  memberLastName: 'Фамилия члена семьи',
  memberFirstName: 'Имя члена семьи',
  memberPatronymic: 'Отчество члена семьи',
  memberBirthDate: 'Дата рождения члена семьи',
  memberKinship: 'Родство',
  representation: 'Законный представитель',
  representationDocument: 'Документ-основание',
  representationFrom: 'Представитель с',
  phone: 'Телефон',
  email: 'Электронная почта',
  criterion: 'Критерий',
  criterionDocument: 'Документ критерия',
  criterionDate: 'Дата документа',
  criterionTo: 'Критерий действует по',
  status: 'Статус',
  statusReason: 'Причина выбытия',
  referralProvider: 'Направлен к поставщику (ОГРН или ИНН)',
  referralFrom: 'Кто направил',
  referralReceivedOn: 'Направление получено',
  referralReason: 'Причина направления',
  referralAcceptedOn: 'Направление принято',
  needDeterminedOn: 'Нуждаемость определена',
  programmeSignedOn: 'ИПРП подписана',
  programmeLead: 'Ведущий специалист ИПРП',
  programmeGoal: 'Цель ИПРП (код МКФ-ДП)',
  programmeGoalBaseline: 'Цель: исходная оценка',
  programmeGoalTarget: 'Цель: ожидаемая оценка',
  programmeGoalText: 'Цель: описание',
  programmeService: 'Услуга ИПРП (код)',
  programmeSessions: 'Занятий в месяц',
  programmeMinutes: 'Длительность занятия, мин',
  programmeMode: 'Форма занятий',
}

export const REGISTRY_FIELDS = Object.keys(REGISTRY_TEMPLATE) as RegistryField[]

/** A file's column for each field of the hub (by the column's heading); a field without one stays empty. */
export type RegistryMapping = Partial<Record<RegistryField, string>>

const heading = (text: string) => text.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim()

/** The default mapping of a file: each field to the file's heading that is the template's heading of that field. */
export function defaultMapping(headings: readonly string[]): RegistryMapping {
  const mapping: RegistryMapping = {}
  for (const field of REGISTRY_FIELDS) {
    const found = headings.find((candidate) => heading(candidate) === heading(REGISTRY_TEMPLATE[field]))
    if (found !== undefined) mapping[field] = found
  }
  return mapping
}

/**
 * A mapping read from a JSON file (`{"childLastName": "Фамилия", …}`, fields of the hub to the file's headings) over
 * the default one; a field the JSON does not know or a heading the file lacks is refused with its name.
 */
export function customMapping(headings: readonly string[], json: unknown): RegistryMapping {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error('the mapping must be a JSON object of the hub’s fields to the file’s headings')
  const mapping = defaultMapping(headings)
  for (const [field, heading] of Object.entries(json)) {
    if (!(REGISTRY_FIELDS as string[]).includes(field))
      throw new Error(`${field}: no such field; the fields are ${REGISTRY_FIELDS.join(', ')}`)
    if (typeof heading !== 'string' || !headings.includes(heading))
      throw new Error(`${field}: the file has no column «${String(heading)}»`)
    mapping[field as RegistryField] = heading
  }
  return mapping
}

export interface RegistryRow {
  line: number
  cells: RegistryImportCellsInput
}

/**
 * Digits a spreadsheet stored as a number lose their leading zeros: a СНИЛС is 11 digits, an ОКТМО code 8 or 11, an
 * organisation's ИНН 10 (an ОГРН never starts with 0).
 */
function restoreZeros(field: RegistryField, value: string) {
  if (!/^\d+$/.test(value)) return value
  if (field === 'snils' && value.length < 11) return value.padStart(11, '0')
  if (field === 'municipality' && value.length < 8) return value.padStart(8, '0')
  if (field === 'referralProvider' && value.length === 9) return value.padStart(10, '0')
  return value
}

/** The file's rows as the hub's fields, by the mapping. */
export function mapRows(file: TabularFile, mapping: RegistryMapping): RegistryRow[] {
  const columns = REGISTRY_FIELDS.flatMap((field) => {
    const heading = mapping[field]
    const index = heading === undefined ? -1 : file.headings.indexOf(heading)
    return index < 0 ? [] : [{ field, index }]
  })
  return file.rows.map((row) => {
    const cells: RegistryImportCellsInput = {}
    for (const { field, index } of columns) {
      const value = row.values[index]?.trim()
      if (value) cells[field] = restoreZeros(field, value)
    }
    return { line: row.line, cells }
  })
}

export type RowOutcome = RegistryImportRowFieldsFragment

/** What an import sends to the hub: the committed operations, through the screen's or the command's client. */
export interface RegistryImportClient {
  start(input: { fileName: string; fileSha256: string; totalRows: number }): Promise<RegistryImportFieldsFragment>
  send(input: {
    importId: string
    offset: number
    rows: RegistryRow[]
  }): Promise<{ import: RegistryImportFieldsFragment; rows: RowOutcome[] }>
  check(rows: RegistryRow[]): Promise<RowOutcome[]>
}

/** The rows of one batch: one transaction in social, well inside its limit of 500 and the request's size. */
export const BATCH_ROWS = 250

/** Checks every row without writing (a dry run), batch by batch; `progress` hears the rows checked so far. */
export async function checkRegistry(
  client: RegistryImportClient,
  rows: readonly RegistryRow[],
  progress: (done: number) => void = () => {},
) {
  const outcomes: RowOutcome[] = []
  for (let offset = 0; offset < rows.length; offset += BATCH_ROWS) {
    outcomes.push(...(await client.check(rows.slice(offset, offset + BATCH_ROWS))))
    progress(outcomes.length)
  }
  return outcomes
}

/**
 * Imports the rows of a file, continuing the unfinished import of the same file (by its SHA-256) from the rows it has
 * done; `progress` hears the job after each batch.
 */
export async function importRegistry(
  client: RegistryImportClient,
  file: { name: string; sha256: string },
  rows: readonly RegistryRow[],
  progress: (job: RegistryImportFieldsFragment) => void = () => {},
) {
  let job = await client.start({ fileName: file.name, fileSha256: file.sha256, totalRows: rows.length })
  progress(job)
  while (job.finishedAt == null) {
    const batch = await client.send({
      importId: job.id,
      offset: job.rowsDone,
      rows: rows.slice(job.rowsDone, job.rowsDone + BATCH_ROWS),
    })
    job = batch.import
    progress(job)
  }
  return job
}

/** The error report: one line per error of a refused row, with the file's column, the rule and the Russian text. */
export function errorReportCsv(outcomes: readonly RowOutcome[], mapping: RegistryMapping) {
  const column = (field: string | null | undefined) => {
    if (!field || !(field in REGISTRY_TEMPLATE)) return ''
    return mapping[field as RegistryField] ?? REGISTRY_TEMPLATE[field as RegistryField]
  }
  return toCsv([
    ['Строка', 'Столбец', 'Правило', 'Ошибка'],
    ...outcomes.flatMap((outcome) =>
      outcome.errors.map((error) => [String(outcome.line), column(error.column), error.rule, error.message]),
    ),
  ])
}
