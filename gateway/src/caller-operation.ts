import type { Request, Response } from 'express'
import { GraphQLError } from 'graphql'
import type { RecordKind } from '@hub/platform/error-rules'
import type { RuleExtensions } from '@hub/platform/errors'
import { PURPOSE_HEADER, purposeOf } from '@hub/platform/purpose'

/** An error as the gateway's GraphQL endpoint answers it. */
export interface AnswerError {
  message: string
  path?: readonly (string | number)[]
  extensions?: { code?: string; [key: string]: unknown }
}

const STATUS_OF: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404 }

/** A file name that is not `<id>.<format>`: nothing is read. */
export function refuseFileName(res: Response, record: RecordKind, expected: string) {
  res.status(404).json({
    errors: [
      {
        message: `file: expected ${expected}`,
        extensions: { code: 'NOT_FOUND', rule: 'NOT_FOUND', params: { record } } satisfies RuleExtensions<'NOT_FOUND'>,
      },
    ],
  })
}

/**
 * Runs a committed operation through this gateway's own endpoint with the caller's token and stated purpose, so each
 * subgraph authorises and audits the download exactly as it would the query. Returns the record the operation asks
 * for with the errors of its parts; answers the refusal itself (the status of the first error's code, with the errors
 * as GraphQL gave them) and returns null when there is nothing to hand out: no record, or any error at all unless
 * `partial` lets a part the caller may not read, or whose side did not answer, be left out.
 */
export async function runForCaller<Data, Found>(
  req: Request,
  res: Response,
  graphqlUrl: string,
  operation: {
    query: string
    variables: Readonly<Record<string, unknown>>
    record: (data: Data) => Found | null | undefined
  },
  { partial = false, what = 'record' }: { partial?: boolean; what?: string } = {},
): Promise<{ record: Found; errors: readonly AnswerError[] } | null> {
  const purpose = req.headers[PURPOSE_HEADER]
  try {
    purposeOf(purpose)
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error
    const { http: _http, ...extensions } = error.extensions
    res.status(400).json({ errors: [{ message: error.message, extensions }] })
    return null
  }
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(typeof purpose === 'string' ? { [PURPOSE_HEADER]: purpose } : {}),
    },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  })
  const body = (await response.json()) as { data?: Data | null; errors?: AnswerError[] }
  const record = body.data ? operation.record(body.data) : null
  const errors = body.errors ?? []
  if (record == null || (errors.length > 0 && !partial)) {
    const code = errors[0]?.extensions?.code
    const status = code ? (STATUS_OF[code] ?? 502) : response.ok ? 404 : response.status
    res
      .status(status)
      .json({ errors: errors.length > 0 ? errors : [{ message: `id: no ${what} ${String(operation.variables.id)}` }] })
    return null
  }
  return { record, errors }
}
