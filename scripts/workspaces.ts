import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The fields of a package.json the hub reads. */
export interface PackageManifest {
  name: string
  version: string
  workspaces?: string[]
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  scripts?: Record<string, string>
  /** The SDL files a subgraph's complete schema is generated from: its own, and shared ones by package. */
  hub?: { schema?: string[] }
}

/** One npm workspace: a package of the hub's own (`@hub/*`) in a folder of the repository. */
export interface Workspace {
  name: string
  /** Relative to the root, with `/`: `packages/platform`, `subgraphs/health`, `gateway`. */
  folder: string
  manifest: PackageManifest
}

export function readManifest(folder: string): PackageManifest {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest
}

/**
 * The workspaces the root package.json lists, sorted by folder: each package folder under a `<folder>/*` pattern
 * (`packages/*`, `subgraphs/*`), and a plain folder entry (`gateway`) as the one package it is.
 */
export function listWorkspaces(root: string = ROOT): Workspace[] {
  return (readManifest(root).workspaces ?? [])
    .flatMap((pattern) => {
      const parent = pattern.replace(/\/\*$/, '')
      if (parent.includes('*')) {
        throw new Error(`package.json: workspace pattern "${pattern}" is neither <folder>/* nor a folder`)
      }
      if (parent === pattern) {
        if (!existsSync(join(root, pattern, 'package.json'))) {
          throw new Error(`package.json: workspace "${pattern}" has no package.json`)
        }
        return [pattern]
      }
      return readdirSync(join(root, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(root, parent, entry.name, 'package.json')))
        .map((entry) => `${parent}/${entry.name}`)
    })
    .sort()
    .map((folder) => {
      const manifest = readManifest(join(root, folder))
      return { name: manifest.name, folder, manifest }
    })
}

/** Whether a dependency's name is one of the hub's own packages. */
export function isHubPackage(name: string) {
  return name.startsWith('@hub/')
}

/**
 * The workspaces a workspace depends on, directly or through one another, sorted by folder: what it needs besides its
 * own folder to build, and with `development` what it needs to run its tests and tools (its own devDependencies, and
 * what those depend on).
 */
export function hubDependencies(
  workspaces: readonly Workspace[],
  name: string,
  { development = false }: { development?: boolean } = {},
): Workspace[] {
  const byName = new Map(workspaces.map((workspace) => [workspace.name, workspace]))
  const found = new Map<string, Workspace>()
  const visit = (workspace: Workspace, declared: Record<string, string>) => {
    for (const dependency of Object.keys(declared).filter(isHubPackage)) {
      if (dependency === name || found.has(dependency)) continue
      const target = byName.get(dependency)
      if (!target) throw new Error(`${workspace.folder}/package.json: ${dependency} is not a workspace of the root`)
      found.set(dependency, target)
      visit(target, target.manifest.dependencies ?? {})
    }
  }
  const start = byName.get(name)
  if (!start) throw new Error(`${name} is not a workspace of the root package.json`)
  visit(start, { ...start.manifest.dependencies, ...(development ? start.manifest.devDependencies : {}) })
  return [...found.values()].sort((a, b) => a.folder.localeCompare(b.folder))
}
