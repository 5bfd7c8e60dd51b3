import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { isHubPackage, listWorkspaces, readManifest, ROOT, type Workspace } from './workspaces.js'

// `npm run check:packages`: every workspace's package.json declares exactly the packages its sources import (npm
// packages with the root's range, the hub's own with their version), so that a workspace installs and builds from its
// folder and what it declares. A source that reaches out of its folder by a relative path fails it too.

/** What a source file imports: every `import`, `export … from` and `import()`, type-only ones included. */
export function importsOf(file: string) {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((entry) => entry.fileName)
}

/** The package a bare specifier names: `@scope/name` or `name`; `node:` and built-in modules name none. */
export function packageOf(specifier: string) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) return undefined
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function sourceFiles(folder: string, skip: readonly string[] = []): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return skip.includes(entry.name) ? [] : sourceFiles(path)
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/**
 * The folders of a workspace that hold what it runs or serves, whose imports are its dependencies: its sources, and the
 * generated code at its top, which a package that is generated serves instead (`@hub/schema`'s typed operations).
 */
const SOURCE_FOLDERS = ['src', '__generated__']

/**
 * Each package the files import, with the first place that imports it (`<file> imports`); a relative path out of
 * `folder` is a problem.
 */
function packagesImported(root: string, folder: string, files: readonly string[], own: string, problems: string[]) {
  const used = new Map<string, string>()
  for (const file of files) {
    const at = relative(root, file).split(sep).join('/')
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier)
        if (!target.startsWith(folder + sep)) {
          problems.push(
            `${at} imports "${specifier}", outside ${relative(root, folder)}: import it by its package's name`,
          )
        }
        continue
      }
      const name = packageOf(specifier)
      if (name !== undefined && name !== own && !used.has(name)) used.set(name, `${at} imports`)
    }
  }
  return used
}

/**
 * Each package whose command a workspace's scripts run (`"codegen": "tsx codegen.ts"`: the first word of each command
 * of the script, after any `NAME=value`), found by the link npm installed for it in the root's `node_modules/.bin`.
 */
function packagesRun(root: string, workspace: Workspace, manifestPath: string) {
  const run = new Map<string, string>()
  for (const [script, line] of Object.entries(workspace.manifest.scripts ?? {})) {
    for (const command of line.split(/&&|\|\||[;|]/)) {
      const bin =
        command
          .trim()
          .split(/\s+/)
          .find((word) => !word.includes('=')) ?? ''
      const link = join(root, 'node_modules', '.bin', bin)
      if (bin === '' || !existsSync(link)) continue
      const name = packageOf(relative(join(root, 'node_modules'), realpathSync(link)).split(sep).join('/'))
      if (name !== undefined && !run.has(name)) run.set(name, `${manifestPath} (scripts.${script}) runs \`${bin}\` of`)
    }
  }
  return run
}

/**
 * Everything wrong with one workspace's declarations, one sentence each: `dependencies` are what its sources (`src/`,
 * and generated code at its top) import, `devDependencies` what the rest of its files (its tests, its codegen entry)
 * import and its scripts run besides.
 */
function checkWorkspace(root: string, workspace: Workspace, workspaces: readonly Workspace[]) {
  const folder = join(root, workspace.folder)
  const manifestPath = `${workspace.folder}/package.json`
  const rootManifest = readManifest(root)
  const rootRanges: Record<string, string> = { ...rootManifest.devDependencies, ...rootManifest.dependencies }
  const problems: string[] = []

  const sources = SOURCE_FOLDERS.filter((name) => existsSync(join(folder, name)))
  const used = packagesImported(
    root,
    folder,
    sources.flatMap((name) => sourceFiles(join(folder, name))),
    workspace.name,
    problems,
  )
  // A subgraph's schema is generated from SDL files of the packages it names here.
  for (const entry of workspace.manifest.hub?.schema ?? []) {
    const name = entry.startsWith('@') ? packageOf(entry) : undefined
    if (name !== undefined && !used.has(name)) used.set(name, `${manifestPath} (hub.schema) imports`)
  }
  const development = packagesImported(
    root,
    folder,
    sourceFiles(folder, [...SOURCE_FOLDERS, 'dist', 'node_modules']),
    workspace.name,
    problems,
  )
  for (const [name, at] of packagesRun(root, workspace, manifestPath)) {
    if (!development.has(name)) development.set(name, at)
  }
  for (const name of used.keys()) development.delete(name)

  const kinds = [
    {
      field: 'dependencies',
      used,
      where: (sources.length > 0 ? sources : ['src']).map((name) => `${workspace.folder}/${name}`).join(', '),
    },
    { field: 'devDependencies', used: development, where: `${workspace.folder} (its tests and tools)` },
  ] as const
  for (const { field, used: imported, where } of kinds) {
    const declared = workspace.manifest[field] ?? {}
    for (const [name, at] of [...imported].sort(([a], [b]) => a.localeCompare(b))) {
      if (!(name in declared)) problems.push(`${at} "${name}", which ${manifestPath} does not declare in ${field}`)
    }
    for (const [name, range] of Object.entries(declared)) {
      if (!imported.has(name)) {
        problems.push(`${manifestPath} declares "${name}" in ${field}, which nothing under ${where} imports`)
        continue
      }
      problems.push(...rangeProblems(manifestPath, name, range, rootRanges, workspaces))
    }
  }
  return problems
}

/** A hub package is declared by its version, an npm package by the root's range. */
function rangeProblems(
  manifestPath: string,
  name: string,
  range: string,
  rootRanges: Record<string, string>,
  workspaces: readonly Workspace[],
) {
  if (isHubPackage(name)) {
    const target = workspaces.find((candidate) => candidate.name === name)
    if (!target) return [`${manifestPath} declares "${name}", which is not a workspace of the root`]
    if (range !== target.manifest.version) {
      return [`${manifestPath} declares "${name}" as "${range}": give its version, "${target.manifest.version}"`]
    }
    return []
  }
  if (rootRanges[name] === undefined)
    return [`${manifestPath} declares "${name}", which the root package.json does not list`]
  if (range !== rootRanges[name]) {
    return [`${manifestPath} declares "${name}" as "${range}", the root package.json as "${rootRanges[name]}"`]
  }
  return []
}

/** Every problem of every workspace's declarations; none means each declares exactly what its sources import. */
export function checkPackages(root: string = ROOT) {
  const workspaces = listWorkspaces(root)
  return workspaces.flatMap((workspace) => checkWorkspace(root, workspace, workspaces))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkPackages()
  for (const problem of problems) console.error(problem)
  if (problems.length > 0) process.exitCode = 1
  else console.log(`each of the ${listWorkspaces().length} workspaces declares exactly the packages it imports`)
}
