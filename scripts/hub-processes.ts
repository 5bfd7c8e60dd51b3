import type { ChildProcess } from 'node:child_process'
import { loadConfig as loadGatewayConfig } from '../gateway/src/config.js'
import { loadSubgraphConfig, type SubgraphConfig } from '@hub/subgraph-kit/config'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { spawnService, stopService, waitUntilUp, type ServiceOutput } from './processes.js'
import { bundleServices } from './build-services.js'
import { DEV_IDP_URL } from '@hub/platform/auth/keys'
import type { Organisations } from '../idp/src/users.js'
import { DEV_MAIL_PORTS } from '../devmail/src/server.js'

export type HubServiceName = SubgraphName | 'gateway' | 'idp' | 'devmail'

export interface HubProcesses {
  gatewayUrl: string
  /** The development identity provider, when this hub runs one. */
  identityProviderUrl: string | undefined
  /** The development mail catcher's page, when this hub runs one. */
  developmentMailUrl: string | undefined
  subgraphUrls: Record<SubgraphName, string>
  /** Each service's process, as a ministry would run it. */
  processes: Record<HubServiceName, ChildProcess>
  /** Starts a service again on the same port and database (after a test stopped or killed it), once it is up. */
  restart(name: HubServiceName): Promise<void>
  /** Stops the gateway first, then the subgraphs, each draining its in-flight requests. */
  stop(): Promise<void>
}

/** Each subgraph's config as its own process will read it from `env`. */
export function subgraphConfigs(env: NodeJS.ProcessEnv) {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, loadSubgraphConfig(name, env)])) as Record<
    SubgraphName,
    SubgraphConfig
  >
}

/**
 * Bundles the services from their current sources, then starts the four subgraphs and then the gateway, each as its
 * own process, wired to each other by the ports their environment chose: the gateway and social find the subgraphs,
 * the sides find social. A service that exits on its own is reported to `onUnexpectedExit`; `stop` ends them all.
 */
export async function startHubProcesses(
  env: NodeJS.ProcessEnv,
  options: {
    output?: ServiceOutput
    onUnexpectedExit?: (name: HubServiceName, reason: string) => void
    /**
     * Runs the development identity provider too, with the demo specialists working for these organisations, unless
     * `GATEWAY_OIDC_ISSUER` names the region's own.
     */
    identityProvider?: { organisations: Organisations }
    /** Runs the development mail catcher too, and social sends its e-mail there, unless `SOCIAL_SMTP_URL` names a server. */
    developmentMail?: boolean
  } = {},
): Promise<HubProcesses> {
  await bundleServices()
  const configs = subgraphConfigs(env)
  const graphqlUrl = (name: SubgraphName) => `http://127.0.0.1:${configs[name].port}/graphql`
  const gatewayEnv: NodeJS.ProcessEnv = { ...env }
  for (const name of SUBGRAPH_NAMES) gatewayEnv[`GATEWAY_${name.toUpperCase()}_URL`] ??= graphqlUrl(name)
  const idpEnv: NodeJS.ProcessEnv | undefined =
    options.identityProvider && !env.GATEWAY_OIDC_ISSUER
      ? { ...env, IDP_ORGANISATIONS: JSON.stringify(options.identityProvider.organisations) }
      : undefined
  const idpUrl = `http://127.0.0.1:${idpEnv?.IDP_PORT || new URL(DEV_IDP_URL).port}`
  if (idpEnv) gatewayEnv.GATEWAY_OIDC_ISSUER = idpUrl
  const gatewayConfig = loadGatewayConfig(gatewayEnv)
  if (idpEnv) {
    // The screens return to the gateway's pages, which a person may open as 127.0.0.1 or as localhost.
    idpEnv.IDP_SCREEN_ORIGINS ??= ['127.0.0.1', 'localhost']
      .map((host) => `http://${host}:${gatewayConfig.port}`)
      .join(',')
  }
  // Social e-mails the catcher when no mail server is named, with links to the screens this hub serves.
  const socialEnv: NodeJS.ProcessEnv = { ...env }
  socialEnv.SOCIAL_SCREENS_URL ??= `http://127.0.0.1:${gatewayConfig.port}`
  const mailEnv = options.developmentMail && !env.SOCIAL_SMTP_URL ? env : undefined
  const mailUrl = `http://127.0.0.1:${mailEnv?.DEVMAIL_PORT || DEV_MAIL_PORTS.http}`
  if (mailEnv) socialEnv.SOCIAL_SMTP_URL = `smtp://127.0.0.1:${mailEnv.DEVMAIL_SMTP_PORT || DEV_MAIL_PORTS.smtp}`
  // Social delivers merges of two records of one child straight to the other subgraphs; they ask it about consents.
  const sideEnv: NodeJS.ProcessEnv = { ...env }
  for (const name of SUBGRAPH_NAMES.filter((name) => name !== 'social')) {
    socialEnv[`SOCIAL_${name.toUpperCase()}_URL`] ??= graphqlUrl(name)
    sideEnv[`${name.toUpperCase()}_SOCIAL_URL`] ??= graphqlUrl('social')
  }

  const processes: Partial<Record<HubServiceName, ChildProcess>> = {}
  let stopping = false
  const start = (name: HubServiceName, entry: string, serviceEnv: NodeJS.ProcessEnv) => {
    const child = spawnService(name, entry, serviceEnv, options.output)
    processes[name] = child
    child.on('exit', (code, signal) => {
      if (!stopping) options.onUnexpectedExit?.(name, signal ?? `exit code ${code}`)
    })
    return child
  }
  const stop = async () => {
    stopping = true
    // The mail catcher last: social may be sending the round under way.
    const order: HubServiceName[] = ['gateway', 'idp', ...SUBGRAPH_NAMES, 'devmail']
    for (const name of order) if (processes[name]) await stopService(processes[name])
  }

  const startUp = (name: HubServiceName) =>
    name === 'gateway'
      ? waitUntilUp(
          `http://127.0.0.1:${gatewayConfig.port}/readyz`,
          start('gateway', 'gateway/dist/main.mjs', gatewayEnv),
        )
      : name === 'idp'
        ? waitUntilUp(`${idpUrl}/.well-known/openid-configuration`, start('idp', 'idp/dist/main.mjs', idpEnv!))
        : name === 'devmail'
          ? waitUntilUp(`${mailUrl}/healthz`, start('devmail', 'devmail/dist/main.mjs', mailEnv!))
          : waitUntilUp(
              `http://127.0.0.1:${configs[name].port}/healthz`,
              start(name, `subgraphs/${name}/dist/main.mjs`, name === 'social' ? socialEnv : sideEnv),
            )

  try {
    // Social sends the day's digest from its first round on, so the catcher listens before social starts.
    if (mailEnv) await startUp('devmail')
    await Promise.all([...SUBGRAPH_NAMES, ...(idpEnv ? (['idp'] as const) : [])].map(startUp))
    await startUp('gateway')
  } catch (error) {
    await stop()
    throw error
  }
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayConfig.port}`,
    identityProviderUrl: idpEnv ? idpUrl : undefined,
    developmentMailUrl: mailEnv ? mailUrl : undefined,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, graphqlUrl(name)])) as Record<
      SubgraphName,
      string
    >,
    processes: processes as Record<HubServiceName, ChildProcess>,
    async restart(name) {
      await stopService(processes[name]!)
      await startUp(name)
    },
    stop,
  }
}
