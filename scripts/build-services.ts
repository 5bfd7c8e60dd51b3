import { fileURLToPath } from 'node:url'
import { build, stop, type Plugin } from 'esbuild'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'

/**
 * A service's TypeScript entry and the bundle it runs from. A bundle sits at the same depth as its sources
 * (`subgraphs/<name>/dist/main.mjs`), so the paths the code resolves from `import.meta.url` (the SDL files, the
 * dashboard's build) hold for both.
 */
export interface ServiceEntry {
  /** The service it belongs to: a subgraph's name, `gateway`, `idp` or `devmail`. */
  service: string
  source: string
  bundle: string
  /** Whether the deployment image carries it: the development identity provider and mail catcher never do. */
  deployed: boolean
}

export const SERVICE_ENTRIES: readonly ServiceEntry[] = [
  ...SUBGRAPH_NAMES.map((name) => ({
    service: name,
    source: `subgraphs/${name}/src/main.ts`,
    bundle: `subgraphs/${name}/dist/main.mjs`,
    deployed: true,
  })),
  { service: 'gateway', source: 'gateway/src/main.ts', bundle: 'gateway/dist/main.mjs', deployed: true },
  // The development identity provider `npm start` runs beside them (never in a deployment).
  { service: 'idp', source: 'idp/src/main.ts', bundle: 'idp/dist/main.mjs', deployed: false },
  // The development mail catcher that takes social's e-mail when no mail server is configured (never in a deployment).
  { service: 'devmail', source: 'devmail/src/main.ts', bundle: 'devmail/dist/main.mjs', deployed: false },
  // A deployment's migration job and audit check run from the image too (`manage.mjs migrate|verify-audit`).
  ...SUBGRAPH_NAMES.map((name) => ({
    service: name,
    source: `subgraphs/${name}/src/manage.ts`,
    bundle: `subgraphs/${name}/dist/manage.mjs`,
    deployed: true,
  })),
]

/** The entries of the services named (a subgraph: its service and its migration job's script), all for none. */
export function entriesOf(services: readonly string[]) {
  if (services.length === 0) return SERVICE_ENTRIES
  const unknown = services.filter((service) => !SERVICE_ENTRIES.some((entry) => entry.service === service))
  if (unknown.length > 0) throw new Error(`no service named ${unknown.join(', ')}`)
  return SERVICE_ENTRIES.filter((entry) => services.includes(entry.service))
}

/**
 * The npm packages stay in node_modules; the hub's own workspace packages (`@hub/*`, TypeScript sources) go into the
 * bundle, so that a service runs without a TypeScript loader.
 */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@hub/') ? undefined : { path: args.path, external: true },
    )
  },
}

/**
 * Bundles each entry into one ES module, the npm packages left to node_modules. A service started from its bundle needs no
 * TypeScript loader: it is ready sooner and holds about 75 MiB less (tsx keeps a compiler and a second V8 isolate for
 * its hooks in every process; see docs/development.md, Performance).
 */
export async function bundleServices(entries: readonly ServiceEntry[] = SERVICE_ENTRIES) {
  await Promise.all(
    entries.map((entry) =>
      build({
        entryPoints: [entry.source],
        outfile: entry.bundle,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        plugins: [npmPackagesExternal],
        sourcemap: 'linked',
        logLevel: 'warning',
      }),
    ),
  )
  // esbuild's service process would otherwise stay beside the hub for as long as `npm start` runs (about 60 MiB).
  await stop()
}

// `npm run build:services [-- <service>…]`: every service's bundles, or only those of the services named (an image's).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = entriesOf(process.argv.slice(2))
  await bundleServices(entries)
  console.log(`bundled ${entries.map((entry) => entry.bundle).join(', ')}`)
}
