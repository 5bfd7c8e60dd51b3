import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway'
import type { Viewer } from '../../subgraphs/kit/src/auth/viewer.js'
import { PURPOSE_HEADER } from '../../subgraphs/kit/src/server.js'
import type { Fetcher } from '@apollo/utils.fetcher'
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface'
import { Agent, fetch } from 'undici'

/**
 * One keep-alive connection pool for all subgraph calls: reusing
 * connections instead of opening one per fetch is most of the gateway's
 * throughput on small queries (DESIGN.md §6).
 */
export const subgraphAgent = new Agent({ keepAliveTimeout: 30_000, connections: 64, pipelining: 1 })

/** A fetch bounded by the subgraph's timeout: a hung subgraph costs at most `timeoutMs`. */
export function createSubgraphFetcher(timeoutMs: number): Fetcher {
  return ((url: string, init: Parameters<Fetcher>[1]) =>
    fetch(url, {
      ...(init as object),
      dispatcher: subgraphAgent,
      signal: AbortSignal.timeout(timeoutMs),
    })) as unknown as Fetcher
}

function describeFailure(error: unknown, timeoutMs: number) {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `no answer within ${timeoutMs} ms`
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause
    return cause?.code ?? cause?.message ?? error.message
  }
  return String(error)
}

/** What the gateway knows of a request: the verified caller and the header it proved itself with. */
export interface GatewayContext {
  viewer: Viewer
  authorization: string
  /** The purpose the caller states (`x-access-purpose`); each subgraph validates it and decides with it. */
  purpose: string | undefined
}

/**
 * A subgraph that is down, refuses or times out becomes a GraphQL error
 * coded UNAVAILABLE; the gateway adds `serviceName`, keeps the other
 * sides' data and nulls only this side's fields.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: { name: string; url: string; timeoutMs: number }) {
    super({ url: subgraph.url, fetcher: createSubgraphFetcher(subgraph.timeoutMs) })
  }

  /** The caller's own token and stated purpose go on to every subgraph, which verifies and decides again. */
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!('authorization' in context)) return
    request.http?.headers.set('authorization', context.authorization)
    if (context.purpose) request.http?.headers.set(PURPOSE_HEADER, context.purpose)
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options)
    } catch (error) {
      const reason = describeFailure(error, this.subgraph.timeoutMs)
      return {
        errors: [
          {
            message: `Subgraph "${this.subgraph.name}" is unavailable: ${reason}`,
            extensions: { code: 'UNAVAILABLE', reason },
          },
        ],
      }
    }
  }
}
