import { Kind } from 'graphql'
import { enumLabels } from '@hub/platform/enum-labels'
import { typeDefs } from './schema.js'

const label = enumLabels(typeDefs)

/** The values of an enum of the SDL, in its order. */
function enumValues(name: string) {
  for (const definition of typeDefs.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === name) {
      return (definition.values ?? []).map((value) => value.name.value)
    }
  }
  throw new Error(`no enum ${name} in the schema`)
}

const normalised = (text: string) => text.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim()

/**
 * How a file may write an enum of the SDL: its code or its Russian term (case, «ё» and spaces aside), or one of the
 * extra spellings; `read` gives the value or undefined, `allowed` lists the Russian terms for a refusal.
 */
export function enumTerms<Value extends string>(name: string, extra: Readonly<Record<string, Value>> = {}) {
  const values = enumValues(name) as Value[]
  const byText = new Map<string, Value>(Object.entries(extra).map(([text, value]) => [normalised(text), value]))
  for (const value of values) {
    byText.set(normalised(value), value)
    byText.set(normalised(label(name, value)), value)
  }
  return {
    values,
    allowed: values.map((value) => label(name, value)).join('; '),
    read: (text: string) => byText.get(normalised(text)),
  }
}
