import { readFileSync } from 'node:fs'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print, type DocumentNode } from 'graphql'
import { expect } from 'vitest'
import type { ResiliencePolicy } from '../../gateway/src/resilience.js'
import { startGateway } from '../../gateway/src/server.js'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { type RunningService } from '@hub/platform/service'
import { createTelemetry, type TelemetryOptions } from '@hub/platform/telemetry/telemetry'
import type { WorkBudgetLimits } from '@hub/subgraph-kit/work-budget'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import type { DB as EducationDB } from '../../subgraphs/education/src/db/database.js'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import type { DB as NgoDB } from '../../subgraphs/ngo/src/db/database.js'
import type { DB as SocialDB } from '../../subgraphs/social/src/db/database.js'
import {
  authorizationFor,
  testCredentials,
  testGatewaySigner,
  testGatewayVerifier,
  testVerifier,
  viewers,
  type TestViewer,
} from '@hub/testing/auth'
import { openTestDatabase, type Backend, type TestDatabase } from '@hub/testing/databases'
import { postGraphQL } from '@hub/testing/graphql'
import { freePorts } from '../../scripts/processes.js'
import type { ScreenSignIn } from '../../gateway/src/sign-in.js'
import { seedDatabases } from '../../scripts/seed.js'
import { FIXED_REFERENCE_DATE } from '../../scripts/seed/days.js'
import { sideGrants, sideSignals } from '@hub/testing/subgraph'
import { subgraphs } from './subgraphs.js'
import { createSocialServer } from '../../subgraphs/social/src/server.js'
import { FIGURES_CHANNEL } from '../../subgraphs/social/src/modules/monitoring/services/indicators.js'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'
import { ngoSubgraph } from '../../subgraphs/ngo/test/support/subgraph.js'
import { healthSubgraph } from '../../subgraphs/health/test/support/subgraph.js'
import { educationSubgraph } from '../../subgraphs/education/test/support/subgraph.js'

export const supergraphSdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')

export interface HubDatabases {
  social: TestDatabase<SocialDB>
  health: TestDatabase<HealthDB>
  education: TestDatabase<EducationDB>
  ngo: TestDatabase<NgoDB>
}

export async function openHubDatabases(backend: Backend): Promise<HubDatabases> {
  const [social, health, education, ngo] = await Promise.all([
    openTestDatabase<SocialDB>(socialSubgraph, backend),
    openTestDatabase<HealthDB>(healthSubgraph, backend),
    openTestDatabase<EducationDB>(educationSubgraph, backend),
    openTestDatabase<NgoDB>(ngoSubgraph, backend),
  ])
  return { social, health, education, ngo }
}

/** Health, education and ngo first: social delivers merges to where they listen. */
const START_ORDER: readonly SubgraphName[] = ['health', 'education', 'ngo', 'social']

/** How the hub's services log and trace in a test that looks at it; unset: warnings and errors only. */
export type HubTelemetry = Pick<TelemetryOptions, 'logLevel' | 'logDestination' | 'tracesUrl' | 'metricsToken'>

async function startTestSubgraph(
  name: SubgraphName,
  databases: HubDatabases,
  services: Partial<Record<SubgraphName, RunningService>>,
  socialPort: number,
  telemetry: HubTelemetry | undefined,
  workBudget: WorkBudgetLimits | undefined,
  webhooks: WebhookOptions | undefined,
) {
  const definition =
    name === 'social'
      ? createSocialServer({
          db: databases.social.db,
          figureChanges: await databases.social.watch(FIGURES_CHANNEL),
          mergeDelivery: {
            urls: { HEALTH: services.health!.url, EDUCATION: services.education!.url, NGO: services.ngo!.url },
            // Delivery runs when a merge commits; the retry matters only for a side a test stopped.
            retryMs: 200,
            timeoutMs: 2_000,
          },
          credentials: testCredentials('social'),
          webhooks,
        })
      : subgraphs[name].create({
          db: databases[name].db,
          grants: sideGrants(name, socialUrlAt(socialPort)),
          webhooks,
          ...sideSignals(name, socialUrlAt(socialPort)),
        })
  const service = await startSubgraphServer(definition, {
    database: databases[name].db,
    host: '127.0.0.1',
    port: name === 'social' ? socialPort : 0,
    verifier: testVerifier,
    telemetry: telemetry && createTelemetry({ service: name, ...telemetry, poolStats: databases[name].poolStats }),
    workBudget,
  })
  // The events' first round reads the outbox at start: it ends before any test counts the statements it sends.
  await definition.events?.idle()
  return service
}

function socialUrlAt(port: number) {
  return `http://127.0.0.1:${port}/graphql`
}

/**
 * The whole hub on loopback, in this process: four real subgraphs on
 * their own test databases behind the real gateway, on ephemeral ports.
 * Requests go as a regional coordinator unless a test names another caller.
 */
export async function startHub(
  backend: Backend,
  options: {
    timeoutMs?: number
    resilience?: Partial<ResiliencePolicy>
    /** Where the gateway calls each subgraph instead of the subgraph itself, given the started subgraphs' URLs. */
    urls?:
      | Partial<Record<SubgraphName, string>>
      | ((started: Record<SubgraphName, string>) => Promise<Partial<Record<SubgraphName, string>>>)
    /** The identity provider the screens sign in with (`GET /auth/config`). */
    signIn?: ScreenSignIn
    /** Databases already holding data (restored from a backup); by default fresh ones of the backend. */
    databases?: HubDatabases
    telemetry?: HubTelemetry
    /** Each subgraph's budget of expensive work per caller; by default the services' own default. */
    workBudget?: WorkBudgetLimits
    /** How the subgraphs deliver their events to webhooks; by default the services' own default. */
    webhooks?: WebhookOptions
  } = {},
) {
  const databases = options.databases ?? (await openHubDatabases(backend))
  const services = {} as Record<SubgraphName, RunningService>
  // The other subgraphs ask social about consents, so they are told where it will listen before it starts.
  const [socialPort] = (await freePorts(1)) as [number]
  for (const name of START_ORDER) {
    services[name] = await startTestSubgraph(
      name,
      databases,
      services,
      socialPort,
      options.telemetry,
      options.workBudget,
      options.webhooks,
    )
  }
  const urls =
    typeof options.urls === 'function'
      ? await options.urls(
          Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, services[name].url])) as Record<SubgraphName, string>,
        )
      : options.urls
  const gateway = await startGateway(
    {
      supergraphSdl,
      resilience: options.resilience,
      verifier: testGatewayVerifier,
      callSigner: testGatewaySigner,
      subgraphs: Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [
          name,
          { url: urls?.[name] ?? services[name].url, timeoutMs: options.timeoutMs ?? 3_000 },
        ]),
      ),
    },
    {
      host: '127.0.0.1',
      port: 0,
      signIn: options.signIn,
      telemetry: options.telemetry && createTelemetry({ service: 'gateway', ...options.telemetry }),
    },
  )
  const query = async <T = Record<string, unknown>>(
    document: DocumentNode | string,
    variables: Record<string, unknown> = {},
    as: TestViewer = viewers.coordinator('regional'),
  ) =>
    postGraphQL<T>(
      gateway.url,
      typeof document === 'string' ? document : print(document),
      variables,
      await authorizationFor(as),
    )
  return {
    databases,
    services,
    gateway,
    query,
    /** Runs a committed operation with its codegen types and expects it to succeed. */
    async run<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V, as?: TestViewer) {
      const response = await query<R>(document, variables, as)
      expect(response.errors).toBeUndefined()
      return response.data!
    },
    /** How a restarted side subgraph asks this hub's social about consents. */
    grantsFor: (name: SubgraphName) => sideGrants(name, services.social.url),
    /** How a restarted health or education subgraph delivers its child-find signals to this hub's social. */
    signalsFor: (name: SubgraphName) => sideSignals(name, socialUrlAt(socialPort)),
    /** Seeds the synthetic region of `children` children into the four databases, as of the fixed reference date. */
    seed: (children: number) =>
      seedDatabases(
        {
          social: databases.social.db,
          health: databases.health.db,
          education: databases.education.db,
          ngo: databases.ngo.db,
        },
        { children, today: FIXED_REFERENCE_DATE },
      ),
    resetStatementCounts() {
      for (const name of SUBGRAPH_NAMES) databases[name].statements.length = 0
    },
    async stop() {
      await gateway.stop()
      for (const name of SUBGRAPH_NAMES) {
        if (services[name].httpServer.listening) await services[name].stop()
        await databases[name].close()
      }
    },
  }
}

export type Hub = Awaited<ReturnType<typeof startHub>>
