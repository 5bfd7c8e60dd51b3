import { spawn } from 'node:child_process'

/** The text of a PDF as poppler's pdftotext lays it out, from the real binary. */
export function pdfText(pdf: Buffer) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'])
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'pdftotext is not installed: apt-get install -y poppler-utils (the document tests read PDFs with it)',
            )
          : error,
      ),
    )
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`pdftotext exited ${code}`)),
    )
    child.stdin.end(pdf)
  })
}

/** Whitespace as one space: a table's cell may wrap, the layout spaces words apart. */
export const flat = (text: string) => text.replace(/\s+/g, ' ')
