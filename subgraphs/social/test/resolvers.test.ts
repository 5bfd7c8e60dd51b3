import { Kind } from 'graphql'
import { describe, expect, it } from 'vitest'
import { assembleResolvers, RESOLVER_PARTS, resolvers } from '../src/resolvers/index.js'
import { typeDefs } from '../src/schema.js'

/** The fields the subgraph's SDL declares on a root type, wherever the type is defined or extended. */
function sdlFields(type: 'Query' | 'Mutation') {
  return typeDefs.definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    definition.name.value === type
      ? (definition.fields ?? []).map((field) => field.name.value)
      : [],
  )
}

describe("social's resolvers, assembled from its modules", () => {
  it.each(['Query', 'Mutation'] as const)('resolves every %s field of the SDL in exactly one place', (type) => {
    const fields = sdlFields(type)
    expect(fields.length).toBeGreaterThan(20)
    const parts = Object.entries(RESOLVER_PARTS)
    for (const field of fields) {
      const places = parts.filter(([, part]) => Object.hasOwn(part[type] ?? {}, field)).map(([name]) => name)
      expect(places, `${type}.${field}`).toHaveLength(1)
    }
    expect(Object.keys(resolvers[type] ?? {}).sort()).toEqual([...fields].sort())
  })

  it('refuses a field that two modules both resolve', () => {
    const child = () => null
    expect(() => assembleResolvers({ registry: { Query: { child } }, families: { Query: { child } } })).toThrow(
      'Query.child is resolved both in registry and in families',
    )
  })
})
