import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AcceptReferralDocument,
  ApplyForPreschoolDocument,
  ChildCardDocument,
  DirectToKindergartenDocument,
  DraftProgrammeDocument,
  EnrolInKindergartenDocument,
  ExitProgrammeDocument,
  ModerateProviderDocument,
  OpenRehabilitationEpisodeDocument,
  RecordConsentDocument,
  RecordDetectionEventDocument,
  RecordNeedDeterminationDocument,
  RecordNgoSessionDocument,
  RecordPmpkConclusionDocument,
  RecordRehabilitationSessionDocument,
  ReferChildDocument,
  RegisterChildDocument,
  RegisterFamilyDocument,
  RegisterProviderDocument,
  ReviewProgrammeDocument,
  SignProgrammeDocument,
  TransitionsDueDocument,
  TransitionWatchlistDocument,
  type RegisterProviderInput,
} from '../../schema/__generated__/operations.js'
import { addMonths } from '@hub/subgraph-kit/validation'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertKindergarten } from '../../subgraphs/education/test/support/factories.js'
import { insertMunicipality, MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { daysAfter, daysFromToday, snapshot } from '@hub/testing/writes'

/** Turns three in sixty days: inside the default ninety-day transition notice, and past education's 2 years 9 months. */
const BIRTH = addMonths(daysFromToday(60), -36)
const onDay = (daysAfterBirth: number) => daysAfter(BIRTH, daysAfterBirth)

const provider = (overrides: Pick<RegisterProviderInput, 'name' | 'side' | 'kind' | 'inn' | 'ogrn' | 'services'>) => ({
  municipality: MUNICIPALITY.oktmo,
  municipalities: [MUNICIPALITY.oktmo],
  remoteDelivery: false,
  ...overrides,
})

/**
 * One child's whole pathway, step by step through the gateway with the committed operations: each side writes its
 * own part, and the child card shows all of it at the end. The steps share one hub and run in order.
 */
describe.each(backends)('a screening-positive newborn’s pathway through the gateway (%s)', (backend) => {
  let hub: Hub
  let motherId: string
  let familyId: string
  let childId: string
  let referralId: string
  let programmeId: string
  /** The signed programme's items, by the side responsible for them. */
  const items: Partial<Record<'HEALTH' | 'NGO', string>> = {}
  const providers = { centre: '', clinic: '', ngo: '' }
  // Each side writes its own part: the clinic's paediatrician, the education department's specialist, the NGO's
  // specialist for its own organisation; the regional coordinator (the hub's default caller) does the rest.
  const HEALTH = viewers.specialist('health')
  const EDUCATION = viewers.specialist('education')
  const ngoStaff = () => viewers.specialist('ngo', providers.ngo)

  beforeAll(async () => {
    hub = await startHub(backend)
    await insertMunicipality(hub.databases.social.db)
  })
  afterAll(() => hub?.stop())

  it('opens the family in the registry with the mother as the legal representative from the birth', async () => {
    const { registerFamily } = await hub.run(RegisterFamilyDocument, {
      input: {
        municipality: MUNICIPALITY.oktmo,
        address: 'г. Тестов, ул. Садовая, д. 12, кв. 5',
        members: [
          {
            lastName: 'Орлова',
            firstName: 'Ирина',
            patronymic: 'Викторовна',
            kinship: 'PARENT',
            birthDate: addMonths(BIRTH, -12 * 29),
            representation: {
              relation: 'MOTHER',
              documentBasis: 'Свидетельство о рождении II-ЗО № 654321',
              validFrom: BIRTH,
            },
            contacts: [{ kind: 'PHONE', value: '8 914 555-12-34' }],
          },
        ],
      },
    })
    expect(registerFamily.members).toMatchObject([
      { fullName: 'Орлова Ирина Викторовна', representations: [{ relation: 'MOTHER', inForce: true }] },
    ])
    familyId = registerFamily.id
    motherId = registerFamily.members[0]!.representations[0]!.id
  })

  it('registers early-help providers of three sides through the moderated provider registry', async () => {
    const registrations = {
      centre: provider({
        name: 'ГБУ «Краевой центр ранней помощи»',
        side: 'SOCIAL',
        kind: 'EARLY_HELP_CENTRE',
        inn: '2701012343',
        ogrn: '1022700012345',
        services: ['NEED_DETERMINATION', 'IPRP_DEVELOPMENT', 'IPRP_REVIEW'],
      }),
      clinic: provider({
        name: 'ГБУЗ «Детская краевая клиническая больница»',
        side: 'HEALTH',
        kind: 'MEDICAL_ORGANISATION',
        inn: '2702056784',
        ogrn: '1022700056785',
        services: ['MOBILITY'],
      }),
      ngo: provider({
        name: 'АНО «Центр ранней помощи „Росток“»',
        side: 'NGO',
        kind: 'NON_PROFIT',
        inn: '7707083893',
        ogrn: '1027700132195',
        services: ['COMMUNICATION_SPEECH'],
      }),
    }
    for (const [key, input] of Object.entries(registrations) as [keyof typeof providers, typeof registrations.ngo][]) {
      const { registerProvider } = await hub.run(RegisterProviderDocument, { input })
      expect(registerProvider.moderationStatus).toBe('PENDING')
      const { moderateProvider } = await hub.run(ModerateProviderDocument, {
        input: { providerId: registerProvider.id, status: 'APPROVED', note: 'Документы проверены' },
      })
      expect(moderateProvider.moderationStatus).toBe('APPROVED')
      providers[key] = registerProvider.id
    }
  })

  it('registers the newborn from health with its screening, and finds the same child by СНИЛС written otherwise', async () => {
    const input = {
      lastName: 'Орлова',
      firstName: 'Вера',
      patronymic: 'Андреевна',
      birthDate: BIRTH,
      sex: 'FEMALE' as const,
      snils: '112-233-445 95',
      municipality: MUNICIPALITY.oktmo,
      familyId,
      source: 'HEALTH' as const,
      criteria: [
        {
          code: 'SCREENING_POSITIVE' as const,
          evidenceDocument: 'Извещение о положительном результате неонатального скрининга',
          evidenceDate: onDay(10),
          validFrom: onDay(10),
        },
      ],
    }
    const first = await hub.run(RegisterChildDocument, { input }, HEALTH)
    expect(first.registerChild).toMatchObject({
      outcome: 'CREATED',
      child: { snils: '112-233-445 95', registryStatus: 'POTENTIALLY_IN_NEED' },
    })
    childId = first.registerChild.child.id

    // The mother agrees that the regional coordinator may see the child's health, ПМПК and family data.
    await hub.run(RecordConsentDocument, {
      input: {
        childId,
        representativeId: motherId,
        purpose: 'EARLY_HELP',
        recipientSide: 'REGIONAL',
        scopes: ['HEALTH', 'PMPK', 'FAMILY'],
        document: 'Согласие на обмен сведениями между участниками ранней помощи',
      },
    })

    const detection = await hub.run(
      RecordDetectionEventDocument,
      {
        input: {
          childId,
          kind: 'NEONATAL_SCREENING',
          result: 'POSITIVE',
          occurredOn: onDay(3),
          organisation: 'ГБУЗ «Краевой перинатальный центр»',
        },
      },
      HEALTH,
    )
    expect(detection.recordDetectionEvent).toMatchObject({ kind: 'NEONATAL_SCREENING', result: 'POSITIVE' })

    const before = await snapshot(hub.databases.social.db)
    const again = await hub.run(
      RegisterChildDocument,
      { input: { ...input, snils: '11223344595', criteria: [] } },
      HEALTH,
    )
    expect(again.registerChild).toMatchObject({ outcome: 'EXISTING_BY_SNILS', child: { id: childId } })
    expect(await snapshot(hub.databases.social.db)).toEqual(before)
  })

  it('refers the child to the early-help centre, which accepts and finds the child in need within both clocks', async () => {
    const referred = await hub.run(
      ReferChildDocument,
      {
        input: {
          childId,
          providerId: providers.centre,
          fromSide: 'HEALTH',
          fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
          reason: 'Положительный неонатальный скрининг',
          receivedOn: onDay(20),
        },
      },
      HEALTH,
    )
    expect(referred.referChild).toMatchObject({ status: 'RECEIVED', child: { registryStatus: 'REFERRED' } })
    referralId = referred.referChild.id

    const accepted = await hub.run(AcceptReferralDocument, { input: { referralId, decidedOn: onDay(22) } })
    expect(accepted.acceptReferral).toMatchObject({ status: 'ACCEPTED', decidedOn: onDay(22) })

    const determined = await hub.run(RecordNeedDeterminationDocument, {
      input: { referralId, determinedOn: onDay(25), outcome: 'IN_NEED', note: 'Первичный приём' },
    })
    expect(determined.recordNeedDetermination).toMatchObject({
      needOutcome: 'IN_NEED',
      child: { registryStatus: 'IN_NEED' },
      clocks: [
        { code: 'REFERRAL_TO_NEED_DETERMINATION', completedOn: onDay(25), status: 'MET' },
        { code: 'REFERRAL_TO_PROGRAMME', completedOn: null },
      ],
    })
  })

  it('drafts an ИПРП with ICF-CY goals and services of health and ngo, which the mother signs', async () => {
    const drafted = await hub.run(DraftProgrammeDocument, {
      input: {
        childId,
        referralId,
        leadSpecialistRole: 'DEFECTOLOGIST',
        goals: [
          { icfCode: 'd310', baselineQualifier: 3, targetQualifier: 1, description: 'Понимает обращённую речь' },
          { icfCode: 'd415', baselineQualifier: 2, targetQualifier: 0, description: 'Удерживает положение тела' },
        ],
        services: [
          {
            serviceCode: 'MOBILITY',
            sessionsPerMonth: 4,
            durationMinutes: 45,
            mode: 'IN_CENTRE',
            responsibleSide: 'HEALTH',
            providerId: providers.clinic,
          },
          {
            serviceCode: 'COMMUNICATION_SPEECH',
            sessionsPerMonth: 8,
            durationMinutes: 30,
            mode: 'AT_HOME',
            responsibleSide: 'NGO',
            providerId: providers.ngo,
          },
        ],
      },
    })
    expect(drafted.draftProgramme).toMatchObject({ version: 1, status: 'DRAFT', provider: { id: providers.centre } })
    programmeId = drafted.draftProgramme.id
    for (const item of drafted.draftProgramme.services) {
      if (item.responsibleSide === 'HEALTH' || item.responsibleSide === 'NGO') items[item.responsibleSide] = item.id
    }

    // The non-state provider delivers a service of the programme: it sees the child only with the mother's consent.
    await hub.run(RecordConsentDocument, {
      input: {
        childId,
        representativeId: motherId,
        purpose: 'EARLY_HELP',
        recipientProviderId: providers.ngo,
        scopes: ['FAMILY'],
        document: 'Согласие на передачу сведений АНО «Центр ранней помощи „Росток“»',
      },
    })
    const signed = await hub.run(SignProgrammeDocument, {
      input: { programmeId, representativeId: motherId, signedOn: onDay(40) },
    })
    expect(signed.signProgramme).toMatchObject({
      status: 'SIGNED',
      signedBy: { id: motherId },
      child: { registryStatus: 'PROGRAMME_ACTIVE' },
      referral: {
        clocks: [{ status: 'MET' }, { code: 'REFERRAL_TO_PROGRAMME', completedOn: onDay(40), status: 'MET' }],
      },
    })
  })

  it('records a rehabilitation session in health, a session in ngo and an intermediate review', async () => {
    const episode = await hub.run(
      OpenRehabilitationEpisodeDocument,
      {
        input: {
          childId,
          organisation: 'ГБУЗ «Детская краевая клиническая больница»',
          goal: 'Формирование навыков удержания положения тела',
          startedOn: onDay(45),
        },
      },
      HEALTH,
    )
    const rehabilitation = await hub.run(
      RecordRehabilitationSessionDocument,
      {
        input: {
          episodeId: episode.openRehabilitationEpisode.id,
          heldOn: onDay(50),
          durationMinutes: 45,
          mode: 'IN_CENTRE',
          specialistRole: 'EXERCISE_THERAPY_INSTRUCTOR',
          attended: true,
          programmeServiceId: items.HEALTH,
        },
      },
      HEALTH,
    )
    expect(rehabilitation.recordRehabilitationSession).toMatchObject({ heldOn: onDay(50), attended: true })

    const ngoSession = await hub.run(
      RecordNgoSessionDocument,
      {
        input: {
          childId,
          providerId: providers.ngo,
          serviceCode: 'COMMUNICATION_SPEECH',
          deliveredOn: onDay(52),
          durationMinutes: 30,
          mode: 'AT_HOME',
          attended: true,
          programmeServiceId: items.NGO!,
        },
      },
      ngoStaff(),
    )
    expect(ngoSession.recordNgoSession).toMatchObject({
      provider: { id: providers.ngo, name: 'АНО «Центр ранней помощи „Росток“»' },
      service: { code: 'COMMUNICATION_SPEECH' },
    })

    const review = await hub.run(ReviewProgrammeDocument, {
      input: {
        programmeId,
        kind: 'INTERMEDIATE',
        reviewedOn: onDay(200),
        ratings: [
          { icfCode: 'd310', qualifier: 2 },
          { icfCode: 'd415', qualifier: 1 },
        ],
        note: 'Положительная динамика',
      },
    })
    expect(review.reviewProgramme).toMatchObject({ kind: 'INTERMEDIATE', reviewedOn: onDay(200) })
  })

  it('shows the child nearing three in social’s transitions due and in education’s transition watchlist', async () => {
    const due = await hub.run(TransitionsDueDocument, { provider: providers.centre })
    expect(due.transitionsDue).toEqual([
      expect.objectContaining({
        id: programmeId,
        child: expect.objectContaining({ id: childId, birthDate: BIRTH }),
        transitionClock: { startedOn: daysFromToday(-30), dueOn: daysFromToday(59), status: 'RUNNING' },
      }),
    ])

    const watchlist = await hub.run(TransitionWatchlistDocument, {})
    const node = watchlist.children.edges.find((edge) => edge.node.id === childId)?.node
    expect(node?.education?.transition).toMatchObject({ status: 'DUE', daysUntilThirdBirthday: 60 })
  })

  it('places the child in a kindergarten and closes the programme with the transition to preschool in time', async () => {
    const kindergarten = await insertKindergarten(hub.databases.education.db, { name: 'МБДОУ «Детский сад № 7»' })
    await hub.run(
      RecordPmpkConclusionDocument,
      {
        input: {
          childId,
          number: 'ТПМПК-7/2',
          commission: 'Территориальная ПМПК',
          concludedOn: daysFromToday(-20),
          needsSpecialConditions: true,
          recommendedProgramme: 'ADAPTED',
          recommendedConditions: ['Сопровождение учителя-логопеда'],
        },
      },
      EDUCATION,
    )
    const applied = await hub.run(
      ApplyForPreschoolDocument,
      {
        input: { childId, appliedOn: daysFromToday(-15), desiredStartOn: daysFromToday(0) },
      },
      EDUCATION,
    )
    const applicationId = applied.applyForPreschool.id
    await hub.run(
      DirectToKindergartenDocument,
      {
        input: { applicationId, kindergartenId: kindergarten.id, groupType: 'COMPENSATORY' },
      },
      EDUCATION,
    )
    const enrolled = await hub.run(
      EnrolInKindergartenDocument,
      {
        input: { applicationId, enrolledOn: daysFromToday(0) },
      },
      EDUCATION,
    )
    expect(enrolled.enrolInKindergarten).toMatchObject({ status: 'ENROLLED', groupType: 'COMPENSATORY' })

    const exited = await hub.run(ExitProgrammeDocument, {
      input: { childId, exitedOn: daysFromToday(0), reason: 'TRANSITION_TO_PRESCHOOL' },
    })
    expect(exited.exitProgramme).toMatchObject({
      status: 'CLOSED',
      exitReason: 'TRANSITION_TO_PRESCHOOL',
      transitionClock: { completedOn: daysFromToday(0), dueOn: daysFromToday(59), status: 'MET' },
      child: { registryStatus: 'COMPLETED' },
    })
    expect((await hub.run(TransitionsDueDocument, {})).transitionsDue).toEqual([])
    const watchlist = await hub.run(TransitionWatchlistDocument, {})
    const node = watchlist.children.edges.find((edge) => edge.node.id === childId)?.node
    expect(node?.education?.transition?.status).toBe('PLACED')
  })

  it('shows the whole path on the child card, with the part of every side', async () => {
    const { child } = await hub.run(ChildCardDocument, { id: childId })
    expect(child).toMatchObject({
      id: childId,
      fullName: 'Орлова Вера Андреевна',
      birthDate: BIRTH,
      snils: '112-233-445 95',
      registryStatus: 'COMPLETED',
      criteria: [{ code: 'SCREENING_POSITIVE', source: 'HEALTH', active: true }],
      family: {
        id: familyId,
        members: [{ fullName: 'Орлова Ирина Викторовна', kinship: 'PARENT' }],
        legalRepresentatives: [{ id: motherId, relation: 'MOTHER', validFrom: BIRTH, validTo: null }],
        contacts: [{ kind: 'PHONE', value: '+79145551234' }],
      },
      referrals: [
        {
          id: referralId,
          fromSide: 'HEALTH',
          status: 'ACCEPTED',
          needOutcome: 'IN_NEED',
          programmeSignedOn: onDay(40),
          provider: { id: providers.centre },
          clocks: [
            { code: 'REFERRAL_TO_NEED_DETERMINATION', status: 'MET' },
            { code: 'REFERRAL_TO_PROGRAMME', status: 'MET' },
          ],
        },
      ],
      programmes: [
        {
          id: programmeId,
          status: 'CLOSED',
          signedOn: onDay(40),
          closedOn: daysFromToday(0),
          exitReason: 'TRANSITION_TO_PRESCHOOL',
          goals: [{ icfCode: 'd310' }, { icfCode: 'd415' }],
          services: [
            { serviceType: { code: 'MOBILITY' }, responsibleSide: 'HEALTH', provider: { id: providers.clinic } },
            { serviceType: { code: 'COMMUNICATION_SPEECH' }, responsibleSide: 'NGO', provider: { id: providers.ngo } },
          ],
          reviews: [{ kind: 'INTERMEDIATE', ratings: [{ icfCode: 'd310', qualifier: 2 }, { icfCode: 'd415' }] }],
          reviewClock: null,
          transitionClock: { startedOn: daysFromToday(-30), completedOn: daysFromToday(0), status: 'MET' },
        },
      ],
      health: {
        detectionEvents: [{ kind: 'NEONATAL_SCREENING', result: 'POSITIVE', occurredOn: onDay(3) }],
        rehabilitationEpisodes: [
          {
            startedOn: onDay(45),
            sessions: [
              {
                heldOn: onDay(50),
                specialistRole: 'EXERCISE_THERAPY_INSTRUCTOR',
                programmeService: { id: items.HEALTH, serviceType: { code: 'MOBILITY' } },
              },
            ],
          },
        ],
      },
      education: {
        pmpkConclusions: [{ number: 'ТПМПК-7/2', recommendedProgramme: 'ADAPTED' }],
        preschoolApplications: [
          {
            status: 'ENROLLED',
            enrolledOn: daysFromToday(0),
            groupType: 'COMPENSATORY',
            kindergarten: { name: 'МБДОУ «Детский сад № 7»' },
          },
        ],
      },
      ngo: {
        sessions: [
          {
            deliveredOn: onDay(52),
            attended: true,
            provider: { id: providers.ngo },
            service: { code: 'COMMUNICATION_SPEECH' },
            programmeService: { id: items.NGO, serviceType: { code: 'COMMUNICATION_SPEECH' } },
          },
        ],
      },
    })
    expect(child?.statusHistory.map(({ fromStatus, toStatus }) => [fromStatus, toStatus])).toEqual([
      [null, 'POTENTIALLY_IN_NEED'],
      ['POTENTIALLY_IN_NEED', 'REFERRED'],
      ['REFERRED', 'IN_NEED'],
      ['IN_NEED', 'PROGRAMME_ACTIVE'],
      ['PROGRAMME_ACTIVE', 'COMPLETED'],
    ])
  })
})
