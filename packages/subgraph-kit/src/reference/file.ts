import type { ErrorRule } from '@hub/platform/error-rules'

/** One refusal of a file's content: the row (a CSV line, the header being 1; a JSON record, from 1), the column, the rule. */
export interface FileProblem {
  row: number
  column: string | null
  rule: ErrorRule
  params?: Readonly<Record<string, string | number>>
}

/**
 * A file as a table: its column names (upper case, as the official exports spell them) and its rows. A GeoJSON
 * FeatureCollection is a table too: a row per feature, its properties the columns and its geometry, as JSON text,
 * the column `GEOMETRY`.
 */
export interface FileTable {
  format: 'JSON' | 'CSV' | 'GeoJSON'
  columns: ReadonlySet<string>
  rows: readonly { row: number; values: Readonly<Record<string, string>> }[]
}

/** The arrays under which a JSON export may hold its records, besides being an array itself. */
const RECORD_ARRAYS = ['records', 'data', 'list', 'rows', 'items']

function cellText(value: unknown) {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? '1' : '0'
  return typeof value === 'object' ? JSON.stringify(value) : String(value).trim()
}

/**
 * A record of a JSON export: an object of columns to values, or the НСИ API's list of `{ column, value }` pairs.
 */
function jsonRecord(item: unknown): Record<string, string> | null {
  if (Array.isArray(item)) {
    const pairs = item.filter(
      (pair): pair is { column: unknown; value: unknown } =>
        typeof pair === 'object' && pair !== null && 'column' in pair,
    )
    return Object.fromEntries(pairs.map((pair) => [String(pair.column).trim().toUpperCase(), cellText(pair.value)]))
  }
  if (typeof item !== 'object' || item === null) return null
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key.trim().toUpperCase(), cellText(value)]))
}

function readJson(text: string): FileTable | FileProblem {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return {
      row: 1,
      column: null,
      rule: 'REFERENCE_FILE_FORMAT',
      params: { reason: 'текст начинается как JSON, но не разбирается как JSON' },
    }
  }
  const container = parsed as Record<string, unknown> | null
  if (container?.type === 'FeatureCollection' && Array.isArray(container.features))
    return readFeatures(container.features)
  const items = Array.isArray(parsed)
    ? parsed
    : typeof container === 'object' && container !== null
      ? (RECORD_ARRAYS.map((key) => container[key]).find(Array.isArray) ?? Object.values(container).find(Array.isArray))
      : undefined
  if (!items) {
    return {
      row: 1,
      column: null,
      rule: 'REFERENCE_FILE_FORMAT',
      params: { reason: 'нет массива записей (records, data, list)' },
    }
  }
  const columns = new Set<string>()
  const rows = items.map((item, index) => {
    const values = jsonRecord(item) ?? {}
    for (const column of Object.keys(values)) columns.add(column)
    return { row: index + 1, values }
  })
  return { format: 'JSON', columns, rows }
}

/** A GeoJSON FeatureCollection's features as rows: the properties, and the geometry as JSON text under `GEOMETRY`. */
function readFeatures(features: readonly unknown[]): FileTable {
  const columns = new Set<string>(['GEOMETRY'])
  const rows = features.map((feature, index) => {
    const { properties, geometry } = (typeof feature === 'object' && feature !== null ? feature : {}) as {
      properties?: unknown
      geometry?: unknown
    }
    const values = { ...jsonRecord(properties ?? {}), GEOMETRY: cellText(geometry) }
    for (const column of Object.keys(values)) columns.add(column)
    return { row: index + 1, values }
  })
  return { format: 'GeoJSON', columns, rows }
}

/** The fields of one CSV line after the header's delimiter, with RFC 4180 quotes; `next` is where the next line begins. */
function csvLines(text: string, delimiter: string) {
  const lines: { line: number; fields: string[] }[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (char === '"') quoted = false
      else {
        if (char === '\n') line += 1
        field += char
      }
    } else if (char === '"' && field === '') quoted = true
    else if (char === delimiter) {
      fields.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1
      fields.push(field)
      if (fields.some((value) => value.trim() !== '')) lines.push({ line: start, fields })
      fields = []
      field = ''
      line += 1
      start = line
    } else field += char
  }
  fields.push(field)
  if (fields.some((value) => value.trim() !== '')) lines.push({ line: start, fields })
  return lines
}

function readCsv(text: string): FileTable | FileProblem {
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  const delimiter = [';', ',', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  )
  const [header, ...records] = csvLines(text, delimiter)
  if (!header) return { row: 1, column: null, rule: 'REFERENCE_FILE_EMPTY' }
  const names = header.fields.map((name) => name.trim().toUpperCase())
  const rows = records.map(({ line, fields }) => ({
    row: line,
    values: Object.fromEntries(names.map((name, index) => [name, (fields[index] ?? '').trim()])),
  }))
  return { format: 'CSV', columns: new Set(names), rows }
}

/**
 * Whether a text holds control characters (other than tab and line ends) that no dictionary's file holds: a file that
 * decodes to them is not text in that encoding.
 */
function hasControlCharacters(text: string) {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)) return true
  }
  return false
}

/**
 * The text of a file: UTF-8, or else Windows-1251, in which Росстат publishes its classifiers (ОКТМО, ОКАТО) and
 * spreadsheets save Russian CSV; null when it is neither.
 */
function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const text = new TextDecoder('windows-1251').decode(bytes)
    return hasControlCharacters(text) ? null : text
  }
}

/**
 * A dictionary's file read as a table: JSON (an array of records, an object holding one, or the НСИ API's lists of
 * `{ column, value }`) or CSV (`;`, `,` or tab, as its header uses; quotes as RFC 4180), UTF-8 with or without a BOM
 * or Windows-1251.
 */
export function readFileTable(bytes: Uint8Array): FileTable | FileProblem {
  const decoded = decodeText(bytes)
  if (decoded === null) {
    return {
      row: 1,
      column: null,
      rule: 'REFERENCE_FILE_FORMAT',
      params: { reason: 'текст не в кодировке UTF-8 или Windows-1251' },
    }
  }
  const text = decoded.replace(/^\uFEFF/, '')
  const start = text.trimStart()[0]
  if (start === undefined) return { row: 1, column: null, rule: 'REFERENCE_FILE_EMPTY' }
  return start === '[' || start === '{' ? readJson(text) : readCsv(text)
}

/** The columns a kind requires that the file lacks, each a problem of the header. */
export function missingColumns(table: FileTable, required: readonly string[]): FileProblem[] {
  return required
    .filter((column) => !table.columns.has(column))
    .map((column) => ({ row: 1, column, rule: 'REFERENCE_COLUMN_MISSING' as const, params: { column } }))
}

/**
 * The reading of one row of a kind's file, each problem found added to `problems`: a value, whether it is filled, a
 * required value (whitespace folded; REFERENCE_REQUIRED when empty), and a value of a closed list or a form that
 * `parse` reads (undefined: refused by `rule`).
 */
export function rowReader(row: number, values: Readonly<Record<string, string>>, problems: FileProblem[]) {
  const problem = (column: string, rule: FileProblem['rule'], params?: FileProblem['params']) =>
    problems.push({ row, column, rule, ...(params ? { params } : {}) })
  const value = (column: string) => values[column] ?? ''
  const filled = (column: string) => value(column) !== ''
  const required = (column: string) => {
    const text = value(column).replace(/\s+/g, ' ')
    if (text === '') problem(column, 'REFERENCE_REQUIRED')
    return text
  }
  const parsed = <T>(column: string, parse: (text: string) => T | undefined, rule: FileProblem['rule']) => {
    const text = required(column)
    const read = parse(text)
    if (text !== '' && read === undefined) problem(column, rule)
    return read
  }
  return { problem, value, filled, required, parsed }
}
