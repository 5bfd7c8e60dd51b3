import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProviderStaffingDocument, type ProviderStaffingQuery } from '../../schema/__generated__/operations.js'
import type { Kysely } from 'kysely'
import { staffingView, type Side, type StaffingTables } from '@hub/side-contract/staffing/database'
import { backends } from '@hub/testing/databases'
import { insertProvider } from '../../subgraphs/social/test/support/factories.js'
import { insertSpecialist, insertTraining } from '@hub/testing/factories/staffing'
import { startHub, type Hub } from '../support/hub.js'
import { countByTable } from '@hub/testing/statements'

const SIDES: Side[] = ['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO']
const PER_SIDE = 10

type ProviderAnswer = ProviderStaffingQuery['providers'][number]

/** The staffing fields of a provider, by the side whose field it is. */
const staffingFields = (provider: ProviderAnswer) => ({
  SOCIAL: provider.socialStaffing,
  HEALTH: provider.healthStaffing,
  EDUCATION: provider.educationStaffing,
  NGO: provider.ngoStaffing,
})

describe.each(backends)('provider staffing through the gateway (%s)', (backend) => {
  let hub: Hub
  const flagged = new Map<string, string[]>()

  beforeAll(async () => {
    hub = await startHub(backend)
    const { social } = hub.databases
    const staffing: Record<Side, Kysely<StaffingTables>> = {
      SOCIAL: staffingView(social.db),
      HEALTH: staffingView(hub.databases.health.db),
      EDUCATION: staffingView(hub.databases.education.db),
      NGO: staffingView(hub.databases.ngo.db),
    }
    // Every provider offers PARENT_GROUP (PSYCHOLOGIST, SOCIAL_WORKER) and COMMUNICATION_SPEECH (SPEECH_THERAPIST);
    // every one employs a psychologist and a social worker, and only every other one a speech therapist.
    for (const side of SIDES) {
      for (let i = 0; i < PER_SIDE; i++) {
        const provider = await insertProvider(social.db, { side })
        await social.db
          .insertInto('provider_service')
          .values(
            ['PARENT_GROUP', 'COMMUNICATION_SPEECH'].map((code) => ({ provider_id: provider.id, service_code: code })),
          )
          .execute()
        const psychologist = await insertSpecialist(staffing[side], provider.id, { role: 'PSYCHOLOGIST' })
        await insertTraining(staffing[side], psychologist.id)
        await insertSpecialist(staffing[side], provider.id, { role: 'SOCIAL_WORKER' })
        if (i % 2 === 0) await insertSpecialist(staffing[side], provider.id, { role: 'SPEECH_THERAPIST' })
        else flagged.set(provider.id, ['SPEECH_THERAPIST'])
      }
    }
  })
  afterAll(() => hub?.stop())

  it('gives each provider the staffing its own side records, with the roles social requires through @requires', async () => {
    const response = await hub.query<ProviderStaffingQuery>(ProviderStaffingDocument)
    expect(response.errors).toBeUndefined()
    const providers = response.data!.providers
    expect(providers).toHaveLength(SIDES.length * PER_SIDE)
    for (const provider of providers) {
      expect(provider.requiredSpecialistRoles).toEqual(['SOCIAL_WORKER', 'PSYCHOLOGIST', 'SPEECH_THERAPIST'])
      const fields = staffingFields(provider)
      for (const side of SIDES) {
        if (side !== provider.side) expect(fields[side]).toBeNull()
      }
      const own = fields[provider.side]
      expect(own?.missingRoles).toEqual(flagged.get(provider.id) ?? [])
      expect(own?.specialists.map((specialist) => specialist.role).sort()).toEqual(
        flagged.has(provider.id)
          ? ['PSYCHOLOGIST', 'SOCIAL_WORKER']
          : ['PSYCHOLOGIST', 'SOCIAL_WORKER', 'SPEECH_THERAPIST'],
      )
      const psychologist = own?.specialists.find((specialist) => specialist.role === 'PSYCHOLOGIST')
      expect(psychologist?.trainings).toEqual([expect.objectContaining({ hours: 72, completedOn: '2025-04-18' })])
    }
    const flaggedSides = new Set(
      providers.filter((provider) => flagged.has(provider.id)).map((provider) => provider.side),
    )
    expect(flaggedSides).toEqual(new Set(SIDES))
  })

  it('costs one SQL statement per subgraph per table for the page of providers', async () => {
    hub.resetStatementCounts()
    const response = await hub.query<ProviderStaffingQuery>(ProviderStaffingDocument)
    expect(response.errors).toBeUndefined()
    expect(countByTable(hub.databases.social.statements)).toEqual({
      provider: 1,
      municipality: 1,
      provider_service: 1,
      specialist: 1,
      specialist_training: 1,
    })
    for (const side of ['health', 'education', 'ngo'] as const) {
      expect(countByTable(hub.databases[side].statements)).toEqual({ specialist: 1, specialist_training: 1 })
    }
  })
})
