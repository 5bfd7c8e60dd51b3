import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ChildCardDocument,
  QuarterlyReportsDocument,
  RegistryPageDocument,
  SignalQueueDocument,
  type ChildCardQuery,
  type QuarterlyReportsQuery,
  type RegistryPageQuery,
  type SignalQueueQuery,
} from '../../schema/__generated__/operations.js'
import { postGraphQL } from '@hub/testing/graphql'
import { signInWithCode } from '../support/idp.js'
import { lettersAt } from '../support/smtp.js'
import { DEV_SCREENS_CLIENT_ID } from '@hub/platform/auth/keys'
import { freePorts } from '../../scripts/processes.js'
import { demoReportQuarters } from '../../scripts/seed/reports.js'
import { regionDay } from '@hub/platform/region-time'
import { print } from 'graphql'

const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'))
const [gatewayPort, idpPort, mailPort, smtpPort, ...subgraphPorts] = await freePorts(8)
const PORTS = {
  GATEWAY_PORT: String(gatewayPort),
  IDP_PORT: String(idpPort),
  DEVMAIL_PORT: String(mailPort),
  DEVMAIL_SMTP_PORT: String(smtpPort),
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
  DEVMAIL_DATA_DIR: join(dataDir, 'mail'),
  // The day's digest goes out from the first round whatever the hour the test runs at.
  SOCIAL_DIGEST_AT: '00:00',
  // As on a newcomer's machine: no mail server named.
  SOCIAL_SMTP_URL: '',
}
const gatewayUrl = `http://127.0.0.1:${PORTS.GATEWAY_PORT}/graphql`
const mailUrl = `http://127.0.0.1:${PORTS.DEVMAIL_PORT}`

/** The digests the development mail catcher holds for the demo regional coordinator, waiting for the first. */
async function coordinatorDigests() {
  const deadline = Date.now() + 60_000
  for (;;) {
    const letters = (await lettersAt(mailUrl)).filter((letter) => letter.to.includes('orlova@early-help.example.ru'))
    if (letters.length > 0 || Date.now() > deadline) return letters
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

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

/**
 * Signs in as the demo user `npm start` printed for one role, through the development identity provider it runs, as
 * the dashboard does (authorization code with PKCE), and answers the access token as an `authorization` header.
 */
async function signedIn(output: string, role: string) {
  const row = new RegExp(`^  (\\S+) +(\\S+) +${role} `, 'm').exec(output)
  expect(row, `npm start prints a demo user for the ${role}`).not.toBeNull()
  const issuer = /development identity provider \((http:\/\/[^)]+)\)/.exec(output)![1]!
  const result = await signInWithCode(issuer, {
    clientId: DEV_SCREENS_CLIENT_ID,
    redirectUri: `http://127.0.0.1:${gatewayPort}/dashboard`,
    login: row![1]!,
    password: row![2]!,
  })
  if (!result.tokens) throw new Error(`sign-in refused: ${result.refused?.status}`)
  return `Bearer ${result.tokens.access_token}`
}

function stop(child: ChildProcess) {
  return new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.kill('SIGINT')
  })
}

describe('npm start on the embedded default', () => {
  let running: ChildProcess | undefined
  let firstDigestId: string | undefined

  afterAll(async () => {
    if (running && running.exitCode === null) await stop(running)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('seeds on first run, signs in a demo user through its identity provider, serves ChildCard with every side, mails the demo coordinator’s digest to its mail catcher, and stops cleanly on Ctrl-C', async () => {
    const first = start()
    running = first.child
    const output = await first.ready
    expect(output).toContain('first run: seeding')
    expect(output).toContain(gatewayUrl)
    const authorization = await signedIn(output, 'Региональный координатор')

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

    // The seeded outboxes of health and education reach social once the hub runs: the coordinator's «Сигналы».
    const signals = async () =>
      (await postGraphQL<SignalQueueQuery>(gatewayUrl, print(SignalQueueDocument), { first: 50 }, authorization)).data
        ?.childFindSignals.totalCount ?? 0
    await expect.poll(signals, { timeout: 60_000, interval: 1_000 }).toBeGreaterThan(0)

    // The demo lives in the present: the regional coordinator has filed the past three years' reports, each on time.
    const reports = await postGraphQL<QuarterlyReportsQuery>(
      gatewayUrl,
      print(QuarterlyReportsDocument),
      {},
      authorization,
    )
    expect(reports.errors, JSON.stringify(reports.errors)).toBeUndefined()
    const filed = reports.data!.quarterlyReports
    // Ten or eleven quarters: the one just ended counts once its report is due (the 10th of the quarter's first month).
    expect(filed.map((report) => `${report.year}-Q${report.quarter}`).sort()).toEqual(
      demoReportQuarters(regionDay()).map(({ year, quarter }) => `${year}-Q${quarter}`),
    )
    expect(filed.length).toBeGreaterThanOrEqual(10)
    expect(filed.filter((report) => report.filedLate || report.filedBySide !== 'regional')).toEqual([])

    // No mail server is configured: social's digest lands in the development mail catcher, whose page npm start names.
    expect(output).toContain(`development mail: ${mailUrl} — the daily digest of deadlines lands here`)
    const [digest, ...more] = await coordinatorDigests()
    expect(more).toEqual([])
    firstDigestId = digest?.id
    expect(digest?.subject).toMatch(/^Сроки по работе ранней помощи на \d\d\.\d\d\.\d{4}$/)
    expect(digest!.text).toContain('Здравствуйте, Орлова Марина Сергеевна!')
    // Its links lead to the screens of this hub.
    expect(digest!.text).toContain(`Открыть: http://127.0.0.1:${gatewayPort}/dashboard/`)
    const mailPage = await (await fetch(mailUrl)).text()
    expect(mailPage).toContain('Почта для разработки')
    expect(mailPage).toContain(digest!.subject)

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
      await signedIn(output, 'Региональный координатор'),
    )
    expect(page.data?.children.totalCount).toBe(60)
    // The letters of the first run are still there.
    expect((await coordinatorDigests()).map((letter) => letter.id)).toContain(firstDigestId)
    expect(await stop(second.child)).toBe(0)
  }, 240_000)
})
