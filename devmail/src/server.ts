import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { openMailbox, type Letter } from './mailbox.js'
import { LETTER_HTML_POLICY, letterHtml, letterPage, listPage, notFoundPage, PAGE_POLICY } from './pages.js'

export type DevMail = Awaited<ReturnType<typeof startDevMail>>

/** Where `npm start` runs it: the page beside the identity provider's 4005, SMTP on a port like 25's. */
export const DEV_MAIL_PORTS = { http: 4006, smtp: 4025 } as const

/** The largest message it takes: a digest is a few kilobytes; a letter with scans attached may be more. */
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024

/**
 * The letters as JSON for scripts and tests, newest first: the raw message is at `/messages/<id>.eml`.
 */
function lettersJson(letters: readonly Letter[]) {
  return JSON.stringify(letters.map((letter) => ({ ...letter, raw: `/messages/${letter.id}.eml` })))
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...headers,
  })
  response.end(body)
}

/**
 * Starts the development mail catcher: an SMTP server on `host:smtpPort` that accepts any login and keeps every
 * message under `dataDir`, and a web page on `host:httpPort` that lists and shows them (0: free ports). Nothing is
 * relayed anywhere.
 */
export async function startDevMail({
  host = '127.0.0.1',
  smtpPort,
  httpPort,
  dataDir,
  onLetter,
}: {
  host?: string
  smtpPort: number
  httpPort: number
  dataDir: string
  /** Told of each letter once it is kept. */
  onLetter?: (letter: Letter) => void
}) {
  const mailbox = await openMailbox(dataDir)

  const smtp = new SMTPServer({
    name: 'devmail.localhost',
    banner: 'development mail catcher: nothing is relayed',
    size: MAX_MESSAGE_BYTES,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('message too large'), { responseCode: 552 }))
          return
        }
        const recipients = session.envelope.rcptTo.map((address) => address.address)
        mailbox.deliver(Buffer.concat(chunks), recipients).then((letter) => {
          onLetter?.(letter)
          callback()
        }, callback)
      })
    },
  })
  smtp.on('error', (error) => console.error(`development mail: ${error.message}`))
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject)
    smtp.listen(smtpPort, host, () => resolve())
  })
  const smtpUrl = `smtp://${host}:${(smtp.server.address() as AddressInfo).port}`

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Метод не поддерживается', { allow: 'GET, HEAD' })
      return
    }
    const path = new URL(request.url ?? '/', 'http://devmail').pathname
    const html = (status: number, body: string) =>
      send(response, status, 'text/html; charset=utf-8', body, {
        'content-security-policy': PAGE_POLICY,
      })
    if (path === '/healthz') return send(response, 200, 'text/plain; charset=utf-8', 'ok')
    if (path === '/') return html(200, listPage(mailbox.list(), smtpUrl))
    if (path === '/api/messages')
      return send(response, 200, 'application/json; charset=utf-8', lettersJson(mailbox.list()))
    const [, id, part] = /^\/messages\/([^/.]+)(\.eml|\/html)?$/.exec(path) ?? []
    const letter = id ? mailbox.get(id) : undefined
    if (!letter) return html(404, notFoundPage())
    if (part === '/html') {
      return send(response, 200, 'text/html; charset=utf-8', letterHtml(letter), {
        'content-security-policy': LETTER_HTML_POLICY,
      })
    }
    if (part === '.eml') {
      return send(response, 200, 'message/rfc822', (await mailbox.raw(letter.id))!, {
        'content-disposition': `attachment; filename="${letter.id}.eml"`,
      })
    }
    return html(200, letterPage(letter))
  }
  const web = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(`development mail: ${(error as Error).message}`)
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Внутренняя ошибка')
    })
  })
  await new Promise<void>((resolve, reject) => {
    web.once('error', reject)
    web.listen(httpPort, host, () => resolve())
  })

  return {
    url: `http://${host}:${(web.address() as AddressInfo).port}`,
    smtpUrl,
    mailbox,
    async stop() {
      web.closeAllConnections()
      await Promise.all([
        new Promise<void>((resolve) => web.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ])
    },
  }
}
