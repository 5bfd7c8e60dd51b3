import { loadExisting } from '../../../kit/src/loaders.js'
import { today } from '../../../kit/src/validation.js'
import type { ChildFindSignalResolvers } from '../__generated__/resolvers-types.js'
import { clockState } from '../clocks.js'

export const ChildFindSignal: ChildFindSignalResolvers = {
  child: (signal, _args, { loaders }) => loadExisting(loaders.childById, signal.childId, 'child'),
  /** The handling clock runs from the day the signal arrived until the coordinator's decision. */
  clock: async (signal, _args, { loaders }) => {
    const calendar = await loaders.calendar()
    const setting = calendar.settings.get('SIGNAL_HANDLING')
    if (!setting) return null
    return clockState({
      startedOn: signal.receivedAt.toISOString().slice(0, 10),
      completedOn: signal.decidedAt?.toISOString().slice(0, 10) ?? null,
      setting,
      pauses: [],
      nonWorkingDays: calendar.nonWorkingDays,
      today: today(),
    })
  },
  criterion: (signal, _args, { loaders }) =>
    signal.criterionId === null ? null : loadExisting(loaders.criterionById, signal.criterionId, 'criterion'),
}
