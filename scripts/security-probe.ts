import { connect } from 'node:net'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { fetch } from 'undici'
import { DEFAULT_AUDIENCE, DEV_ISSUER, devKeyPaths, readPrivateKey } from '@hub/platform/auth/keys'
import { createTokenSigner, type TokenSigner } from '@hub/platform/auth/tokens'
import type { HubClaims } from '@hub/platform/auth/viewer'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'

/**
 * `npm run probe`: the outside probe's findings (docs/architecture.md, "Security") replayed against a running hub, as an attacker
 * with ordinary accounts would send them — the gateway's published port and, from inside the network, each
 * subgraph's. It reads a seeded region and writes nothing that is not refused. Each finding prints «отражено» or
 * «НЕ ОТРАЖЕНО» with what came back; the exit code is the number of findings not defended.
 *
 * The tokens are signed with the identity provider's private key and one subgraph's service key, the keys an
 * attacker would hold after stealing a service's secret; `--runtime-database-url` (social's service role) adds the
 * audit tampering of M4.
 */
const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'http://127.0.0.1:4000' },
    social: { type: 'string', default: 'http://127.0.0.1:4001' },
    health: { type: 'string', default: 'http://127.0.0.1:4002' },
    education: { type: 'string', default: 'http://127.0.0.1:4003' },
    ngo: { type: 'string', default: 'http://127.0.0.1:4004' },
    'idp-key': { type: 'string', default: devKeyPaths('data/auth', 'idp').privateKey },
    'ngo-service-key': { type: 'string', default: devKeyPaths('data/auth', 'ngo').privateKey },
    issuer: { type: 'string', default: DEV_ISSUER },
    audience: { type: 'string', default: DEFAULT_AUDIENCE },
    'runtime-database-url': { type: 'string' },
    production: { type: 'boolean', default: false },
  },
})
const urls: Record<'gateway' | SubgraphName, string> = {
  gateway: `${values.gateway}/graphql`,
  ...(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${values[name]}/graphql`])) as Record<
    SubgraphName,
    string
  >),
}
const rules = { issuer: values.issuer, audience: values.audience }
const idp = createTokenSigner(await readPrivateKey(values['idp-key']), rules)
const ngoService = createTokenSigner(await readPrivateKey(values['ngo-service-key']), rules)

const bearer = async (signer: TokenSigner, claims: HubClaims, subject = `probe-${claims.side}-${claims.role}`) =>
  `Bearer ${await signer.sign(subject, claims, 600)}`

interface Answer {
  status: number
  headers: Headers
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  authorization: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, ...headers },
    body: JSON.stringify({ query, variables }),
  })
  const text = await response.text()
  let body: Answer['body']
  try {
    body = JSON.parse(text) as Answer['body']
  } catch {
    body = { errors: [{ message: text.slice(0, 200) }] }
  }
  return { status: response.status, headers: response.headers as unknown as Headers, body }
}

const firstError = (answer: Answer) =>
  `${answer.status} ${answer.body.errors?.[0]?.extensions?.code ?? ''} ${answer.body.errors?.[0]?.message ?? ''}`.trim()

let undefended = 0
function report(finding: string, defended: boolean, seen: string) {
  if (!defended) undefended += 1
  console.log(`${defended ? 'отражено   ' : 'НЕ ОТРАЖЕНО'}  ${finding}\n             ${seen.slice(0, 240)}`)
}

const coordinator = await bearer(idp, { side: 'regional', role: 'coordinator' })
const analyst = await bearer(idp, { side: 'regional', role: 'analyst' })

const region = await post(
  urls.gateway,
  `{ children(first: 5) { edges { node { id family { id } } } } providers { id side } municipalities { oktmo } }`,
  {},
  coordinator,
)
const edges = (region.body.data?.children as { edges: { node: { id: string; family: { id: string } | null } }[] })
  ?.edges
if (!edges || edges.length < 2) {
  console.error(`the probe needs a seeded region: ${firstError(region)}`)
  process.exit(2)
}
const [first, second] = edges.map((edge) => edge.node) as [(typeof edges)[0]['node'], (typeof edges)[0]['node']]
const providers = region.body.data?.providers as { id: string; side: string }[]
const ngoProvider = providers.find((provider) => provider.side === 'NGO')!
const provider = await bearer(idp, { side: 'ngo', role: 'specialist', org: ngoProvider.id })

const INDICATORS = `query ($period: PeriodInput!) { regionalIndicators(period: $period) { transitions { reachedThree { count } } } }`

// H1: a huge period five times over, then a coordinator's card.
{
  const seen: string[] = []
  for (let year = 2400; year <= 2404; year++) {
    seen.push(
      firstError(
        await post(urls.gateway, INDICATORS, { period: { from: '2026-07-10', to: `${year}-12-31` } }, analyst),
      ),
    )
  }
  const card = await post(urls.gateway, `query ($id: ID!) { child(id: $id) { id } }`, { id: first.id }, coordinator)
  report(
    'H1 — периоды до 2400–2404 года не отнимают подграф у других',
    seen.every((line) => line.includes('BAD_USER_INPUT')) && (card.body.data?.child as { id: string })?.id === first.id,
    `${seen[0]}; карточка координатора: ${card.body.data?.child ? 'получена' : firstError(card)}`,
  )
}

// H2: two overlapping periods, for an analyst and for a provider's staff.
for (const [who, authorization] of [
  ['аналитику', analyst],
  ['сотруднику НКО', provider],
] as const) {
  const answer = await post(
    urls.gateway,
    INDICATORS,
    { period: { from: '2026-10-01', to: '2026-11-09' } },
    authorization,
  )
  report(
    `H2 — произвольный период (разностная атака) ${who}`,
    answer.body.errors?.[0]?.extensions?.rule === 'WHOLE_REPORTING_PERIOD',
    firstError(answer),
  )
}

// M1: a forged family in a representation, straight at ngo.
{
  const answer = await post(
    urls.ngo,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Child { ngo { parentGroupParticipations { group { name } } } } } }`,
    { representations: [{ __typename: 'Child', id: first.id, family: { id: second.family?.id ?? first.id } }] },
    provider,
  )
  report(
    'M1 — подложная семья в представлении, напрямую в ngo',
    !JSON.stringify(answer.body.data ?? {}).includes('group') && (answer.body.errors?.length ?? 0) > 0,
    firstError(answer),
  )
}

// M2: per-child fields hidden at the gateway, asked straight at social and education.
{
  const social = await post(
    urls.social,
    `{ regionalIndicators(period: { from: "2026-01-01", to: "2026-12-31" }) { childrenTurningThree } }`,
    {},
    analyst,
  )
  const education = await post(
    urls.education,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on RegionalIndicators { educationPreschoolChildren { childId } } } }`,
    { representations: [{ __typename: 'RegionalIndicators', id: 'x', childrenTurningThree: [first.id] }] },
    analyst,
  )
  report(
    'M2 — скрытые поля с идентификаторами детей напрямую в подграфах',
    !JSON.stringify(social.body.data ?? {}).includes(first.id.slice(0, 8)) &&
      !JSON.stringify(education.body.data ?? {}).includes('childId') &&
      (social.body.errors?.length ?? 0) > 0 &&
      (education.body.errors?.length ?? 0) > 0,
    `social: ${firstError(social)}; education: ${firstError(education)}`,
  )
}

// M3: a service key signing identities it does not own, and the identity provider signing a service.
{
  const forgeries: [string, 'gateway' | SubgraphName, string, string][] = [
    [
      'ключ ngo → специалист здравоохранения',
      'health',
      await bearer(ngoService, { side: 'health', role: 'specialist' }),
      `query ($id: ID!) { _entities(representations: [{ __typename: "Child", id: $id }]) { ... on Child { health { diagnoses { code } } } } }`,
    ],
    [
      'ключ ngo → региональный координатор',
      'social',
      await bearer(ngoService, { side: 'regional', role: 'coordinator' }),
      `query ($id: ID!) { child(id: $id) { snils } }`,
    ],
    [
      'ключ ngo → служба social',
      'health',
      await bearer(ngoService, { side: 'social', role: 'service' }, 'service:social'),
      `query ($id: ID!) { _entities(representations: [{ __typename: "Child", id: $id }]) { ... on Child { id } } }`,
    ],
    [
      'поставщик удостоверений → служба',
      'social',
      await bearer(idp, { side: 'social', role: 'service' }, 'service:social'),
      `query ($id: ID!) { child(id: $id) { snils } }`,
    ],
    [
      'поставщик удостоверений → служба, через шлюз',
      'gateway',
      await bearer(idp, { side: 'social', role: 'service' }, 'service:social'),
      `query ($id: ID!) { child(id: $id) { snils } }`,
    ],
  ]
  for (const [name, door, authorization, query] of forgeries) {
    const answer = await post(urls[door], query, { id: first.id }, authorization)
    report(`M3 — ${name}`, answer.status === 401, firstError(answer))
  }
}

// M4: the service's own database role erasing the audit.
if (values['runtime-database-url']) {
  const client = new pg.Client({ connectionString: values['runtime-database-url'] })
  await client.connect()
  for (const statement of [
    'ALTER TABLE access_audit DISABLE TRIGGER ALL',
    'DROP TRIGGER IF EXISTS access_audit_no_change ON access_audit',
    'TRUNCATE access_audit',
    'DELETE FROM access_audit',
    'SET session_replication_role = replica',
  ]) {
    const outcome = await client.query(statement).then(
      () => 'выполнено',
      (error: Error) => error.message,
    )
    report(`M4 — роль службы: ${statement}`, outcome !== 'выполнено', outcome)
  }
  await client.end()
} else {
  console.log('пропущено       M4 — нужен --runtime-database-url (роль, под которой работает social)')
}

// M5: the cost limit, with the page size in a variable and 15 aliases.
{
  const aliases = Array.from(
    { length: 15 },
    (_, i) => `a${i}: children(first: $n) { edges { node { id fullName birthDate sex registryStatus } } }`,
  )
  const answer = await post(urls.gateway, `query ($n: Int) { ${aliases.join(' ')} }`, { n: 1000 }, coordinator)
  report(
    'M5 — предел стоимости учитывает переменные',
    answer.body.errors?.[0]?.extensions?.limit === 'cost',
    firstError(answer),
  )
}

// The lower findings.
{
  const purpose = await post(urls.gateway, `{ __typename }`, {}, coordinator, { 'x-access-purpose': 'constructor' })
  report('цель доступа «constructor» отклоняется с 400', purpose.status === 400, firstError(purpose))

  const REGISTER = `mutation ($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }`
  const child = {
    lastName: 'Проверкина',
    firstName: 'Анна',
    birthDate: '2025-02-28',
    sex: 'FEMALE',
    municipality: (region.body.data?.municipalities as { oktmo: string }[])[0]!.oktmo,
  }
  for (const [name, input, field] of [
    ['несуществующая дата 2025-02-30', { ...child, birthDate: '2025-02-30' }, 'birthDate'],
    ['перевод строки в фамилии', { ...child, lastName: 'Провер\nкина' }, 'lastName'],
    ['дата рождения в 9999 году', { ...child, birthDate: '9999-01-01' }, 'birthDate'],
  ] as const) {
    const answer = await post(urls.gateway, REGISTER, { input }, coordinator)
    const error = answer.body.errors?.[0]
    report(
      `плохой ввод: ${name}`,
      error?.extensions?.code === 'BAD_USER_INPUT' && JSON.stringify(error).includes(field),
      firstError(answer),
    )
  }

  const referral = await post(
    urls.gateway,
    `mutation ($input: ReferChildInput!) { referChild(input: $input) { id } }`,
    {
      input: {
        childId: first.id,
        providerId: ngoProvider.id,
        fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
        reason: 'Проверка',
        receivedOn: '2026-11-02',
      },
    },
    await bearer(idp, { side: 'health', role: 'specialist' }),
  )
  report(
    'направление в НКО без согласия семьи (или не своего ребёнка) не записывается',
    referral.body.errors?.[0]?.extensions?.code === 'FORBIDDEN' && !referral.body.data?.referChild,
    firstError(referral),
  )

  const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: child(id: "${first.id}") { id }`).join(' ')
  const wide = await post(urls.social, `{ ${aliases} }`, {}, coordinator)
  report('500 псевдонимов напрямую в social', wide.body.errors?.[0]?.extensions?.limit === 'aliases', firstError(wide))

  const started = Date.now()
  const body = await fetch(urls.social, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'x'.repeat(20 * 1024 * 1024),
  }).then(
    (response) => `${response.status}`,
    (error: Error) => error.message,
  )
  report('20 МБ без токена: отказ до чтения тела', body === '401', `${body} за ${Date.now() - started} мс`)

  const gatewayAnswer = await post(urls.gateway, `{ __typename }`, {}, coordinator)
  const ready = await fetch(`${values.gateway}/readyz`).then((response) => response.text())
  report(
    'нет x-powered-by, /readyz без токена не называет подграфы',
    gatewayAnswer.headers.get('x-powered-by') === null && !ready.includes(':400'),
    `x-powered-by: ${gatewayAnswer.headers.get('x-powered-by')}; /readyz: ${ready.slice(0, 120)}`,
  )

  if (values.production) {
    for (const door of ['gateway', 'social'] as const) {
      const introspection = await post(urls[door], `{ __schema { queryType { name } } }`, {}, coordinator)
      const suggestion = await post(urls[door], `{ chld(id: "x") { id } }`, {}, coordinator)
      report(
        `промышленный режим, ${door}: нет интроспекции и подсказок имён полей`,
        !introspection.body.data?.__schema && !JSON.stringify(suggestion.body).includes('Did you mean'),
        `${firstError(introspection)}; ${firstError(suggestion)}`,
      )
    }
  }

  // A client sending its headers a byte a second is cut off by the headers timeout.
  const cut = await new Promise<number>((resolveCut) => {
    const { hostname, port } = new URL(values.social)
    const socket = connect(Number(port), hostname)
    const opened = Date.now()
    const request = 'POST /graphql HTTP/1.1\r\nHost: probe\r\n'
    let sent = 0
    const drip = setInterval(() => socket.write(request[sent++ % request.length]!), 1_000)
    const done = () => {
      clearInterval(drip)
      resolveCut(Date.now() - opened)
    }
    socket.on('close', done)
    socket.on('error', done)
    setTimeout(() => socket.destroy(), 70_000)
  })
  report('медленный клиент (1 байт/с в заголовках) отключается', cut < 60_000, `соединение закрыто через ${cut} мс`)
}

console.log(undefended === 0 ? '\nВсе находки отражены.' : `\nНе отражено: ${undefended}.`)
process.exit(undefended)
