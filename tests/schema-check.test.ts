import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkCandidate, committedOperations, deployedGraph, formatResult, passed } from '../scripts/schema-check.js'
import { subgraphSdl } from '../scripts/subgraph-schema.js'

const deployed = deployedGraph(readFileSync('schema/supergraph.graphql', 'utf8'))
const operations = committedOperations()
const folder = mkdtempSync(join(tmpdir(), 'schema-check-'))

afterAll(() => rmSync(folder, { recursive: true, force: true }))

// The check as CI and a ministry run it: the script in its own process.
function schemaCheck(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/schema-check.ts', ...args], { encoding: 'utf8' })
}

/** The working tree's SDL of a subgraph with one edit, which must find exactly one place to make. */
function edited(name: Parameters<typeof subgraphSdl>[0], from: string, to: string) {
  const sdl = subgraphSdl(name)
  expect(sdl.split(from)).toHaveLength(2)
  return sdl.replace(from, to)
}

const RISK_FACTORS = '  "Факторы риска нарушений развития"\n  riskFactors: [RiskFactor!]!\n'

describe('schema check', () => {
  it('passes every subgraph of the working tree against the committed supergraph and operations', () => {
    const result = schemaCheck('--all')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect([...deployed.subgraphs.keys()].sort()).toEqual(['education', 'health', 'ngo', 'social'])
    for (const name of deployed.subgraphs.keys()) expect(result.stdout).toContain(`\n${name}: passed`)
    expect(result.stdout).toContain(`committed operations: ${operations.length} checked, all valid`)
  }, 120_000)

  it('refuses a base the supergraph cannot be read at, with exit 2 and the usage', () => {
    const result = schemaCheck('--subgraph', 'ngo', '--base', 'no-such-ref')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--base: git has no schema/supergraph.graphql at "no-such-ref"')
    expect(result.stderr).toContain('usage: npm run schema:check')
    expect(result.stdout).toBe('')
  }, 60_000)

  it('finds the committed operations, with the fragments each uses from other files', () => {
    const childCard = operations.find((operation) => operation.name === 'ChildCard')
    expect(childCard?.file).toBe('schema/operations/ChildCard.graphql')
    const fragments = childCard!.document.definitions.filter((definition) => definition.kind === 'FragmentDefinition')
    expect(fragments.map((fragment) => fragment.loc?.source.name)).toContain(
      'schema/operations/TargetGroupCriterionFields.graphql',
    )
    expect(operations.length).toBeGreaterThan(100)
  })

  it('fails a candidate that removes a field an operation uses, naming the field and the operation', () => {
    const result = checkCandidate(deployed, operations, 'health', edited('health', RISK_FACTORS, ''))
    expect(passed(result)).toBe(false)
    expect(result.breakingChanges).toContainEqual({
      type: 'FIELD_REMOVED',
      description: 'ChildHealth.riskFactors was removed.',
    })
    expect(result.operationFailures).toEqual([
      {
        operation: 'ChildCard',
        file: 'schema/operations/ChildCard.graphql',
        message: 'Cannot query field "riskFactors" on type "ChildHealth".',
        at: expect.stringMatching(/^schema\/operations\/ChildCard\.graphql:\d+:\d+$/),
      },
    ])
  })

  it('exits 1 from the command line on a candidate file that an operation cannot run against', () => {
    const candidate = join(folder, 'health.graphql')
    writeFileSync(candidate, edited('health', RISK_FACTORS, ''))
    const result = schemaCheck('--subgraph', 'health', '--sdl', candidate)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain(`health: candidate ${candidate}`)
    expect(result.stdout).toContain('FIELD_REMOVED: ChildHealth.riskFactors was removed.')
    expect(result.stdout).toContain(
      'ChildCard (schema/operations/ChildCard.graphql): Cannot query field "riskFactors" on type "ChildHealth".',
    )
    expect(result.stdout).toMatch(/\nhealth: FAILED\n$/)
  }, 60_000)

  it('reports a changed field type as a breaking change even when every operation still validates', () => {
    const result = checkCandidate(
      deployed,
      operations,
      'social',
      edited(
        'social',
        '"Когда ребёнок внесён в реестр"\n  registeredAt: DateTime!',
        '"Когда ребёнок внесён в реестр"\n  registeredAt: String!',
      ),
    )
    expect(result.compositionErrors).toEqual([])
    expect(result.operationFailures).toEqual([])
    expect(result.breakingChanges).toEqual([
      { type: 'FIELD_CHANGED_KIND', description: 'Child.registeredAt changed type from DateTime! to String!.' },
    ])
    expect(passed(result)).toBe(false)
  })

  it('fails a candidate that does not compose with the others as deployed, with the composition error', () => {
    const result = checkCandidate(
      deployed,
      operations,
      'health',
      edited(
        'health',
        'type Child @key(fields: "id") {\n  id: ID!\n',
        'type Child @key(fields: "id") {\n  id: ID!\n  fullName: String!\n',
      ),
    )
    expect(passed(result)).toBe(false)
    expect(result.compositionErrors).toEqual([
      {
        code: 'INVALID_FIELD_SHARING',
        message: expect.stringContaining('Non-shareable field "Child.fullName" is resolved from multiple subgraphs'),
      },
    ])
    const report = formatResult(result, 'candidate.graphql', 'schema/supergraph.graphql')
    expect(report).toContain('composition with education, ngo, social as deployed: 1 error')
    expect(report).toContain('    INVALID_FIELD_SHARING: Non-shareable field "Child.fullName"')
    expect(report).not.toContain('breaking changes')
  })

  it('fails a candidate that is not GraphQL, with the syntax error', () => {
    const result = checkCandidate(deployed, operations, 'ngo', edited('ngo', 'type Child ', 'type Child { '))
    expect(result.compositionErrors).toEqual([
      { code: 'INVALID_GRAPHQL', message: expect.stringContaining('Syntax Error') },
    ])
  })

  it('passes an additive change and lists an added enum value as a warning', () => {
    const withField = edited('health', RISK_FACTORS, `${RISK_FACTORS}  "Заметка врача"\n  note: String\n`)
    const candidate = withField.replace('  BIRTH_ASPHYXIA\n', '  BIRTH_ASPHYXIA\n  "Прочее"\n  OTHER\n')
    expect(candidate).not.toBe(withField)
    const result = checkCandidate(deployed, operations, 'health', candidate)
    expect(result.breakingChanges).toEqual([])
    expect(result.operationFailures).toEqual([])
    expect(result.dangerousChanges).toEqual([
      { type: 'VALUE_ADDED_TO_ENUM', description: 'OTHER was added to enum type RiskFactorKind.' },
    ])
    expect(passed(result)).toBe(true)
    const report = formatResult(result, 'candidate.graphql', 'schema/supergraph.graphql')
    expect(report).toContain('dangerous changes (warnings): 1 change\n    VALUE_ADDED_TO_ENUM:')
    expect(report).toMatch(/\nhealth: passed$/)
  })
})
