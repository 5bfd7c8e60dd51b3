import * as education from './factories/education.js'
import * as health from './factories/health.js'
import * as ngo from './factories/ngo.js'
import * as social from './factories/social.js'
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
