import type { Kysely } from 'kysely'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import { describeCallFailure, postToService } from '@hub/platform/http'
import { createDeliveryLoop } from '@hub/subgraph-kit/delivery-loop'
import type { DB, MergeSide } from '../../../db/database.js'
import { listUndeliveredSteps, markDelivered, markFailed } from '../queries/child_merge.queries.js'

/** Where each other subgraph listens, and how patiently to deliver. */
export interface MergeDeliveryOptions {
  urls: Readonly<Record<MergeSide, string>>
  retryMs: number
  timeoutMs: number
}

const FOLLOW_CHILD_MERGE = /* GraphQL */ `
  mutation FollowChildMerge($input: FollowChildMergeInput!) {
    followChildMerge(input: $input) {
      movedRecords
    }
  }
`

interface FollowResponse {
  data?: { followChildMerge: { movedRecords: number } | null } | null
  errors?: { message: string }[]
}

async function send(url: string, timeoutMs: number, authorization: string, input: object) {
  const response = await postToService(
    url,
    JSON.stringify({ query: FOLLOW_CHILD_MERGE, variables: { input } }),
    { 'content-type': 'application/json', authorization },
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(describeCallFailure(error, timeoutMs))
  })
  const body = JSON.parse(response.body) as FollowResponse
  const moved = body.data?.followChildMerge?.movedRecords
  if (body.errors?.length || moved === undefined) {
    throw new Error(body.errors?.map((error) => error.message).join('; ') || `HTTP ${response.status}`)
  }
  return moved
}

/**
 * Delivers merges and undos to the other subgraphs: the transactional
 * outbox of a merge. `mergeChildren` commits the merge and one
 * undelivered row per side in social's transaction; this loop sends
 * each row to its side (idempotent there) and marks it delivered, in
 * order per side, retrying a side that is down or refuses until it
 * confirms. A crash between the two loses nothing: the row stays
 * undelivered and is sent again.
 */
export function createMergeDelivery(db: Kysely<DB>, options: MergeDeliveryOptions, credentials: ServiceCredentials) {
  /** One round over what is waiting; true when some side did not confirm and a retry is due. */
  async function deliverPending() {
    const blocked = new Set<MergeSide>()
    for (const step of await listUndeliveredSteps(db)) {
      if (blocked.has(step.side)) continue
      try {
        const moved = await send(options.urls[step.side], options.timeoutMs, await credentials.authorization(), {
          mergeId: step.mergeId,
          survivorId: step.survivorId,
          mergedId: step.mergedId,
          action: step.action,
        })
        await markDelivered(db, step, moved)
      } catch (error) {
        blocked.add(step.side)
        await markFailed(db, step, error instanceof Error ? error.message : String(error))
      }
    }
    return blocked.size > 0
  }

  return createDeliveryLoop({ round: deliverPending, retryMs: options.retryMs, failure: 'merge delivery failed' })
}
