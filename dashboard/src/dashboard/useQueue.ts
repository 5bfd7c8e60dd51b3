import { useEffect, useState } from 'react'
import { QUEUES, type QueueAnswer } from './queues'
import type { QueueId } from './roles'

export type QueueState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; answer: QueueAnswer }

/** Loads one work queue for the signed-in user (a provider's staff: their own organisation's). */
export function useQueue(id: QueueId, token: string, provider: string | null) {
  const [state, setState] = useState<QueueState>({ status: 'loading' })
  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    QUEUES[id].load(token, provider).then(
      (answer) => current && setState({ status: 'done', answer }),
      (error: Error) => current && setState({ status: 'failed', message: error.message }),
    )
    return () => {
      current = false
    }
  }, [id, token, provider])
  return state
}
