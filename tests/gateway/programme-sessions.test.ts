import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChildCardDocument,
  RecordEducationSessionDocument,
  RecordNgoSessionDocument,
  RecordRehabilitationSessionDocument,
  RecordSocialSessionDocument,
  type ChildCardQuery,
} from '../../schema/__generated__/operations.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import * as education from '../../subgraphs/education/test/support/factories.js'
import * as health from '../../subgraphs/health/test/support/factories.js'
import * as social from '../../subgraphs/social/test/support/factories.js'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { startHub, type Hub } from '../support/hub.js'
import { daysFromToday } from '@hub/testing/writes'

describe.each(backends)('sessions of every side against one ИПРП through the gateway (%s)', (backend) => {
  let hub: Hub
  let child: Awaited<ReturnType<typeof social.insertChild>>
  let items: { social: string; health: string; education: string; ngo: string }
  let episode: Awaited<ReturnType<typeof health.insertRehabilitationEpisode>>
  let unit: Awaited<ReturnType<typeof education.insertEarlyHelpUnit>>
  let ngoProvider: Awaited<ReturnType<typeof social.insertProvider>>
  let specialists: Record<'social' | 'health' | 'education' | 'ngo', Awaited<ReturnType<typeof insertSpecialist>>>

  beforeAll(async () => {
    hub = await startHub(backend)
    const db = hub.databases.social.db
    const centre = await social.insertProvider(db, { side: 'SOCIAL', kind: 'SOCIAL_SERVICE_CENTRE' })
    ngoProvider = await social.insertProvider(db, { side: 'NGO' })
    // The family consented to the non-state provider's part of the programme: without it the provider sees nothing.
    const family = await social.insertFamily(db)
    const mother = await social.insertRepresentative(db, family.id)
    child = await social.insertChild(db, { registry_status: 'PROGRAMME_ACTIVE', family_id: family.id })
    await social.insertConsent(db, child.id, mother.id, { recipient_provider_id: ngoProvider.id })
    const { services } = await social.insertProgramme(db, child.id, centre.id, { signed_on: daysFromToday(-30) }, [
      { service_code: 'FAMILY_PSYCHOLOGICAL_SUPPORT', responsible_side: 'SOCIAL' },
      { service_code: 'MOBILITY', responsible_side: 'HEALTH' },
      { service_code: 'COMMUNICATION_SPEECH', responsible_side: 'EDUCATION' },
      { service_code: 'COGNITIVE', responsible_side: 'NGO', provider_id: ngoProvider.id },
    ])
    const [socialItem, healthItem, educationItem, ngoItem] = services.map((service) => service.id) as [
      string,
      string,
      string,
      string,
    ]
    items = { social: socialItem, health: healthItem, education: educationItem, ngo: ngoItem }
    episode = await health.insertRehabilitationEpisode(hub.databases.health.db, child.id, {
      started_on: daysFromToday(-40),
    })
    const kindergarten = await education.insertKindergarten(hub.databases.education.db)
    unit = await education.insertEarlyHelpUnit(hub.databases.education.db, kindergarten.id)
    // Each side's own specialist, in its own database: the centre's psychologist, a medical organisation's
    // occupational therapist, a kindergarten's speech therapist and the non-state provider's defectologist.
    const since = { employed_from: daysFromToday(-365) }
    specialists = {
      social: await insertSpecialist(db, centre.id, { ...since, role: 'PSYCHOLOGIST' }),
      health: await insertSpecialist(hub.databases.health.db, randomUUID(), {
        ...since,
        role: 'OCCUPATIONAL_THERAPIST',
      }),
      education: await insertSpecialist(hub.databases.education.db, randomUUID(), {
        ...since,
        role: 'SPEECH_THERAPIST',
      }),
      ngo: await insertSpecialist(hub.databases.ngo.db, ngoProvider.id, { ...since, role: 'DEFECTOLOGIST' }),
    }
    await social.consentForEveryChild(db)
  })

  /** A specialist as the operations select it. */
  const shown = (specialist: Awaited<ReturnType<typeof insertSpecialist>>) => ({
    id: specialist.id,
    personnelNumber: specialist.personnel_number,
    role: specialist.role,
  })
  afterAll(() => hub?.stop())

  it('records each side’s session through its public operation and shows all of them on the child card, each with its programme item from social and its specialist from the delivering side', async () => {
    const session = { durationMinutes: 45, attended: true }
    const recorded = await Promise.all([
      hub.query(
        RecordSocialSessionDocument,
        {
          input: {
            ...session,
            programmeServiceId: items.social,
            deliveredOn: daysFromToday(-4),
            mode: 'AT_HOME',
            specialistRole: 'PSYCHOLOGIST',
            specialistId: specialists.social.id,
          },
        },
        viewers.specialist('social'),
      ),
      hub.query(
        RecordRehabilitationSessionDocument,
        {
          input: {
            ...session,
            episodeId: episode.id,
            programmeServiceId: items.health,
            heldOn: daysFromToday(-3),
            mode: 'IN_CENTRE',
            specialistRole: 'OCCUPATIONAL_THERAPIST',
            specialistId: specialists.health.id,
          },
        },
        viewers.specialist('health'),
      ),
      hub.query(
        RecordEducationSessionDocument,
        {
          input: {
            ...session,
            childId: child.id,
            unitId: unit.id,
            serviceCode: 'COMMUNICATION_SPEECH',
            programmeServiceId: items.education,
            deliveredOn: daysFromToday(-2),
            mode: 'GROUP',
            specialistId: specialists.education.id,
          },
        },
        viewers.specialist('education'),
      ),
      hub.query(
        RecordNgoSessionDocument,
        {
          input: {
            ...session,
            childId: child.id,
            providerId: ngoProvider.id,
            serviceCode: 'COGNITIVE',
            programmeServiceId: items.ngo,
            deliveredOn: daysFromToday(-1),
            mode: 'IN_CENTRE',
            specialistId: specialists.ngo.id,
          },
        },
        viewers.specialist('ngo', ngoProvider.id),
      ),
    ])
    for (const response of recorded) expect(response.errors).toBeUndefined()
    expect(recorded.map((response) => Object.values(response.data ?? {})[0])).toMatchObject([
      {
        programmeService: { id: items.social, serviceType: { code: 'FAMILY_PSYCHOLOGICAL_SUPPORT' } },
        specialist: shown(specialists.social),
      },
      {
        programmeService: { id: items.health, serviceType: { code: 'MOBILITY' } },
        specialist: shown(specialists.health),
      },
      {
        programmeService: { id: items.education, serviceType: { code: 'COMMUNICATION_SPEECH' } },
        specialistRole: 'SPEECH_THERAPIST',
        specialist: shown(specialists.education),
      },
      {
        programmeService: { id: items.ngo, serviceType: { code: 'COGNITIVE' } },
        specialistRole: 'DEFECTOLOGIST',
        specialist: shown(specialists.ngo),
      },
    ])

    const card = await hub.query<ChildCardQuery>(ChildCardDocument, { id: child.id })
    expect(card.errors).toBeUndefined()
    const item = (id: string, code: string) => ({ id, serviceType: { code, name: expect.any(String) } })
    expect(card.data?.child).toMatchObject({
      socialSessions: [
        {
          deliveredOn: daysFromToday(-4),
          specialistRole: 'PSYCHOLOGIST',
          specialist: shown(specialists.social),
          programmeService: item(items.social, 'FAMILY_PSYCHOLOGICAL_SUPPORT'),
        },
      ],
      health: {
        rehabilitationEpisodes: [
          {
            id: episode.id,
            sessions: [
              {
                heldOn: daysFromToday(-3),
                specialist: shown(specialists.health),
                programmeService: item(items.health, 'MOBILITY'),
              },
            ],
          },
        ],
      },
      education: {
        sessions: [
          {
            deliveredOn: daysFromToday(-2),
            specialistRole: 'SPEECH_THERAPIST',
            specialist: shown(specialists.education),
            programmeService: item(items.education, 'COMMUNICATION_SPEECH'),
          },
        ],
      },
      ngo: {
        sessions: [
          {
            deliveredOn: daysFromToday(-1),
            specialistRole: 'DEFECTOLOGIST',
            specialist: shown(specialists.ngo),
            programmeService: item(items.ngo, 'COGNITIVE'),
          },
        ],
      },
    })
  })

  it('shows a session naming an item social does not hold with a null programme item, without an error', async () => {
    const other = await social.insertChild(hub.databases.social.db)
    await social.consentForEveryChild(hub.databases.social.db)
    const response = await hub.query(
      RecordNgoSessionDocument,
      {
        input: {
          childId: other.id,
          providerId: ngoProvider.id,
          serviceCode: 'COGNITIVE',
          programmeServiceId: randomUUID(),
          deliveredOn: daysFromToday(-1),
          durationMinutes: 30,
          mode: 'REMOTE',
          attended: true,
        },
      },
      viewers.specialist('ngo', ngoProvider.id),
    )
    expect(response.errors).toBeUndefined()
    const card = await hub.query<ChildCardQuery>(ChildCardDocument, { id: other.id })
    expect(card.errors).toBeUndefined()
    expect(card.data?.child?.ngo?.sessions).toMatchObject([
      { mode: 'REMOTE', programmeService: null, specialist: null },
    ])
  })
})
