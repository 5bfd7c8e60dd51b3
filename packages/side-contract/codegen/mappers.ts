import type { Mappers } from '@hub/subgraph-kit/codegen/subgraph'

// The parent types of the GraphQL types this package's SDL fragments define, resolved by its code: a subgraph's
// codegen entry (`codegen.ts` in its folder) takes those of the fragments it lists under `hub.schema`.

/** The staffing types every subgraph defines from the staffing fragment (`schema/staffing.graphql`). */
export const staffingMappers: Mappers = {
  ProviderStaffing: '@hub/side-contract/staffing/resolvers#ProviderStaffingParent',
  Specialist: '@hub/side-contract/staffing/specialist.queries#SpecialistRow',
  SpecialistTraining: '@hub/side-contract/staffing/specialist_training.queries#SpecialistTrainingRow',
  StaffingIndicators: '@hub/side-contract/staffing/database#StaffingFigures',
}

/** The monitoring indicators as a side subgraph sees them: the id and, through `@requires`, period and providers. */
export const indicatorsReference = '@hub/side-contract/staffing/indicators#IndicatorsReference'

/** A row of the child-find signal outbox of the sides that send signals (`schema/signals.graphql`). */
export const signalOutboxRow = '@hub/side-contract/signals/signal_outbox.queries#SignalOutboxRow'

/** A provider of social's registry as a side subgraph sees it (the other three subgraphs). */
export const providerReference = '@hub/side-contract/staffing/resolvers#ProviderReference'
