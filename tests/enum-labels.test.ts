import { readFileSync } from 'node:fs'
import { Supergraph } from '@apollo/federation-internals'
import { buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { enumLabels } from '../dashboard/src/shared/__generated__/enum-labels.js'
import { enumLabelsModule, labelOf, valuesWithoutRussianLabel } from '../scripts/enum-labels.js'

const apiSchema = () =>
  Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema()

describe('the Russian labels of enum values, generated from the schema', () => {
  it('finds a Russian description on every enum value of the composed schema', () => {
    expect(valuesWithoutRussianLabel(apiSchema())).toEqual([])
  })

  it('refuses to generate when a value has no description or only an English one, naming each', () => {
    const schema = buildSchema(`
      type Query { sex: Sex, group: HealthGroup }
      "Пол."
      enum Sex { "Мужской" MALE FEMALE }
      enum HealthGroup { "IV группа здоровья" IV "group five" V }
    `)
    expect(valuesWithoutRussianLabel(schema)).toEqual(['HealthGroup.V', 'Sex.FEMALE'])
    expect(() => enumLabelsModule(schema)).toThrow(/HealthGroup\.V, Sex\.FEMALE/)
  })

  it('takes the first paragraph of a description as the label, whitespace folded', () => {
    expect(labelOf('IV группа здоровья\n\nКритерий целевой группы ранней помощи.')).toBe('IV группа здоровья')
    expect(labelOf('  Причина,\n  по которой занятие не состоялось  ')).toBe(
      'Причина, по которой занятие не состоялось',
    )
    expect(labelOf(undefined)).toBe('')
  })

  it('gives the screens one map per enum with every value of the schema', () => {
    const schema = apiSchema()
    for (const [name, labels] of Object.entries(enumLabels)) {
      const type = schema.getType(name)
      expect(type && 'getValues' in type ? type.getValues().map((value) => value.name) : [], name).toEqual(
        Object.keys(labels),
      )
    }
    expect(enumLabels.HealthGroup.IV).toBe('IV группа здоровья')
    expect(enumLabels.CoverageRule.PROGRAMME_IN_FORCE).toBe('Только услуги по ИПРП')
  })
})
