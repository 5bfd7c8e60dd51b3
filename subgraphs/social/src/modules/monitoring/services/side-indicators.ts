import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import { hubError } from '@hub/platform/errors'
import { describeCallFailure, postToService } from '@hub/platform/http'
import type { ReportFreezeInput } from '@hub/side-contract/staffing/indicators'
import type { MergeSide } from '../../../db/database.js'

/** Where the other subgraphs listen, and what social signs its calls to them with. */
export interface SideEndpoints {
  urls: Readonly<Record<MergeSide, string>>
  timeoutMs: number
  credentials: ServiceCredentials
  /** The id and trace of the request the calls are made for (packages/platform/src/telemetry/telemetry.ts). */
  callHeaders?: Readonly<Record<string, string>>
}

const FREEZE = /* GraphQL */ `
  mutation FreezeReportIndicators($input: [ReportFreezeInput!]!) {
    freezeReportIndicators(input: $input)
  }
`

/**
 * Has each side compute and keep its parts of a report being filed (its staffing, packages/side-contract/src/staffing/indicators.ts;
 * education also the preschool placement), with social's service token. Filing waits for every side, so that a filed
 * report is complete; a side that does not answer fails the filing, and nothing of it is kept in social.
 */
export async function freezeSideParts(endpoints: SideEndpoints, input: readonly ReportFreezeInput[]) {
  const authorization = await endpoints.credentials.authorization()
  await Promise.all(
    (Object.keys(endpoints.urls) as MergeSide[]).map(async (side) => {
      const failure = (reason: string) =>
        hubError(
          'UNAVAILABLE',
          'SUBGRAPH_UNAVAILABLE',
          `fileQuarterlyReport: the ${side.toLowerCase()} subgraph did not freeze its figures (${reason})`,
          {
            side: side.toLowerCase(),
            params: { side: side.toLowerCase() as Lowercase<MergeSide> },
          },
        )
      let body: { data?: { freezeReportIndicators: number } | null; errors?: { message: string }[] }
      try {
        const response = await postToService(
          endpoints.urls[side],
          JSON.stringify({ query: FREEZE, variables: { input } }),
          { ...endpoints.callHeaders, 'content-type': 'application/json', authorization },
          endpoints.timeoutMs,
        )
        body = JSON.parse(response.body) as typeof body
      } catch (error) {
        throw failure(describeCallFailure(error, endpoints.timeoutMs))
      }
      if (body.errors?.length || body.data?.freezeReportIndicators !== input.length) {
        throw failure([...new Set(body.errors?.map((error) => error.message))].join('; ') || 'no answer')
      }
    }),
  )
}
