import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers'
import { Kind } from 'graphql'

/**
 * The names of the committed operations (`schema/operations/`), for the services' metrics: a request of a committed
 * operation always gets a label of its own. A list of names and nothing else, so that the platform package holds it
 * without the typed documents (which only the gateway and the screens use).
 */
export const operationNamesPlugin: CodegenPlugin = {
  plugin: (_schema, documents) => {
    const names = documents
      .flatMap((source) => source.document?.definitions ?? [])
      .flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
      )
      .sort()
    return [
      '/** The names of the committed operations (`schema/operations/`). */',
      'export const COMMITTED_OPERATION_NAMES: readonly string[] = [',
      ...names.map((name) => `  ${JSON.stringify(name)},`),
      ']',
      '',
    ].join('\n')
  },
}
