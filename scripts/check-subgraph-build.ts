import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Kind, parse } from 'graphql'
import { fetch } from 'undici'
import { DEFAULT_AUDIENCE, DEV_ISSUER, ensureDevKeys, readPrivateKey, type KeyOwner } from '@hub/platform/auth/keys'
import { createGatewayAssertions, createTokenSigner, GATEWAY_CALL_HEADER } from '@hub/platform/auth/tokens'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { entriesOf } from './build-services.js'
import { freePorts, spawnService, stopService, waitUntilUp } from './processes.js'
import type { ServiceName } from './service-docs.js'
import { hubDependencies, listWorkspaces, readManifest, ROOT } from './workspaces.js'

// `npm run check:subgraphs [-- <name>…]`: builds each subgraph, and the gateway, as its image does, from a folder that
// holds only the root's manifest, lock file and npm settings, the build script, the service's own folder and the
// packages it declares; an import of anything else (another ministry's folder or package, the root's schema) fails
// the build and is named. The bundles then run there as a deployment runs them: a subgraph's migration job's script
// migrates a fresh database, the service starts on it without migrating and answers `_service` and `_entities`; the
// gateway starts on the committed supergraph with no subgraph running and gets ready.

/** The build tool an image's build stage runs, besides the workspaces. */
export const BUILD_SCRIPT = 'scripts/build-services.ts'

const ROOT_FILES = ['package.json', 'package-lock.json', '.npmrc']

/** A service that does not build or run from its folder and the packages it declares. */
export class SubgraphBuildError extends Error {}

/** What a service's build may read: files and folders of the repository, relative to its root. */
export interface BuildInputs {
  files: string[]
  /** The packages it declares, directly or through one another, then its own folder. */
  folders: string[]
}

/** What a staged service is for: its build (the default), or with `tests` its tests and tools as well. */
export interface StageOptions {
  tests?: boolean
}

/**
 * What building a service (a subgraph, `@hub/<name>`, or the gateway, `@hub/gateway`) reads, and all its image copies
 * of the repository besides the gateway's screens: the root's manifest, lock file and npm settings, the build script,
 * the folders of the packages it declares and its own; with `tests`, the packages it declares for its tests too.
 * Declaring a ministry's package other than its own is refused.
 */
export function buildInputsOf(
  service: ServiceName,
  root: string = ROOT,
  { tests = false }: StageOptions = {},
): BuildInputs {
  const workspaces = listWorkspaces(root)
  const own = workspaces.find((workspace) => workspace.name === `@hub/${service}`)
  if (!own) throw new SubgraphBuildError(`@hub/${service} is not a workspace of the root package.json`)
  const packages = hubDependencies(workspaces, own.name, { development: tests })
  const ministries = packages.filter((workspace) => workspace.folder.startsWith('subgraphs/'))
  if (ministries.length > 0) {
    throw new SubgraphBuildError(
      `${own.folder}/package.json declares ${ministries.map((workspace) => workspace.name).join(', ')}, ${service === 'gateway' ? 'a' : 'another'} ministry's package (directly or through a package it declares)`,
    )
  }
  return {
    files: [...ROOT_FILES, BUILD_SCRIPT],
    folders: [...packages.map((workspace) => workspace.folder), own.folder],
  }
}

/**
 * Copies a service's build inputs into `into` (a workspace's installed packages and earlier builds left out) and
 * gives it a node_modules of its own: the npm packages linked from the repository's, the hub's packages linked to
 * the copies, so that only the copied folders resolve.
 */
export function stageService(
  service: ServiceName,
  into: string,
  root: string = ROOT,
  options: StageOptions = {},
): BuildInputs {
  const inputs = buildInputsOf(service, root, options)
  for (const file of inputs.files) {
    mkdirSync(dirname(join(into, file)), { recursive: true })
    cpSync(join(root, file), join(into, file))
  }
  for (const folder of inputs.folders) {
    const skipped = new Set(['node_modules', 'dist'].map((entry) => join(root, folder, entry)))
    cpSync(join(root, folder), join(into, folder), { recursive: true, filter: (source) => !skipped.has(source) })
  }
  const modules = join(root, 'node_modules')
  mkdirSync(join(into, 'node_modules', '@hub'), { recursive: true })
  for (const entry of readdirSync(modules)) {
    if (entry === '@hub' || entry.startsWith('.')) continue
    symlinkSync(join(modules, entry), join(into, 'node_modules', entry))
  }
  for (const folder of inputs.folders) {
    const link = join(into, 'node_modules', readManifest(join(into, folder)).name)
    symlinkSync(relative(dirname(link), join(into, folder)), link)
  }
  return inputs
}

/** Bundles a staged service with the staged build script, as the image's build stage does. */
function bundleStaged(service: ServiceName, staged: string, inputs: BuildInputs) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, service], {
    cwd: staged,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
  })
  if (result.status !== 0) {
    throw new SubgraphBuildError(
      `${service} does not build from ${inputs.folders.join(', ')} and the root's package files alone:\n  ${
        buildErrors(result.stderr).join('\n  ') || result.stderr.trim()
      }`,
    )
  }
}

/** esbuild's errors as one line each, where first: `subgraphs/health/src/main.ts:36:14: Could not resolve "…"`. */
function buildErrors(stderr: string) {
  const errors: string[] = []
  let pending: string | undefined
  for (const line of stderr.split('\n')) {
    const error = /\[ERROR\] (.*)$/.exec(line)
    const location = /^\s+(\S+:\d+:\d+):$/.exec(line)
    if (error) pending = error[1]
    else if (location && pending !== undefined) {
      errors.push(`${location[1]}: ${pending}`)
      pending = undefined
    }
  }
  return pending === undefined ? errors : [...errors, pending]
}

/** Where a staged subgraph's database is: a PGlite folder, or a PostgreSQL URL. */
export type StagedDatabase = { dataDir: string } | { url: string }

function serviceEnv(name: SubgraphName, database: StagedDatabase, keysDir: string, port?: number) {
  const prefix = name.toUpperCase()
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    APOLLO_TELEMETRY_DISABLED: '1',
    HUB_DEV_KEYS_DIR: keysDir,
    ...('url' in database
      ? { [`${prefix}_DATABASE_URL`]: database.url }
      : { [`${prefix}_DATA_DIR`]: database.dataDir }),
    ...(port === undefined
      ? {}
      : { [`${prefix}_HOST`]: '127.0.0.1', [`${prefix}_PORT`]: String(port), [`${prefix}_MIGRATE_AT_START`]: 'false' }),
  }
}

/** Runs the staged migration job's script (`manage.mjs migrate`) against the database. */
function migrateStaged(name: SubgraphName, staged: string, database: StagedDatabase, keysDir: string) {
  const [manage] = entriesOf([name]).filter((entry) => entry.source.endsWith('/manage.ts'))
  const result = spawnSync(process.execPath, [join(staged, manage!.bundle), 'migrate'], {
    encoding: 'utf8',
    env: serviceEnv(name, database, keysDir),
  })
  if (result.status !== 0) {
    throw new SubgraphBuildError(
      `${name}: its migration bundle failed: ${result.stderr.trim() || result.stdout.trim()}`,
    )
  }
}

/** The gateway's environment: the staged committed supergraph, served on loopback in development. */
function gatewayEnv(staged: string, keysDir: string, port: number) {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    APOLLO_TELEMETRY_DISABLED: '1',
    HUB_DEV_KEYS_DIR: keysDir,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    GATEWAY_SUPERGRAPH_PATH: join(staged, 'schema/supergraph.graphql'),
  }
}

/** Starts a staged service's bundle with its environment on a free port of loopback; up once `/readyz` answers. */
async function startStaged(service: ServiceName, staged: string, envOf: (port: number) => NodeJS.ProcessEnv) {
  const [main] = entriesOf([service]).filter((entry) => entry.source.endsWith('/main.ts'))
  const [port] = await freePorts(1)
  const child = spawnService(service, join(staged, main!.bundle), envOf(port!), 'ignore')
  const origin = `http://127.0.0.1:${port}`
  try {
    await waitUntilUp(`${origin}/readyz`, child, 120_000)
  } catch (error) {
    await stopService(child)
    throw new SubgraphBuildError(`${service}: its bundle did not start: ${(error as Error).message}`)
  }
  return { url: `${origin}/graphql`, stop: () => stopService(child) }
}

/** An `_entities` request: the representations, and what to select on each (`... on Child { id }`). */
export interface EntitiesProbe {
  representations: Record<string, unknown>[]
  selection: string
}

/** An unknown child's representation: every subgraph resolves `Child` by its id. */
function defaultEntities(): EntitiesProbe {
  return {
    representations: [{ __typename: 'Child', id: '00000000-0000-4000-8000-000000000000' }],
    selection: '... on Child { id }',
  }
}

async function signerOf(keysDir: string, owner: KeyOwner) {
  const { privateKey } = await ensureDevKeys(keysDir, owner)
  return createTokenSigner(await readPrivateKey(privateKey), { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE })
}

async function post<T>(url: string, query: string, variables: object, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] }
  if (!response.ok || body.errors || !body.data) {
    throw new SubgraphBuildError(`${url} answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`)
  }
  return body.data
}

function typeNames(sdl: string) {
  return parse(sdl).definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.UNION_TYPE_DEFINITION ||
    definition.kind === Kind.SCALAR_TYPE_DEFINITION
      ? [definition.name.value]
      : [],
  )
}

/**
 * Asks a running subgraph for its SDL as a service does (its own service token), which must define every type of its
 * committed `schema.graphql`, and for `_entities` as the gateway's query plan does (a coordinator of its side and the
 * gateway's assertion); the development keys of `keysDir` sign both.
 */
async function probeStaged(
  name: SubgraphName,
  staged: string,
  url: string,
  keysDir: string,
  entities: EntitiesProbe = defaultEntities(),
) {
  const serviceToken = await (
    await signerOf(keysDir, name)
  ).sign(`service:${name}`, { side: name, role: 'service' }, 300)
  const { _service } = await post<{ _service: { sdl: string } }>(
    url,
    '{ _service { sdl } }',
    {},
    {
      authorization: `Bearer ${serviceToken}`,
    },
  )
  const served = new Set(typeNames(_service.sdl))
  const missing = typeNames(readFileSync(join(staged, `subgraphs/${name}/schema.graphql`), 'utf8')).filter(
    (type) => !served.has(type),
  )
  if (missing.length > 0) throw new SubgraphBuildError(`${name}: its _service SDL lacks ${missing.join(', ')}`)

  const user = `Bearer ${await (await signerOf(keysDir, 'idp')).sign(`${name}-coordinator`, { side: name, role: 'coordinator' }, 300)}`
  const assertion = await createGatewayAssertions(await signerOf(keysDir, 'gateway')).for(user)
  const { _entities } = await post<{ _entities: unknown[] }>(
    url,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ${entities.selection} } }`,
    { representations: entities.representations },
    { authorization: user, [GATEWAY_CALL_HEADER]: assertion },
  )
  if (_entities.length !== entities.representations.length) {
    throw new SubgraphBuildError(
      `${name}: _entities answered ${_entities.length} entities for ${entities.representations.length}`,
    )
  }
  return { sdl: _service.sdl, entities: _entities }
}

export interface CheckOptions {
  /** The repository the subgraph is taken from. */
  root?: string
  /** The database it runs on; unset: a fresh PGlite folder beside the build. */
  database?: StagedDatabase
  entities?: EntitiesProbe
}

/**
 * Builds one subgraph alone in a temporary folder, migrates its database with its migration bundle, starts its
 * service bundle and probes it; throws a `SubgraphBuildError` saying what failed. Returns what the probe answered.
 */
export async function checkSubgraphAlone(name: SubgraphName, options: CheckOptions = {}) {
  const staged = mkdtempSync(join(tmpdir(), `hub-${name}-alone-`))
  try {
    const inputs = stageService(name, staged, options.root)
    bundleStaged(name, staged, inputs)
    const keysDir = join(staged, 'auth')
    const database = options.database ?? { dataDir: join(staged, 'data', name) }
    migrateStaged(name, staged, database, keysDir)
    const service = await startStaged(name, staged, (port) => serviceEnv(name, database, keysDir, port))
    try {
      return { inputs, ...(await probeStaged(name, staged, service.url, keysDir, options.entities)) }
    } finally {
      await service.stop()
    }
  } finally {
    rmSync(staged, { recursive: true, force: true })
  }
}

/**
 * Builds the gateway alone in a temporary folder and starts its bundle on the staged committed supergraph, with no
 * subgraph running: it gets ready once it has planned every committed operation. Throws a `SubgraphBuildError` saying
 * what failed.
 */
export async function checkGatewayAlone(options: Pick<CheckOptions, 'root'> = {}) {
  const staged = mkdtempSync(join(tmpdir(), 'hub-gateway-alone-'))
  try {
    const inputs = stageService('gateway', staged, options.root)
    bundleStaged('gateway', staged, inputs)
    const gateway = await startStaged('gateway', staged, (port) => gatewayEnv(staged, join(staged, 'auth'), port))
    await gateway.stop()
    return { inputs }
  } finally {
    rmSync(staged, { recursive: true, force: true })
  }
}

/** What checking one service alone found, one line. */
async function checkAlone(name: string) {
  if (name === 'gateway') {
    const { inputs } = await checkGatewayAlone()
    return `gateway: built from ${inputs.folders.join(', ')}; started on the committed supergraph with no subgraph, ready`
  }
  if (!SUBGRAPH_NAMES.includes(name as SubgraphName))
    throw new Error(`no subgraph named ${name}, nor is it the gateway`)
  const { inputs } = await checkSubgraphAlone(name as SubgraphName)
  return `${name}: built from ${inputs.folders.join(', ')}; migrated by its migration bundle, started, answered _service and _entities`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.length > 2 ? process.argv.slice(2) : [...SUBGRAPH_NAMES, 'gateway']
  for (const name of names) {
    try {
      console.log(await checkAlone(name))
    } catch (error) {
      if (!(error instanceof SubgraphBuildError)) throw error
      console.error(error.message)
      process.exitCode = 1
    }
  }
}
