import { randomUUID } from 'node:crypto'
import { print } from 'graphql'
import {
  ChildCardDocument,
  RecordDetectionEventDocument,
  RegisterChildDocument,
  type ChildCardQuery,
  type RecordDetectionEventMutation,
  type RegisterChildMutation,
} from '../../schema/__generated__/operations.js'
import { MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import { postGraphQL, type GraphQLResponse } from '@hub/testing/graphql'
import { daysFromToday } from '@hub/testing/writes'

/** The callers of a mixed load: a coordinator reads cards, a social and a health specialist write. */
export interface LoadCallers {
  reader: string
  socialWriter: string
  healthWriter: string
}

/** What the load saw over a period: every answer's status, the sides that failed, and the slowest answer. */
export interface LoadWindow {
  requests: number
  /** Answers by HTTP status; a transport failure (no answer) counts under 0. */
  statuses: Record<number, number>
  /** Error counts by code, and by the subgraph the gateway named. */
  errorCodes: Record<string, number>
  failedSides: Record<string, number>
  /** The first few error messages, to say what went wrong when an expectation fails. */
  messages: string[]
  /** Cards without the child or its social record: a failure beyond the sides that were down. */
  cardsWithoutChild: number
  slowestMs: number
  milliseconds: number
}

const CARD = print(ChildCardDocument)
const REGISTER = print(RegisterChildDocument)
const DETECTION = print(RecordDetectionEventDocument)

const ALPHABET = 'абвгдежзиклмнопрстуфхцчшэюя'

/** A number written in letters (names are letters only): 1 → "б", 27 → "ба". */
function lettersOf(n: number): string {
  return (n >= ALPHABET.length ? lettersOf(Math.floor(n / ALPHABET.length)) : '') + ALPHABET[n % ALPHABET.length]
}

function emptyWindow(): LoadWindow {
  return {
    requests: 0,
    statuses: {},
    errorCodes: {},
    failedSides: {},
    messages: [],
    cardsWithoutChild: 0,
    slowestMs: 0,
    milliseconds: 0,
  }
}

/**
 * Mixed reads and writes through the gateway, `concurrency` at a time, until stopped: eight ChildCards of a fixture
 * child for each registration of a new child (social) and each detection event of another new child (health). Remembers the id of every
 * write that was acknowledged, for the test to find afterwards.
 */
export function startLoad(
  graphqlUrl: string,
  callers: LoadCallers,
  { childId, concurrency = 4 }: { childId: string; concurrency?: number },
) {
  let window = emptyWindow()
  let windowStarted = performance.now()
  let running = true
  let sequence = 0
  const inFlight = new Map<LoadWindow, number>()
  const acknowledged = { children: [] as string[], detectionEvents: [] as string[] }

  const record = (period: LoadWindow, response: GraphQLResponse<unknown> | null, elapsed: number) => {
    period.requests += 1
    period.slowestMs = Math.max(period.slowestMs, elapsed)
    const status = response?.status ?? 0
    period.statuses[status] = (period.statuses[status] ?? 0) + 1
    for (const error of response?.errors ?? []) {
      const code = String(error.extensions?.code)
      period.errorCodes[code] = (period.errorCodes[code] ?? 0) + 1
      if (period.messages.length < 5) period.messages.push(error.message)
      const side = error.extensions?.serviceName
      if (typeof side === 'string') period.failedSides[side] = (period.failedSides[side] ?? 0) + 1
    }
  }

  const send = async <T>(query: string, variables: Record<string, unknown>, authorization: string) => {
    // A request counts in the period it was sent in, however late its answer comes.
    const sentIn = window
    inFlight.set(sentIn, (inFlight.get(sentIn) ?? 0) + 1)
    const started = performance.now()
    let response: GraphQLResponse<T> | null = null
    try {
      response = await postGraphQL<T>(graphqlUrl, query, variables, authorization)
    } catch {
      // No answer at all: counted under status 0.
    }
    record(sentIn, response, performance.now() - started)
    inFlight.set(sentIn, inFlight.get(sentIn)! - 1)
    return response
  }

  const step = async () => {
    const n = (sequence += 1)
    if (n % 10 === 0) {
      const response = await send<RegisterChildMutation>(
        REGISTER,
        {
          input: {
            lastName: `Нагрузкин-${lettersOf(n)}`,
            firstName: 'Пётр',
            birthDate: daysFromToday(-200),
            sex: 'MALE',
            municipality: MUNICIPALITY.oktmo,
            source: 'SOCIAL',
            criteria: [
              {
                code: 'PARENT_CONCERN',
                evidenceDocument: 'Заявление матери',
                evidenceDate: daysFromToday(-30),
                validFrom: daysFromToday(-30),
              },
            ],
          },
        },
        callers.socialWriter,
      )
      const id = response?.data?.registerChild.child.id
      if (id && !response.errors) acknowledged.children.push(id)
    } else if (n % 10 === 5) {
      const response = await send<RecordDetectionEventMutation>(
        DETECTION,
        {
          input: {
            // Each visit is another child's (health detects children before social registers them), so that the
            // card read under load keeps its size, and memory measures the hub, not a growing answer.
            childId: randomUUID(),
            kind: 'PAEDIATRIC_VISIT',
            result: null,
            occurredOn: daysFromToday(0),
            organisation: `ГБУЗ «Детская поликлиника № ${n}»`,
          },
        },
        callers.healthWriter,
      )
      const id = response?.data?.recordDetectionEvent.id
      if (id && !response.errors) acknowledged.detectionEvents.push(id)
    } else {
      const sentIn = window
      const response = await send<ChildCardQuery>(CARD, { id: childId }, callers.reader)
      if (response && !response.data?.child?.fullName) sentIn.cardsWithoutChild += 1
    }
  }

  const workers = Array.from({ length: concurrency }, async () => {
    while (running) await step()
  })

  return {
    acknowledged,
    /**
     * Starts a fresh period, and returns what the requests sent since the last call (or the start) met, once the last
     * of them is answered.
     */
    async take(): Promise<LoadWindow> {
      const taken = window
      taken.milliseconds = Math.round(performance.now() - windowStarted)
      window = emptyWindow()
      windowStarted = performance.now()
      while ((inFlight.get(taken) ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 20))
      inFlight.delete(taken)
      return taken
    },
    async stop() {
      running = false
      await Promise.all(workers)
    },
  }
}

export type Load = ReturnType<typeof startLoad>
