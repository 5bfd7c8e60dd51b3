import { createHash } from 'node:crypto'
import type { GraphQLResolveInfo } from 'graphql'
import type { Kysely, Transaction } from 'kysely'
import type { RequestAccess } from '../access/request.js'
import { badUserInput, conflict, hubError } from '@hub/platform/errors'
import {
  claimIdempotentRequest,
  deleteExpiredIdempotentRequests,
  findIdempotentRequest,
  idempotencyView,
  updateIdempotentRequestResult,
  type IdempotencyTables,
} from './idempotent_request.queries.js'

/**
 * How long a key answers with its first result. Clients retry within seconds or minutes; a month covers a retry
 * queued over a long outage, and after it the same key starts a new request.
 */
export const IDEMPOTENCY_KEY_DAYS = 30

const FIELD = 'input.idempotencyKey'
// A UUID, a ULID or a client's own `<form>:<counter>` all fit; anything else is more likely a mistake than a key.
const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/

export function requireIdempotencyKey(key: string) {
  if (!KEY_PATTERN.test(key)) {
    throw badUserInput(
      FIELD,
      'IDEMPOTENCY_KEY_FORMAT',
      'must be 8 to 128 characters, each a Latin letter, a digit or one of "-", "_", ".", ":"',
    )
  }
  return key
}

/**
 * The input as one string that does not depend on the order of fields, with the key itself left out and an absent
 * field equal to a null one (GraphQL gives both the same meaning), so that a retry of the same request always matches.
 */
export function canonicalInput(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalInput).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value)
      .filter(([name, field]) => name !== 'idempotencyKey' && field !== null && field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, field]) => `${JSON.stringify(name)}:${canonicalInput(field)}`)
    return `{${fields.join(',')}}`
  }
  return JSON.stringify(value)
}

function hashOf(input: object) {
  return createHash('sha256').update(canonicalInput(input)).digest('base64url')
}

/** A creating mutation's input: the key is optional, and the mutation is keyed by the field it resolves. */
type IdempotentInput = { idempotencyKey?: string | null }

/** What an idempotent mutation needs of its resolver context. */
export interface IdempotencyContext<DB extends IdempotencyTables> {
  db: Kysely<DB>
  access: RequestAccess
}

export interface IdempotentSteps<DB, T, Saved, Replayed> {
  /** The mutation's writes, in its one transaction. */
  write: (trx: Transaction<DB>) => Promise<T>
  /** What to keep of the result to answer a retry: ids and little else, never personal data. */
  remember: (result: T) => Saved
  /** The answer to a retry, read again after the transaction through the normal read path; null if it is gone. */
  replay: (saved: Saved) => Promise<Replayed | null | undefined>
}

/**
 * Runs a creating mutation once per caller and idempotency key. Without a key it is the plain transaction. With one,
 * the key is claimed first in the same transaction: a rejected input or any failure rolls the claim back with the
 * writes, so only a request that succeeded holds its key. A retry with the same input writes nothing and answers with
 * what the first request created; the same key on another request is a CONFLICT.
 */
export async function idempotently<DB extends IdempotencyTables, T, Saved, Replayed = T>(
  context: IdempotencyContext<DB>,
  { fieldName }: Pick<GraphQLResolveInfo, 'fieldName'>,
  input: IdempotentInput,
  steps: IdempotentSteps<DB, T, Saved, Replayed>,
): Promise<T | Replayed> {
  const { idempotencyKey } = input
  if (idempotencyKey === null || idempotencyKey === undefined) return context.db.transaction().execute(steps.write)
  const claim = {
    subject: context.access.viewer.subject,
    key: requireIdempotencyKey(idempotencyKey),
    field: fieldName,
    inputHash: hashOf(input),
  }
  const outcome = await context.db.transaction().execute(async (trx): Promise<{ result: T } | { saved: Saved }> => {
    const requests = idempotencyView(trx)
    if (await claimIdempotentRequest(requests, claim, IDEMPOTENCY_KEY_DAYS)) {
      const result = await steps.write(trx)
      await updateIdempotentRequestResult(requests, claim.subject, claim.key, steps.remember(result))
      return { result }
    }
    // The claim found the key taken and not expired, and a committed row is never deleted before it expires.
    const first = (await findIdempotentRequest(requests, claim.subject, claim.key))!
    if (first.field !== claim.field || first.inputHash !== claim.inputHash) {
      throw conflict(
        FIELD,
        'IDEMPOTENCY_KEY_REUSED',
        `was already used for a different request (${first.field}); use a new key`,
      )
    }
    return { saved: first.result as Saved }
  })
  if ('result' in outcome) return outcome.result
  const replayed = await steps.replay(outcome.saved)
  if (replayed === null || replayed === undefined) {
    throw hubError(
      'NOT_FOUND',
      'IDEMPOTENT_RESULT_GONE',
      `${FIELD}: what the first request with this key created no longer exists`,
      {
        field: FIELD,
      },
    )
  }
  return replayed
}

/** `idempotently` for the common case: the mutation returns the record it created, found again by its id. */
export function idempotentlyById<DB extends IdempotencyTables, T extends { id: string }>(
  context: IdempotencyContext<DB>,
  info: Pick<GraphQLResolveInfo, 'fieldName'>,
  input: IdempotentInput,
  write: (trx: Transaction<DB>) => Promise<T>,
  findById: (id: string) => Promise<T | null | undefined>,
) {
  return idempotently(context, info, input, { write, remember: (result) => result.id, replay: findById })
}

/** Forgets the keys past their lifetime; each subgraph runs it as it starts. */
export function purgeExpiredIdempotencyKeys<DB extends IdempotencyTables>(db: Kysely<DB>) {
  return deleteExpiredIdempotentRequests(idempotencyView(db), IDEMPOTENCY_KEY_DAYS)
}
