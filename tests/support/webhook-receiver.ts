/**
 * A ministry system receiving the hub's webhooks, run as a process of its own (`node --import tsx`): it checks each
 * request's signature as the README tells a receiver to, and appends what it received, one JSON line per request, to
 * `RECEIVER_LOG`. It answers 500 to its first `RECEIVER_FAIL` requests (a system in trouble), 200 afterwards. It
 * prints `listening` once it accepts requests; stopped and started again on the same port, it appends to the same log.
 */
import { appendFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { verifyWebhook } from '@hub/subgraph-kit/events/signature'

const port = Number(process.env.RECEIVER_PORT)
const secret = process.env.RECEIVER_SECRET ?? ''
const log = process.env.RECEIVER_LOG ?? ''
let failures = Number(process.env.RECEIVER_FAIL ?? '0')

const server = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    const header = request.headers['x-hub-signature']
    const failing = failures > 0
    if (failing) failures -= 1
    appendFileSync(
      log,
      `${JSON.stringify({
        answered: failing ? 500 : 200,
        valid: verifyWebhook(secret, typeof header === 'string' ? header : undefined, body),
        eventId: request.headers['x-hub-event-id'],
        eventType: request.headers['x-hub-event-type'],
        timestamp: request.headers['x-hub-timestamp'],
        body,
      })}\n`,
    )
    response.writeHead(failing ? 500 : 200).end()
  })
})

server.listen(port, '127.0.0.1', () => console.log('listening'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
