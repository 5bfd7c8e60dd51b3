/// <reference types="vite/client" />
import {
  Kind,
  parse,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type TypeNode,
} from 'graphql'

/** The committed operations (schema/operations/*.graphql), bundled as text at build time. */
const files = import.meta.glob<string>('../../../schema/operations/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
})

export interface ExampleTab {
  query: string
  variables: string
}

interface Located<T extends DefinitionNode> {
  node: T
  source: string
}

function located<T extends DefinitionNode>(kind: T['kind']) {
  return Object.values(files).flatMap((source) =>
    parse(source)
      .definitions.filter((node): node is T => node.kind === kind)
      .map((node) => ({ node, source })),
  )
}

function spreadsIn(node: DefinitionNode) {
  const names = new Set<string>()
  visit(node, { FragmentSpread: (spread) => void names.add(spread.name.value) })
  return names
}

/** Every fragment an operation uses, directly or through other fragments. */
function fragmentsUsedBy(operation: OperationDefinitionNode, fragments: Map<string, Located<FragmentDefinitionNode>>) {
  const used = new Set<string>()
  const pending = [...spreadsIn(operation)]
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const fragment = fragments.get(name)
    if (used.has(name) || !fragment) continue
    used.add(name)
    pending.push(...spreadsIn(fragment.node))
  }
  return used
}

/** A value to fill in for a required variable without a default, shaped like its type. */
function placeholder(type: TypeNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return placeholder(type.type)
  if (type.kind === Kind.LIST_TYPE) return []
  switch (type.name.value) {
    case 'Int':
    case 'Float':
      return 0
    case 'Boolean':
      return false
    case 'ID':
    case 'String':
    case 'Date':
    case 'DateTime':
      return ''
    default:
      return {}
  }
}

function variablesTemplate(operation: OperationDefinitionNode) {
  const required = (operation.variableDefinitions ?? []).filter(
    (variable) => variable.type.kind === Kind.NON_NULL_TYPE && !variable.defaultValue,
  )
  return JSON.stringify(
    Object.fromEntries(required.map((variable) => [variable.variable.name.value, placeholder(variable.type)])),
    null,
    2,
  )
}

/**
 * One tab per committed operation, as its file has it (comments included), with the fragments it uses from other
 * files appended, so that it runs as-is; queries first, then mutations, each by name.
 */
export function exampleTabs(): ExampleTab[] {
  const fragments = new Map(
    located<FragmentDefinitionNode>(Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.node.name.value, fragment]),
  )
  const rank = (operation: OperationDefinitionNode) =>
    `${operation.operation === 'query' ? 0 : 1}${operation.name?.value}`
  return located<OperationDefinitionNode>(Kind.OPERATION_DEFINITION)
    .sort((a, b) => rank(a.node).localeCompare(rank(b.node)))
    .map(({ node, source }) => {
      const appended = [...fragmentsUsedBy(node, fragments)]
        .map((name) => fragments.get(name)!)
        .filter((fragment) => fragment.source !== source)
        .map(({ node: fragment, source: text }) => text.slice(fragment.loc!.start, fragment.loc!.end))
      return { query: [source.trim(), ...appended].join('\n\n') + '\n', variables: variablesTemplate(node) }
    })
}
