import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { describe, expect, it } from 'vitest'
import { ungatedEntryFields, type Gates } from '@hub/subgraph-kit/access/gates'
import { PERSONAL_CATEGORIES, VIEWER_CLASSES, type PolicyTable } from '@hub/subgraph-kit/access/policy'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { subgraphTypeDefs } from '../../scripts/subgraph-schema.js'
import * as education from '../../subgraphs/education/src/policy.js'
import * as health from '../../subgraphs/health/src/policy.js'
import * as ngo from '../../subgraphs/ngo/src/policy.js'
import * as social from '../../subgraphs/social/src/policy.js'
import { renderPolicyTables } from '../../scripts/policy-tables.js'

const policies: Record<SubgraphName, { policy: PolicyTable; gates: Gates }> = { social, health, education, ngo }

/** A Markdown table's content, whatever Prettier's padding. */
function normalised(markdown: string) {
  return markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---')
}

describe('the policy of each subgraph', () => {
  it('is what docs/architecture.md shows', () => {
    const architecture = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8')
    expect(normalised(architecture)).toContain(normalised(renderPolicyTables()))
  })

  it.each(SUBGRAPH_NAMES)('%s guards every root field and every field of its entities', (name) => {
    const schema = buildSubgraphSchema({ typeDefs: subgraphTypeDefs(name) })
    expect(ungatedEntryFields(schema, policies[name].gates)).toEqual([])
  })

  it.each(SUBGRAPH_NAMES)('%s names only fields and types its schema has', (name) => {
    const schema = buildSubgraphSchema({ typeDefs: subgraphTypeDefs(name) })
    const unknown = Object.keys(policies[name].gates).filter((key) => {
      const [typeName, field] = key.split('.') as [string, string | undefined]
      const type = schema.getType(typeName)
      if (!type || !('getFields' in type)) return true
      return field !== undefined && !(field in type.getFields())
    })
    expect(unknown).toEqual([])
  })

  it.each(SUBGRAPH_NAMES)(
    '%s gives the public reader only the public registry, and analysts no personal data',
    (name) => {
      const { policy } = policies[name]
      expect(Object.keys(policy).sort()).toEqual(Object.keys(VIEWER_CLASSES).sort())
      expect(policy.public).toEqual({ publicRegistry: 'all' })
      for (const category of PERSONAL_CATEGORIES) {
        expect(policy.analyst[category], category).toBeUndefined()
        expect(policy.administrator[category], category).toBeUndefined()
      }
      expect(policy.owner.audit).toBeUndefined()
    },
  )
})
