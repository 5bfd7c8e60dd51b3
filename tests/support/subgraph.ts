import type { SubgraphName } from '@hub/platform/sides'
import type { BaseContext } from '@apollo/server'
import type { Kysely } from 'kysely'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import { startSubgraphServer, type SubgraphDefinition } from '@hub/subgraph-kit/server'
import { authorizationFor, gatewayCallHeaders, testVerifier, viewers, type TestViewer } from './auth.js'
import { openTestDatabase, type Backend } from './databases.js'
import { postGraphQL } from './graphql.js'
import { sideGrants, subgraphs } from './subgraphs.js'

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
  name: SubgraphName,
  backend: Backend,
  /** The subgraph built otherwise than by its defaults (its attachments kept elsewhere, say). */
  create: (db: Kysely<DB>) => SubgraphDefinition<BaseContext & { access: RequestAccess }> = (db) =>
    subgraphs[name].create({ db, grants: sideGrants(name) }),
) {
  const database = await openTestDatabase<DB>(name, backend)
  const definition = create(database.db)
  const service = await startSubgraphServer(definition, {
    host: '127.0.0.1',
    port: 0,
    verifier: testVerifier,
    database: database.db,
  })
  // The events' first round reads the outbox at start: it ends before any test counts the statements it sends.
  await definition.events?.idle()
  const own = viewers.coordinator(name)
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
