import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RegionAlreadySeededError, countRows, seedDatabases, type HubDatabases } from '../../scripts/seed.js'
import { isValidInn, isValidOgrn, isValidSnils } from '../../subgraphs/social/src/identifiers.js'
import { surnameOf } from '../../scripts/seed/names.js'
import { createRegion, REFERENCE_DATE, type RegionChunk } from '../../scripts/seed/region.js'
import { openDatabase, type Database } from '../../subgraphs/kit/src/database.js'
import { migrateToLatest } from '../../subgraphs/kit/src/migrate.js'
import { migrations as educationMigrations } from '../../subgraphs/education/src/db/migrations/index.js'
import { migrations as healthMigrations } from '../../subgraphs/health/src/db/migrations/index.js'
import { migrations as ngoMigrations } from '../../subgraphs/ngo/src/db/migrations/index.js'
import { migrations as socialMigrations } from '../../subgraphs/social/src/db/migrations/index.js'
import { findRequiredRolesByProviderIds } from '../../subgraphs/social/src/db/queries/provider.queries.js'
import { staffingView, type Side, type StaffingTables } from '../../subgraphs/kit/src/staffing/database.js'
import { missingRoles } from '../../subgraphs/kit/src/staffing/services.js'
import { findSpecialistsByProviderIds } from '../../subgraphs/kit/src/staffing/specialist.queries.js'

/** The whole region in memory, chunks concatenated: fine for the few thousand children a test uses. */
function generate(children: number, options: { seed?: number; chunkSize?: number } = {}) {
  const region = createRegion({ children, ...options })
  const all = structuredClone(region.reference)
  for (const chunk of region.chunks()) {
    for (const side of Object.keys(chunk) as (keyof RegionChunk)[]) {
      const target = all[side] as unknown as Record<string, unknown[]>
      for (const [table, rows] of Object.entries(chunk[side])) target[table]?.push(...(rows as unknown[]))
    }
  }
  return all
}

const ids = (rows: readonly { id: string }[]) => new Set(rows.map((row) => row.id))

const SIDES = ['social', 'health', 'education', 'ngo'] as const

describe('the synthetic region', () => {
  const region = generate(3000)
  const children = ids(region.social.children)

  it('gives byte-identical rows for the same seed and number of children, however they are chunked', () => {
    const again = JSON.stringify(generate(600))
    expect(JSON.stringify(generate(600))).toBe(again)
    expect(JSON.stringify(generate(600, { chunkSize: 97 }))).toBe(again)
    expect(JSON.stringify(generate(600, { seed: 7 }))).not.toBe(again)
  })

  it('contains exactly the number of children asked for', () => {
    for (const count of [0, 1, 2, 999, 1001]) expect(generate(count).social.children).toHaveLength(count)
    expect(region.social.children).toHaveLength(3000)
  })

  it('never repeats an id', () => {
    const all = Object.values(region).flatMap((side) =>
      Object.values(side as Record<string, { id?: string }[]>).flatMap((rows) => rows.map((row) => row.id)),
    )
    const withId = all.filter((id): id is string => id !== undefined)
    expect(withId.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(
      true,
    )
    expect(new Set(withId).size).toBe(withId.length)
  })

  it('gives every provider a valid, unique ИНН and ОГРН', () => {
    const providers = region.social.providers
    expect(providers.filter((provider) => !isValidInn(provider.inn) || !isValidOgrn(provider.ogrn))).toEqual([])
    expect(new Set(providers.map((provider) => provider.inn)).size).toBe(providers.length)
    expect(new Set(providers.map((provider) => provider.ogrn)).size).toBe(providers.length)
    expect(new Set(providers.map((provider) => provider.side))).toEqual(
      new Set(['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO']),
    )
  })

  it('gives most children a valid, unique СНИЛС and leaves it pending only for newborns', () => {
    const withSnils = region.social.children.filter((child) => child.snils !== null)
    expect(withSnils.filter((child) => !isValidSnils(child.snils as string))).toEqual([])
    expect(new Set(withSnils.map((child) => child.snils)).size).toBe(withSnils.length)
    expect(withSnils.length).toBeGreaterThan(region.social.children.length * 0.9)
    const twoMonthsBefore = new Date(Date.parse(REFERENCE_DATE) - 60 * 86_400_000).toISOString().slice(0, 10)
    const pending = region.social.children.filter((child) => child.snils === null)
    expect(pending.length).toBeGreaterThan(0)
    expect(pending.filter((child) => child.birth_date <= twoMonthsBefore)).toEqual([])
  })

  it('keeps every child aged 0–3 on the reference date and every fact on or before it', () => {
    const threeYearsBefore = '2023-11-01'
    expect(
      region.social.children.filter(
        (child) => child.birth_date <= threeYearsBefore || child.birth_date > REFERENCE_DATE,
      ),
    ).toEqual([])
    const dates = [
      ...region.social.criteria.map((row) => row.valid_from),
      ...region.health.detectionEvents.map((row) => row.occurred_on),
      ...region.health.diagnoses.map((row) => row.diagnosed_on),
      ...region.health.healthGroupAssessments.map((row) => row.assessed_on),
      ...region.education.pmpkConclusions.map((row) => row.concluded_on),
      ...region.education.preschoolApplications.map((row) => row.applied_on),
      ...region.ngo.sessions.map((row) => row.delivered_on),
      ...region.ngo.parentGroupParticipations.map((row) => row.joined_on),
      ...SIDES.flatMap((side) => region[side].specialists.map((row) => row.employed_until ?? row.employed_from)),
      ...SIDES.flatMap((side) => region[side].specialistTrainings.map((row) => row.completed_on)),
    ]
    expect(dates.filter((date) => date > REFERENCE_DATE)).toEqual([])
  })

  it('refers from health, education and ngo only to children, families and providers that social holds', () => {
    const childIds = [
      ...region.health.healthGroupAssessments,
      ...region.health.detectionEvents,
      ...region.health.diagnoses,
      ...region.health.riskFactors,
      ...region.education.pmpkConclusions,
      ...region.education.preschoolApplications,
      ...region.ngo.sessions,
    ].map((row) => row.child_id)
    expect(childIds.filter((id) => !children.has(id))).toEqual([])

    const ngoProviders = ids(region.social.providers.filter((provider) => provider.side === 'NGO'))
    const providerIds = [...region.ngo.sessions, ...region.ngo.parentGroups].map((row) => row.provider_id)
    expect(providerIds.filter((id) => !ngoProviders.has(id))).toEqual([])

    const families = ids(region.social.families)
    expect(region.ngo.parentGroupParticipations.filter((row) => !families.has(row.family_id))).toEqual([])

    const offered = new Set(region.social.providerServices.map((row) => `${row.provider_id}:${row.service_code}`))
    expect(
      region.ngo.sessions.filter((session) => !offered.has(`${session.provider_id}:${session.service_code}`)),
    ).toEqual([])

    for (const side of SIDES) {
      const ownProviders = ids(region.social.providers.filter((provider) => provider.side === side.toUpperCase()))
      expect(region[side].specialists.filter((row) => !ownProviders.has(row.provider_id))).toEqual([])
      const specialists = ids(region[side].specialists)
      expect(region[side].specialistTrainings.filter((row) => !specialists.has(row.specialist_id))).toEqual([])
    }

    const municipalities = new Set(region.social.municipalities.map((municipality) => municipality.oktmo))
    const oktmos = [...region.education.kindergartens, ...region.ngo.parentGroups].map((row) => row.municipality_oktmo)
    expect(oktmos.filter((oktmo) => !municipalities.has(oktmo))).toEqual([])
    expect([...municipalities].every((oktmo) => /^98[67][0-9]{2}000$/.test(oktmo))).toBe(true)
  })

  it('puts every child on the registry for at least one reason, consistent with the other sides’ facts', () => {
    const criteria = new Map<string, Set<string>>()
    for (const criterion of region.social.criteria) {
      const codes = criteria.get(criterion.child_id) ?? new Set()
      codes.add(criterion.code)
      criteria.set(criterion.child_id, codes)
    }
    expect(region.social.children.filter((child) => !criteria.has(child.id))).toEqual([])

    const diagnoses = new Map<string, string[]>()
    for (const diagnosis of region.health.diagnoses) {
      diagnoses.set(diagnosis.child_id, [...(diagnoses.get(diagnosis.child_id) ?? []), diagnosis.icd10_code])
    }
    const down = [...diagnoses].filter(([, codes]) => codes.some((code) => code.startsWith('Q90')))
    expect(down.length).toBeGreaterThan(0)
    expect(down.filter(([child]) => !criteria.get(child)?.has('GENETIC_DISORDER'))).toEqual([])

    // The current health group is the latest assessment; an open HEALTH_GROUP_IV_V criterion needs it to be IV or V.
    const latest = new Map<string, { on: string; group: string }>()
    for (const assessment of region.health.healthGroupAssessments) {
      const seen = latest.get(assessment.child_id)
      if (!seen || assessment.assessed_on >= seen.on) {
        latest.set(assessment.child_id, { on: assessment.assessed_on, group: assessment.health_group })
      }
    }
    const openHealthGroup = region.social.criteria.filter((row) => row.code === 'HEALTH_GROUP_IV_V' && !row.valid_to)
    expect(openHealthGroup.length).toBeGreaterThan(0)
    expect(openHealthGroup.filter((row) => !['IV', 'V'].includes(latest.get(row.child_id)?.group ?? ''))).toEqual([])
    const severeWithout = [...latest].filter(
      ([child, { group }]) => ['IV', 'V'].includes(group) && !openHealthGroup.some((row) => row.child_id === child),
    )
    expect(severeWithout).toEqual([])

    const familyOf = new Map(region.social.children.map((child) => [child.id, child.family_id]))
    const situations = new Set(region.social.familySituations.map((row) => `${row.family_id}:${row.kind}`))
    const familyCriteria = region.social.criteria.filter(
      (row) => row.code === 'FAMILY_TJS' || row.code === 'FAMILY_SOP',
    )
    expect(familyCriteria.length).toBeGreaterThan(0)
    expect(
      familyCriteria.filter(
        (row) => !situations.has(`${familyOf.get(row.child_id)}:${row.code === 'FAMILY_SOP' ? 'SOP' : 'TJS'}`),
      ),
    ).toEqual([])

    const orphans = region.social.children.filter((child) => child.family_id === null)
    expect(orphans.length).toBeGreaterThan(0)
    expect(orphans.filter((child) => !criteria.get(child.id)?.has('ORPHAN_INSTITUTION'))).toEqual([])

    const ovzEvidence = new Set(
      region.education.pmpkConclusions
        .filter((row) => row.needs_special_conditions)
        .map((row) => `${row.child_id}:Заключение ПМПК № ${row.number}`),
    )
    const ovz = region.social.criteria.filter((row) => row.code === 'OVZ_PMPK')
    expect(ovz.length).toBeGreaterThan(0)
    expect(ovz.filter((row) => !ovzEvidence.has(`${row.child_id}:${row.evidence_document}`))).toEqual([])
  })

  it('names children in the gender form of their family’s surname', () => {
    expect(surnameOf('Иванов', 'FEMALE')).toBe('Иванова')
    expect(surnameOf('Ильин', 'FEMALE')).toBe('Ильина')
    expect(surnameOf('Троицкий', 'FEMALE')).toBe('Троицкая')
    expect(surnameOf('Шевченко', 'FEMALE')).toBe('Шевченко')
    expect(surnameOf('Черных', 'FEMALE')).toBe('Черных')

    const fathers = new Map(
      region.social.legalRepresentatives
        .filter((row) => row.relation === 'FATHER')
        .map((row) => [row.family_id, row.last_name]),
    )
    const withFather = region.social.children.filter((child) => child.family_id && fathers.has(child.family_id))
    expect(withFather.length).toBeGreaterThan(1000)
    expect(
      withFather.filter(
        (child) => child.last_name !== surnameOf(fathers.get(child.family_id as string) as string, child.sex),
      ),
    ).toEqual([])
  })

  it('staffs every provider in its own side’s part, with training completed by the end of each employment', () => {
    for (const side of SIDES) {
      const employing = new Set(
        region[side].specialists.filter((row) => row.employed_until === null).map((row) => row.provider_id),
      )
      const providers = region.social.providers.filter((provider) => provider.side === side.toUpperCase())
      expect(providers.filter((provider) => !employing.has(provider.id))).toEqual([])
      expect(region[side].specialistTrainings.length).toBeGreaterThan(region[side].specialists.length / 2)
      const specialists = new Map(region[side].specialists.map((row) => [row.id, row]))
      expect(
        region[side].specialistTrainings.filter((row) => {
          const until = specialists.get(row.specialist_id)?.employed_until
          return until !== null && until !== undefined && row.completed_on > until
        }),
      ).toEqual([])
      expect(
        region[side].specialists.filter((row) => row.employed_until && row.employed_until < row.employed_from),
      ).toEqual([])
    }
  })

  it('keeps preschool applications within the enrolment rule of the education database', () => {
    const applications = region.education.preschoolApplications
    expect(new Set(applications.map((row) => row.status))).toEqual(
      new Set(['QUEUED', 'DIRECTED', 'ENROLLED', 'WITHDRAWN']),
    )
    expect(applications.filter((row) => (row.status === 'ENROLLED') !== (row.enrolled_on !== null))).toEqual([])
    expect(
      applications.filter((row) => (row.status === 'ENROLLED' || row.status === 'DIRECTED') && !row.kindergarten_id),
    ).toEqual([])
  })
})

describe('seeding four in-memory PGlite databases', () => {
  const CHILDREN = 200
  const opened: Database<unknown>[] = []
  let databases: HubDatabases

  async function open<DB>(migrations: Parameters<typeof migrateToLatest>[1]) {
    const database = openDatabase<DB>({ dataDir: 'memory://' })
    opened.push(database as Database<unknown>)
    await migrateToLatest(database.db, migrations)
    return database.db
  }

  beforeAll(async () => {
    databases = {
      social: await open(socialMigrations),
      health: await open(healthMigrations),
      education: await open(educationMigrations),
      ngo: await open(ngoMigrations),
    }
    await seedDatabases(databases, { children: CHILDREN })
  })
  afterAll(async () => {
    for (const database of opened) await database.close()
  })

  async function column(db: Kysely<unknown>, query: string) {
    const { rows } = await sql.raw<{ value: string }>(query).execute(db)
    return rows.map((row) => row.value)
  }

  it('inserts every generated row, and nothing else', async () => {
    const region = generate(CHILDREN)
    const counts = await countRows(databases)
    expect(counts.social).toEqual({
      municipality: region.social.municipalities.length,
      provider: region.social.providers.length,
      provider_municipality: region.social.providerMunicipalities.length,
      provider_service: region.social.providerServices.length,
      specialist: region.social.specialists.length,
      specialist_training: region.social.specialistTrainings.length,
      family: region.social.families.length,
      legal_representative: region.social.legalRepresentatives.length,
      family_situation: region.social.familySituations.length,
      child: CHILDREN,
      registry_status_change: CHILDREN,
      possible_duplicate: 0,
      child_merge_step: 0,
      child_merge_move: 0,
      child_merge: 0,
      child_merge_delivery: 0,
      referral: 0,
      referral_pause: 0,
      programme: 0,
      programme_goal: 0,
      programme_service: 0,
      social_session: 0,
      programme_review: 0,
      programme_review_rating: 0,
      child_criterion: region.social.criteria.length,
    })
    expect(counts.health).toEqual({
      health_group_assessment: region.health.healthGroupAssessments.length,
      detection_event: region.health.detectionEvents.length,
      diagnosis: region.health.diagnoses.length,
      risk_factor: region.health.riskFactors.length,
      dispensary_observation: 0,
      rehabilitation_episode: 0,
      rehabilitation_session: 0,
      specialist: region.health.specialists.length,
      specialist_training: region.health.specialistTrainings.length,
    })
    expect(counts.education).toEqual({
      kindergarten: region.education.kindergartens.length,
      early_help_unit: region.education.earlyHelpUnits.length,
      pmpk_conclusion: region.education.pmpkConclusions.length,
      preschool_application: region.education.preschoolApplications.length,
      education_session: 0,
      specialist: region.education.specialists.length,
      specialist_training: region.education.specialistTrainings.length,
    })
    expect(counts.education.early_help_unit).toBeGreaterThan(0)
    expect(counts.ngo).toEqual({
      parent_group: region.ngo.parentGroups.length,
      ngo_session: region.ngo.sessions.length,
      parent_group_participation: region.ngo.parentGroupParticipations.length,
      specialist: region.ngo.specialists.length,
      specialist_training: region.ngo.specialistTrainings.length,
    })
    expect(counts.health.diagnosis).toBeGreaterThan(0)
    expect(counts.ngo.ngo_session).toBeGreaterThan(0)
  })

  it('refers from the other three databases only to ids the social database holds', async () => {
    const children = new Set(await column(databases.social as Kysely<unknown>, 'select id::text as value from child'))
    const families = new Set(await column(databases.social as Kysely<unknown>, 'select id::text as value from family'))
    const ngoProviders = new Set(
      await column(databases.social as Kysely<unknown>, `select id::text as value from provider where side = 'NGO'`),
    )
    const oktmos = new Set(await column(databases.social as Kysely<unknown>, 'select oktmo as value from municipality'))

    const referenced = [
      ...(await column(
        databases.health as Kysely<unknown>,
        `select child_id::text as value from health_group_assessment union select child_id::text from detection_event
         union select child_id::text from diagnosis union select child_id::text from risk_factor`,
      )),
      ...(await column(
        databases.education as Kysely<unknown>,
        'select child_id::text as value from pmpk_conclusion union select child_id::text from preschool_application',
      )),
      ...(await column(databases.ngo as Kysely<unknown>, 'select child_id::text as value from ngo_session')),
    ]
    expect(referenced.length).toBeGreaterThan(CHILDREN)
    expect(referenced.filter((id) => !children.has(id))).toEqual([])

    const providers = await column(
      databases.ngo as Kysely<unknown>,
      'select provider_id::text as value from ngo_session union select provider_id::text from parent_group',
    )
    expect(providers.filter((id) => !ngoProviders.has(id))).toEqual([])

    const participants = await column(
      databases.ngo as Kysely<unknown>,
      'select family_id::text as value from parent_group_participation',
    )
    expect(participants.filter((id) => !families.has(id))).toEqual([])

    const places = [
      ...(await column(databases.education as Kysely<unknown>, 'select municipality_oktmo as value from kindergarten')),
      ...(await column(databases.ngo as Kysely<unknown>, 'select municipality_oktmo as value from parent_group')),
    ]
    expect(places.filter((oktmo) => !oktmos.has(oktmo))).toEqual([])
  })

  it('flags some providers, and not most, as missing a mandatory role of the migrated catalogue', async () => {
    const providers = await databases.social.selectFrom('provider').select(['id', 'side']).execute()
    const required = await findRequiredRolesByProviderIds(
      databases.social,
      providers.map((provider) => provider.id),
    )
    const staffing: Record<Side, Kysely<StaffingTables>> = {
      SOCIAL: staffingView(databases.social),
      HEALTH: staffingView(databases.health),
      EDUCATION: staffingView(databases.education),
      NGO: staffingView(databases.ngo),
    }
    const flagged: string[] = []
    for (const provider of providers) {
      const specialists = await findSpecialistsByProviderIds(staffing[provider.side], [provider.id])
      const roles = required.filter((row) => row.providerId === provider.id).map((row) => row.role)
      expect(roles.length).toBeGreaterThan(0)
      if (missingRoles(roles, specialists).length > 0) flagged.push(provider.id)
    }
    expect(flagged.length).toBeGreaterThan(0)
    expect(flagged.length).toBeLessThan(providers.length / 4)
  })

  it('refuses to seed over existing children, and replaces them with reset', async () => {
    await expect(seedDatabases(databases, { children: 10 })).rejects.toThrow(RegionAlreadySeededError)
    expect((await countRows(databases)).social.child).toBe(CHILDREN)

    const counts = await seedDatabases(databases, { children: 50, reset: true })
    expect(counts.social.child).toBe(50)
    expect(counts.health.diagnosis).toBe(generate(50).health.diagnoses.length)
  })
})
