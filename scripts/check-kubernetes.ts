import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

// `npm run check:kubernetes`: renders every release and example under deploy/kubernetes offline with
// `kubectl kustomize` and validates each object against the Kubernetes API's schemas (the kubernetes-models package,
// compiled from the API's OpenAPI definitions). No cluster is needed (deploy/kubernetes/README.md).

const root = fileURLToPath(new URL('..', import.meta.url))
export const KUBERNETES_DIR = join(root, 'deploy/kubernetes')

/** A rendered object, as far as every kind has it; the schemas check the rest. */
export interface KubernetesObject {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; labels?: Record<string, string> }
  [field: string]: unknown
}

/** One broken rule: where it was written, which object, where in it, and what the rule says. */
export interface Problem {
  /** The files the object was written in, relative to the repository: its base, the patches on it. */
  sources: string[]
  /** `Kind/name`. */
  object: string
  /** JSON pointer into the object; `/` for the object itself. */
  path: string
  /** The schema's keyword that failed (`type`, `required`, `enum`, …), or `schema` or `namespace`. */
  rule: string
  message: string
}

export interface Rendered {
  objects: KubernetesObject[]
  /** What kubectl said on stderr although it rendered, such as deprecation warnings. */
  warnings: string[]
}

/** Every folder a region applies with `kubectl apply -k`: the releases and the examples built on them. */
export function releaseDirectories(base = KUBERNETES_DIR) {
  return ['releases', 'examples'].flatMap((group) => {
    const folder = join(base, group)
    if (!existsSync(folder)) return []
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'kustomization.yaml')))
      .map((entry) => join(folder, entry.name))
      .sort()
  })
}

/** Renders a kustomization as `kubectl apply -k` would send it, without a cluster. */
export function renderRelease(directory: string): Rendered {
  const kubectl = process.env.KUBECTL ?? 'kubectl'
  const result = spawnSync(kubectl, ['kustomize', directory], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  })
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new Error(
      missing
        ? `${kubectl} not found: install kubectl (Debian: apt-get install kubernetes-client) or set KUBECTL to its path`
        : `${kubectl} kustomize ${relative(root, directory)}: ${result.error.message}`,
    )
  }
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${relative(root, directory)} failed:\n${result.stderr.trim()}`)
  }
  // kubectl reads manifests as YAML 1.1 (an unquoted 0440 is octal there), and so do we.
  const objects = parseAllDocuments(result.stdout, { version: '1.1' })
    .map((document) => document.toJS() as unknown)
    .filter((value): value is KubernetesObject => value !== null && typeof value === 'object')
  const warnings = result.stderr
    .split('\n')
    .map((line) => line.replace(/^#\s*/, '').trim())
    .filter((line) => line !== '')
  return { objects, warnings }
}

interface Kustomization {
  resources?: string[]
  bases?: string[]
  patchesStrategicMerge?: string[]
  configMapGenerator?: { name: string }[]
  secretGenerator?: { name: string }[]
}

interface Written {
  kind: string
  name: string
  /** A generator's name, which kustomize renders with a hash suffix. */
  generated: boolean
  file: string
}

/** Where each object of a kustomization was written: its resources, its bases', its patches, its generators. */
function writtenObjects(directory: string): Written[] {
  const kustomizationFile = join(directory, 'kustomization.yaml')
  const kustomization = (parseAllDocuments(readFileSync(kustomizationFile, 'utf8'))[0]?.toJS() ?? {}) as Kustomization
  const inFile = (file: string): Written[] =>
    parseAllDocuments(readFileSync(file, 'utf8')).flatMap((document) => {
      const object = document.toJS() as Partial<KubernetesObject> | null
      return object?.kind && object.metadata?.name
        ? [{ kind: object.kind, name: object.metadata.name, generated: false, file }]
        : []
    })
  const generators = (kind: string, entries: { name: string }[] = []) =>
    entries.map((entry) => ({ kind, name: entry.name, generated: true, file: kustomizationFile }))
  return [...(kustomization.resources ?? []), ...(kustomization.bases ?? [])]
    .map((entry) => join(directory, entry))
    .flatMap((path) => (existsSync(join(path, 'kustomization.yaml')) ? writtenObjects(path) : inFile(path)))
    .concat((kustomization.patchesStrategicMerge ?? []).flatMap((entry) => inFile(join(directory, entry))))
    .concat(generators('ConfigMap', kustomization.configMapGenerator))
    .concat(generators('Secret', kustomization.secretGenerator))
}

/** A generated ConfigMap's or Secret's name: the generator's, a dash and a hash of its content. */
const GENERATED = /-[a-z0-9]{10}$/

function sourcesOf(object: KubernetesObject, written: readonly Written[]) {
  const name = object.metadata?.name ?? ''
  const files = written
    .filter(
      (entry) =>
        entry.kind === object.kind &&
        (entry.name === name || (entry.generated && GENERATED.test(name) && name.slice(0, -11) === entry.name)),
    )
    .map((entry) => relative(root, entry.file))
  return [...new Set(files)]
}

/** The kinds a release may hold that belong to no namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
])

const API_VERSION = /^(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?\/)?v\d+(?:(?:alpha|beta)\d+)?$/
const KIND = /^[A-Z][A-Za-z0-9]*$/

interface Model {
  apiVersion: string
  kind: string
  new (data: unknown): { validate(): void }
}

/** The kubernetes-models class of an apiVersion and kind, undefined when the package has no schema for it. */
async function modelOf(apiVersion: string, kind: string): Promise<Model | undefined> {
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) return undefined
  // Each kind is a module of its own (`kubernetes-models/apps/v1/Deployment`), loaded only when a release has it.
  const specifier = `kubernetes-models/${apiVersion}/${kind}`
  let module: Record<string, unknown>
  try {
    module = (await import(specifier)) as Record<string, unknown>
  } catch {
    return undefined
  }
  const model = module[kind] as Model | undefined
  return model?.apiVersion === apiVersion && model.kind === kind ? model : undefined
}

interface SchemaError {
  instancePath: string
  keyword: string
  message?: string
  params: { allowedValues?: unknown[] }
}

function schemaErrorsOf(error: unknown): SchemaError[] | undefined {
  const errors = error instanceof Error ? (error as Error & { errors?: unknown }).errors : undefined
  return Array.isArray(errors) ? (errors as SchemaError[]) : undefined
}

/** Checks each object against its kind's schema, and that each namespaced object is in a namespace. */
export async function validateObjects(objects: readonly KubernetesObject[], directory: string): Promise<Problem[]> {
  const written = writtenObjects(directory)
  const problems: Problem[] = []
  for (const object of objects) {
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : ''
    const about = { sources: sourcesOf(object, written), object: `${object.kind}/${name || '(unnamed)'}` }
    if (name === '') {
      problems.push({ ...about, path: '/metadata/name', rule: 'required', message: 'every object needs a name' })
    }
    const model = await modelOf(String(object.apiVersion), String(object.kind))
    if (!model) {
      problems.push({
        ...about,
        path: '/',
        rule: 'schema',
        message: `no Kubernetes schema for apiVersion "${object.apiVersion}" and kind "${object.kind}"`,
      })
      continue
    }
    if (!CLUSTER_SCOPED.has(object.kind) && !object.metadata?.namespace) {
      problems.push({
        ...about,
        path: '/metadata/namespace',
        rule: 'namespace',
        message: 'a release puts every namespaced object into its namespace',
      })
    }
    try {
      new model(object).validate()
    } catch (error) {
      const errors = schemaErrorsOf(error)
      if (!errors) throw error
      for (const failure of errors) {
        const allowed = failure.params.allowedValues ? `: ${failure.params.allowedValues.join(', ')}` : ''
        problems.push({
          ...about,
          path: failure.instancePath || '/',
          rule: failure.keyword,
          message: `${failure.message ?? 'breaks the schema'}${allowed}`,
        })
      }
    }
  }
  return problems
}

export function formatProblem(problem: Problem) {
  const where = problem.sources.length > 0 ? problem.sources.join(' + ') : '(rendered only)'
  return `${where}: ${problem.object} ${problem.path}: ${problem.message} [rule: ${problem.rule}]`
}

/** Renders and validates one release or example (or any kustomization, as the tests give it). */
export async function checkRelease(directory: string) {
  const rendered = renderRelease(directory)
  return { ...rendered, problems: await validateObjects(rendered.objects, directory) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const warnings = new Set<string>()
  let failed = false
  for (const directory of releaseDirectories()) {
    const release = relative(root, directory)
    try {
      const { objects, problems, warnings: said } = await checkRelease(directory)
      said.forEach((warning) => warnings.add(warning))
      if (problems.length === 0) {
        console.log(`${release}: ${objects.length} objects valid (${objects.map((object) => object.kind).join(', ')})`)
      } else {
        failed = true
        console.error(`${release}: ${problems.length} problems`)
        for (const problem of problems) console.error(`  ${formatProblem(problem)}`)
      }
    } catch (error) {
      failed = true
      console.error(error instanceof Error ? error.message : String(error))
    }
  }
  for (const warning of warnings) console.log(`kubectl kustomize warned: ${warning}`)
  if (failed) process.exitCode = 1
}
