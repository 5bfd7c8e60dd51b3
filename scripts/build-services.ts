import { fileURLToPath } from 'node:url'
import { build, stop, type Plugin } from 'esbuild'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'

/**
 * A service's TypeScript entry and the bundle it runs from. A bundle sits at the same depth as its sources
 * (`subgraphs/<name>/dist/main.mjs`), so the paths the code resolves from `import.meta.url` (the SDL files, the
 * dashboard's build) hold for both.
 */
export interface ServiceEntry {
  source: string
  bundle: string
  /** Whether the deployment image carries it: the development identity provider and mail catcher never do. */
  deployed: boolean
}

export const SERVICE_ENTRIES: readonly ServiceEntry[] = [
  ...SUBGRAPH_NAMES.map((name) => ({
    source: `subgraphs/${name}/src/main.ts`,
    bundle: `subgraphs/${name}/dist/main.mjs`,
    deployed: true,
  })),
  { source: 'gateway/src/main.ts', bundle: 'gateway/dist/main.mjs', deployed: true },
  // The development identity provider `npm start` runs beside them (never in a deployment).
  { source: 'idp/src/main.ts', bundle: 'idp/dist/main.mjs', deployed: false },
  // The development mail catcher that takes social's e-mail when no mail server is configured (never in a deployment).
  { source: 'devmail/src/main.ts', bundle: 'devmail/dist/main.mjs', deployed: false },
  // A deployment's migration job and audit check run from the image too (`manage.mjs migrate|verify-audit`).
  ...SUBGRAPH_NAMES.map((name) => ({
    source: `subgraphs/${name}/src/manage.ts`,
    bundle: `subgraphs/${name}/dist/manage.mjs`,
    deployed: true,
  })),
]

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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleServices()
  console.log(`bundled ${SERVICE_ENTRIES.map((entry) => entry.bundle).join(', ')}`)
}
