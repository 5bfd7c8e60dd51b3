import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dashboard', 'dist')
/** What the build reads besides node_modules: the pages' code and the committed operations they bundle. */
const sources = ['dashboard/index.html', 'dashboard/explorer', 'dashboard/src', 'dashboard/vite.config.ts', 'schema']

function newestChange(path: string): number {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))))
}

/** When the Vite build was made, or null when it is missing or partial. */
function builtAt() {
  const pages = [join(dist, 'index.html'), join(dist, 'explorer', 'index.html')]
  return pages.every((page) => existsSync(page)) ? Math.min(...pages.map((page) => statSync(page).mtimeMs)) : null
}

/**
 * Builds the dashboard and the explorer into dashboard/dist when the build is missing or older than its
 * sources: `npm ci` builds them (the `prepare` script), and this keeps `npm start` and the browser tests from
 * serving a stale or absent build after a checkout or an edit.
 */
export async function ensureDashboardBuilt(log: (line: string) => void = console.log) {
  const built = builtAt()
  if (built !== null && sources.every((source) => newestChange(join(root, source)) <= built)) return
  log(`building the dashboard and the explorer into ${dist}…`)
  const { build } = await import('vite')
  // Vite's build sets NODE_ENV=production in this process; the hub that `npm start` goes on to prepare and start must
  // not inherit it (it would refuse the development defaults).
  const mode = process.env.NODE_ENV
  try {
    await build({ configFile: join(root, 'dashboard', 'vite.config.ts'), logLevel: 'warn' })
  } finally {
    if (mode === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = mode
  }
}
