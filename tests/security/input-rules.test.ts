import { buildSubgraphSchema } from '@apollo/subgraph'
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { applyInputRules, missingInputRules, type InputRules } from '@hub/subgraph-kit/inputs'
import { subgraphTypeDefs } from '../../scripts/subgraph-schema.js'
import { inputs as educationInputs } from '../../subgraphs/education/src/inputs.js'
import { inputs as healthInputs } from '../../subgraphs/health/src/inputs.js'
import { inputs as ngoInputs } from '../../subgraphs/ngo/src/inputs.js'
import { inputs as socialInputs } from '../../subgraphs/social/src/inputs.js'

const RULES = { social: socialInputs, health: healthInputs, education: educationInputs, ngo: ngoInputs }

describe('every input of every subgraph has its rule', () => {
  it.each(SUBGRAPH_NAMES)(
    '%s: each list input has a cap, each date input a range, and no rule names an input that is gone',
    (name) => {
      const schema = buildSubgraphSchema({ typeDefs: subgraphTypeDefs(name) })
      expect(missingInputRules(schema, RULES[name])).toEqual({ uncapped: [], undated: [], stale: [] })
    },
  )

  const none: InputRules = { maxItems: {}, dates: {}, multiLine: [] }
  const schemaWith = (sdl: string) =>
    buildSubgraphSchema({
      typeDefs: parse(`scalar Date\ntype Query { ok: Boolean }\n${sdl}`),
      resolvers: { Query: { ok: () => true } },
    })

  it('refuses to start a schema with a list input that has no cap', () => {
    const schema = schemaWith(
      'input NoteInput { tags: [String!]! }\ntype Mutation { note(input: NoteInput!): Boolean }',
    )
    expect(() => applyInputRules(schema, none)).toThrow(/lists without a cap: NoteInput\.tags/)
    expect(() => applyInputRules(schema, { ...none, maxItems: { 'NoteInput.tags': 5 } })).not.toThrow()
  })

  it('refuses to start a schema with a list argument or a date input that has no rule', () => {
    const schema = schemaWith('type Mutation { mark(ids: [ID!]!, on: Date!): Boolean }')
    expect(() => applyInputRules(schema, none)).toThrow(
      /lists without a cap: Mutation\.mark\(ids\); dates without a range: Mutation\.mark\(on\)/,
    )
  })

  it('refuses to start with a rule naming an input the schema does not have', () => {
    const schema = schemaWith('')
    expect(() => applyInputRules(schema, { ...none, multiLine: ['GoneInput.note'] })).toThrow(
      /rules naming no input: GoneInput\.note/,
    )
  })
})
