import { IMPORT_KINDS, importUsage } from './import/kinds.js'

// `npm run import -- <kind> <file> [--apply] [--gateway URL] [--token TOKEN]`: a region's files brought in through
// the running hub's gateway, exactly as the screens bring them in (the owning subgraph validates, authorises and
// audits). Without --apply it is a dry run: it prints what would change and changes nothing.
const [kind, ...rest] = process.argv.slice(2)
const load = kind === undefined ? undefined : IMPORT_KINDS[kind]
if (!load) {
  console.error(importUsage())
  process.exit(2)
}
try {
  process.exit(await (await load()).run(rest))
} catch (error) {
  console.error(`${kind}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
