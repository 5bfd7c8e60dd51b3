import { idempotently, idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js'
import { actingSide } from '../../../attribution.js'
import { findCriterionById } from '../queries/child_criterion.queries.js'
import {
  acceptChildFindSignal,
  dismissChildFindSignal,
  receiveChildFindSignal,
} from '../services/child-find-signals.js'
import { addCriterion, endCriterion } from '../services/criteria.js'
import { dismissPossibleDuplicate } from '../services/duplicates.js'
import { attachSnils, registerChild } from '../services/registration.js'
import { changeRegistryStatus } from '../services/registry-status.js'
import { checkRegistryRows, importRegistryRows, startRegistryImport } from '../services/registry-import.js'

/** The side an imported registry comes from: the regional registry social keeps. */
const IMPORT_SOURCE = 'SOCIAL' as const

export const Mutation: MutationResolvers = {
  registerChild: (_parent, { input }, context, info) => {
    const source = actingSide(context.access, 'input.source', input.source)
    return idempotently(context, info, input, {
      write: (trx) => registerChild(trx, input, source),
      remember: ({ outcome, child, possibleDuplicate, notApplied }) => ({
        outcome,
        childId: child.id,
        possibleDuplicateId: possibleDuplicate?.id ?? null,
        notApplied,
      }),
      replay: async ({ outcome, childId, possibleDuplicateId, notApplied }) => {
        const child = await context.loaders.childById.load(childId)
        const possibleDuplicate = possibleDuplicateId
          ? await context.loaders.possibleDuplicateById.load(possibleDuplicateId)
          : null
        // A key remembered before registrations reported what they did not apply answers with nothing to report.
        return child && { outcome, child, possibleDuplicate, notApplied: notApplied ?? [] }
      },
    })
  },
  attachSnils: (_parent, { input }, { db }) => db.transaction().execute((trx) => attachSnils(trx, input)),
  changeRegistryStatus: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => changeRegistryStatus(trx, input)),
  addCriterion: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => addCriterion(trx, input),
      (id) => findCriterionById(context.db, id),
    ),
  endCriterion: (_parent, { input }, { db }) => db.transaction().execute((trx) => endCriterion(trx, input)),
  receiveChildFindSignal: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => receiveChildFindSignal(trx, access.viewer, input)),
  acceptChildFindSignal: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => acceptChildFindSignal(trx, access.viewer, input)),
  dismissChildFindSignal: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => dismissChildFindSignal(trx, access.viewer, input)),
  dismissPossibleDuplicate: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => dismissPossibleDuplicate(trx, input)),
  startRegistryImport: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => startRegistryImport(trx, input, access.viewer.subject)),
  importRegistryRows: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => importRegistryRows(trx, input, IMPORT_SOURCE)),
  // A dry run writes as the import would, then rolls back: the same checks, nothing kept.
  checkRegistryRows: async (_parent, { input }, { db }) => {
    const trx = await db.startTransaction().execute()
    try {
      const results = await checkRegistryRows(trx, input.rows, IMPORT_SOURCE)
      return results.map((result) => ({ ...result, childId: null }))
    } finally {
      await trx.rollback().execute()
    }
  },
}
