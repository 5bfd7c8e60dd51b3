import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server, run as its own process by `startSmtpReceiver` (smtp.ts): it accepts any login and prints each
 * message it is given as one line of JSON (envelope and raw message) on standard output, after the line with its port.
 */
const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
  onData(stream, session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((address) => address.address)
      process.stdout.write(`${JSON.stringify({ to, raw: Buffer.concat(chunks).toString('utf8') })}\n`)
      callback()
    })
  },
})
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address()
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
