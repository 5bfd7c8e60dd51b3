import { isUuid } from '@hub/subgraph-kit/loaders'
import { requireAfterId, requirePageSize } from '@hub/subgraph-kit/paging'
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js'
import { providerOf } from '../../../attribution.js'
import { registrySearch } from '../../../names.js'
import { listChildren } from '../queries/child.queries.js'
import { findChildFindSignalById, listChildFindSignals } from '../queries/child_find_signal.queries.js'
import { listPossibleDuplicates } from '../queries/possible_duplicate.queries.js'
import { findRegistryImportsByIds } from '../queries/registry_import.queries.js'

export const Query: QueryResolvers = {
  registryImport: async (_parent, { id }, { db }) =>
    isUuid(id) ? ((await findRegistryImportsByIds(db, [id]))[0] ?? null) : null,
  child: (_parent, { id }, { loaders }) => loaders.childById.load(id),
  children: async (_parent, { filter, first, after }, { db, loaders, access }) => {
    const page = await listChildren(db, {
      filter: {
        municipalityOktmo: filter?.municipality ?? undefined,
        registryStatus: filter?.registryStatus ?? undefined,
        criterion: filter?.criterion ?? undefined,
        bornOnOrAfter: filter?.bornOnOrAfter ?? undefined,
        bornOnOrBefore: filter?.bornOnOrBefore ?? undefined,
        search: filter?.search == null ? undefined : registrySearch('filter.search', filter.search),
        referredTo: access.rule('identity') === 'referred' ? providerOf(access.viewer) : undefined,
      },
      first: requirePageSize(first),
      afterId: requireAfterId(after),
    })
    for (const child of page.rows) loaders.childById.prime(child.id, child)
    return page
  },
  possibleDuplicates: (_parent, { status }, { db }) => listPossibleDuplicates(db, status ?? 'OPEN'),
  childFindSignals: (_parent, { status, first, after }, { db }) =>
    listChildFindSignals(db, {
      status: status ?? 'NEW',
      first: requirePageSize(first),
      afterId: requireAfterId(after),
    }),
  childFindSignal: async (_parent, { id }, { db }) =>
    isUuid(id) ? ((await findChildFindSignalById(db, id)) ?? null) : null,
}
