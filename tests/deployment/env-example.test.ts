import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadAuditDatabase, loadMigrationConfig, migrationVariables } from '@hub/subgraph-kit/config'
import type { VariableSpec } from '@hub/platform/variables'
import { loadConfig as loadGatewayConfig, variables as gatewayVariables } from '../../gateway/src/config.js'
import {
  loadConfig as loadEducationConfig,
  variables as educationVariables,
} from '../../subgraphs/education/src/config.js'
import { loadConfig as loadHealthConfig, variables as healthVariables } from '../../subgraphs/health/src/config.js'
import { loadConfig as loadNgoConfig, variables as ngoVariables } from '../../subgraphs/ngo/src/config.js'
import { loadConfig as loadSocialConfig, variables as socialVariables } from '../../subgraphs/social/src/config.js'
import { serviceFolder, SERVICE_NAMES, type ServiceName } from '../../scripts/service-docs.js'
import { hubDependencies, listWorkspaces } from '../../scripts/workspaces.js'

// Each service's .env.example must name every variable its processes read. What they read is recorded from the code
// itself: the configuration is loaded from an environment that writes down each name asked of it, and the sources
// are searched for a variable read by name outside the configuration.

const LOADERS: Record<ServiceName, ((env: NodeJS.ProcessEnv) => unknown)[]> = {
  gateway: [loadGatewayConfig],
  social: [loadSocialConfig],
  health: [loadHealthConfig],
  education: [loadEducationConfig],
  ngo: [loadNgoConfig],
}

const SPECS: Record<ServiceName, readonly VariableSpec[]> = {
  gateway: gatewayVariables,
  social: socialVariables,
  health: healthVariables,
  education: educationVariables,
  ngo: ngoVariables,
}

/** The names a loader asks of the environment, given an empty development one. */
function namesRead(load: (env: NodeJS.ProcessEnv) => unknown) {
  const names = new Set<string>()
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, key) {
      if (typeof key === 'string') names.add(key)
      return undefined
    },
  })
  load(env)
  return names
}

function loaders(name: ServiceName) {
  if (name === 'gateway') return LOADERS.gateway
  return [
    ...LOADERS[name],
    (env: NodeJS.ProcessEnv) => loadMigrationConfig(name, env),
    (env: NodeJS.ProcessEnv) => loadAuditDatabase(name, env),
  ]
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === '__generated__' ? [] : sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/**
 * `process.env.NAME`, `env.NAME` and `env['NAME']` read (not assigned) in the service's code and that of the packages
 * it declares, directly or through one another.
 */
function namesInSources(name: ServiceName) {
  const workspaces = listWorkspaces()
  const own = workspaces.find((workspace) => workspace.folder === serviceFolder(name))!
  const folders = [own, ...hubDependencies(workspaces, own.name)]
    .map((workspace) => `${workspace.folder}/src`)
    .filter((folder) => existsSync(folder))
  const names = new Set<string>()
  for (const file of folders.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(
      /\benv\.([A-Z][A-Z0-9_]*)\b(?!\s*=[^=])|\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g,
    )) {
      names.add((match[1] ?? match[2])!)
    }
  }
  return names
}

/** Each variable line of an .env.example: `NAME=value` (set) or `# NAME=value` (left to its default). */
function envLines(name: ServiceName) {
  const text = readFileSync(`${serviceFolder(name)}/.env.example`, 'utf8')
  return [...text.matchAll(/^(# )?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => ({
    name: match[2]!,
    set: match[1] === undefined,
    value: match[3]!,
  }))
}

describe('each service’s .env.example', () => {
  it.each(SERVICE_NAMES)('%s: names every variable its configuration reads, once', (name) => {
    const read = new Set(loaders(name).flatMap((load) => [...namesRead(load)]))
    const listed = envLines(name).map((line) => line.name)
    expect(read.size).toBeGreaterThan(30)
    expect(read).toContain('NODE_ENV')
    expect(listed.filter((variable) => !read.has(variable))).toEqual([])
    expect([...read].filter((variable) => !listed.includes(variable))).toEqual([])
    expect(new Set(listed).size).toBe(listed.length)
  })

  it.each(SERVICE_NAMES)('%s: names every variable its code reads by name', (name) => {
    const listed = new Set(envLines(name).map((line) => line.name))
    const read = namesInSources(name)
    expect(read).toContain('NODE_ENV')
    expect([...read].filter((variable) => !listed.has(variable))).toEqual([])
  })

  it.each(SERVICE_NAMES)(
    '%s: leaves what a deployment must set empty, and shows each default commented out',
    (name) => {
      const lines = new Map(envLines(name).map((line) => [line.name, line]))
      const specs = [...SPECS[name], ...(name === 'gateway' ? [] : migrationVariables(name))]
      for (const spec of specs) {
        const line = lines.get(spec.name)
        if (spec.requiredInDeployment) {
          expect(line, spec.name).toEqual({ name: spec.name, set: true, value: '' })
        } else if (!specs.some((other) => other.name === spec.name && other.requiredInDeployment)) {
          expect(line, spec.name).toEqual({ name: spec.name, set: false, value: spec.default ?? '' })
        }
      }
      expect(lines.get('NODE_ENV')).toEqual({ name: 'NODE_ENV', set: true, value: 'production' })
    },
  )
})
