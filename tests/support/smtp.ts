import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** A message as the SMTP server received it, decoded as a mail reader shows it. */
export interface ReceivedMail {
  to: string[]
  subject: string
  text: string
  html: string
  raw: string
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header, decoded. */
function decodeHeader(value: string) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_whole, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
}

function decodeQuotedPrintable(text: string) {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_whole, hex: string) => `%${hex}`)
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'))
}

/** A MIME entity's headers (unfolded, lower-case names) and body. */
function splitEntity(entity: string) {
  const end = entity.indexOf('\r\n\r\n')
  const head = entity.slice(0, end).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map(
    head.split('\r\n').map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const
    }),
  )
  return { headers, body: entity.slice(end + 4) }
}

function decodeBody(headers: Map<string, string>, body: string) {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body)
  return body
}

/** The subject and the text and HTML parts of a raw message (a single part or multipart/alternative). */
export function readMail(raw: string, to: string[]): ReceivedMail {
  const { headers, body } = splitEntity(raw)
  const parts = { text: '', html: '' }
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1]
  const entities = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((part) => splitEntity(part.replace(/^\r\n/, '')))
    : [{ headers, body }]
  for (const entity of entities) {
    const type = entity.headers.get('content-type') ?? 'text/plain'
    parts[type.startsWith('text/html') ? 'html' : 'text'] = decodeBody(entity.headers, entity.body)
  }
  return { to, subject: decodeHeader(headers.get('subject') ?? ''), ...parts, raw }
}

/**
 * A real SMTP server in its own process (the `smtp-server` package), listening on a free port of 127.0.0.1: the
 * messages it has received, decoded, and its URL for the sender.
 */
export async function startSmtpReceiver() {
  const entry = fileURLToPath(new URL('./smtp-receiver.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: ['ignore', 'pipe', 'inherit'] })
  const received: ReceivedMail[] = []
  const lines = createInterface({ input: child.stdout })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP server exited with ${code}`)))
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { port?: number; to?: string[]; raw?: string }
      if (message.port !== undefined) resolve(message.port)
      else received.push(readMail(message.raw!, message.to!))
    })
  })
  return {
    url: `smtp://notify:secret@127.0.0.1:${port}`,
    received,
    /** Waits until the server has passed on `count` messages in all (sending returns before its output is read). */
    async until(count: number) {
      for (let waited = 0; received.length < count && waited < 10_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return received
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}
