import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseMessage, type ParsedMessage } from './message.js'

/** A letter the catcher keeps: its id (the file's name), when it came, and what it says. */
export interface Letter extends ParsedMessage {
  id: string
  /** ISO time the catcher received it. */
  receivedAt: string
}

/** `<milliseconds since 1970>-<8 hex digits>`: unique, sorts by time, and safe as a file name and in a URL. */
const LETTER_ID = /^(\d{13})-[0-9a-f]{8}$/

/**
 * The letters under `dir`, one `.eml` file each, as received with a `Delivered-To` header per envelope recipient
 * (as a delivery agent adds them, so that blind copies are seen too). They are read once at start and kept in memory.
 */
export async function openMailbox(dir: string) {
  await mkdir(dir, { recursive: true })
  const letters = new Map<string, Letter>()
  const file = (id: string) => join(dir, `${id}.eml`)
  const read = (id: string, raw: Buffer): Letter => ({
    id,
    receivedAt: new Date(Number(LETTER_ID.exec(id)![1])).toISOString(),
    ...parseMessage(raw),
  })

  for (const name of await readdir(dir)) {
    const id = name.replace(/\.eml$/, '')
    if (name.endsWith('.eml') && LETTER_ID.test(id)) letters.set(id, read(id, await readFile(file(id))))
  }

  return {
    dir,
    /** Keeps a message the SMTP server was given; written whole or not at all. */
    async deliver(message: Buffer, recipients: readonly string[]) {
      const id = `${Date.now()}-${randomBytes(4).toString('hex')}`
      const raw = Buffer.concat([
        Buffer.from(recipients.map((address) => `Delivered-To: ${address}\r\n`).join(''), 'utf8'),
        message,
      ])
      await writeFile(`${file(id)}.part`, raw)
      await rename(`${file(id)}.part`, file(id))
      const letter = read(id, raw)
      letters.set(id, letter)
      return letter
    },
    /** Newest first. */
    list() {
      return [...letters.values()].sort((a, b) => b.id.localeCompare(a.id))
    },
    get(id: string) {
      return letters.get(id)
    },
    /** The message as stored, for a mail program. */
    raw(id: string) {
      return letters.has(id) ? readFile(file(id)) : undefined
    },
  }
}

export type Mailbox = Awaited<ReturnType<typeof openMailbox>>
