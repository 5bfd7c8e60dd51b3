import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Letter } from '../../devmail/src/mailbox.js'

/** A letter as the development mail catcher lists it, with the raw message as it was received. */
export interface ReceivedMail extends Letter {
  raw: string
}

/** The letters a running development mail catcher at `url` holds, oldest first, each with its raw message. */
export async function lettersAt(url: string): Promise<ReceivedMail[]> {
  const response = await fetch(`${url}/api/messages`)
  if (!response.ok) throw new Error(`${url}/api/messages answered ${response.status}`)
  const letters = (await response.json()) as (Letter & { raw: string })[]
  return Promise.all(
    letters.reverse().map(async (letter) => ({ ...letter, raw: await (await fetch(`${url}${letter.raw}`)).text() })),
  )
}

/**
 * A real SMTP server in its own process: the development mail catcher (`devmail/`) on free ports of 127.0.0.1 and a
 * folder of its own, removed when it stops. Senders log in (it accepts any login); the test reads what it received
 * back from its JSON endpoint.
 */
export async function startSmtpReceiver() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-mail-'))
  const entry = fileURLToPath(new URL('../../devmail/src/main.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, DEVMAIL_PORT: '0', DEVMAIL_SMTP_PORT: '0', DEVMAIL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const { url, smtpUrl } = await new Promise<{ url: string; smtpUrl: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the development mail catcher exited with ${code}`)))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const ready = /^development mail ready at (\S+), taking letters at (\S+) /.exec(line)
      if (ready) resolve({ url: ready[1]!, smtpUrl: ready[2]! })
    })
  })
  const received = () => lettersAt(url)
  return {
    url: smtpUrl.replace('smtp://', 'smtp://notify:secret@'),
    /** The page and JSON endpoint of what it received. */
    pageUrl: url,
    received,
    /** Waits until it has received `count` messages in all (sending returns before the test may read them). */
    async until(count: number) {
      let letters = await received()
      for (let waited = 0; letters.length < count && waited < 10_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        letters = await received()
      }
      return letters
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
