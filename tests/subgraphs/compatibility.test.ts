import { randomUUID } from 'node:crypto'
import { composeServices } from '@apollo/composition'
import { Kind, parse, print, type ConstDirectiveNode } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import type { DB as EducationDB } from '../../subgraphs/education/src/db/database.js'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import type { DB as NgoDB } from '../../subgraphs/ngo/src/db/database.js'
import type { DB as SocialDB } from '../../subgraphs/social/src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import * as education from '../../subgraphs/education/test/support/factories.js'
import * as health from '../../subgraphs/health/test/support/factories.js'
import * as ngo from '../../subgraphs/ngo/test/support/factories.js'
import * as social from '../../subgraphs/social/test/support/factories.js'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { supergraphSdl } from '../support/hub.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'
import { ngoSubgraph } from '../../subgraphs/ngo/test/support/subgraph.js'
import { healthSubgraph } from '../../subgraphs/health/test/support/subgraph.js'
import { educationSubgraph } from '../../subgraphs/education/test/support/subgraph.js'

// Federation's subgraph compatibility (the idea of Apollo's subgraph-compatibility suite): each subgraph, alone,
// answers `_service { sdl }` with the SDL the committed supergraph was composed from, and `_entities` for every key
// the supergraph says it resolves. The keys are read from the supergraph, so a key added without a working
// reference resolver fails here.

interface EntityKey {
  typename: string
  graph: SubgraphName
  fields: string[]
}

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((candidate) => candidate.name.value === name)?.value
}

/** Every `@join__type(graph:, key:)` of the supergraph whose key its subgraph can resolve. */
function resolvableKeys(): EntityKey[] {
  const keys: EntityKey[] = []
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue
      const graph = argument(directive, 'graph')
      const key = argument(directive, 'key')
      const resolvable = argument(directive, 'resolvable')
      if (key?.kind !== Kind.STRING || graph?.kind !== Kind.ENUM) continue
      if (resolvable?.kind === Kind.BOOLEAN && !resolvable.value) continue
      // Nested key selections would need a representation built from a selection set; none exist yet.
      if (/[{}]/.test(key.value)) throw new Error(`${definition.name.value}: nested key "${key.value}" is not probed`)
      keys.push({
        typename: definition.name.value,
        graph: graph.value.toLowerCase() as SubgraphName,
        fields: key.value.split(/\s+/),
      })
    }
  }
  return keys
}

const keys = resolvableKeys()

/** Social owns every entity the four share (DESIGN.md §2); the other sides only add fields to them. */
const OWNER: SubgraphName = 'social'

type Representation = Record<string, string>
type Started<DB> = Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

interface Subgraphs {
  social: Started<SocialDB>
  health: Started<HealthDB>
  education: Started<EducationDB>
  ngo: Started<NgoDB>
}

/**
 * For each key, a record of that entity in the subgraph's own database, written by the factories, and the fields
 * of its representation. A side subgraph's record is one of its own facts about an entity social issued the id of.
 */
const records: { [G in SubgraphName]: Record<string, (subgraphs: Subgraphs) => Promise<Representation>> } = {
  social: {
    Child: async ({ social: s }) => ({ id: (await social.insertChild(s.db)).id }),
    Family: async ({ social: s }) => ({ id: (await social.insertFamily(s.db)).id }),
    Municipality: async ({ social: s }) => ({ oktmo: (await social.insertMunicipality(s.db)).oktmo }),
    Provider: async ({ social: s }) => ({ id: (await social.insertProvider(s.db)).id }),
    ServiceType: async () => ({ code: social.CATALOGUE_SERVICE.code }),
    ProgrammeService: async ({ social: s }) => ({ id: (await socialProgramme(s)).services[0]!.id }),
    Referral: async ({ social: s }) => ({ id: (await socialProgramme(s)).programme.referral_id }),
    QuarterlyReport: async ({ social: s }) => ({ id: await fileReport(s) }),
    RegionalIndicators: async ({ social: s }) => ({ id: await liveIndicatorsId(s) }),
    ProgrammeExitsDue: async ({ social: s }) => ({ id: (await social.insertProvider(s.db)).id }),
  },
  health: {
    Child: async ({ health: h }) => ({ id: (await health.insertHealthGroup(h.db, randomUUID())).child_id }),
    Provider: async ({ health: h }) => ({ id: (await insertSpecialist(h.db, randomUUID())).provider_id }),
    ProgrammeService: async ({ health: h }) => {
      const episode = await health.insertRehabilitationEpisode(h.db, randomUUID())
      const programmeServiceId = randomUUID()
      await health.insertRehabilitationSession(h.db, episode.id, { programme_service_id: programmeServiceId })
      return { id: programmeServiceId }
    },
    RegionalIndicators: async ({ social: s }) => ({ id: await liveIndicatorsId(s) }),
  },
  education: {
    Child: async ({ education: e }) => ({ id: (await education.insertPmpkConclusion(e.db, randomUUID())).child_id }),
    Provider: async ({ education: e }) => ({ id: (await insertSpecialist(e.db, randomUUID())).provider_id }),
    ProgrammeService: async ({ education: e }) => {
      const kindergarten = await education.insertKindergarten(e.db)
      const unit = await education.insertEarlyHelpUnit(e.db, kindergarten.id)
      const programmeServiceId = randomUUID()
      await education.insertEducationSession(e.db, randomUUID(), unit.id, { programme_service_id: programmeServiceId })
      return { id: programmeServiceId }
    },
    RegionalIndicators: async ({ social: s }) => ({ id: await liveIndicatorsId(s) }),
    // Education holds nothing of social's list: it answers for any id what it knows of the children it is given.
    ProgrammeExitsDue: async () => ({ id: 'REGION' }),
  },
  ngo: {
    Child: async ({ ngo: n }) => ({ id: (await ngo.insertSession(n.db, randomUUID(), randomUUID())).child_id }),
    Provider: async ({ ngo: n }) => ({ id: (await insertSpecialist(n.db, randomUUID())).provider_id }),
    ProgrammeService: async ({ ngo: n }) => {
      const programmeServiceId = randomUUID()
      await ngo.insertSession(n.db, randomUUID(), randomUUID(), { programme_service_id: programmeServiceId })
      return { id: programmeServiceId }
    },
    RegionalIndicators: async ({ social: s }) => ({ id: await liveIndicatorsId(s) }),
  },
}

async function socialProgramme(s: Started<SocialDB>) {
  const provider = await social.insertProvider(s.db)
  const child = await social.insertChild(s.db, { registry_status: 'PROGRAMME_ACTIVE' })
  return social.insertProgramme(s.db, child.id, provider.id)
}

let filedReport: Promise<string> | undefined

/** A quarter is filed once per database: filing it again returns the same report. */
function fileReport(s: Started<SocialDB>) {
  filedReport ??= s
    .query<{ fileQuarterlyReport: { id: string } }>(
      'mutation { fileQuarterlyReport(input: { year: 2026, quarter: 1, definitionVersion: "2026.1" }) { id } }',
    )
    .then((response) => {
      expect(response.errors).toBeUndefined()
      return response.data!.fileQuarterlyReport.id
    })
  return filedReport
}

/** The id social gives the live indicators of a quarter, which every side's RegionalIndicators is keyed by. */
async function liveIndicatorsId(s: Started<SocialDB>) {
  const response = await s.query<{ regionalIndicators: { id: string } }>(
    'query { regionalIndicators(period: { from: "2026-01-01", to: "2026-03-31" }) { id } }',
    {},
    viewers.coordinator('regional'),
  )
  expect(response.errors).toBeUndefined()
  return response.data!.regionalIndicators.id
}

/** A representation naming nothing the subgraph or social ever issued, in the key's own format. */
function unknownRepresentation(key: EntityKey): Representation {
  const unknown: Record<string, string> = { oktmo: '99999999', code: 'UNKNOWN_SERVICE' }
  if (key.typename === 'RegionalIndicators') return { id: `report:${randomUUID()}:region` }
  return Object.fromEntries(key.fields.map((field) => [field, unknown[field] ?? randomUUID()]))
}

it('reads the expected resolvable keys from the supergraph, and a record factory for each', () => {
  const perGraph = Object.fromEntries(
    SUBGRAPH_NAMES.map((graph) => [
      graph,
      keys
        .filter((key) => key.graph === graph)
        .map((key) => key.typename)
        .sort(),
    ]),
  )
  expect(keys).toHaveLength(23)
  expect(perGraph).toEqual({
    social: [
      'Child',
      'Family',
      'Municipality',
      'ProgrammeExitsDue',
      'ProgrammeService',
      'Provider',
      'QuarterlyReport',
      'Referral',
      'RegionalIndicators',
      'ServiceType',
    ],
    health: ['Child', 'ProgrammeService', 'Provider', 'RegionalIndicators'],
    education: ['Child', 'ProgrammeExitsDue', 'ProgrammeService', 'Provider', 'RegionalIndicators'],
    ngo: ['Child', 'ProgrammeService', 'Provider', 'RegionalIndicators'],
  })
  for (const graph of SUBGRAPH_NAMES) expect(Object.keys(records[graph]).sort(), graph).toEqual(perGraph[graph])
})

describe.each(backends)('subgraph compatibility probes (%s)', (backend) => {
  let subgraphs: Subgraphs

  beforeAll(async () => {
    subgraphs = {
      social: await startSubgraphForTest<SocialDB>(socialSubgraph, backend),
      health: await startSubgraphForTest<HealthDB>(healthSubgraph, backend),
      education: await startSubgraphForTest<EducationDB>(educationSubgraph, backend),
      ngo: await startSubgraphForTest<NgoDB>(ngoSubgraph, backend),
    }
    filedReport = undefined
  })
  afterAll(async () => {
    for (const name of SUBGRAPH_NAMES) await subgraphs?.[name]?.stop()
  })

  it('serves from each subgraph an SDL that composes into the committed supergraph', async () => {
    const sdls = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        // A subgraph's SDL names its hidden fields: it answers only a service or the gateway, as composition tooling is.
        const response = await subgraphs[name].query<{ _service: { sdl: string } }>(
          '{ _service { sdl } }',
          {},
          viewers.service(name),
        )
        expect(response.errors, name).toBeUndefined()
        const sdl = response.data!._service.sdl
        expect(sdl, name).toContain('@key(fields:')
        return { name, url: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`, typeDefs: parse(sdl) }
      }),
    )
    const composed = composeServices(sdls)
    expect(composed.errors?.map((error) => error.message)).toBeUndefined()
    expect(print(parse(composed.supergraphSdl!))).toBe(print(parse(supergraphSdl)))
  })

  it.each(keys.map((key) => [`${key.typename} by ${key.fields.join(' ')} in ${key.graph}`, key] as const))(
    'resolves %s for a record it holds, and an unknown one without an error',
    async (_label, key) => {
      const subgraph = subgraphs[key.graph]
      const known = { __typename: key.typename, ...(await records[key.graph][key.typename]!(subgraphs)) }
      const unknown = { __typename: key.typename, ...unknownRepresentation(key) }
      expect(Object.keys(known).sort()).toEqual(['__typename', ...key.fields].sort())

      const response = await subgraph.entities(
        [known, unknown],
        `fragment Selection on ${key.typename} { ${key.fields.join(' ')} }`,
        viewers.coordinator('regional'),
      )
      expect(response.errors).toBeUndefined()
      // Only the owner can tell that a record does not exist; a side answers for its own facts about any id.
      expect(response.data?._entities).toEqual([known, key.graph === OWNER ? null : unknown])
    },
  )
})
