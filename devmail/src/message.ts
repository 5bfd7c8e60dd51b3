/**
 * Enough of a MIME reader for the letters the hub sends (nodemailer: a text and an HTML part, perhaps with
 * attachments around them): the sender, the recipients, the subject, the date and the two parts, decoded.
 */

/** A received message, decoded as a mail reader shows it. */
export interface ParsedMessage {
  from: string
  /** The envelope's recipients the catcher recorded (`Delivered-To`), or else those the `To` and `Cc` headers name. */
  to: string[]
  subject: string
  /** The `Date` header as the sender wrote it. */
  date: string | null
  text: string
  html: string
}

/** A header's name (lower case) and its unfolded value, in the order they came. */
type Headers = readonly (readonly [string, string])[]

/** Text of `bytes` in `charset`; an unknown charset is read as UTF-8. */
function decodeText(bytes: Uint8Array, charset = 'utf-8') {
  try {
    return new TextDecoder(charset).decode(bytes)
  } catch {
    return new TextDecoder().decode(bytes)
  }
}

function quotedPrintableBytes(text: string) {
  const binary = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(binary, 'latin1')
}

const ENCODED_WORD = /=\?([^?*]+)(?:\*[^?]*)?\?([bq])\?([^?]*)\?=/gi

/**
 * A header's value as text: raw UTF-8 as it is, RFC 2047 encoded words (=?UTF-8?B?…?=, =?UTF-8?Q?…?=) decoded. The
 * words of a run are joined before decoding, since a character may be split between two of them.
 */
function decodeHeader(value: string) {
  return Buffer.from(value, 'latin1')
    .toString('utf8')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/(?:=\?[^?]+\?[bq]\?[^?]*\?=)+/gi, (run) => {
      const words = [...run.matchAll(ENCODED_WORD)]
      const bytes = Buffer.concat(
        words.map(([, , encoding, text]) =>
          encoding!.toLowerCase() === 'b'
            ? Buffer.from(text!, 'base64')
            : quotedPrintableBytes(text!.replace(/_/g, ' ')),
        ),
      )
      return decodeText(bytes, words[0]?.[1])
    })
}

/** A MIME entity (given as a binary string) split into its unfolded headers and its body. */
function splitEntity(entity: string) {
  const blank = /\r?\n\r?\n/.exec(entity)
  const head = blank ? entity.slice(0, blank.index) : entity
  const body = blank ? entity.slice(blank.index + blank[0].length) : ''
  const headers: Headers = head
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const
    })
  return { headers, body }
}

const allOf = (headers: Headers, name: string) => headers.filter(([key]) => key === name).map(([, value]) => value)
const firstOf = (headers: Headers, name: string) => allOf(headers, name)[0]

/** A parameter of a structured header (`charset`, `boundary`), unquoted. */
function parameter(value: string | undefined, name: string) {
  return new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value ?? '')?.[1]
}

function bodyBytes(headers: Headers, body: string) {
  const encoding = firstOf(headers, 'content-transfer-encoding')?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64')
  if (encoding === 'quoted-printable') return quotedPrintableBytes(body)
  return Buffer.from(body, 'latin1')
}

/** The first text and HTML parts of an entity that are not attachments, looking into nested multiparts. */
function readParts(headers: Headers, body: string, parts: { text?: string; html?: string }) {
  const type = (firstOf(headers, 'content-type') ?? 'text/plain').toLowerCase()
  const boundary = parameter(firstOf(headers, 'content-type'), 'boundary')
  if (type.startsWith('multipart/') && boundary) {
    const delimiter = new RegExp(
      `(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*(?:\\r?\\n|$)`,
    )
    for (const part of body.split(delimiter).slice(1, -1)) {
      const entity = splitEntity(part)
      readParts(entity.headers, entity.body, parts)
    }
    return
  }
  if (firstOf(headers, 'content-disposition')?.toLowerCase().startsWith('attachment')) return
  const kind = type.startsWith('text/html') ? 'html' : type.startsWith('text/plain') ? 'text' : undefined
  if (kind && parts[kind] === undefined) {
    const decoded = decodeText(bodyBytes(headers, body), parameter(firstOf(headers, 'content-type'), 'charset'))
    parts[kind] = decoded.replace(/\r\n/g, '\n')
  }
}

/** The bare addresses of an address list (`"Имя" <a@b>, c@d`). */
export function addressesOf(list: string) {
  return list
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((address) => (/<([^>]*)>/.exec(address)?.[1] ?? address).trim())
    .filter(Boolean)
}

/** Reads a raw message as the catcher stored it. */
export function parseMessage(raw: Buffer): ParsedMessage {
  const { headers, body } = splitEntity(raw.toString('latin1'))
  const parts: { text?: string; html?: string } = {}
  readParts(headers, body, parts)
  const delivered = allOf(headers, 'delivered-to')
  const to = delivered.length > 0 ? delivered : [...allOf(headers, 'to'), ...allOf(headers, 'cc')]
  return {
    from: decodeHeader(firstOf(headers, 'from') ?? ''),
    to: to.flatMap((list) => addressesOf(decodeHeader(list))),
    subject: decodeHeader(firstOf(headers, 'subject') ?? ''),
    date: firstOf(headers, 'date') ?? null,
    text: parts.text ?? '',
    html: parts.html ?? '',
  }
}
