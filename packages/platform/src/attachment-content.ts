import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import { badUserInput } from './errors.js'

/** What a signed scan may be, recognised by its bytes: the extension and the type a client states are not trusted. */
export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number]

/** A scan of a few signed pages at 300 dpi is 1–5 MB; twice the largest still fits. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

const MEGABYTE = 1024 * 1024
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const CONTENT_FIELD = 'input.content'

/**
 * The request body that carries a file of `maxBytes` as base64 in a GraphQL mutation, with room for the rest of the
 * request: what the body limits of the services on its way must allow.
 */
export function attachmentBodyBytes(maxBytes: number) {
  return Math.ceil(maxBytes / 3) * 4 + 64 * 1024
}

/** The limit as the refusal shows it: whole megabytes where it is one, else with a decimal comma. */
function megabytes(bytes: number) {
  const value = bytes / MEGABYTE
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',')
}

function tooLarge(maxBytes: number) {
  return badUserInput(CONTENT_FIELD, 'ATTACHMENT_SIZE', `must be at most ${maxBytes} bytes`, {
    max: megabytes(maxBytes),
  })
}

/**
 * The bytes of a base64 text, refused before decoding when they would exceed the limit (the length says how many
 * there are) and when the text is not base64 at all.
 */
export function decodeContent(content: string, maxBytes: number) {
  const padding = content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0
  if (content.length % 4 !== 0 || !BASE64.test(content)) {
    throw badUserInput(CONTENT_FIELD, 'ATTACHMENT_ENCODING', 'must be the file encoded as base64')
  }
  if ((content.length / 4) * 3 - padding > maxBytes) throw tooLarge(maxBytes)
  return Buffer.from(content, 'base64')
}

/** How the refusal names what was uploaded instead: its recognised type, or that it is text or unknown. */
function describe(bytes: Uint8Array, detected: { mime: string; ext: string } | undefined) {
  if (bytes.length === 0) return 'пустой файл'
  if (detected) return `файл ${detected.ext.toUpperCase()}`
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('utf8')
  return text.includes('\uFFFD') || text.includes('\u0000') ? 'файл неизвестного вида' : 'текстовый файл'
}

export interface CheckedContent {
  bytes: Buffer
  mediaType: AcceptedMediaType
  size: number
  sha256: string
}

/** Checks a file's size and type by its content; returns its bytes, recognised type and SHA-256. */
export async function checkContent(content: string, maxBytes: number): Promise<CheckedContent> {
  const bytes = decodeContent(content, maxBytes)
  if (bytes.length > maxBytes) throw tooLarge(maxBytes)
  const detected = bytes.length === 0 ? undefined : await fileTypeFromBuffer(bytes)
  const mediaType = ACCEPTED_MEDIA_TYPES.find((type) => type === detected?.mime)
  if (mediaType === undefined) {
    throw badUserInput(CONTENT_FIELD, 'ATTACHMENT_TYPE', `must be a PDF, JPEG or PNG file by its content`, {
      detected: describe(bytes, detected),
    })
  }
  return { bytes, mediaType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
}
