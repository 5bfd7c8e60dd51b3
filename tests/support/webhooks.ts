import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

/** One request the receiver logged (`webhook-receiver.ts`). */
export interface ReceivedWebhook {
  answered: number
  valid: boolean
  eventId: string
  eventType: string
  timestamp: string
  body: string
}

const RECEIVER = new URL('./webhook-receiver.ts', import.meta.url).pathname

/**
 * A webhook receiver in a process of its own, on a fixed port, logging to a file: `start` brings it up (again),
 * `stop` takes it down, as a ministry system's outage would.
 */
export function webhookReceiver({ port, secret, log }: { port: number; secret: string; log: string }) {
  let child: ChildProcess | undefined
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    async start({ failFirst = 0 }: { failFirst?: number } = {}) {
      const started = spawn(process.execPath, ['--import', 'tsx', RECEIVER], {
        env: {
          ...process.env,
          RECEIVER_PORT: String(port),
          RECEIVER_SECRET: secret,
          RECEIVER_LOG: log,
          RECEIVER_FAIL: String(failFirst),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      child = started
      await new Promise<void>((resolve, reject) => {
        started.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('listening')) resolve()
        })
        started.once('exit', (code) => reject(new Error(`the webhook receiver exited with ${code}`)))
      })
    },
    async stop() {
      const running = child
      child = undefined
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGTERM')
      await exited
    },
    received(): ReceivedWebhook[] {
      if (!existsSync(log)) return []
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as ReceivedWebhook)
    },
  }
}
