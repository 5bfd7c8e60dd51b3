import { Kind, parse, type DocumentNode } from 'graphql'

/**
 * The Russian term of each enum value, from the schema's own descriptions (`label('Side', 'HEALTH')` is
 * «Здравоохранение»): what users read is written once, in the SDL. A value without a description reads as itself.
 */
export function enumLabels(schema: string | DocumentNode) {
  const labels = new Map<string, string>()
  for (const definition of (typeof schema === 'string' ? parse(schema) : schema).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue
    for (const value of definition.values ?? []) {
      if (value.description) labels.set(`${definition.name.value}.${value.name.value}`, value.description.value)
    }
  }
  return (enumName: string, key: string | null) => labels.get(`${enumName}.${key}`) ?? key ?? ''
}

export type EnumLabels = ReturnType<typeof enumLabels>
