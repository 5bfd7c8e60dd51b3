import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql'
import { callerKey, type Viewer } from '@hub/platform/auth/viewer'
import { hubError } from '@hub/platform/errors'

/** How much expensive work one caller may have: operations at once, and operations begun in a minute. */
export interface WorkBudgetLimits {
  concurrent: number
  perMinute: number
}

/**
 * Two at once leave most of a pool of ten connections to everybody else while one analyst's dashboard loads its
 * indicators and a summary side by side; 120 a minute lets a report's drill-downs through one after another (each
 * figure's cohort is an operation) and still stops a caller who loops.
 */
export const DEFAULT_WORK_BUDGET: WorkBudgetLimits = { concurrent: 2, perMinute: 120 }

/**
 * The fields whose work grows with the data or the arguments (aggregates over the registry, cohorts, long pages), by
 * `Type.field`, or by `Type` for every field of it but `id`: `true`, or a test of the arguments (a page is expensive
 * only when long).
 */
export type ExpensiveFields = Readonly<Record<string, true | ((args: Record<string, unknown>) => boolean)>>

/** A page longer than this is expensive work (a registry or audit page of up to a thousand rows). */
export const LONG_PAGE = 100

/** Whether a page's `first` argument asks for a long page; `fallback` is the field's own default. */
export const longPage =
  (fallback: number) =>
  ({ first }: Record<string, unknown>) =>
    (typeof first === 'number' ? first : fallback) > LONG_PAGE

/**
 * What every subgraph computes for the indicators (each side's staffing and preschool figures, social's figures, all
 * fields of `RegionalIndicators`), and a long page of its access audit.
 */
export const INDICATOR_AND_AUDIT_WORK: ExpensiveFields = {
  RegionalIndicators: true,
  'Query.accessAudit': longPage(100),
}

const MINUTE_MS = 60_000

/**
 * A per-caller budget of expensive work in one subgraph process. An operation that reaches an expensive field takes
 * one slot for its caller, held until its response is sent (the work of an aggregate is done by the fields below the
 * root one, so the slot covers the whole operation); an operation reaching several expensive fields takes one. A
 * caller over either limit is refused at once, with the seconds to wait, and other callers are served as before.
 * Counted in this process's memory: each replica of a subgraph keeps its own.
 */
export function createWorkBudget(limits: WorkBudgetLimits, now: () => number = Date.now) {
  const running = new Map<string, number>()
  const begun = new Map<string, number[]>()
  const held = new WeakMap<object, string>()

  function refuse(field: string, rule: string, retryAfterSeconds: number) {
    return hubError(
      'BAD_USER_INPUT',
      'RATE_LIMITED',
      `${field}: ${rule} (expensive work of one caller is limited); retry after ${retryAfterSeconds} s`,
      { field, limit: 'work', retryAfter: retryAfterSeconds, params: { seconds: retryAfterSeconds } },
    )
  }

  return {
    limits,
    /**
     * Takes the request's slot for its caller, once per request (whether this call took it); throws the refusal when
     * the caller has none left.
     */
    take(request: object, key: string, field: string) {
      if (held.has(request)) return false
      const time = now()
      const recent = (begun.get(key) ?? []).filter((at) => time - at < MINUTE_MS)
      if ((running.get(key) ?? 0) >= limits.concurrent) {
        throw refuse(field, `at most ${limits.concurrent} expensive operations of one caller run at once`, 1)
      }
      if (recent.length >= limits.perMinute) {
        const retryAfter = Math.max(1, Math.ceil((MINUTE_MS - (time - recent[0]!)) / 1000))
        throw refuse(
          field,
          `at most ${limits.perMinute} expensive operations of one caller begin in a minute`,
          retryAfter,
        )
      }
      recent.push(time)
      begun.set(key, recent)
      running.set(key, (running.get(key) ?? 0) + 1)
      held.set(request, key)
      return true
    },
    /**
     * Gives the request's slot back, if it took one (its response is sent). `refund`: the operation was refused
     * before any work (its arguments were bad), and does not count towards the minute either.
     */
    release(request: object, { refund = false } = {}) {
      const key = held.get(request)
      if (key === undefined) return
      held.delete(request)
      if (refund) begun.get(key)?.pop()
      const count = (running.get(key) ?? 1) - 1
      if (count > 0) running.set(key, count)
      else running.delete(key)
      // A caller whose minute has passed leaves nothing behind.
      const recent = (begun.get(key) ?? []).filter((at) => now() - at < MINUTE_MS)
      if (recent.length > 0) begun.set(key, recent)
      else begun.delete(key)
    },
  }
}

export type WorkBudget = ReturnType<typeof createWorkBudget>

type Context = { access: { viewer: Viewer } }

const isRefusedInput = (error: unknown) => error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT'

/** Wraps the resolver of every expensive field so that it first takes its caller's slot; the schema is changed in place. */
export function applyWorkBudget(schema: GraphQLSchema, expensive: ExpensiveFields, budget: WorkBudget) {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`
      const rule = expensive[coordinate] ?? (field.name === 'id' ? undefined : expensive[type.name])
      if (rule === undefined) continue
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver
      field.resolve = async (parent, args: Record<string, unknown>, context: Context, info) => {
        if (rule !== true && !rule(args)) return resolve(parent, args, context, info)
        const took = budget.take(context, callerKey(context.access.viewer), coordinate)
        try {
          return await resolve(parent, args, context, info)
        } catch (error) {
          // Refused for its arguments before any work: a caller correcting a bad period is not held back by it.
          if (took && isRefusedInput(error)) budget.release(context, { refund: true })
          throw error
        }
      }
    }
  }
  return schema
}
