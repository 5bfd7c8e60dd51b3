import { providerReference, signalOutboxRow, staffingMappers } from '@hub/side-contract/codegen/mappers'
import {
  accessMappers,
  attachmentMappers,
  runSubgraphCodegen,
  type SubgraphCodegen,
} from '@hub/subgraph-kit/codegen/subgraph'

/**
 * Education's codegen entry: the parent type of each GraphQL type it resolves (a row of its queries, or what a
 * resolver hands on), after those of the shared fragments its package.json lists.
 */
const education: SubgraphCodegen = {
  name: 'education',
  folder: import.meta.dirname,
  mappers: {
    ...accessMappers,
    ...staffingMappers,
    ...attachmentMappers,
    Child: '../resolvers/Child.js#ChildReference',
    ChildEducation: '../resolvers/ChildEducation.js#ChildEducationParent',
    PmpkConclusion: '../db/queries/pmpk_conclusion.queries.js#PmpkConclusionRow',
    PreschoolApplication: '../db/queries/preschool_application.queries.js#PreschoolApplicationRow',
    Kindergarten: '../db/queries/kindergarten.queries.js#KindergartenRow',
    EarlyHelpUnit: '../db/queries/early_help_unit.queries.js#EarlyHelpUnitRow',
    KindergartenGroup: '../db/queries/kindergarten_group.queries.js#KindergartenGroupRow',
    EducationSession: '../db/queries/education_session.queries.js#EducationSessionRow',
    ProgrammeService: '../resolvers/ProgrammeService.js#ProgrammeServiceParent',
    Provider: providerReference,
    RegionalIndicators: '../resolvers/RegionalIndicators.js#EducationIndicatorsReference',
    ProgrammeExitsDue: '../resolvers/ProgrammeExitsDue.js#ProgrammeExitsDueReference',
    UndeliveredChildFindSignal: signalOutboxRow,
  },
}

export default education

// `npm run codegen [-- --check]` in this folder.
if (process.argv[1] === import.meta.filename) await runSubgraphCodegen(education, process.argv.includes('--check'))
