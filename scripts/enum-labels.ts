import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers'
import { isEnumType, type GraphQLEnumType, type GraphQLSchema } from 'graphql'

/**
 * The Russian label of an enum value: the first paragraph of its description in the schema. A description may go on
 * after a blank line to explain the value further; only its first paragraph is what a screen shows.
 */
export function labelOf(description: string | null | undefined) {
  const paragraph = description?.trim().split(/\n\s*\n/)[0]
  return paragraph?.replace(/\s+/g, ' ').trim() ?? ''
}

/** Whether a label is Russian: it carries Cyrillic letters, so an English note in the SDL does not count. */
const RUSSIAN = /[А-Яа-яЁё]/

/** The schema's own enums (the federation's join__ and link__ enums left out), sorted by name. */
function enumsOf(schema: GraphQLSchema): GraphQLEnumType[] {
  return Object.values(schema.getTypeMap())
    .filter(isEnumType)
    .filter((type) => !type.name.startsWith('__') && !/^(join|link)__/.test(type.name))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Every enum value of the schema that has no Russian description, as `Enum.VALUE`. */
export function valuesWithoutRussianLabel(schema: GraphQLSchema) {
  return enumsOf(schema).flatMap((type) =>
    type
      .getValues()
      .filter((value) => !RUSSIAN.test(labelOf(value.description)))
      .map((value) => `${type.name}.${value.name}`),
  )
}

/** The generated module: one map per enum, value → Russian label, typed by its literal keys. */
export function enumLabelsModule(schema: GraphQLSchema) {
  const missing = valuesWithoutRussianLabel(schema)
  if (missing.length > 0) {
    throw new Error(
      `enum values without a Russian description in the schema (add one in the owning subgraph's SDL): ${missing.join(', ')}`,
    )
  }
  const maps = enumsOf(schema).map((type) => {
    const entries = type.getValues().map((value) => `    ${value.name}: ${JSON.stringify(labelOf(value.description))},`)
    const about = type.description ? `  /** ${labelOf(type.description)} */\n` : ''
    return `${about}  ${type.name}: {\n${entries.join('\n')}\n  },`
  })
  return [
    '/** Russian labels of the schema’s enum values: the first paragraph of each value’s description in the supergraph. */',
    `export const enumLabels = {\n${maps.join('\n')}\n} as const`,
    '',
    '/** The name of every enum of the schema. */',
    'export type EnumName = keyof typeof enumLabels',
    '',
  ].join('\n')
}

/** The graphql-codegen plugin that writes the labels module (codegen.ts names it `enum-labels`). */
export const enumLabelsPlugin: CodegenPlugin = {
  plugin: (schema) => enumLabelsModule(schema),
}
