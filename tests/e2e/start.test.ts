import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ChildCardDocument,
  RegistryPageDocument,
  type ChildCardQuery,
  type RegistryPageQuery,
} from '../../schema/__generated__/operations.js'
import { postGraphQL } from '../support/graphql.js'
import { freePorts } from '../../scripts/processes.js'
import { print } from 'graphql'

const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'))
const [gatewayPort, ...subgraphPorts] = await freePorts(5)
const PORTS = {
  GATEWAY_PORT: String(gatewayPort),
  SOCIAL_PORT: String(subgraphPorts[0]),
  HEALTH_PORT: String(subgraphPorts[1]),
  EDUCATION_PORT: String(subgraphPorts[2]),
  NGO_PORT: String(subgraphPorts[3]),
}
const env = {
  ...process.env,
  // As a user runs it: vitest's NODE_ENV=test would change how Apollo Server treats signals.
  NODE_ENV: 'development',
  ...PORTS,
  SOCIAL_DATA_DIR: join(dataDir, 'social'),
  HEALTH_DATA_DIR: join(dataDir, 'health'),
  EDUCATION_DATA_DIR: join(dataDir, 'education'),
  NGO_DATA_DIR: join(dataDir, 'ngo'),
  HUB_DEV_KEYS_DIR: join(dataDir, 'auth'),
}
const gatewayUrl = `http://127.0.0.1:${PORTS.GATEWAY_PORT}/graphql`

/** `npm start` as a user runs it, until it says it is ready. */
function start() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--children', '60'], { env })
  let output = ''
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Press Ctrl-C to stop.')) resolve(output)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)))
  })
  return { child, ready }
}

/** The development token `npm start` printed for one role, as an `authorization` header. */
function printedAuthorization(output: string, label: string) {
  const token = new RegExp(`^  ${label} +(\\S+)$`, 'm').exec(output)?.[1]
  expect(token, `npm start prints a token for the ${label}`).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  return `Bearer ${token}`
}

function stop(child: ChildProcess) {
  return new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.kill('SIGINT')
  })
}

describe('npm start on the embedded default', () => {
  let running: ChildProcess | undefined

  afterAll(async () => {
    if (running && running.exitCode === null) await stop(running)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('seeds on first run, serves ChildCard with every side through the gateway, and stops cleanly on Ctrl-C', async () => {
    const first = start()
    running = first.child
    const output = await first.ready
    expect(output).toContain('first run: seeding')
    expect(output).toContain(gatewayUrl)
    const authorization = printedAuthorization(output, 'regional coordinator')

    const anonymous = await postGraphQL(gatewayUrl, print(RegistryPageDocument), { first: 5 }, undefined)
    expect(anonymous.status).toBe(401)
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')

    const page = await postGraphQL<RegistryPageQuery>(
      gatewayUrl,
      print(RegistryPageDocument),
      { first: 20 },
      authorization,
    )
    expect(page.data?.children.totalCount).toBe(60)
    // The few children whose families gave the regional coordinator no consent show without health and ПМПК data.
    for (const error of page.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', category: expect.stringMatching(/^(health|pmpk)$/) })
    }

    const id = page.data!.children.edges.find((edge) => edge.node.health !== null)!.node.id
    const card = await postGraphQL<ChildCardQuery>(gatewayUrl, print(ChildCardDocument), { id }, authorization)
    expect(card.errors, JSON.stringify(card.errors)).toBeUndefined()
    expect(card.data?.child?.id).toBe(id)
    expect(card.data?.child?.health).not.toBeNull()
    expect(card.data?.child?.education).not.toBeNull()
    expect(card.data?.child?.ngo).not.toBeNull()

    expect(await stop(first.child)).toBe(0)
  }, 240_000)

  it('reuses the data on the next run instead of seeding again', async () => {
    const second = start()
    running = second.child
    const output = await second.ready
    expect(output).not.toContain('first run: seeding')
    const page = await postGraphQL<RegistryPageQuery>(
      gatewayUrl,
      print(RegistryPageDocument),
      { first: 1 },
      printedAuthorization(output, 'regional coordinator'),
    )
    expect(page.data?.children.totalCount).toBe(60)
    expect(await stop(second.child)).toBe(0)
  }, 240_000)
})
