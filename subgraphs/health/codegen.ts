import {
  indicatorsReference,
  providerReference,
  signalOutboxRow,
  staffingMappers,
} from '@hub/side-contract/codegen/mappers'
import { accessMappers, runSubgraphCodegen, type SubgraphCodegen } from '@hub/subgraph-kit/codegen/subgraph'

/**
 * Health's codegen entry: the parent type of each GraphQL type it resolves (a row of its queries, or what a resolver
 * hands on), after those of the shared fragments its package.json lists.
 */
const health: SubgraphCodegen = {
  name: 'health',
  folder: import.meta.dirname,
  mappers: {
    ...accessMappers,
    ...staffingMappers,
    ChildHealth: '../resolvers/ChildHealth.js#ChildHealthParent',
    HealthGroupAssessment: '../db/queries/health_group_assessment.queries.js#HealthGroupAssessmentRow',
    DetectionEvent: '../db/queries/detection_event.queries.js#DetectionEventRow',
    Diagnosis: '../db/queries/diagnosis.queries.js#DiagnosisRow',
    RiskFactor: '../db/queries/risk_factor.queries.js#RiskFactorRow',
    Icd10Code: '../db/queries/icd10_code.queries.js#Icd10CodeRow',
    DispensaryObservation: '../db/queries/dispensary_observation.queries.js#DispensaryObservationRow',
    RehabilitationEpisode: '../db/queries/rehabilitation_episode.queries.js#RehabilitationEpisodeRow',
    RehabilitationSession: '../db/queries/rehabilitation_session.queries.js#RehabilitationSessionRow',
    UndeliveredChildFindSignal: signalOutboxRow,
    ProgrammeService: '../resolvers/ProgrammeService.js#ProgrammeServiceParent',
    Provider: providerReference,
    RegionalIndicators: indicatorsReference,
  },
}

export default health

// `npm run codegen [-- --check]` in this folder.
if (process.argv[1] === import.meta.filename) await runSubgraphCodegen(health, process.argv.includes('--check'))
