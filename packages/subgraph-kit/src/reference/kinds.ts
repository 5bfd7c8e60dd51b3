import type { ErrorRule } from '@hub/platform/error-rules'
import type { ReferenceChange } from './diff.js'
import { missingColumns, type FileProblem, type FileTable } from './file.js'
import type { ReferenceDatabase } from './tables.js'

/** A value a dictionary's entry carries besides its code and name: what JSON holds. */
export type ReferenceValue =
  string | number | boolean | null | readonly ReferenceValue[] | { readonly [key: string]: ReferenceValue }

/** The attributes of a kind's entries (a municipality's remoteness, a provider's ИНН, a boundary's geometry, …). */
export type ReferenceAttributes = Readonly<Record<string, ReferenceValue>>

/**
 * One entry of a dictionary as a file states it: its code, its name, its parent's code, whether it is in force, and
 * the attributes its kind keeps (none for МКБ-10 and МКФ-ДП). Each version keeps the attributes it had.
 */
export interface ReferenceEntry {
  code: string
  name: string
  parentCode: string | null
  active: boolean
  attributes?: ReferenceAttributes
}

/** What a file holds for a dictionary: its entries (with the row each came from) and the problems found in it. */
export interface ReadEntries {
  entries: (ReferenceEntry & { row: number })[]
  problems: FileProblem[]
}

/**
 * A kind of dictionary a subgraph keeps and imports from an official file (МКБ-10 in health, МКФ-ДП in social, …).
 * The kit does the rest: versions, the dry run's report, the transaction, the history.
 */
export interface ReferenceKind {
  /** The key of the kind in the schema, the CLI and the tables (`icd10`). */
  code: string
  /** Its short Russian name (`МКБ-10`). */
  name: string
  /** The official title of the dictionary. */
  title: string
  /** Where a region gets the file, in Russian (the screen and the CLI show it). */
  source: string
  /** The formats its file may come in. */
  formats: readonly FileTable['format'][]
  /** The entries of a file read as a table. */
  read(table: FileTable): ReadEntries
  /** The Russian names of the attributes, for the report's lines (`remote` → «отдалённый»). */
  attributeLabels?: Readonly<Record<string, string>>
  /**
   * What part of the dictionary an entry belongs to, when a file covers only some parts (the population of one year,
   * the calendar of one year): an entry held in a part the file does not touch stays as it is instead of being retired.
   * Absent: every file is the whole dictionary.
   */
  scope?(code: string): string
  /**
   * The problems of a file's entries that only the side's own records show (a municipality it does not know, a
   * boundary that overlaps another), found before anything is written; each refuses the whole file.
   */
  check?(db: ReferenceDatabase, entries: ReadEntries['entries']): Promise<FileProblem[]>
  /**
   * Carries an applied import's changes into the side's own tables (a municipality's name, a kindergarten), in the
   * import's transaction: the dictionary and the records that use it change together or not at all.
   */
  apply?(trx: ReferenceDatabase, changes: readonly ReferenceChange[], import_: AppliedImport): Promise<void>
}

/** The applied import a kind's `apply` carries into its tables. */
export interface AppliedImport {
  id: string
  /** The day its changes are in force from. */
  validFrom: string
}

/** How a dictionary's file names its columns, for `readCodedRows`. */
export interface CodedColumns {
  code: string
  name: string
  /** The rule a code's form must meet, after the letters are put in the dictionary's case (МКБ-10 upper, МКФ-ДП lower). */
  format: { pattern: RegExp; rule: ErrorRule; letters: 'upper' | 'lower' }
  /** The record's own id, when parents are named by id (НСИ: `ID`); else parents are named by code. */
  id?: string
  /** The parent's id or code; empty for a top entry. */
  parent?: string
  /** 1 in force, 0 not (НСИ: `ACTUAL`); absent: every entry is in force. */
  active?: string
}

const FLAGS: Readonly<Record<string, boolean>> = { '1': true, '0': false, TRUE: true, FALSE: false }

/**
 * The entries of the common shape of an official dictionary (a code, a name, a parent, a flag of being in force),
 * with every problem: a missing column, an empty value, a code of the wrong form, a code twice, a parent the file
 * does not hold, a flag other than 1 or 0.
 */
export function readCodedRows(table: FileTable, columns: CodedColumns): ReadEntries {
  const required = [columns.code, columns.name, columns.id, columns.parent, columns.active].filter(
    (column): column is string => column !== undefined,
  )
  const missing = missingColumns(
    table,
    required.filter((column) => column !== columns.parent),
  )
  if (missing.length > 0) return { entries: [], problems: missing }
  const inCase = (code: string) => (columns.format.letters === 'upper' ? code.toUpperCase() : code.toLowerCase())
  const problems: FileProblem[] = []
  const seen = new Map<string, number>()
  const codeById = new Map<string, string>()
  const entries: ReadEntries['entries'] = []
  const parents: { entry: ReferenceEntry & { row: number }; parent: string }[] = []
  for (const { row, values } of table.rows) {
    const rowProblems: FileProblem[] = []
    const required = (column: string) => {
      const value = values[column] ?? ''
      if (value === '') rowProblems.push({ row, column, rule: 'REFERENCE_REQUIRED' })
      return value
    }
    const code = inCase(required(columns.code))
    const name = required(columns.name).replace(/\s+/g, ' ')
    const id = columns.id === undefined ? code : required(columns.id)
    if (code !== '' && !columns.format.pattern.test(code)) {
      rowProblems.push({ row, column: columns.code, rule: columns.format.rule })
    }
    const earlier = seen.get(code)
    if (code !== '' && earlier !== undefined) {
      rowProblems.push({ row, column: columns.code, rule: 'REFERENCE_DUPLICATE', params: { code, row: earlier } })
    }
    let active = true
    if (columns.active !== undefined) {
      const flag = FLAGS[(values[columns.active] ?? '').toUpperCase()]
      if (flag === undefined) rowProblems.push({ row, column: columns.active, rule: 'REFERENCE_FLAG' })
      else active = flag
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems)
      continue
    }
    seen.set(code, row)
    codeById.set(id, code)
    const entry: ReferenceEntry & { row: number } = { row, code, name, parentCode: null, active }
    entries.push(entry)
    const parent = columns.parent === undefined ? '' : (values[columns.parent] ?? '')
    if (parent !== '') parents.push({ entry, parent })
  }
  for (const { entry, parent } of parents) {
    const parentCode = columns.id === undefined ? inCase(parent) : codeById.get(parent)
    if (parentCode === undefined || (columns.id === undefined && !seen.has(parentCode))) {
      problems.push({ row: entry.row, column: columns.parent!, rule: 'REFERENCE_PARENT_UNKNOWN', params: { parent } })
    } else entry.parentCode = parentCode
  }
  return { entries, problems }
}
