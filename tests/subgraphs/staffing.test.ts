import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StaffingTables } from '@hub/side-contract/staffing/database'
import { backends } from '@hub/testing/databases'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { staffingOperations, type StaffingAnswer } from '@hub/testing/staffing'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedWithoutWriting } from '@hub/testing/writes'
import { subgraphs } from '../support/subgraphs.js'

// The staffing code is the kit's, tested in full on health (and on social, which adds its registry checks); here each
// other side shows that it serves that code under its own names, on its own database.
describe.each(backends)('every other side records its own specialists (%s)', (backend) => {
  describe.each([
    ['education', 'EDUCATION'],
    ['ngo', 'NGO'],
  ] as const)('%s', (name, side) => {
    let subgraph: Awaited<ReturnType<typeof startSubgraphForTest<StaffingTables>>>
    const { register, recordTraining, end, staffingSelection } = staffingOperations(name)

    beforeAll(async () => {
      subgraph = await startSubgraphForTest<StaffingTables>(subgraphs[name], backend)
    })
    afterAll(() => subgraph?.stop())

    async function staffingOf(provider: string, providerSide: string) {
      const response = await subgraph.entities<{ staffing: StaffingAnswer | null }>(
        [
          {
            __typename: 'Provider',
            id: provider,
            side: providerSide,
            requiredSpecialistRoles: ['PSYCHOLOGIST', 'DEFECTOLOGIST'],
          },
        ],
        staffingSelection,
      )
      expect(response.errors).toBeUndefined()
      return response.data?._entities[0]?.staffing
    }

    it('registers, trains and ends a specialist, and resolves the provider’s staffing by id', async () => {
      const provider = randomUUID()
      const registered = await subgraph.query<{ specialist: { id: string } }>(register, {
        input: { providerId: provider, personnelNumber: '0007', role: 'PSYCHOLOGIST', employedFrom: '2023-02-01' },
      })
      expect(registered.errors).toBeUndefined()
      const specialistId = registered.data!.specialist.id
      const trained = await subgraph.query(recordTraining, {
        input: {
          specialistId,
          course: 'Организация и содержание ранней помощи детям и их семьям',
          hours: 72,
          completedOn: '2024-03-15',
          certificateNumber: '782400000007',
        },
      })
      expect(trained.errors).toBeUndefined()
      expect(await staffingOf(provider, side)).toEqual({
        missingRoles: ['DEFECTOLOGIST'],
        specialists: [
          {
            id: specialistId,
            personnelNumber: '0007',
            role: 'PSYCHOLOGIST',
            employedFrom: '2023-02-01',
            employedUntil: null,
            trainings: [
              {
                course: 'Организация и содержание ранней помощи детям и их семьям',
                hours: 72,
                completedOn: '2024-03-15',
                certificateNumber: '782400000007',
              },
            ],
          },
        ],
      })
      const ended = await subgraph.query(end, { input: { specialistId, employedUntil: '2025-08-29' } })
      expect(ended.errors).toBeUndefined()
      expect((await staffingOf(provider, side))?.missingRoles).toEqual(['PSYCHOLOGIST', 'DEFECTOLOGIST'])
    })

    it('has no staffing for a provider of another side', async () => {
      const provider = randomUUID()
      await insertSpecialist(subgraph.db, provider)
      expect(await staffingOf(provider, 'SOCIAL')).toBeNull()
    })

    it('refuses bad input with the field named, and writes nothing', async () => {
      const input = {
        providerId: randomUUID(),
        personnelNumber: '0008',
        role: 'PSYCHOLOGIST',
        employedFrom: '2999-01-01',
      }
      await expectRefusedWithoutWriting(subgraph.db, () => subgraph.query(register, { input }), {
        code: 'BAD_USER_INPUT',
        field: 'input.employedFrom',
        rule: 'must not be in the future',
      })
    })
  })
})
