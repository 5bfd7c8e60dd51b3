import type { Kysely, Transaction } from 'kysely'
import { staffingView, type Side, type SpecialistRole, type StaffingTables } from './database.js'
import { createStaffingLoaders, type StaffingLoaders } from './loaders.js'
import {
  endSpecialistEmployment,
  missingRoles,
  type EndSpecialistEmploymentInput,
  type FindLastSessionOn,
  recordSpecialistTraining,
  registerSpecialist,
  validateEndSpecialistEmployment,
  validateRecordSpecialistTraining,
  validateRegisterSpecialist,
} from './services.js'
import type { SpecialistRow } from './specialist.queries.js'

/*
 * The staffing resolvers, written once for the four subgraphs. They cannot be typed from one subgraph's codegen
 * output, so their parameters are typed here by hand; each subgraph's resolver map, which is typed from its own
 * codegen output, checks that they fit its schema.
 */

/** The part of every subgraph's context (`context.staffing`) that the staffing resolvers use, built per request. */
export interface StaffingContext {
  db: Kysely<StaffingTables>
  loaders: StaffingLoaders
}

export function createStaffingContext<DB extends StaffingTables>(db: Kysely<DB>): StaffingContext {
  const staffing = staffingView(db)
  return { db: staffing, loaders: createStaffingLoaders(staffing) }
}

/** What a staffing resolver receives as its context: any subgraph's, which carries the staffing part. */
interface WithStaffing {
  staffing: StaffingContext
}

/** The parent of `ProviderStaffing`: whose specialists, and the roles its services require. */
export interface ProviderStaffingParent {
  providerId: string
  requiredRoles: readonly SpecialistRole[]
}

/**
 * A provider of social's registry as a side subgraph sees it: the id, and through `@requires` its side and the roles
 * its services require. Both are missing when a caller of `_entities` did not send them.
 */
export interface ProviderReference {
  id: string
  side?: Side | null
  requiredSpecialistRoles?: readonly SpecialistRole[] | null
}

/**
 * `Provider.<side>Staffing`: the provider's staffing as this side records it, or null for a provider of another side
 * (whose specialists that side's subgraph records).
 */
export function staffingOfSide(side: Side) {
  return (provider: ProviderReference): ProviderStaffingParent | null =>
    provider.side === side && provider.requiredSpecialistRoles
      ? { providerId: provider.id, requiredRoles: provider.requiredSpecialistRoles }
      : null
}

export const ProviderStaffing = {
  specialists: (parent: ProviderStaffingParent, _args: unknown, { staffing }: WithStaffing) =>
    staffing.loaders.specialistsByProviderId.load(parent.providerId),
  // From the same batch as `specialists`: asking for both costs one statement.
  missingRoles: async (parent: ProviderStaffingParent, _args: unknown, { staffing }: WithStaffing) =>
    missingRoles(parent.requiredRoles, await staffing.loaders.specialistsByProviderId.load(parent.providerId)),
}

export const Specialist = {
  trainings: (specialist: SpecialistRow, _args: unknown, { staffing }: WithStaffing) =>
    staffing.loaders.trainingsBySpecialistId.load(specialist.id),
}

/** A mutation resolver that checks its input before it opens its one transaction. */
function checkedMutation<I, V, R>(
  validate: (input: I) => V,
  run: (trx: Transaction<StaffingTables>, valid: V) => Promise<R>,
) {
  return (_parent: unknown, { input }: { input: I }, { staffing }: WithStaffing) => {
    const valid = validate(input)
    return staffing.db.transaction().execute((trx) => run(trx, valid))
  }
}

/**
 * The staffing mutations, under each side's own root field names (`registerHealthSpecialist`, …). A rule broken inside
 * the transaction rolls the whole of it back.
 */
export const staffingMutations = {
  registerSpecialist: checkedMutation(validateRegisterSpecialist, registerSpecialist),
  recordSpecialistTraining: checkedMutation(validateRecordSpecialistTraining, recordSpecialistTraining),
}

/**
 * `end<Side>SpecialistEmployment`, given the side's finder of a specialist's last session: the sessions are in the
 * side's own tables, so the transaction is the side's own database, not the staffing view.
 */
export function endSpecialistEmploymentMutation<DB extends StaffingTables>(findLastSessionOn: FindLastSessionOn<DB>) {
  return (_parent: unknown, { input }: { input: EndSpecialistEmploymentInput }, { db }: { db: Kysely<DB> }) => {
    const end = validateEndSpecialistEmployment(input)
    return db.transaction().execute((trx) => endSpecialistEmployment(trx, end, findLastSessionOn))
  }
}

/** `<Side>Session.specialist`: the specialist a session names, batched by id; null for a session that names none. */
export const sessionSpecialist = (
  session: { specialistId: string | null },
  _args: unknown,
  { staffing }: WithStaffing,
) => (session.specialistId === null ? null : staffing.loaders.specialistById.load(session.specialistId))
