import { GraphiQL } from 'graphiql'
import { buildSchema, type GraphQLSchema } from 'graphql'
import { useEffect, useMemo, useState, type ComponentProps } from 'react'
import { postGraphQL } from '../shared/graphql'
import { readClaims, useSession } from '../shared/session'
import { SignIn } from '../shared/SignIn'
import { viewerLabel } from '../dashboard/labels'
import { exampleTabs } from './operations'

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher']

const SCHEMA_URL = '/explorer/schema.graphql'

/** The API schema with its descriptions, from the gateway's signed-in endpoint: introspection may be off. */
async function loadSchema(token: string) {
  const response = await fetch(SCHEMA_URL, { headers: { authorization: `Bearer ${token}` } })
  if (!response.ok) throw new Error(`схема недоступна: шлюз ответил ${response.status}`)
  return buildSchema(await response.text())
}

/** GraphiQL for analysts, fully bundled, sending the signed-in user's token with every request. */
export function Explorer() {
  const { state, token, signIn, signOut } = useSession()
  const [schema, setSchema] = useState<GraphQLSchema | null>(null)
  const [error, setError] = useState<string | null>(null)
  const tabs = useMemo(exampleTabs, [])

  useEffect(() => {
    if (!token) return
    loadSchema(token).then(setSchema, (failure: Error) => setError(failure.message))
  }, [token])

  // GraphiQL shows the answer as the gateway sent it; its type wants graphql-ws's GraphQLError instances where the
  // gateway sends plain JSON errors, which GraphiQL only prints.
  const fetcher = useMemo<Fetcher>(
    () => (params, options) =>
      postGraphQL(params, token, options?.headers as Record<string, string> | undefined) as ReturnType<Fetcher>,
    [token],
  )

  if (!token) {
    return (
      <main className="explorer-sign-in">
        <SignIn state={state} onSignIn={signIn} />
      </main>
    )
  }
  const claims = readClaims(token)
  return (
    <div className="explorer">
      <header className="explorer-bar">
        <strong>Обозреватель GraphQL</strong>
        <span title={claims?.name}>Вход: {viewerLabel(claims)}</span>
        <a href="/dashboard">Панель</a>
        <button
          type="button"
          onClick={() => {
            setSchema(null)
            void signOut()
          }}
        >
          Выйти
        </button>
      </header>
      {error && (
        <p className="explorer-error" role="alert">
          {error}
        </p>
      )}
      {schema && (
        <div className="explorer-ide">
          <GraphiQL
            fetcher={fetcher}
            schema={schema}
            defaultTabs={tabs}
            storage={sessionStorage}
            defaultEditorToolsVisibility="variables"
          />
        </div>
      )}
    </div>
  )
}
