import type { Kysely } from 'kysely'
import type { SubgraphName } from '@hub/platform/sides'
import type { Gate, Gates } from '../access/gates.js'
import type { RequestAccess } from '../access/request.js'
import { requireIntegerBetween } from '../validation.js'
import { importReference, type ReferenceImportInput } from './import.js'
import type { ReferenceKind } from './kinds.js'
import { countReferenceEntries, listReferenceImports, type ReferenceImportRow } from './reference.queries.js'
import { referenceView, type ReferenceTables } from './tables.js'

/*
 * The dictionaries' root fields, written once for every subgraph that keeps dictionaries under its side-prefixed
 * names (`healthReferenceKinds`, `importHealthReference`, …; schema/reference.graphql). As with the events'
 * resolvers, their parameters are typed here by hand; each subgraph's resolver map, typed from its codegen, checks them.
 */

interface WithReference {
  db: Kysely<ReferenceTables>
  access: RequestAccess
}

/** The most imports one page of the history holds. */
export const MAX_IMPORTS_PAGE = 500

/** The dictionaries' queries and the import mutation of one side, for the kinds it keeps. */
export function referenceResolvers(side: SubgraphName, kinds: readonly ReferenceKind[]) {
  const Side = side[0]!.toUpperCase() + side.slice(1)
  const names = new Map(kinds.map((kind) => [kind.code, kind.name]))
  const Query = {
    [`${side}ReferenceKinds`]: (_parent: unknown, _args: unknown, { db }: WithReference) =>
      Promise.all(
        kinds.map(async (kind) => ({
          code: kind.code,
          name: kind.name,
          title: kind.title,
          source: kind.source,
          formats: kind.formats,
          ...(await countReferenceEntries(referenceView(db), kind.code)),
        })),
      ),
    [`${side}ReferenceImports`]: async (
      _parent: unknown,
      { kind, first }: { kind?: string | null; first?: number | null },
      { db }: WithReference,
    ) => {
      const size = requireIntegerBetween('first', first ?? 20, 1, MAX_IMPORTS_PAGE)
      const rows = await listReferenceImports(referenceView(db), [...names.keys()], size, kind)
      return rows.map((row: ReferenceImportRow) => ({ ...row, kindName: names.get(row.kind) ?? row.kind }))
    },
  }
  const Mutation = {
    [`import${Side}Reference`]: (
      _parent: unknown,
      { input }: { input: ReferenceImportInput },
      { db, access }: WithReference,
    ) => importReference(referenceView(db), kinds, access.viewer.subject, input),
  }
  return { Query, Mutation }
}

/** Only the side's own administrators read its dictionaries' history and import them. */
export function referenceGates(side: SubgraphName): Gates {
  const { Query, Mutation } = referenceResolvers(side, [])
  const administrators: Gate = { only: ['administrator'] }
  return Object.fromEntries([
    ...Object.keys(Query).map((field) => [`Query.${field}`, administrators]),
    ...Object.keys(Mutation).map((field) => [`Mutation.${field}`, administrators]),
  ])
}
