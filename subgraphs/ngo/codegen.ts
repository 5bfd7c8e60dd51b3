import { indicatorsReference, providerReference, staffingMappers } from '@hub/side-contract/codegen/mappers'
import { accessMappers, runSubgraphCodegen, type SubgraphCodegen } from '@hub/subgraph-kit/codegen/subgraph'

/**
 * The ngo subgraph's codegen entry: the parent type of each GraphQL type it resolves (a row of its queries, or what a
 * resolver hands on), after those of the shared fragments its package.json lists.
 */
const ngo: SubgraphCodegen = {
  name: 'ngo',
  folder: import.meta.dirname,
  mappers: {
    ...accessMappers,
    ...staffingMappers,
    ChildNgo: '../resolvers/ChildNgo.js#ChildNgoParent',
    NgoSession: '../db/queries/ngo_session.queries.js#NgoSessionRow',
    ParentGroup: '../db/queries/parent_group.queries.js#ParentGroupRow',
    ParentGroupParticipation: '../db/queries/parent_group_participation.queries.js#ParentGroupParticipationRow',
    ParentGroupMeeting: '../db/queries/parent_group_meeting.queries.js#ParentGroupMeetingRow',
    ProgrammeService: '../resolvers/ProgrammeService.js#ProgrammeServiceParent',
    Provider: providerReference,
    RegionalIndicators: indicatorsReference,
    Volunteer: '../db/queries/volunteer.queries.js#VolunteerRow',
    VolunteerHours: '../db/queries/volunteer_hours.queries.js#VolunteerHoursRow',
  },
}

export default ngo

// `npm run codegen [-- --check]` in this folder.
if (process.argv[1] === import.meta.filename) await runSubgraphCodegen(ngo, process.argv.includes('--check'))
