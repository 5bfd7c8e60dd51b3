import { printSchema, Supergraph } from '@apollo/federation-internals'
import type { Express } from 'express'
import type { GraphQLError } from 'graphql'
import type { TokenVerifier } from '@hub/platform/auth/tokens'

export const SCHEMA_PATH = '/explorer/schema.graphql'

/**
 * The API schema as SDL, with its Russian descriptions, for signed-in users only. Production turns introspection
 * off for anonymous probing; an analyst with a valid token still gets the schema the explorer's editor and
 * documentation need. The supergraph's routing (join__ directives, subgraph URLs) and @inaccessible fields stay out.
 */
export function mountSchemaRoute(
  app: Express,
  { supergraphSdl, verifier }: { supergraphSdl: string; verifier: TokenVerifier },
) {
  const sdl = printSchema(Supergraph.build(supergraphSdl).apiSchema())
  app.get(SCHEMA_PATH, async (req, res) => {
    try {
      await verifier.verify(req.headers.authorization)
    } catch (error) {
      const { message, extensions } = error as GraphQLError
      res.status(401).json({ errors: [{ message, extensions: { code: extensions.code, rule: extensions.rule } }] })
      return
    }
    res.set('cache-control', 'no-store').type('application/graphql; charset=utf-8').send(sdl)
  })
}
