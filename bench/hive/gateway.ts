import { Agent } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime'
import { Kind, parse, print, visit, type DirectiveNode, type FieldDefinitionNode, type TypeNode } from 'graphql'

export type HiveSubgraphName = 'social' | 'health' | 'education' | 'ngo'

/**
 * The headers our gateway forwards (gateway/src/subgraph-client.ts): each subgraph verifies the caller's token and
 * checks the stated purpose itself. Spelled here rather than imported from the kit's server module, which would load
 * Apollo Server into this process and skew its measured memory.
 */
const FORWARDED_HEADERS = ['authorization', 'x-access-purpose'] as const

const argument = (directive: DirectiveNode, name: string) =>
  directive.arguments?.find((candidate) => candidate.name.value === name)?.value

const namedTypeOf = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type)

/** The subgraph a field is resolved by with `@requires`, if it is. */
function requiringGraph(field: FieldDefinitionNode) {
  const join = field.directives?.find(
    (directive) => directive.name.value === 'join__field' && argument(directive, 'requires'),
  )
  const graph = join && argument(join, 'graph')
  return graph?.kind === Kind.ENUM ? graph.value : undefined
}

/**
 * The supergraph without the fields Hive Gateway 2.15 cannot plan: fields with `@requires` returning a value type (no
 * `@key`) that two or more subgraphs return that way. Its stitching isolates each such field into a subschema that
 * claims the value type as canonical; with two claims (`Provider.educationStaffing`, `healthStaffing`, `ngoStaffing`
 * all return `ProviderStaffing`) building the schema fails with `Multiple canonical definitions for
 * "ProviderStaffing"`, and every request is answered 500. `ChildCard` and `RegistryPage` select none of them.
 */
export function hiveCompatibleSupergraph(supergraphSdl: string) {
  const document = parse(supergraphSdl)
  const valueTypes = new Set<string>()
  const requiringGraphs = new Map<string, Set<string>>()
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue
    const joins = definition.directives?.filter((directive) => directive.name.value === 'join__type') ?? []
    if (!joins.some((join) => argument(join, 'key'))) valueTypes.add(definition.name.value)
    for (const field of definition.fields ?? []) {
      const graph = requiringGraph(field)
      const type = namedTypeOf(field.type)
      if (graph) requiringGraphs.set(type, (requiringGraphs.get(type) ?? new Set()).add(graph))
    }
  }
  const removed: string[] = []
  const trimmed = visit(document, {
    ObjectTypeDefinition(type) {
      const fields = type.fields?.filter((field) => {
        const returned = namedTypeOf(field.type)
        const claims = requiringGraphs.get(returned)?.size ?? 0
        const unplannable = requiringGraph(field) !== undefined && valueTypes.has(returned) && claims > 1
        if (unplannable) removed.push(`${type.name.value}.${field.name.value}`)
        return !unplannable
      })
      return { ...type, fields }
    },
  })
  return { supergraphSdl: print(trimmed), removed }
}

/**
 * Hive Gateway serving our committed supergraph, as a peer of our gateway for the benchmark and the compatibility
 * test. The subgraph URLs in the SDL are replaced by `urls`; nothing is fetched from outside: no landing page (it
 * loads highlight.js from a CDN), no GraphiQL, no usage reporting, no schema polling.
 *
 * Hive merges identical subgraph queries in flight (same body and headers) by default. Ours does not: each subgraph
 * audits every read of personal data per request, and two requests of one caller answered by one subgraph call would
 * leave one audit row for two reads. The merge is turned off here, so that both gateways make the same subgraph calls
 * (the RegistryPage workload repeats one page at 4 connections; with the merge, Hive's subgraphs did a quarter of the
 * work).
 */
export async function startHiveGateway(options: {
  supergraphSdl: string
  urls: Record<HiveSubgraphName, string>
  /**
   * The gateway's assertion for a caller's `authorization` (`x-hub-gateway`, as our gateway signs it): the subgraphs
   * answer fields they hide from clients or fill from the plan (@requires) only to a call that carries it.
   */
  signCall: (authorization: string) => Promise<string>
  port?: number
  host?: string
}): Promise<{ url: string; stop(): Promise<void> }> {
  // Keep-alive pool to the subgraphs, the same size as our gateway's (undici, 64 connections).
  const agent = new Agent({ keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 64 })
  const gateway = createGatewayRuntime({
    supergraph: hiveCompatibleSupergraph(options.supergraphSdl).supergraphSdl,
    transportEntries: Object.fromEntries(
      Object.entries(options.urls).map(([name, location]) => [
        name,
        { location, options: { deduplicateInflightRequests: false } },
      ]),
    ),
    customAgent: () => agent,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request }) => {
        const headers = Object.fromEntries(FORWARDED_HEADERS.map((header) => [header, request.headers.get(header)]))
        return headers.authorization
          ? { ...headers, 'x-hub-gateway': await options.signCall(headers.authorization) }
          : headers
      },
    },
    logging: false,
    landingPage: false,
    graphiql: false,
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
  })
  const httpServer = createServer(gateway)
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const { address, port } = httpServer.address() as AddressInfo
  return {
    url: `http://${address}:${port}/graphql`,
    async stop() {
      httpServer.closeAllConnections()
      await new Promise<void>((resolve, reject) => httpServer.close((error) => (error ? reject(error) : resolve())))
      await gateway.dispose()
      agent.destroy()
    },
  }
}
