import { loadExisting } from '@hub/subgraph-kit/loaders'
import { today } from '@hub/subgraph-kit/validation'
import type { ChildFindSignalResolvers } from '../../../__generated__/resolvers-types.js'
import { signalHandlingState } from '../../pathway/services/clocks.js'

export const ChildFindSignal: ChildFindSignalResolvers = {
  child: (signal, _args, { loaders }) => loadExisting(loaders.childById, signal.childId, 'child'),
  /** The handling clock runs from the day the signal arrived until the coordinator's decision. */
  clock: async (signal, _args, { loaders }) => signalHandlingState(signal, await loaders.calendar(), today()),
  criterion: (signal, _args, { loaders }) =>
    signal.criterionId === null ? null : loadExisting(loaders.criterionById, signal.criterionId, 'criterion'),
}
