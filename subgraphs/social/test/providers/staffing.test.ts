import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertProvider } from '../support/factories.js'
import { insertSpecialist, insertTraining } from '@hub/testing/factories/staffing'
import { staffingOperations, type StaffingAnswer } from '@hub/testing/staffing'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedWithoutWriting } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const { register, recordTraining, end, staffingSelection } = staffingOperations('social')

const PROVIDERS = /* GraphQL */ `
  query ($filter: ProviderFilter) {
    providers(filter: $filter) {
      id
      side
      requiredSpecialistRoles
      socialStaffing {
        missingRoles
        specialists {
          role
          trainings {
            hours
          }
        }
      }
    }
  }
`

interface ProvidersAnswer {
  providers: {
    id: string
    side: string
    requiredSpecialistRoles: string[]
    socialStaffing: { missingRoles: string[]; specialists: { role: string; trainings: { hours: number }[] }[] } | null
  }[]
}

describe.each(backends)('specialists of social providers (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
  })
  afterAll(() => social?.stop())

  /** A provider of the registry offering the given catalogue services. */
  async function providerOffering(side: 'SOCIAL' | 'HEALTH', services: string[]) {
    const provider = await insertProvider(social.db, { side })
    if (services.length > 0) {
      await social.db
        .insertInto('provider_service')
        .values(services.map((code) => ({ provider_id: provider.id, service_code: code })))
        .execute()
    }
    return provider
  }

  it('requires of a provider every role its catalogue services require, once each and in the order of the enum', async () => {
    // COMMUNICATION_SPEECH: SPEECH_THERAPIST; PARENT_GROUP: PSYCHOLOGIST, SOCIAL_WORKER; FAMILY_PSYCHOLOGICAL_SUPPORT:
    // PSYCHOLOGIST again; MOBILITY: ADAPTIVE_PE_INSTRUCTOR.
    const provider = await providerOffering('SOCIAL', [
      'MOBILITY',
      'PARENT_GROUP',
      'FAMILY_PSYCHOLOGICAL_SUPPORT',
      'COMMUNICATION_SPEECH',
    ])
    const idle = await providerOffering('SOCIAL', [])
    const response = await social.entities<{ requiredSpecialistRoles: string[] }>(
      [provider, idle].map(({ id }) => ({ __typename: 'Provider', id })),
      'fragment Selection on Provider { requiredSpecialistRoles }',
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?._entities).toEqual([
      {
        __typename: 'Provider',
        requiredSpecialistRoles: ['SOCIAL_WORKER', 'PSYCHOLOGIST', 'SPEECH_THERAPIST', 'ADAPTIVE_PE_INSTRUCTOR'],
      },
      { __typename: 'Provider', requiredSpecialistRoles: [] },
    ])
  })

  it('resolves a social provider’s staffing by id, and none for another side’s provider', async () => {
    const own = await providerOffering('SOCIAL', ['COMMUNICATION_SPEECH', 'PARENT_GROUP'])
    const specialist = await insertSpecialist(social.db, own.id, { role: 'SPEECH_THERAPIST' })
    await insertTraining(social.db, specialist.id, { hours: 72 })
    const clinic = await providerOffering('HEALTH', ['MOBILITY'])
    const response = await social.entities<{ id: string; staffing: StaffingAnswer | null }>(
      [own, clinic].map(({ id }) => ({ __typename: 'Provider', id })),
      staffingSelection,
    )
    expect(response.errors).toBeUndefined()
    const [first, second] = response.data!._entities
    expect(first?.staffing?.missingRoles).toEqual(['SOCIAL_WORKER', 'PSYCHOLOGIST'])
    expect(first?.staffing?.specialists).toEqual([
      expect.objectContaining({
        id: specialist.id,
        role: 'SPEECH_THERAPIST',
        trainings: [expect.objectContaining({ hours: 72 })],
      }),
    ])
    expect(second).toEqual({ __typename: 'Provider', id: clinic.id, staffing: null })
  })

  it('lists the registry with required roles and staffing in one statement per table', async () => {
    const side = { filter: { side: 'SOCIAL' } }
    const before = (await social.query<ProvidersAnswer>(PROVIDERS, side)).data!.providers.length
    for (let i = 0; i < 20; i++) {
      const provider = await providerOffering('SOCIAL', ['PARENT_GROUP'])
      const specialist = await insertSpecialist(social.db, provider.id, { role: 'PSYCHOLOGIST' })
      await insertTraining(social.db, specialist.id)
    }
    social.statements.length = 0
    const response = await social.query<ProvidersAnswer>(PROVIDERS, side)
    expect(response.errors).toBeUndefined()
    expect(response.data!.providers).toHaveLength(before + 20)
    expect(
      response.data!.providers.filter((provider) => provider.socialStaffing?.missingRoles.join() === 'SOCIAL_WORKER'),
    ).toHaveLength(20)
    expect(countByTable(social.statements)).toEqual({
      provider: 1,
      provider_service: 1,
      specialist: 1,
      specialist_training: 1,
    })
  })

  describe('registerSocialSpecialist', () => {
    const valid = (providerId: string) => ({
      providerId,
      personnelNumber: '0042',
      role: 'SOCIAL_WORKER',
      employedFrom: '2024-09-02',
    })

    it('registers a specialist of a social provider of the registry', async () => {
      const provider = await providerOffering('SOCIAL', ['PARENT_GROUP'])
      const registered = await social.query<{ specialist: { id: string; role: string } }>(register, {
        input: valid(provider.id),
      })
      expect(registered.errors).toBeUndefined()
      expect(registered.data?.specialist).toMatchObject({ personnelNumber: '0042', role: 'SOCIAL_WORKER' })
    })

    it('answers NOT_FOUND for a provider that is not in the registry, and writes nothing', async () => {
      await expectRefusedWithoutWriting(social.db, () => social.query(register, { input: valid(randomUUID()) }), {
        code: 'NOT_FOUND',
        field: 'input.providerId',
      })
    })

    it('refuses a provider of another side, whose own subgraph records its specialists, and writes nothing', async () => {
      const clinic = await providerOffering('HEALTH', [])
      await expectRefusedWithoutWriting(social.db, () => social.query(register, { input: valid(clinic.id) }), {
        code: 'BAD_USER_INPUT',
        field: 'input.providerId',
        rule: 'must be a provider of the social side; this one is HEALTH',
      })
    })

    it('checks the kit’s rules before the registry, and writes nothing', async () => {
      await expectRefusedWithoutWriting(
        social.db,
        () => social.query(register, { input: { ...valid(randomUUID()), personnelNumber: 'Иванова' } }),
        { code: 'BAD_USER_INPUT', field: 'input.personnelNumber' },
      )
    })
  })

  it('records a social specialist’s training and the end of their employment', async () => {
    const provider = await providerOffering('SOCIAL', ['CONSULTATION'])
    const specialist = await insertSpecialist(social.db, provider.id, { role: 'PSYCHOLOGIST' })
    const trained = await social.query(recordTraining, {
      input: {
        specialistId: specialist.id,
        course: 'Семейно-центрированный подход в ранней помощи',
        hours: 24,
        completedOn: '2025-11-14',
        certificateNumber: '782400077001',
      },
    })
    expect(trained.errors).toBeUndefined()
    const ended = await social.query(end, { input: { specialistId: specialist.id, employedUntil: '2026-01-30' } })
    expect(ended.errors).toBeUndefined()
    const response = await social.entities<{ staffing: StaffingAnswer }>(
      [{ __typename: 'Provider', id: provider.id }],
      staffingSelection,
    )
    expect(response.data?._entities[0]?.staffing).toEqual({
      missingRoles: ['PSYCHOLOGIST'],
      specialists: [
        expect.objectContaining({
          employedUntil: '2026-01-30',
          trainings: [expect.objectContaining({ hours: 24, certificateNumber: '782400077001' })],
        }),
      ],
    })
  })
})
