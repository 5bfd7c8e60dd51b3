import * as education from '../../subgraphs/education/test/support/factories.js'
import * as health from '../../subgraphs/health/test/support/factories.js'
import * as ngo from '../../subgraphs/ngo/test/support/factories.js'
import * as social from '../../subgraphs/social/test/support/factories.js'
import type { HubDatabases } from './hub.js'

/**
 * One child known to all four sides, written into each side's own
 * database with the same ids: the fixture of the interagency view.
 */
export async function insertChildKnownToEverySide(databases: {
  [Name in keyof HubDatabases]: Pick<HubDatabases[Name], 'db'>
}) {
  const family = await social.insertFamily(databases.social.db)
  const mother = await social.insertRepresentative(databases.social.db, family.id)
  const sop = await social.insertSituation(databases.social.db, family.id, { kind: 'SOP', decided_on: '2026-01-15' })
  const child = await social.insertChild(databases.social.db, {
    family_id: family.id,
    last_name: 'Соколова',
    first_name: 'Алёна',
    patronymic: 'Игоревна',
    sex: 'FEMALE',
    birth_date: '2025-02-11',
    snils: '11223344595',
    registry_status: 'PROGRAMME_ACTIVE',
  })
  const criterion = await social.insertCriterion(databases.social.db, child.id, { code: 'HEALTH_GROUP_IV_V' })
  // The mother agreed to interagency exchange when the child entered early help.
  const consent = await social.insertConsent(databases.social.db, child.id, mother.id)
  const provider = await social.insertProvider(databases.social.db, { side: 'NGO' })
  const service = social.CATALOGUE_SERVICE

  const healthGroup = await health.insertHealthGroup(databases.health.db, child.id, { health_group: 'IV' })
  const diagnosis = await health.insertDiagnosis(databases.health.db, child.id, { icd10_code: 'Q90.0' })
  const detection = await health.insertDetectionEvent(databases.health.db, child.id)
  const risk = await health.insertRiskFactor(databases.health.db, child.id)

  const kindergarten = await education.insertKindergarten(databases.education.db)
  const pmpk = await education.insertPmpkConclusion(databases.education.db, child.id)
  const application = await education.insertPreschoolApplication(databases.education.db, child.id, {
    status: 'DIRECTED',
    kindergarten_id: kindergarten.id,
    group_type: 'COMPENSATORY',
  })

  const session = await ngo.insertSession(databases.ngo.db, child.id, provider.id, { service_code: service.code })
  const group = await ngo.insertParentGroup(databases.ngo.db, provider.id)
  const participation = await ngo.insertParticipation(databases.ngo.db, group.id, family.id)

  return {
    family,
    mother,
    consent,
    sop,
    child,
    criterion,
    provider,
    service,
    healthGroup,
    diagnosis,
    detection,
    risk,
    kindergarten,
    pmpk,
    application,
    session,
    group,
    participation,
  }
}

/**
 * The pathway of the child of `insertChildKnownToEverySide`, added only where a test needs it (the card's content):
 * the mother's telephone; a signed programme, on a referral whose clocks were paused while the child was ill, with a
 * goal reviewed once and one planned service per side, each delivered by its side; and a second referral still
 * waiting for the provider's decision, its clock running.
 */
export async function insertPathwayOfChild(
  databases: { [Name in keyof HubDatabases]: Pick<HubDatabases[Name], 'db'> },
  fixture: Awaited<ReturnType<typeof insertChildKnownToEverySide>>,
) {
  const { child, mother, provider, kindergarten } = fixture
  const contact = await social.insertMemberContact(databases.social.db, mother.id)
  const { programme, services, referral } = await social.insertProgramme(
    databases.social.db,
    child.id,
    provider.id,
    { lead_specialist_role: 'SPEECH_THERAPIST', signed_by_representative_id: mother.id },
    [
      { responsible_side: 'SOCIAL', service_code: 'DAILY_ROUTINES', sessions_per_month: 2, mode: 'AT_HOME' },
      { responsible_side: 'HEALTH', service_code: 'MOBILITY', sessions_per_month: 4, duration_minutes: 30 },
      { responsible_side: 'EDUCATION', service_code: 'COGNITIVE', sessions_per_month: 4, duration_minutes: 30 },
      { responsible_side: 'NGO', service_code: social.CATALOGUE_SERVICE.code, sessions_per_month: 8, mode: 'GROUP' },
    ],
  )
  const [socialItem, healthItem, educationItem, ngoItem] = services as [
    (typeof services)[0],
    (typeof services)[0],
    (typeof services)[0],
    (typeof services)[0],
  ]
  const pause = await social.insertReferralPause(databases.social.db, referral.id)
  const goal = await social.insertProgrammeGoal(databases.social.db, programme.id)
  const review = await social.insertProgrammeReview(databases.social.db, programme.id, [
    { icfCode: goal.icf_code, qualifier: 2 },
  ])
  const waiting = await social.insertReferral(databases.social.db, child.id, provider.id)

  const socialSession = await social.insertSocialSession(databases.social.db, socialItem.id, { mode: 'AT_HOME' })
  const episode = await health.insertRehabilitationEpisode(databases.health.db, child.id, { started_on: '2026-09-10' })
  const rehabilitationSession = await health.insertRehabilitationSession(databases.health.db, episode.id, {
    held_on: '2026-10-07',
    programme_service_id: healthItem.id,
  })
  const unit = await education.insertEarlyHelpUnit(databases.education.db, kindergarten.id)
  const educationSession = await education.insertEducationSession(databases.education.db, child.id, unit.id, {
    service_code: 'COGNITIVE',
    programme_service_id: educationItem.id,
  })
  const ngoSessions = [
    await ngo.insertSession(databases.ngo.db, child.id, provider.id, { programme_service_id: ngoItem.id }),
    await ngo.insertSession(databases.ngo.db, child.id, provider.id, {
      programme_service_id: ngoItem.id,
      delivered_on: '2026-10-12',
    }),
  ]
  return {
    contact,
    referral,
    programme,
    services: { social: socialItem, health: healthItem, education: educationItem, ngo: ngoItem },
    pause,
    goal,
    review,
    waiting,
    sessions: { social: socialSession, health: rehabilitationSession, education: educationSession, ngo: ngoSessions },
    episode,
    unit,
  }
}
