import { readSheet } from 'read-excel-file/universal'

/**
 * A region's spreadsheet as rows of text, whatever it was saved as: XLSX (its first sheet), or CSV with ';' or ','
 * between fields in UTF-8 (with or without a byte-order mark) or windows-1251, the two encodings Russian spreadsheets
 * are saved in. Shared by the screens and the `npm run import` command, so that a file reads the same in both.
 */
export interface TabularFile {
  /** The first non-empty row: the file's headings. */
  headings: string[]
  /** The rows under it that hold any value, each with its line in the file (the headings' line is the first). */
  rows: { line: number; values: string[] }[]
}

/** The encoding of a CSV file's bytes: UTF-8 where they decode as UTF-8, else windows-1251. */
export function csvEncoding(bytes: Uint8Array): 'utf-8' | 'windows-1251' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return 'utf-8'
  } catch {
    return 'windows-1251'
  }
}

/** The separator of a CSV text: ';' or ',', whichever its first line holds more of outside quotes. */
export function csvSeparator(text: string): ';' | ',' {
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && char === ';') semicolons += 1
    else if (!quoted && char === ',') commas += 1
  }
  return commas > semicolons ? ',' : ';'
}

/** The records of a CSV text (RFC 4180: quoted fields may hold separators, quotes doubled, and line breaks). */
export function parseCsv(text: string, separator = csvSeparator(text)): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!
    if (quoted) {
      if (char !== '"') field += char
      else if (text[i + 1] === '"') {
        field += '"'
        i += 1
      } else quoted = false
    } else if (char === '"') quoted = true
    else if (char === separator) {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += char
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** A spreadsheet cell as text: a date as YYYY-MM-DD, a number as written without exponent. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value)
  return String(value)
}

function table(records: readonly (readonly unknown[])[]): TabularFile {
  const lines = records.map((record, index) => ({ line: index + 1, values: record.map(cellText) }))
  const filled = lines.filter((line) => line.values.some((value) => value.trim() !== ''))
  const [headings, ...rows] = filled
  return { headings: (headings?.values ?? []).map((heading) => heading.trim()), rows }
}

/** Reads an XLSX or CSV file by its name's extension. */
export async function readTabularFile(name: string, bytes: ArrayBuffer): Promise<TabularFile> {
  if (/\.xlsx$/i.test(name)) return table(await readSheet(bytes))
  if (!/\.csv$/i.test(name)) throw new Error(`${name}: the file must be .xlsx or .csv`)
  const view = new Uint8Array(bytes)
  const text = new TextDecoder(csvEncoding(view)).decode(view).replace(/^\uFEFF/, '')
  return table(parseCsv(text))
}

/** The SHA-256 of a file's bytes in hex, by which an import knows the same file again. */
export async function sha256Hex(bytes: ArrayBuffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
