import type { BaseContext } from '@apollo/server'
import type { Kysely } from 'kysely'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import type { SubgraphName } from '@hub/platform/sides'
import type { SignalDeliveryOptions } from '@hub/side-contract/signals/delivery'
import { grantsFromSocial } from '@hub/subgraph-kit/access/grants-client'
import type { GrantSource, RequestAccess } from '@hub/subgraph-kit/access/request'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import { startSubgraphServer, type SubgraphDefinition } from '@hub/subgraph-kit/server'
import {
  authorizationFor,
  gatewayCallHeaders,
  testCredentials,
  testVerifier,
  viewers,
  type TestViewer,
} from './auth.js'
import { openTestDatabase, type Backend } from './databases.js'
import type { MigratedSubgraph } from './templates.js'
import { postGraphQL } from './graphql.js'

/** A subgraph as its tests build it: its migrations and its server's factory. */
export interface SubgraphUnderTest extends MigratedSubgraph {
  create: (dependencies: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each factory takes its own DB type
    db: Kysely<any>
    grants: GrantSource
    webhooks?: WebhookOptions
    /** Health and education: where their child-find signals go, signed with `credentials`. */
    signalDelivery?: SignalDeliveryOptions
    credentials?: ServiceCredentials
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each factory takes its own DB type
  }) => SubgraphDefinition<any>
}

/** Where nothing listens: a side subgraph tested without social finds consents unanswerable, and opens nothing. */
export const NO_SOCIAL_URL = 'http://127.0.0.1:1/graphql'

/** How health and education deliver child-find signals to social in tests: the real delivery, retried quickly. */
export function sideSignals(name: SubgraphName, socialUrl: string) {
  return { signalDelivery: { url: socialUrl, retryMs: 200, timeoutMs: 2_000 }, credentials: testCredentials(name) }
}

/** How a side subgraph asks social about consents and referrals in tests: the real client, with a test service token. */
export function sideGrants(name: SubgraphName, socialUrl: string = NO_SOCIAL_URL) {
  return grantsFromSocial({ url: socialUrl, timeoutMs: 2_000 }, testCredentials(name))
}

export const ENTITIES_QUERY = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ...Selection
    }
  }
`

/**
 * One subgraph, alone, on its own fresh test database: the way a ministry
 * runs it. Requests go as a coordinator of the subgraph's own side unless
 * a test names another caller.
 */
export async function startSubgraphForTest<DB>(
  subgraph: SubgraphUnderTest,
  backend: Backend,
  /** The subgraph built otherwise than by its defaults (its attachments kept elsewhere, say). */
  create: (db: Kysely<DB>) => SubgraphDefinition<BaseContext & { access: RequestAccess }> = (db) =>
    subgraph.create({ db, grants: sideGrants(subgraph.name) }),
) {
  const database = await openTestDatabase<DB>(subgraph, backend)
  const definition = create(database.db)
  const service = await startSubgraphServer(definition, {
    host: '127.0.0.1',
    port: 0,
    verifier: testVerifier,
    database: database.db,
  })
  // The events' first round reads the outbox at start: it ends before any test counts the statements it sends.
  await definition.events?.idle()
  const own = viewers.coordinator(subgraph.name)
  const headersOf = async (as: TestViewer, viaGateway: boolean) =>
    viaGateway ? gatewayCallHeaders(as) : authorizationFor(as)
  return {
    db: database.db,
    statements: database.statements,
    url: service.url,
    /** An operation sent straight to the subgraph; `viaGateway` sends it as a call of the gateway's query plan. */
    query: async <T = Record<string, unknown>>(
      query: string,
      variables: Record<string, unknown> = {},
      as: TestViewer = own,
      { viaGateway = false }: { viaGateway?: boolean } = {},
    ) => postGraphQL<T>(service.url, query, variables, await headersOf(as, viaGateway)),
    /**
     * `_entities` with the given representations and a fragment body selected on each, sent as the gateway's query
     * plan sends it (its assertion bound to the caller's token) unless `viaGateway` is false.
     */
    entities: async <T = Record<string, unknown>>(
      representations: object[],
      fragment: string,
      as: TestViewer = own,
      { viaGateway = true }: { viaGateway?: boolean } = {},
    ) =>
      postGraphQL<{ _entities: (T | null)[] }>(
        service.url,
        `${ENTITIES_QUERY}\n${fragment}`,
        { representations },
        await headersOf(as, viaGateway),
      ),
    async stop() {
      await service.stop()
      await database.close()
    },
  }
}
