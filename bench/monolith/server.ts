import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GraphQLError } from 'graphql'
import type { SubgraphName } from '@hub/platform/sides'
import { openDatabase, type Database } from '@hub/subgraph-kit/database'
import type { CoverageRule } from '../../subgraphs/social/src/db/database.js'
import { childCard } from './child-card.js'
import { sideUrl } from './schemas.js'
import { regionalIndicators, type SideDatabases } from './indicators.js'
import { registryPage } from './registry-page.js'

export interface MonolithOptions {
  /** The database `prepareMonolithDatabase` made. */
  url: string
  port?: number
  host?: string
  /** Connections of the pool the hand-written statements use; default 10. */
  poolSize?: number
}

export interface RunningMonolith {
  url: string
  stop(): Promise<void>
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const MAX_PAGE_SIZE = 1000
/** Connections of each side's pool, which serves only the indicators' figure SQL. */
const SIDE_POOL_SIZE = 2

class BadRequest extends Error {}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  response.end(text)
}

function pageSize(value: string | null) {
  const first = value === null ? 50 : Number(value)
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadRequest(`first: must be between 1 and ${MAX_PAGE_SIZE}`)
  }
  return first
}

function day(params: URLSearchParams, name: string) {
  const value = params.get(name)
  if (value === null || !DAY.test(value)) throw new BadRequest(`${name}: must be a date written YYYY-MM-DD`)
  return value
}

/**
 * The monolith baseline behind plain HTTP: hand-written SQL over the one database, JSON answers, keep-alive, no
 * GraphQL execution. It trusts its caller and verifies no token: it answers as the regional coordinator of social
 * would be answered by the hub, and exists only to be measured against it.
 */
export async function startMonolith(options: MonolithOptions): Promise<RunningMonolith> {
  const main = openDatabase<unknown>({ url: options.url }, { poolSize: options.poolSize ?? 10 })
  const opened: Database<unknown>[] = [main]
  const side = <DB>(name: SubgraphName) => {
    const database = openDatabase<DB>({ url: sideUrl(options.url, name) }, { poolSize: SIDE_POOL_SIZE })
    opened.push(database as Database<unknown>)
    return database.db
  }
  const sides: SideDatabases = {
    social: side('social'),
    health: side('health'),
    education: side('education'),
    ngo: side('ngo'),
  }

  async function route(request: IncomingMessage) {
    const url = new URL(request.url ?? '/', 'http://monolith')
    const params = url.searchParams
    if (request.method !== 'GET') return { status: 405, body: { error: 'only GET' } }
    if (url.pathname === '/healthz') return { status: 200, body: { status: 'ok' } }
    if (url.pathname.startsWith('/child-card/')) {
      return {
        status: 200,
        body: await childCard(main.db, decodeURIComponent(url.pathname.slice('/child-card/'.length))),
      }
    }
    if (url.pathname === '/registry-page') {
      const body = await registryPage(main.db, {
        first: pageSize(params.get('first')),
        after: params.get('after') ?? undefined,
        search: params.get('search') ?? undefined,
      })
      return { status: 200, body }
    }
    if (url.pathname === '/indicators') {
      const rule = (params.get('coverageRule') ?? 'PROGRAMME_IN_FORCE') as CoverageRule
      if (rule !== 'PROGRAMME_IN_FORCE' && rule !== 'ANY_SERVICE') throw new BadRequest('coverageRule: unknown rule')
      return {
        status: 200,
        body: await regionalIndicators(sides, { from: day(params, 'from'), to: day(params, 'to') }, rule),
      }
    }
    return { status: 404, body: { error: `no route ${url.pathname}` } }
  }

  const server = createServer((request, response) => {
    route(request).then(
      ({ status, body }) => send(response, status, body),
      (error: unknown) => {
        // Bad input is the caller's (social's own checks throw GraphQL errors coded BAD_USER_INPUT); the rest is ours.
        const bad =
          error instanceof BadRequest || (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT')
        send(response, bad ? 400 : 500, { error: error instanceof Error ? error.message : String(error) })
      },
    )
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve)
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    async stop() {
      server.closeIdleConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
      await Promise.all(opened.map((database) => database.close()))
    },
  }
}
