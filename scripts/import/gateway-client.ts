import { parseArgs } from 'node:util'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import type { Side } from '@hub/platform/auth/viewer'
import { DEV_TOKEN_TTL_SECONDS, openDevSignIn } from '../dev-sign-in.js'

/** The options every import shares: the file, whether to apply, and the gateway and token to send it with. */
export interface ImportArgs {
  file: string
  apply: boolean
  gateway: string
  token: string | undefined
  values: Record<string, string | boolean | undefined>
}

/**
 * Reads `<file> [--apply] [--gateway URL] [--token TOKEN]` and a kind's own string options. The token is
 * `--token`, else `HUB_TOKEN`; without either, in development, the importer signs in as the owning side's
 * administrator with the development key (production refuses that: a token from the identity provider is needed).
 */
export function parseImportArgs(args: readonly string[], extra: readonly string[] = []): ImportArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      apply: { type: 'boolean', default: false },
      gateway: { type: 'string', default: process.env.HUB_GATEWAY_URL ?? 'http://127.0.0.1:4000' },
      token: { type: 'string' },
      ...Object.fromEntries(extra.map((name) => [name, { type: 'string' as const }])),
    },
  })
  const file = positionals[0]
  if (file === undefined) throw new Error('<file>: name the file to import')
  return {
    file,
    apply: values.apply === true,
    gateway: String(values.gateway).replace(/\/$/, ''),
    token: (values.token as string | undefined) ?? process.env.HUB_TOKEN,
    values,
  }
}

/** The caller's token: the one given, else the development administrator of the side that owns the data. */
export async function importToken(args: ImportArgs, side: Side) {
  if (args.token) return args.token
  const signIn = await openDevSignIn()
  return signIn.sign(`dev-${side}-administrator`, { side, role: 'administrator' }, DEV_TOKEN_TTL_SECONDS)
}

/**
 * Sends one committed operation to the gateway at `path` (`/graphql`, or `/files` for the operations that carry a
 * file) and returns its data; a GraphQL error is thrown with the message the subgraph gave.
 */
export async function sendOperation<Data, Variables>(
  args: ImportArgs,
  token: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  path: '/graphql' | '/files' = '/graphql',
): Promise<Data> {
  const response = await fetch(`${args.gateway}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'apollo-require-preflight': 'true',
    },
    body: JSON.stringify({ query: print(document), variables }),
  })
  const body = (await response.json().catch(() => undefined)) as
    { data?: Data; errors?: { message: string }[] } | undefined
  if (body?.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '))
  if (!response.ok || body?.data == null) throw new Error(`the gateway answered ${response.status}`)
  return body.data
}
