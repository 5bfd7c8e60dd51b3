import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChildCardDocument, type ChildCardQuery } from '../../schema/__generated__/operations.js'
import { backends } from '../support/databases.js'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'

describe.each(backends)('ChildCard through the gateway (%s)', (backend) => {
  let hub: Hub
  let fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>

  beforeAll(async () => {
    hub = await startHub(backend)
    fixture = await insertChildKnownToEverySide(hub.databases)
  })
  afterAll(() => hub?.stop())

  it('returns identity, family and the health, education and ngo parts of one child', async () => {
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: fixture.child.id })
    expect(response.status).toBe(200)
    expect(response.errors).toBeUndefined()
    const child = response.data?.child
    expect(child).toMatchObject({
      id: fixture.child.id,
      fullName: 'Соколова Алёна Игоревна',
      birthDate: '2025-02-11',
      sex: 'FEMALE',
      snils: '112-233-445 95',
      registryStatus: 'PROGRAMME_ACTIVE',
      municipality: { oktmo: '71800000', name: 'Тестовый муниципальный район' },
      criteria: [{ id: fixture.criterion.id, code: 'HEALTH_GROUP_IV_V', source: 'HEALTH', active: true }],
      family: {
        id: fixture.family.id,
        inSop: true,
        legalRepresentatives: [{ id: fixture.mother.id, fullName: 'Иванова Мария Петровна', relation: 'MOTHER' }],
        situations: [{ id: fixture.sop.id, kind: 'SOP', decidedOn: '2026-01-15', endedOn: null }],
      },
      health: {
        healthGroup: { group: 'IV', assessedOn: fixture.healthGroup.assessed_on },
        diagnoses: [
          { id: fixture.diagnosis.id, icd10: 'Q90.0', name: 'Трисомия 21, мейотическое нерасхождение', primary: true },
        ],
        detectionEvents: [{ id: fixture.detection.id, kind: 'NEONATAL_SCREENING', result: 'POSITIVE' }],
        riskFactors: [{ id: fixture.risk.id, kind: 'PREMATURITY' }],
      },
      education: {
        pmpkConclusions: [{ id: fixture.pmpk.id, recommendedProgramme: 'ADAPTED', needsSpecialConditions: true }],
        preschoolApplications: [
          {
            id: fixture.application.id,
            status: 'DIRECTED',
            groupType: 'COMPENSATORY',
            kindergarten: {
              id: fixture.kindergarten.id,
              municipality: { oktmo: '71800000', name: 'Тестовый муниципальный район' },
            },
          },
        ],
      },
      ngo: {
        sessions: [
          {
            id: fixture.session.id,
            provider: { id: fixture.provider.id, name: fixture.provider.name },
            service: { code: fixture.service.code, name: fixture.service.name },
            mode: 'IN_CENTRE',
          },
        ],
        parentGroupParticipations: [
          { id: fixture.participation.id, group: { id: fixture.group.id, provider: { id: fixture.provider.id } } },
        ],
      },
    })
  })

  it('returns null without errors for an id the registry does not hold', async () => {
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id: '00000000-0000-4000-8000-000000000000' })
    expect(response.errors).toBeUndefined()
    expect(response.data?.child).toBeNull()
  })
})
