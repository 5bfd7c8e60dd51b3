import { isOneOf, SIDES } from '@hub/platform/auth/viewer'
import { badUserInput } from '@hub/platform/errors'
import type { ChildGrant, RequestAccess } from '@hub/subgraph-kit/access/request'
import { isUuid, MAX_BATCH_SIZE } from '@hub/subgraph-kit/loaders'
import { requireAfterId, requirePageSize } from '@hub/subgraph-kit/paging'
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js'
import { providerOf } from '../../../attribution.js'
import { listFamilies, type FamilyFilter } from '../queries/family.queries.js'
import { consentRecipient, findGrants } from '../services/consents.js'
import { familySearch } from '../services/families.js'

/**
 * The families a caller's rule for family data opens (the gate has refused those it opens none): a provider's staff
 * those of children in its care, another side's staff those whose consent shares the family's data with them.
 */
function familiesOpenTo(access: RequestAccess): Pick<FamilyFilter, 'careOf' | 'consentedTo'> {
  const rule = access.rule('family')
  if (rule === 'referred') return { careOf: providerOf(access.viewer) }
  if (rule !== 'consent') return {}
  const { side, organisation } = access.viewer
  if (side === null) return { careOf: null }
  return { consentedTo: { recipient: consentRecipient(side, organisation), purpose: access.purpose } }
}

export const Query: QueryResolvers = {
  family: (_parent, { id }, { loaders }) => loaders.familyById.load(id),
  families: async (_parent, { filter, first, after }, { db, loaders, access }) => {
    const page = await listFamilies(db, {
      filter: {
        search: filter?.search == null ? undefined : familySearch('filter.search', filter.search),
        ...familiesOpenTo(access),
      },
      first: requirePageSize(first),
      afterId: requireAfterId(after),
    })
    for (const family of page.rows) loaders.familyById.prime(family.id, family)
    return page
  },
  consent: (_parent, { id }, { loaders }) => loaders.consentById.load(id),
  accessGrants: async (_parent, { childIds, side, organisation, purpose }, { db }) => {
    if (!isOneOf(SIDES, side)) throw badUserInput('side', 'ONE_OF', `must be one of ${SIDES.join(', ')}`)
    if (childIds.length > MAX_BATCH_SIZE)
      throw badUserInput('childIds', 'LIST_TOO_LONG', `must name at most ${MAX_BATCH_SIZE} children`, {
        max: MAX_BATCH_SIZE,
      })
    const grants = await findGrants(db, side, organisation ?? null, purpose, childIds.filter(isUuid))
    return [...grants].map(([childId, grant]) => ({ childId, ...grant }))
  },
}

/** One child's grant as `accessGrants` answers it. */
export interface ChildAccessGrantParent extends ChildGrant {
  childId: string
}
