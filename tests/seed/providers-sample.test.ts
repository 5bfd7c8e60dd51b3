import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readFileTable, type FileTable } from '@hub/subgraph-kit/reference/file'
import { daysFromToday } from '@hub/testing/writes'
import { createRegion } from '../../scripts/seed/region.js'
import { PROVIDERS_KIND } from '../../subgraphs/social/src/modules/providers/services/provider-registry-file.js'

const SAMPLE = readFileSync(new URL('../../samples/reference/providers-sample.csv', import.meta.url))

/** The sample registry of providers is the demo region's, so that importing it over the demo merges. */
describe('the sample registry of providers', () => {
  it('lists the demo region’s providers as the seed makes them, and one individual entrepreneur more', () => {
    const { social } = createRegion({ children: 0, today: daysFromToday(0) }).reference
    const { entries } = PROVIDERS_KIND.read(readFileTable(SAMPLE) as FileTable)
    const seeded = social.providers.map((provider) => ({
      code: provider.ogrn,
      name: provider.name,
      inn: provider.inn,
      kind: provider.kind,
      side: provider.side,
      oktmo: provider.municipality_oktmo,
      remote: provider.remote_delivery,
      municipalities: social.providerMunicipalities
        .filter((row) => row.provider_id === provider.id)
        .map((row) => row.municipality_oktmo)
        .sort(),
      services: social.providerServices
        .filter((row) => row.provider_id === provider.id)
        .map((row) => row.service_code)
        .sort(),
    }))
    const listed = entries.map(({ code, name, attributes }) => ({
      code,
      name,
      inn: attributes!.inn,
      kind: attributes!.kind,
      side: attributes!.side,
      oktmo: attributes!.oktmo,
      remote: attributes!.remote,
      municipalities: attributes!.municipalities,
      services: attributes!.services,
    }))
    expect(listed.slice(0, -1)).toEqual(seeded)
    expect(listed.at(-1)!.code).toHaveLength(15)
  })
})
