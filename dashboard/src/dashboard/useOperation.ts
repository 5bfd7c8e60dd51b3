import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useEffect, useState } from 'react'
import { runOperation, type GraphQLResult } from '../shared/graphql'

export type OperationState<R> =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; result: GraphQLResult<R> }

/**
 * Runs a committed operation whenever its variables change; the variables are compared as JSON. A new `revision`
 * runs it again with the same variables (after a mutation that changes its answer).
 */
export function useOperation<R, V>(document: TypedDocumentNode<R, V>, variables: V, token: string, revision = 0) {
  const [state, setState] = useState<OperationState<R>>({ status: 'loading' })
  const key = JSON.stringify(variables)
  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    runOperation(document, JSON.parse(key) as V, token).then(
      (result) => current && setState({ status: 'done', result }),
      (error: Error) => current && setState({ status: 'failed', message: error.message }),
    )
    return () => {
      current = false
    }
  }, [document, key, token, revision])
  return state
}
