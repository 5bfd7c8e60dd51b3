import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment'
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'
import type { IJob } from 'kubernetes-models/batch/v1/Job'
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy'
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget'
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap'
import type { IContainer } from 'kubernetes-models/v1/Container'
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec'
import type { IService } from 'kubernetes-models/v1/Service'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { variables as gatewayVariables } from '../../gateway/src/config.js'
import {
  checkRelease,
  formatProblem,
  KUBERNETES_DIR,
  releaseDirectories,
  type KubernetesObject,
  type Problem,
  type Rendered,
} from '../../scripts/check-kubernetes.js'
import { SERVICE_ENTRIES } from '../../scripts/build-services.js'
import { loadMigrationConfig, migrationVariables } from '@hub/subgraph-kit/config'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { timeZoneVariable } from '@hub/platform/region-time-config'
import { type VariableSpec } from '@hub/platform/variables'
import {
  loadConfig as loadEducationConfig,
  variables as educationVariables,
} from '../../subgraphs/education/src/config.js'
import { loadConfig as loadHealthConfig, variables as healthVariables } from '../../subgraphs/health/src/config.js'
import { loadConfig as loadNgoConfig, variables as ngoVariables } from '../../subgraphs/ngo/src/config.js'
import { loadConfig as loadSocialConfig, variables as socialVariables } from '../../subgraphs/social/src/config.js'

// Every release is rendered by the same `kubectl kustomize` a region runs, and validated by the same check as
// `npm run check:kubernetes` in CI; the tests below then hold the rendered objects to what the services need.

type ServiceName = SubgraphName | 'gateway'
const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway']

const serviceVariables: Record<ServiceName, readonly VariableSpec[]> = {
  social: socialVariables,
  health: healthVariables,
  education: educationVariables,
  ngo: ngoVariables,
  gateway: gatewayVariables,
}
const subgraphConfigLoaders: Record<
  SubgraphName,
  (env: NodeJS.ProcessEnv) => { port: number; timeZone: string; auth: { serviceKeys?: { keys: unknown } } }
> = {
  social: loadSocialConfig,
  health: loadHealthConfig,
  education: loadEducationConfig,
  ngo: loadNgoConfig,
}
/** Names a container may carry besides its service's variables: the mode, and the script its command runs. */
const PLATFORM_VARIABLES = ['NODE_ENV', 'HUB_SCRIPT']

interface Release extends Rendered {
  name: string
  problems: Problem[]
}

const releases = new Map<string, Release>()

beforeAll(async () => {
  for (const directory of releaseDirectories()) {
    releases.set(basename(directory), { name: basename(directory), ...(await checkRelease(directory)) })
  }
})

function release(name: string) {
  const found = releases.get(name)
  if (!found) throw new Error(`deploy/kubernetes has no release or example "${name}"`)
  return found
}

function objectsOf<T>(of: Release, kind: string) {
  return of.objects.filter((object) => object.kind === kind) as unknown as (T & KubernetesObject)[]
}

function one<T>(of: Release, kind: string, name: string) {
  const found = objectsOf<T>(of, kind).find((object) => object.metadata.name === name)
  if (!found) throw new Error(`${of.name} renders no ${kind} "${name}"`)
  return found
}

/** Where a container's variable comes from: a value, or a Secret's or ConfigMap's key created outside the release. */
type Source = { value: string } | { secret: string; key: string } | { configMap: string; key: string }

/** A container's environment as the kubelet gives it, with the release's own ConfigMaps read in. */
function environmentOf(of: Release, container: IContainer): Record<string, Source> {
  const configMap = (name: string) => objectsOf<IConfigMap>(of, 'ConfigMap').find((map) => map.metadata.name === name)
  const environment: Record<string, Source> = {}
  for (const from of container.envFrom ?? []) {
    const map = configMap(from.configMapRef?.name ?? '')
    if (!map) throw new Error(`${container.name}: envFrom names no ConfigMap of ${of.name}`)
    for (const [key, value] of Object.entries(map.data ?? {})) environment[key] = { value }
  }
  for (const variable of container.env ?? []) {
    const secretRef = variable.valueFrom?.secretKeyRef
    const configMapRef = variable.valueFrom?.configMapKeyRef
    const inRelease = configMapRef && configMap(configMapRef.name ?? '')
    environment[variable.name] = secretRef
      ? { secret: secretRef.name ?? '', key: secretRef.key }
      : inRelease
        ? { value: inRelease.data?.[configMapRef.key] ?? '' }
        : configMapRef
          ? { configMap: configMapRef.name ?? '', key: configMapRef.key }
          : { value: variable.value ?? '' }
  }
  return environment
}

function valueOf(environment: Record<string, Source>, name: string) {
  const source = environment[name]
  if (!source || !('value' in source)) throw new Error(`${name} has no value of its own`)
  return source.value
}

/** The command as the kubelet runs it: `$(NAME)` replaced by the container's variable. */
function commandOf(of: Release, container: IContainer) {
  const environment = environmentOf(of, container)
  return (container.command ?? []).map((part) =>
    part.replace(/\$\(([A-Z_][A-Z0-9_]*)\)/g, (_match, name: string) => valueOf(environment, name)),
  )
}

/** Stand-ins for what the region keeps outside the release, well-formed enough for the services' config to load. */
function sampleEnvironment(environment: Record<string, Source>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(environment).map(([name, source]) => {
      if ('value' in source) return [name, source.value]
      if ('secret' in source && name.endsWith('DATABASE_URL')) {
        return [name, `postgres://${source.secret}:password@db.region.example:5432/hub`]
      }
      if (name === timeZoneVariable.name) return [name, 'Asia/Vladivostok']
      return [name, `value-of-${'secret' in source ? source.secret : source.configMap}/${source.key}`]
    }),
  )
}

function required(specs: readonly VariableSpec[]) {
  return specs.filter((spec) => spec.requiredInDeployment).map((spec) => spec.name)
}

const podTemplates = (of: Release) => [
  ...objectsOf<IDeployment>(of, 'Deployment').map((deployment) => ({
    owner: `${of.name}: Deployment/${deployment.metadata.name}`,
    template: deployment.spec!.template,
  })),
  ...objectsOf<IJob>(of, 'Job').map((job) => ({
    owner: `${of.name}: Job/${job.metadata.name}`,
    template: job.spec!.template,
  })),
]

function serviceContainer(of: Release, name: ServiceName) {
  const container = one<IDeployment>(of, 'Deployment', name).spec!.template.spec!.containers.find(
    (candidate) => candidate.name === name,
  )
  if (!container) throw new Error(`${of.name}: Deployment/${name} has no container "${name}"`)
  return container
}

function migrationContainer(of: Release, name: SubgraphName) {
  const [container] = one<IJob>(of, 'Job', `${name}-migrate`).spec!.template.spec!.containers
  if (!container) throw new Error(`${of.name}: Job/${name}-migrate has no container`)
  return container
}

/** A CPU or memory quantity in cores or bytes. */
function quantity(value: string | number | undefined) {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|k|M|G)?$/.exec(String(value))
  if (!match) throw new Error(`not a quantity: ${value}`)
  const factor = { m: 0.001, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 }
  return Number(match[1]) * (match[2] ? factor[match[2] as keyof typeof factor] : 1)
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value)
}

describe('the Kubernetes releases (deploy/kubernetes)', () => {
  it('has one release per service, each rendered offline and every object valid against the Kubernetes schemas', () => {
    const releaseNames = releaseDirectories()
      .filter((directory) => relative(KUBERNETES_DIR, directory).startsWith('releases'))
      .map((directory) => basename(directory))
    expect(releaseNames.sort()).toEqual([...SERVICE_NAMES].sort())
    expect([...releases.keys()]).toContain('external-postgresql')
    for (const rendered of releases.values()) {
      expect(rendered.problems.map(formatProblem), rendered.name).toEqual([])
      expect(rendered.objects.length, rendered.name).toBeGreaterThan(0)
    }
  })

  it('probes every service for liveness on /healthz and for readiness on /readyz, at the port it listens on', () => {
    for (const of of releases.values()) {
      for (const deployment of objectsOf<IDeployment>(of, 'Deployment')) {
        for (const container of deployment.spec!.template.spec!.containers) {
          const where = `${of.name}: ${deployment.metadata.name}/${container.name}`
          const port = container.ports?.find((candidate) => candidate.name === 'http')?.containerPort
          const prefix = deployment.metadata.name.toUpperCase()
          expect(String(port), where).toBe(valueOf(environmentOf(of, container), `${prefix}_PORT`))
          expect(container.livenessProbe?.httpGet, where).toEqual({ path: '/healthz', port: 'http' })
          expect(container.readinessProbe?.httpGet, where).toEqual({ path: '/readyz', port: 'http' })
          expect(container.startupProbe?.httpGet, where).toEqual({ path: '/healthz', port: 'http' })
        }
      }
      for (const service of objectsOf<IService>(of, 'Service')) {
        expect(
          service.spec?.ports?.map((port) => port.targetPort),
          `${of.name}: ${service.metadata.name}`,
        ).toEqual(['http'])
      }
    }
  })

  it('runs every pod as a non-root user with a read-only root, no privilege escalation, no capability and no API token', () => {
    for (const of of releases.values()) {
      for (const { owner, template } of podTemplates(of)) {
        const pod = template.spec!
        expect(pod.securityContext?.runAsNonRoot, owner).toBe(true)
        expect(pod.securityContext?.runAsUser, owner).toBeGreaterThan(0)
        expect(pod.securityContext?.seccompProfile?.type, owner).toBe('RuntimeDefault')
        expect(pod.automountServiceAccountToken, owner).toBe(false)
        // A Service named like the service would give it SOCIAL_PORT=tcp://…, which its config refuses.
        expect(pod.enableServiceLinks, owner).toBe(false)
        for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
          expect(container.securityContext, `${owner}/${container.name}`).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          })
        }
      }
    }
  })

  it('gives every container CPU and memory requests within its limits', () => {
    for (const of of releases.values()) {
      for (const { owner, template } of podTemplates(of)) {
        for (const container of template.spec!.containers) {
          const { requests, limits } = container.resources ?? {}
          for (const resource of ['cpu', 'memory']) {
            const where = `${owner}/${container.name} ${resource}`
            expect(quantity(requests?.[resource]), where).toBeGreaterThan(0)
            expect(quantity(requests?.[resource]), where).toBeLessThanOrEqual(quantity(limits?.[resource]))
          }
        }
      }
    }
  })

  it('puts every object of a release into its namespace, which enforces the restricted pod security standard', () => {
    for (const name of SERVICE_NAMES) {
      const of = release(name)
      const [namespace, ...others] = objectsOf<KubernetesObject>(of, 'Namespace')
      expect(others, name).toEqual([])
      expect(namespace?.metadata.labels, name).toMatchObject({
        'early-help-hub/release': name,
        'pod-security.kubernetes.io/enforce': 'restricted',
      })
      for (const object of of.objects.filter((candidate) => candidate.kind !== 'Namespace')) {
        expect(object.metadata.namespace, `${name}: ${object.kind}/${object.metadata.name}`).toBe(
          namespace?.metadata.name,
        )
      }
    }
  })

  it("keeps each ministry's release to its own objects, image, secrets and database", () => {
    for (const name of SUBGRAPH_NAMES) {
      const of = release(name)
      const others = SERVICE_NAMES.filter((other) => other !== name)
      const own = new RegExp(`^(${name}|hub)(-|$)`)
      for (const object of of.objects) {
        const where = `${name}: ${object.kind}/${object.metadata.name}`
        for (const other of others) expect(object.metadata.name, where).not.toContain(other)
        if (object.kind !== 'Namespace') expect(object.metadata.labels?.['app.kubernetes.io/name'], where).toBe(name)
      }
      for (const { owner, template } of podTemplates(of)) {
        const referenced = [
          ...template.spec!.containers.flatMap((container) => [
            ...(container.env ?? []).flatMap((variable) => [
              variable.valueFrom?.secretKeyRef?.name,
              variable.valueFrom?.configMapKeyRef?.name,
            ]),
            ...(container.envFrom ?? []).map((from) => from.configMapRef?.name ?? from.secretRef?.name),
          ]),
          ...(template.spec!.volumes ?? []).map((volume) => volume.secret?.secretName ?? volume.configMap?.name),
        ].filter((reference): reference is string => reference !== undefined)
        for (const reference of referenced) expect(reference, owner).toMatch(own)
        for (const container of template.spec!.containers) {
          expect(container.image, owner).toMatch(new RegExp(`^early-help-hub/${name}:[\\w.-]+$`))
        }
      }
    }
    expect(serviceContainer(release('gateway'), 'gateway').image).toMatch(/^early-help-hub\/gateway:[\w.-]+$/)
  })

  it('migrates with a Job as the owner role from its own Secret, and serves as the runtime role from another', () => {
    for (const name of SUBGRAPH_NAMES) {
      const of = release(name)
      const prefix = name.toUpperCase()
      const job = migrationContainer(of, name)
      const service = serviceContainer(of, name)
      const jobEnvironment = environmentOf(of, job)
      const serviceEnvironment = environmentOf(of, service)
      expect(jobEnvironment[`${prefix}_MIGRATION_DATABASE_URL`], name).toEqual({
        secret: `${name}-database-owner`,
        key: 'url',
      })
      expect(serviceEnvironment[`${prefix}_DATABASE_URL`], name).toEqual({ secret: `${name}-database`, key: 'url' })
      const secretsOfService = Object.values(serviceEnvironment).flatMap((source) =>
        'secret' in source ? [source.secret] : [],
      )
      expect(secretsOfService, `${name} never holds the owner's password`).not.toContain(`${name}-database-owner`)

      const names = Object.keys(jobEnvironment)
      for (const variable of required(migrationVariables(name))) expect(names, name).toContain(variable)
      const config = loadMigrationConfig(name, { NODE_ENV: 'production', ...sampleEnvironment(jobEnvironment) })
      expect(config.runtimeRole, name).toBe(`${name}_app`)
      expect(config.database, name).toEqual({
        url: `postgres://${name}-database-owner:password@db.region.example:5432/hub`,
      })
      expect(valueOf(jobEnvironment, 'NODE_ENV'), name).toBe('production')
      expect(job.image, name).toBe(service.image)
      expect(one<IJob>(of, 'Job', `${name}-migrate`).spec?.template.spec?.restartPolicy, name).toBe('Never')
    }
  })

  it('runs the bundles the build makes, as docker-compose.yml does, each script taken from one value of its base', () => {
    const bundle = (source: string) => {
      const entry = SERVICE_ENTRIES.find((candidate) => candidate.source === source)
      if (!entry?.deployed) throw new Error(`${source} is no deployed entry of scripts/build-services.ts`)
      return entry.bundle
    }
    for (const name of SUBGRAPH_NAMES) {
      const of = release(name)
      expect(commandOf(of, serviceContainer(of, name)), name).toEqual(['node', bundle(`subgraphs/${name}/src/main.ts`)])
      expect(commandOf(of, migrationContainer(of, name)), name).toEqual([
        'node',
        bundle(`subgraphs/${name}/src/manage.ts`),
        'migrate',
      ])
    }
    const gateway = release('gateway')
    expect(commandOf(gateway, serviceContainer(gateway, 'gateway'))).toEqual(['node', bundle('gateway/src/main.ts')])
  })

  it('gives each service every variable its config requires in production, and none it does not know', () => {
    for (const name of SERVICE_NAMES) {
      const of = release(name)
      const environment = environmentOf(of, serviceContainer(of, name))
      const known = [...serviceVariables[name].map((spec) => spec.name), ...PLATFORM_VARIABLES]
      for (const variable of required(serviceVariables[name]))
        expect(Object.keys(environment), name).toContain(variable)
      for (const variable of Object.keys(environment)) expect(known, `${name} sets ${variable}`).toContain(variable)
      expect(valueOf(environment, 'NODE_ENV'), name).toBe('production')
      expect(valueOf(environment, `${name.toUpperCase()}_HOST`), name).toBe('0.0.0.0')
    }
  })

  it("loads each subgraph's configuration in production, trusting each service's mounted public key for that service alone", () => {
    for (const name of SUBGRAPH_NAMES) {
      const of = release(name)
      const container = serviceContainer(of, name)
      const pod = one<IDeployment>(of, 'Deployment', name).spec!.template.spec!
      const mountOf = (volume: string) => container.volumeMounts?.find((mount) => mount.name === volume)?.mountPath
      const environment = environmentOf(of, container)
      const config = subgraphConfigLoaders[name]({ NODE_ENV: 'production', ...sampleEnvironment(environment) })
      expect(config.timeZone, name).toBe('Asia/Vladivostok')

      expect(config.auth.serviceKeys?.keys, name).toEqual({
        owners: Object.fromEntries(
          SERVICE_NAMES.map((owner) => [owner, [{ jwksPath: `${mountOf('service-jwks')}/${owner}.json` }]]),
        ),
      })
      expect(pod.volumes?.find((volume) => volume.name === 'service-jwks')?.configMap?.name, name).toBe(
        'hub-service-jwks',
      )
      expect(valueOf(environment, `${name.toUpperCase()}_SERVICE_KEY`), name).toBe(`${mountOf('service-key')}/key.json`)
      expect(pod.volumes?.find((volume) => volume.name === 'service-key')?.secret?.secretName, name).toBe(
        `${name}-service-key`,
      )
    }
  })

  it('points every service at the Services the other releases create', () => {
    const urlOf = (name: SubgraphName) => {
      const of = release(name)
      const service = one<IService>(of, 'Service', name)
      return `http://${name}.${service.metadata.namespace}.svc:${service.spec?.ports?.[0]?.port}/graphql`
    }
    const gateway = release('gateway')
    const gatewayEnvironment = environmentOf(gateway, serviceContainer(gateway, 'gateway'))
    for (const name of SUBGRAPH_NAMES) {
      expect(valueOf(gatewayEnvironment, `GATEWAY_${name.toUpperCase()}_URL`), name).toBe(urlOf(name))
      const of = release(name)
      const environment = environmentOf(of, serviceContainer(of, name))
      const peers = name === 'social' ? SUBGRAPH_NAMES.filter((peer) => peer !== 'social') : (['social'] as const)
      for (const peer of peers) {
        expect(valueOf(environment, `${name.toUpperCase()}_${peer.toUpperCase()}_URL`), name).toBe(urlOf(peer))
      }
    }
  })

  it('lets only the gateway, the subgraphs that call it and the metrics scraper reach a subgraph', () => {
    const callers: Record<SubgraphName, ServiceName[]> = {
      social: ['gateway', 'health', 'education', 'ngo'],
      health: ['gateway', 'social'],
      education: ['gateway', 'social'],
      ngo: ['gateway', 'social'],
    }
    const podLabelsOf = (name: ServiceName) =>
      one<IDeployment>(release(name), 'Deployment', name).spec!.template.metadata!.labels
    const namespaceLabelsOf = (name: ServiceName) =>
      objectsOf<KubernetesObject>(release(name), 'Namespace')[0]?.metadata.labels
    for (const name of SUBGRAPH_NAMES) {
      const [policy, ...others] = objectsOf<INetworkPolicy>(release(name), 'NetworkPolicy')
      expect(others, name).toEqual([])
      expect(matches(policy?.spec?.podSelector.matchLabels, podLabelsOf(name)), name).toBe(true)
      expect(policy?.spec?.policyTypes, name).toEqual(['Ingress'])
      const [rule, ...moreRules] = policy?.spec?.ingress ?? []
      expect(moreRules, name).toEqual([])
      expect(rule?.ports, name).toEqual([{ port: 'http' }])
      const peers = rule?.from ?? []
      const reached = SERVICE_NAMES.filter((caller) =>
        peers.some(
          (peer) =>
            peer.podSelector !== undefined &&
            matches(peer.namespaceSelector?.matchLabels, namespaceLabelsOf(caller)) &&
            matches(peer.podSelector.matchLabels, podLabelsOf(caller)),
        ),
      )
      expect(reached.sort(), name).toEqual([...callers[name]].sort())
      const scrapers = peers.filter((peer) => peer.podSelector === undefined)
      expect(scrapers, name).toEqual([{ namespaceSelector: { matchLabels: { 'early-help-hub/metrics': 'scrape' } } }])
    }
  })

  it('scales the gateway on CPU from two replicas up, and keeps a replica of every service through a disruption', () => {
    const gateway = release('gateway')
    const autoscaler = one<IHorizontalPodAutoscaler>(gateway, 'HorizontalPodAutoscaler', 'gateway')
    expect(autoscaler.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' })
    expect(autoscaler.spec?.minReplicas).toBeGreaterThanOrEqual(2)
    expect(autoscaler.spec?.maxReplicas).toBeGreaterThan(autoscaler.spec?.minReplicas ?? 0)
    expect(autoscaler.spec?.metrics?.map((metric) => metric.resource?.name)).toEqual(['cpu'])
    // Applying the release again must not take the count back from the autoscaler.
    expect(one<IDeployment>(gateway, 'Deployment', 'gateway').spec?.replicas).toBeUndefined()

    for (const name of SERVICE_NAMES) {
      const of = release(name)
      const deployment = one<IDeployment>(of, 'Deployment', name)
      expect(deployment.spec?.replicas ?? 2, name).toBeGreaterThanOrEqual(2)
      expect(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable, name).toBe(0)
      const budget = one<IPodDisruptionBudget>(of, 'PodDisruptionBudget', name)
      expect(budget.spec?.minAvailable, name).toBe(1)
      expect(matches(budget.spec?.selector?.matchLabels, deployment.spec!.template.metadata!.labels), name).toBe(true)
      expect(deployment.spec?.selector.matchLabels, name).toEqual(budget.spec?.selector?.matchLabels)
    }
  })

  it('shapes the four subgraph releases alike: only the name and the port differ', () => {
    const shape = (name: SubgraphName, template: IPodTemplateSpec | KubernetesObject) => {
      const port = String(4001 + SUBGRAPH_NAMES.indexOf(name))
      // Letters around a name are another word (/healthz); a generated ConfigMap's hash follows its content.
      return JSON.stringify(template)
        .replace(/-(commands|env)-[a-z0-9]{10}"/g, '-$1"')
        .replace(new RegExp(`(?<![a-z])${name}(?![a-z])`, 'g'), 'NAME')
        .replace(new RegExp(`(?<![A-Z])${name.toUpperCase()}(?![A-Z])`, 'g'), 'NAME')
        .replace(new RegExp(`(?<!\\d)${port}(?!\\d)`, 'g'), 'PORT')
    }
    for (const kind of ['Deployment', 'Service', 'Job', 'PodDisruptionBudget', 'Namespace']) {
      const [social, ...others] = SUBGRAPH_NAMES.map((name) => {
        const [object] = objectsOf<KubernetesObject>(release(name), kind)
        if (!object) throw new Error(`${name} renders no ${kind}`)
        return shape(name, object)
      })
      for (const other of others) expect(other, kind).toBe(social)
    }
  })
})

describe('the check of the Kubernetes manifests (scripts/check-kubernetes.ts)', () => {
  const folders: string[] = []
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })))

  function overlay(files: Record<string, string>) {
    const folder = mkdtempSync(join(tmpdir(), 'hub-kustomize-'))
    folders.push(folder)
    for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content)
    return folder
  }

  it('names the file, the object, the path and the rule of each field that breaks the schema', async () => {
    const folder = overlay({
      'kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: broken',
        'spec:',
        '  replicas: two',
        '  selector:',
        '    matchLabels:',
        '      app: broken',
        '  template:',
        '    spec:',
        '      containers:',
        '        - image: early-help-hub/social',
        '          ports:',
        '            - containerPort: http',
        '',
      ].join('\n'),
    })
    const { problems } = await checkRelease(folder)
    const source = relative(join(KUBERNETES_DIR, '../..'), join(folder, 'deployment.yaml'))
    const about = { sources: [source], object: 'Deployment/broken' }
    expect(problems).toEqual(
      expect.arrayContaining([
        { ...about, path: '/spec/replicas', rule: 'type', message: 'must be integer' },
        {
          ...about,
          path: '/spec/template/spec/containers/0',
          rule: 'required',
          message: 'must have required property name',
        },
        {
          ...about,
          path: '/spec/template/spec/containers/0/ports/0/containerPort',
          rule: 'type',
          message: 'must be integer',
        },
        {
          ...about,
          path: '/metadata/namespace',
          rule: 'namespace',
          message: 'a release puts every namespaced object into its namespace',
        },
      ]),
    )
    expect(problems).toHaveLength(4)
    expect(formatProblem(problems.find((problem) => problem.path === '/spec/replicas')!)).toBe(
      `${source}: Deployment/broken /spec/replicas: must be integer [rule: type]`,
    )
  })

  it("names a release's base and the overlay's patch when the patch breaks the release", async () => {
    const folder = overlay({
      'replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ngo\nspec:\n  replicas: many\n',
    })
    writeFileSync(
      join(folder, 'kustomization.yaml'),
      `bases:\n  - ${relative(folder, join(KUBERNETES_DIR, 'releases/ngo'))}\npatchesStrategicMerge:\n  - replicas.yaml\n`,
    )
    const { problems } = await checkRelease(folder)
    expect(problems).toEqual([
      {
        sources: [
          'deploy/kubernetes/base/ngo/deployment.yaml',
          relative(join(KUBERNETES_DIR, '../..'), join(folder, 'replicas.yaml')),
        ],
        object: 'Deployment/ngo',
        path: '/spec/replicas',
        rule: 'type',
        message: 'must be integer',
      },
    ])
  })

  it('refuses an object whose kind has no Kubernetes schema, such as an operator’s custom resource', async () => {
    const folder = overlay({
      'kustomization.yaml': 'namespace: hub-health\nresources:\n  - cluster.yaml\n',
      'cluster.yaml':
        'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: health-db\nspec:\n  instances: 3\n',
    })
    const { problems } = await checkRelease(folder)
    expect(problems.map(formatProblem)).toEqual([
      `${relative(join(KUBERNETES_DIR, '../..'), join(folder, 'cluster.yaml'))}: Cluster/health-db /: no Kubernetes schema for apiVersion "postgresql.cnpg.io/v1" and kind "Cluster" [rule: schema]`,
    ])
  })
})
