import { startMonolith } from './server.js'

// The monolith baseline as its own process: MONOLITH_DATABASE_URL names a database prepareMonolithDatabase made.
const url = process.env.MONOLITH_DATABASE_URL
if (!url) {
  console.error('MONOLITH_DATABASE_URL: must name the monolith database (postgres://…)')
  process.exit(1)
}
const port = Number(process.env.MONOLITH_PORT ?? 4100)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('MONOLITH_PORT: must be a port number')
  process.exit(1)
}

const monolith = await startMonolith({ url, port })
console.log(`monolith listening at ${monolith.url}`)
process.once('SIGTERM', () => {
  monolith.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
})
