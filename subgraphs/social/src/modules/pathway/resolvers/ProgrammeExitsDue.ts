import { requireUuid } from '@hub/subgraph-kit/validation'
import type { ProgrammeExitsDueResolvers } from '../../../__generated__/resolvers-types.js'
import { listChildIdsInProgrammes, listSignedProgrammesOfChildren } from '../queries/programme.queries.js'
import type { ProgrammeRow } from '../queries/programme.queries.js'
import { educationUnavailable } from '../../monitoring/services/indicators.js'

/** The id of the whole region's list; a provider's list is named by the provider's id. */
export const REGION = 'REGION'

/** The list as the resolvers see it: its id, and with `@requires` what education said of its children's enrolments. */
export interface ProgrammeExitsDueParent {
  id: string
  educationEnrolments?: readonly { childId: string; enrolledOn: string }[] | null
}

export interface ProgrammeExitDueParent {
  programme: ProgrammeRow
  enrolledOn: string
}

/** The provider whose programmes the list holds; none for the region's. */
function providerOf(list: ProgrammeExitsDueParent) {
  return list.id === REGION ? undefined : requireUuid('id', list.id)
}

export const ProgrammeExitsDue: ProgrammeExitsDueResolvers = {
  // The list is named by its id (null for a provider the registry does not know): the gateway brings education's
  // enrolments in the representation (@requires).
  __resolveReference: async (ref, { loaders }) => {
    const providerId = providerOf(ref)
    return providerId === undefined || (await loaders.providerById.load(providerId)) ? ref : null
  },
  childrenInProgrammes: (list, _args, { db }) => listChildIdsInProgrammes(db, providerOf(list)),
  programmes: async (list, _args, { db }) => {
    const enrolments = list.educationEnrolments
    if (!enrolments) throw educationUnavailable('programmes', 'which children are enrolled in a kindergarten')
    const enrolledOn = new Map(enrolments.map((enrolment) => [enrolment.childId, enrolment.enrolledOn]))
    const programmes = await listSignedProgrammesOfChildren(db, [...enrolledOn.keys()], providerOf(list))
    // An ИПРП signed after the enrolment was agreed for a child already in a kindergarten: it is not due to end.
    return programmes
      .map((programme) => ({ programme, enrolledOn: enrolledOn.get(programme.childId)! }))
      .filter(({ programme, enrolledOn }) => programme.signedOn !== null && programme.signedOn <= enrolledOn)
      .sort((a, b) => a.enrolledOn.localeCompare(b.enrolledOn) || a.programme.id.localeCompare(b.programme.id))
  },
}
