import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { composeServices } from '@apollo/composition'
import { NamedSchemaElement, Supergraph } from '@apollo/federation-internals'
import {
  Kind,
  Source,
  findBreakingChanges,
  findDangerousChanges,
  isExecutableDefinitionNode,
  parse,
  separateOperations,
  validate,
  type BreakingChange,
  type DangerousChange,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql'
import { assembleSubgraphSdl } from './subgraph-schema.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const SUPERGRAPH = 'schema/supergraph.graphql'

type SubgraphName = Parameters<typeof assembleSubgraphSdl>[0]

/** The graph as it is deployed: its API schema, and each subgraph's SDL and routing URL as the supergraph records them. */
export interface DeployedGraph {
  apiSchema: GraphQLSchema
  subgraphs: ReadonlyMap<string, { url: string; sdl: string }>
}

export function deployedGraph(supergraphSdl: string): DeployedGraph {
  const supergraph = Supergraph.build(supergraphSdl)
  const subgraphs = supergraph.subgraphs()
  // The supergraph records an @inaccessible without the subgraph that set it, and extraction drops it. It goes back on
  // every subgraph that resolves the element (never on an @external field, which composition refuses), or a candidate
  // that hides a type another subgraph returns would not compose with it.
  for (const application of supergraph.schema.directive('inaccessible')?.applications() ?? []) {
    if (!(application.parent instanceof NamedSchemaElement)) continue
    for (const subgraph of subgraphs.values()) {
      const element = subgraph.schema.elementByCoordinate(application.parent.coordinate)
      const metadata = subgraph.metadata()
      if (
        element &&
        !element.hasAppliedDirective(metadata.inaccessibleDirective()) &&
        !element.hasAppliedDirective(metadata.externalDirective())
      ) {
        element.applyDirective(metadata.inaccessibleDirective())
      }
    }
  }
  return {
    apiSchema: supergraph.apiSchema().toGraphQLJSSchema(),
    subgraphs: new Map(
      subgraphs.values().map((subgraph) => [subgraph.name, { url: subgraph.url, sdl: subgraph.toString() }]),
    ),
  }
}

/** One committed operation with the fragments it uses, wherever they are written. */
export interface CommittedOperation {
  name: string
  file: string
  document: DocumentNode
}

/**
 * Every operation in the `.graphql` documents git tracks: a file that holds only operations and fragments is an
 * operation document (the SDL files hold type definitions). Definitions keep their file as the source's name.
 */
export function committedOperations(): CommittedOperation[] {
  const files = execFileSync('git', ['ls-files', '-z', '--', '*.graphql'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && existsSync(`${root}${file}`))
  const definitions = files.flatMap((file) => {
    const document = parse(new Source(readFileSync(`${root}${file}`, 'utf8'), file))
    return document.definitions.every(isExecutableDefinitionNode) ? document.definitions : []
  })
  return Object.entries(separateOperations({ kind: Kind.DOCUMENT, definitions })).map(([name, document]) => {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    return { name, file: operation?.loc?.source.name ?? '', document }
  })
}

export interface OperationFailure {
  operation: string
  file: string
  message: string
  /** `file:line:column` of the error, which may be in a fragment's file. */
  at: string
}

export interface CheckResult {
  subgraph: string
  /** The subgraphs as deployed that the candidate was composed with. */
  others: readonly string[]
  compositionErrors: readonly { code: string; message: string }[]
  breakingChanges: readonly BreakingChange[]
  dangerousChanges: readonly DangerousChange[]
  operationsChecked: number
  operationFailures: readonly OperationFailure[]
}

export function passed(result: CheckResult) {
  return (
    result.compositionErrors.length === 0 &&
    result.breakingChanges.length === 0 &&
    result.operationFailures.length === 0
  )
}

function errorPlace(error: GraphQLError, file: string) {
  const location = error.locations?.[0]
  return error.source && location ? `${error.source.name}:${location.line}:${location.column}` : file
}

/**
 * Composes a subgraph's candidate SDL with the other subgraphs as deployed, then checks the composed API schema against
 * the released one and against the committed operations.
 */
export function checkCandidate(
  deployed: DeployedGraph,
  operations: readonly CommittedOperation[],
  subgraph: string,
  candidateSdl: string,
): CheckResult {
  const own = deployed.subgraphs.get(subgraph)
  if (!own) throw new Error(`"${subgraph}" is not a subgraph of the deployed graph`)
  const others = [...deployed.subgraphs.keys()].filter((name) => name !== subgraph)
  const result: CheckResult = {
    subgraph,
    others,
    compositionErrors: [],
    breakingChanges: [],
    dangerousChanges: [],
    operationsChecked: 0,
    operationFailures: [],
  }
  let candidate: DocumentNode
  try {
    candidate = parse(candidateSdl)
  } catch (error) {
    return { ...result, compositionErrors: [{ code: 'INVALID_GRAPHQL', message: (error as GraphQLError).message }] }
  }
  const composition = composeServices([
    { name: subgraph, url: own.url, typeDefs: candidate },
    ...others.map((name) => ({
      name,
      url: deployed.subgraphs.get(name)!.url,
      typeDefs: parse(deployed.subgraphs.get(name)!.sdl),
    })),
  ])
  if (composition.errors) {
    return {
      ...result,
      compositionErrors: composition.errors.map((error) => ({
        code: String(error.extensions.code),
        message: error.message,
      })),
    }
  }
  const apiSchema = composition.schema.toAPISchema().toGraphQLJSSchema()
  return {
    ...result,
    breakingChanges: findBreakingChanges(deployed.apiSchema, apiSchema),
    dangerousChanges: findDangerousChanges(deployed.apiSchema, apiSchema),
    operationsChecked: operations.length,
    operationFailures: operations.flatMap(({ name, file, document }) =>
      validate(apiSchema, document).map((error) => ({
        operation: name,
        file,
        message: error.message,
        at: errorPlace(error, file),
      })),
    ),
  }
}

function counted(items: readonly unknown[], noun: string) {
  return items.length === 0 ? 'none' : `${items.length} ${noun}${items.length === 1 ? '' : 's'}`
}

export function formatResult(result: CheckResult, candidate: string, released: string) {
  const lines = [`${result.subgraph}: candidate ${candidate}, released graph ${released}`]
  lines.push(
    `  composition with ${result.others.join(', ')} as deployed: ${result.compositionErrors.length === 0 ? 'ok' : counted(result.compositionErrors, 'error')}`,
    ...result.compositionErrors.map((error) => `    ${error.code}: ${error.message}`),
  )
  if (result.compositionErrors.length === 0) {
    lines.push(
      `  breaking changes against the released API schema: ${counted(result.breakingChanges, 'change')}`,
      ...result.breakingChanges.map((change) => `    ${change.type}: ${change.description}`),
      `  dangerous changes (warnings): ${counted(result.dangerousChanges, 'change')}`,
      ...result.dangerousChanges.map((change) => `    ${change.type}: ${change.description}`),
      `  committed operations: ${result.operationsChecked} checked, ${result.operationFailures.length === 0 ? 'all valid' : counted(result.operationFailures, 'error')}`,
      ...result.operationFailures.map(
        (failure) => `    ${failure.operation} (${failure.file}): ${failure.message} [${failure.at}]`,
      ),
    )
  }
  lines.push(`${result.subgraph}: ${passed(result) ? 'passed' : 'FAILED'}`)
  return lines.join('\n')
}

const usage =
  'usage: npm run schema:check -- (--subgraph <name> [--sdl <candidate.graphql>] | --all) [--base <git ref>]'

function fail(message: string): never {
  console.error(`${message}\n${usage}`)
  process.exit(2)
}

/** The supergraph as committed at a git ref: what is deployed, when the working tree's has been composed anew. */
function supergraphAt(ref: string) {
  try {
    return execFileSync('git', ['show', `${ref}:${SUPERGRAPH}`], { cwd: root, encoding: 'utf8', stdio: 'pipe' })
  } catch {
    fail(`--base: git has no ${SUPERGRAPH} at "${ref}"`)
  }
}

function isSubgraphName(deployed: DeployedGraph, name: string): name is SubgraphName {
  return deployed.subgraphs.has(name)
}

function main() {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        subgraph: { type: 'string' },
        sdl: { type: 'string' },
        all: { type: 'boolean', default: false },
        base: { type: 'string' },
      },
    }))
  } catch (error) {
    fail((error as Error).message)
  }
  const { subgraph, sdl, all, base } = values
  if (all === (subgraph !== undefined)) fail('give either --subgraph or --all')
  if (all && sdl !== undefined) fail('--sdl: a candidate file is one subgraph’s; give it with --subgraph')
  const released = base === undefined ? SUPERGRAPH : `${SUPERGRAPH} at ${base}`
  const deployed = deployedGraph(base === undefined ? readFileSync(`${root}${SUPERGRAPH}`, 'utf8') : supergraphAt(base))
  const names = all ? [...deployed.subgraphs.keys()] : [subgraph!]
  const operations = committedOperations()
  let failed = false
  for (const name of names) {
    if (!isSubgraphName(deployed, name)) {
      fail(`--subgraph: "${name}" is none of ${[...deployed.subgraphs.keys()].join(', ')}`)
    }
    const candidate = sdl ?? `the working tree's SDL`
    const result = checkCandidate(
      deployed,
      operations,
      name,
      sdl === undefined ? assembleSubgraphSdl(name) : readFileSync(sdl, 'utf8'),
    )
    console.log(formatResult(result, candidate, released))
    failed ||= !passed(result)
  }
  if (failed) process.exitCode = 1
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
