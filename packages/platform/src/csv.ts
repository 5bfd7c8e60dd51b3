/** A cell of a CSV: text, a number, or nothing (an empty field). */
export type CsvValue = string | number | null

/**
 * CSV for a spreadsheet set to Russian, the one writer of every CSV download (the filed reports' and the screens'
 * lists): ';' between fields, a decimal comma, UTF-8 with a byte-order mark so that the Cyrillic opens correctly, CRLF
 * after every line, and a field quoted (its quotes doubled) where it holds a separator, a quote or a line break.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]) {
  const field = (value: CsvValue) => {
    const text = value === null ? '' : typeof value === 'number' ? String(value).replace('.', ',') : value
    return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return `\uFEFF${rows.map((row) => row.map(field).join(';')).join('\r\n')}\r\n`
}
