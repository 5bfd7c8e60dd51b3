import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { variables as gatewayVariables } from '../../gateway/src/config.js'
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES } from '@hub/platform/sides'
import { entriesOf } from '../../scripts/build-services.js'
import { buildInputsOf } from '../../scripts/check-subgraph-build.js'

// Docker cannot run where the tests run, so these tests read each service's Dockerfile and its build context's
// ignore file the way Docker would, and hold them to what the service is built from: an image reads only its service's
// own folder, the packages it declares and the root's package files (the gateway's also the screens' sources), never
// another ministry's folder.

interface Instruction {
  keyword: string
  args: string
}

interface Stage {
  image: string
  name?: string
  instructions: Instruction[]
}

/** A Dockerfile's stages, each with its instructions, continuation lines joined and comments dropped. */
function stagesOf(path: string): Stage[] {
  const lines = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  const stages: Stage[] = []
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? []
    if (keyword === 'FROM') {
      const [image = '', , name] = args.split(/\s+/)
      stages.push({ image, name, instructions: [] })
    } else {
      expect(stages.length, `${path}: ${line} before FROM`).toBeGreaterThan(0)
      stages.at(-1)!.instructions.push({ keyword, args })
    }
  }
  return stages
}

function argsOf(stage: Stage, keyword: string) {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map(({ args }) => args)
}

/** What a stage's COPY instructions take from the build context (`--from` left out), trailing slashes dropped. */
function copiedFromContext(stage: Stage) {
  return argsOf(stage, 'COPY')
    .filter((args) => !args.startsWith('--from='))
    .flatMap((args) => args.split(/\s+/).slice(0, -1))
    .map((source) => source.replace(/\/$/, ''))
    .sort()
}

/** What a stage's `COPY --from=build` instructions take from the build stage. */
function copiedFromBuild(stage: Stage) {
  return argsOf(stage, 'COPY')
    .filter((args) => args.startsWith('--from=build '))
    .flatMap((args) => args.split(/\s+/).slice(1, -1))
    .sort()
}

/** The paths an ignore file lets into the build context: it excludes everything, then names the exceptions. */
function contextOf(dockerfile: string) {
  const lines = readFileSync(new URL(`../../${dockerfile}.dockerignore`, import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  expect(lines[0], dockerfile).toBe('*')
  expect(lines.slice(-2), dockerfile).toEqual(['**/node_modules', '**/dist'])
  return lines
    .slice(1, -2)
    .map((line) => {
      expect(line, dockerfile).toMatch(/^!/)
      return line.slice(1)
    })
    .sort()
}

const ROOT_FILES = ['package.json', 'package-lock.json', '.npmrc']
const NODE_IMAGE = `node:${process.versions.node.split('.')[0]}-bookworm-slim`

/** What one service's image is built from and how it runs. */
interface Image {
  service: string
  dockerfile: string
  /** Files and folders the build stage copies from the context, and only these. */
  buildInputs: string[]
  /** How the build stage installs and builds. */
  build: string[]
  /** How the final stage installs the runtime dependencies. */
  install: string
  /** Files the final stage copies from the context. */
  runtimeFiles: string[]
  /** Folders the final stage copies from the build stage. */
  built: string[]
  port: string
  prefix: string
}

const images: Image[] = [
  ...SUBGRAPH_NAMES.map((name): Image => {
    const { files, folders } = buildInputsOf(name)
    return {
      service: name,
      dockerfile: `subgraphs/${name}/Dockerfile`,
      buildInputs: [...files, ...folders],
      build: [
        `npm ci --workspace @hub/${name} --include-workspace-root --ignore-scripts`,
        `npm run build:services -- ${name}`,
      ],
      install: `npm ci --omit=dev --workspace @hub/${name} --ignore-scripts && npm cache clean --force`,
      // The manifests alone: the packages' code is in the bundles.
      runtimeFiles: [
        ...ROOT_FILES,
        ...folders.map((folder) => `${folder}/package.json`),
        `subgraphs/${name}/schema.graphql`,
      ],
      built: [`/app/subgraphs/${name}/dist`],
      port: String(DEFAULT_SUBGRAPH_PORTS[name]),
      prefix: name.toUpperCase(),
    }
  }),
  ((): Image => {
    const { files, folders } = buildInputsOf('gateway')
    return {
      service: 'gateway',
      dockerfile: 'gateway/Dockerfile',
      buildInputs: [...files, ...folders, 'dashboard'],
      build: [
        'npm ci --workspace @hub/gateway --include-workspace-root --ignore-scripts',
        'npm run build:dashboard && npm run build:services -- gateway',
      ],
      install: 'npm ci --omit=dev --workspace @hub/gateway --ignore-scripts && npm cache clean --force',
      // The manifests alone, and the supergraph the gateway serves: the packages' code is in the bundle.
      runtimeFiles: [...ROOT_FILES, ...folders.map((folder) => `${folder}/package.json`), 'schema/supergraph.graphql'],
      built: ['/app/dashboard/dist', '/app/gateway/dist'],
      port: gatewayVariables.find((variable) => variable.name === 'GATEWAY_PORT')!.default!,
      prefix: 'GATEWAY',
    }
  })(),
]

describe.each(images)('$dockerfile', (image) => {
  const stages = stagesOf(image.dockerfile)
  const [build, final] = stages

  it('builds in a stage of its own and runs in a second, both on the Node LTS the tests run on', () => {
    expect(stages.map((stage) => [stage.image, stage.name])).toEqual([
      [NODE_IMAGE, 'build'],
      [NODE_IMAGE, undefined],
    ])
  })

  it('copies into its build stage only what it is built from, and the ignore file lets nothing else into the context', () => {
    expect(copiedFromContext(build!)).toEqual([...image.buildInputs].sort())
    expect(contextOf(image.dockerfile)).toEqual([...image.buildInputs].sort())
  })

  it("reaches into no ministry's folder but its own", () => {
    const others = SUBGRAPH_NAMES.filter((name) => name !== image.service)
    for (const stage of stages) {
      for (const { args } of stage.instructions) {
        for (const other of others)
          expect(args, image.dockerfile).not.toMatch(new RegExp(`\\b(subgraphs/|@hub/)${other}\\b`))
      }
    }
  })

  it('installs its build tools and bundles its service with the build script', () => {
    expect(argsOf(build!, 'RUN')).toEqual(image.build)
  })

  it('installs only runtime dependencies, then takes the files it reads and the bundles of its service', () => {
    expect(argsOf(final!, 'RUN')).toEqual([image.install])
    expect(copiedFromContext(final!)).toEqual([...image.runtimeFiles].sort())
    expect(copiedFromBuild(final!)).toEqual([...image.built].sort())
    for (const entry of entriesOf([image.service])) {
      expect(
        image.built.some((folder) => `/app/${entry.bundle}`.startsWith(`${folder}/`)),
        entry.bundle,
      ).toBe(true)
    }
  })

  it('runs its service as the node user, listening on all interfaces in production, on its port', () => {
    const [main] = entriesOf([image.service]).filter((entry) => entry.source.endsWith('/main.ts'))
    const last = final!.instructions.at(-1)
    expect(last?.keyword).toBe('CMD')
    expect(JSON.parse(last?.args ?? 'null')).toEqual(['node', main!.bundle])
    expect(argsOf(final!, 'USER')).toEqual(['node'])
    const user = final!.instructions.findIndex((instruction) => instruction.keyword === 'USER')
    expect(final!.instructions.slice(user + 1).map((instruction) => instruction.keyword)).not.toContain('RUN')
    expect(argsOf(final!, 'ENV').join(' ').split(/\s+/)).toEqual(
      expect.arrayContaining(['NODE_ENV=production', `${image.prefix}_HOST=0.0.0.0`]),
    )
    expect(argsOf(final!, 'EXPOSE')).toEqual([image.port])
  })

  it('checks its health on /healthz of its port with node, since the slim image has no curl', () => {
    const [healthcheck] = argsOf(final!, 'HEALTHCHECK')
    const [, options = '', command = '[]'] = /^(.*?)CMD\s+(\[.*\])$/.exec(healthcheck ?? '') ?? []
    expect(options.trim().split(/\s+/)).toEqual(
      expect.arrayContaining(['--interval=10s', '--timeout=5s', '--retries=3']),
    )
    const [executable, flag, script] = JSON.parse(command) as string[]
    expect([executable, flag]).toEqual(['node', '-e'])
    expect(script).toContain(`'http://127.0.0.1:' + (process.env.${image.prefix}_PORT || '${image.port}') + '/healthz'`)
  })
})
