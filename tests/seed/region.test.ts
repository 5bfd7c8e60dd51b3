import { readFileSync } from 'node:fs'
import { sql, type Kysely } from 'kysely'
import { readFileTable, type FileTable } from '@hub/subgraph-kit/reference/file'
import { OKTMO_KIND } from '../../subgraphs/social/src/modules/providers/municipality-reference.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RegionAlreadySeededError, countRows, seedDatabases, type HubDatabases } from '../../scripts/seed.js'
import { isValidInn, isValidOgrn, isValidSnils } from '../../subgraphs/social/src/identifiers.js'
import { surnameOf } from '../../scripts/seed/names.js'
import { PROGRAMME_SERVICES, type ProgrammeServiceCode } from '../../scripts/seed/catalogue.js'
import { sessionsRecordedFrom } from '../../scripts/seed/pathway.js'
import { dayOf, FIXED_REFERENCE_DATE as REFERENCE_DATE, isoOf as isoOfDay } from '../../scripts/seed/days.js'
import type { RegionChunk } from '../../scripts/seed/region.js'
import { generate } from './generate.js'
import { SignalPicker, SIGNALS_WITHIN_DAYS } from '../../scripts/seed/signals.js'
import { openDatabase, type Database } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { migrations as educationMigrations } from '../../subgraphs/education/src/db/migrations/index.js'
import { migrations as healthMigrations } from '../../subgraphs/health/src/db/migrations/index.js'
import { migrations as ngoMigrations } from '../../subgraphs/ngo/src/db/migrations/index.js'
import { migrations as socialMigrations } from '../../subgraphs/social/src/db/migrations/index.js'
import {
  programmeReviewState,
  referralClockStates,
} from '../../subgraphs/social/src/modules/pathway/services/clocks.js'
import type { ChildCriterionTable, ExitReason, RegistryStatus } from '../../subgraphs/social/src/db/database.js'
import { findReviewsByProgrammeIds } from '../../subgraphs/social/src/modules/pathway/queries/programme_review.queries.js'
import { listSignedProgrammes } from '../../subgraphs/social/src/modules/pathway/queries/programme.queries.js'
import { findRequiredRolesByProviderIds } from '../../subgraphs/social/src/modules/providers/queries/provider.queries.js'
import {
  findPausesByReferralIds,
  listOpenReferrals,
} from '../../subgraphs/social/src/modules/pathway/queries/referral.queries.js'
import { listServiceTypes } from '../../subgraphs/social/src/modules/providers/queries/service_type.queries.js'
import { createLoaders } from '../../subgraphs/social/src/loaders.js'
import { TRANSITIONS } from '../../subgraphs/social/src/modules/registry/services/registry-status.js'
import { liveFigures } from '../../subgraphs/social/src/modules/monitoring/services/indicators.js'
import { staffingView, type Side, type StaffingTables } from '@hub/side-contract/staffing/database'
import { missingRoles } from '@hub/side-contract/staffing/services'
import { addMonths, inForce } from '@hub/subgraph-kit/validation'
import { requireEmail, requirePhone } from '../../subgraphs/social/src/modules/families/services/families.js'
import {
  receiveChildFindSignal,
  SIGNAL_PROPOSALS,
} from '../../subgraphs/social/src/modules/registry/services/child-find-signals.js'
import { listChildFindSignals } from '../../subgraphs/social/src/modules/registry/queries/child_find_signal.queries.js'
import { addDays } from '@hub/subgraph-kit/validation'
import { findSpecialistsByProviderIds } from '@hub/side-contract/staffing/specialist.queries'

const ids = (rows: readonly { id: string }[]) => new Set(rows.map((row) => row.id))

/** The child-find signals the seed leaves in health's and education's outboxes for a region. */
function signalsOf(region: RegionChunk) {
  const picker = new SignalPicker(REFERENCE_DATE)
  picker.add(region)
  return picker.chunk()
}

/** The UTC day of a timestamp. */
const isoOf = (at: Date) => at.toISOString().slice(0, 10)

/** Whether a representation row is in force on a day. */
const signedInForce = (representation: { valid_from: string; valid_to?: string | null } | undefined, day: string) =>
  representation !== undefined && inForce(representation.valid_from, representation.valid_to, day)

const SIDES = ['social', 'health', 'education', 'ngo'] as const

type CriterionCode = ChildCriterionTable['code']

/** The region the tests below read: 3,000 children, as `npm start` seeds. */
const region = generate(3000)

describe('the synthetic region', () => {
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

  it('keeps every child aged 0–3 on the reference date, or turned three since the previous quarter began, and every fact on or before it', () => {
    const threeYearsBeforeThePreviousQuarter = '2023-07-01'
    expect(
      region.social.children.filter(
        (child) => child.birth_date < threeYearsBeforeThePreviousQuarter || child.birth_date > REFERENCE_DATE,
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
      ...region.ngo.parentGroupMeetings.map((row) => row.held_on),
      ...region.ngo.volunteerHours.map((row) => row.worked_on),
      ...region.social.statusChanges.map((row) => isoOf(row.changed_at as Date)),
      ...region.social.possibleDuplicates.map((row) => isoOf((row.resolved_at ?? row.detected_at) as Date)),
      ...region.social.referrals.map((row) => row.need_determined_on ?? row.decided_on ?? row.received_on),
      ...region.social.referrals.map((row) => row.programme_signed_on ?? row.received_on),
      ...region.social.referralPauses.map((row) => row.ended_on ?? row.started_on),
      ...region.social.programmes.map((row) => row.closed_on ?? row.signed_on ?? isoOf(row.created_at as Date)),
      ...region.social.programmeReviews.map((row) => row.reviewed_on),
      ...region.social.sessions.map((row) => row.delivered_on),
      ...region.health.dispensaryObservations.map((row) => row.ended_on ?? row.started_on),
      ...region.health.rehabilitationEpisodes.map((row) => row.ended_on ?? row.started_on),
      ...region.health.rehabilitationSessions.map((row) => row.held_on),
      ...region.education.sessions.map((row) => row.delivered_on),
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

  it('codes every kindergarten by a valid ИНН of its own and its units by form, as the sample files name them', () => {
    const { kindergartens, earlyHelpUnits } = region.education
    expect(kindergartens.every((kindergarten) => isValidInn(kindergarten.code!))).toBe(true)
    expect(new Set(kindergartens.map((kindergarten) => kindergarten.code)).size).toBe(kindergartens.length)
    const units = new Set(earlyHelpUnits.map((unit) => `${unit.kindergarten_id}/${unit.code}`))
    expect(units.size).toBe(earlyHelpUnits.length)
    // The samples import over the demo region: the kindergartens and units they share carry the same codes and names.
    const byCode = new Map(kindergartens.map((kindergarten) => [kindergarten.code, kindergarten]))
    const rows = (name: string) =>
      readFileSync(new URL(`../../samples/reference/${name}`, import.meta.url), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(';'))
    const shared = rows('kindergartens-sample.csv').filter(([code]) => byCode.has(code!))
    expect(shared.length).toBeGreaterThan(5)
    for (const [code, name, oktmo] of shared) {
      expect(byCode.get(code!)).toMatchObject({ name, municipality_oktmo: oktmo })
    }
    const sharedUnits = rows('early-help-units-sample.csv').filter(([code]) => byCode.has(code!))
    expect(sharedUnits.length).toBeGreaterThan(2)
    for (const [code, unitCode, name] of sharedUnits) {
      const unit = earlyHelpUnits.find((row) => row.kindergarten_id === byCode.get(code!)!.id && row.code === unitCode)
      expect(unit).toMatchObject({ title: name })
    }
  })

  it('holds the municipalities the ОКТМО sample states, with the same names and remote flags', () => {
    const sample = OKTMO_KIND.read(
      readFileTable(readFileSync(new URL('../../samples/reference/oktmo-sample.csv', import.meta.url))) as FileTable,
    )
    const byCode = (rows: { oktmo: string; name: string; remote: boolean }[]) =>
      rows.sort((a, b) => a.oktmo.localeCompare(b.oktmo))
    expect(
      byCode(region.social.municipalities.map(({ oktmo, name, remote }) => ({ oktmo, name, remote: remote! }))),
    ).toEqual(
      byCode(
        sample.entries.map((entry) => ({
          oktmo: entry.code,
          name: entry.name,
          remote: entry.attributes!.remote === true,
        })),
      ),
    )
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

  it('leaves the coordinator a few signals of recent records, at most one of each kind, about children social holds', () => {
    const { health, education } = signalsOf(region)
    const outbox = [
      ...health.signalOutbox.map((row) => ({ ...row, side: 'HEALTH' })),
      ...education.signalOutbox.map((row) => ({ ...row, side: 'EDUCATION' })),
    ]
    expect(outbox.length).toBeGreaterThanOrEqual(3)
    expect(outbox.length).toBeLessThanOrEqual(6)
    expect(new Set(outbox.map((row) => row.kind)).size).toBe(outbox.length)
    expect(new Set(outbox.map((row) => row.id)).size).toBe(outbox.length)

    const records = new Map<string, { childId: string; day: string }>([
      ...region.health.healthGroupAssessments.map(
        (row) => [row.id, { childId: row.child_id, day: row.assessed_on }] as const,
      ),
      ...region.health.detectionEvents.map((row) => [row.id, { childId: row.child_id, day: row.occurred_on }] as const),
      ...region.health.diagnoses.map((row) => [row.id, { childId: row.child_id, day: row.diagnosed_on }] as const),
      ...region.education.pmpkConclusions.map(
        (row) => [row.id, { childId: row.child_id, day: row.concluded_on }] as const,
      ),
    ])
    const children = ids(region.social.children)
    for (const row of outbox) {
      const proposal = SIGNAL_PROPOSALS[row.kind as keyof typeof SIGNAL_PROPOSALS]
      expect(proposal).toEqual({ side: row.side, criterion: row.proposed_criterion })
      expect(records.get(row.source_record_id)).toEqual({ childId: row.child_id, day: row.recorded_on })
      expect(children.has(row.child_id)).toBe(true)
      expect(row.recorded_on >= addDays(REFERENCE_DATE, -SIGNALS_WITHIN_DAYS)).toBe(true)
      expect(row.recorded_on <= REFERENCE_DATE).toBe(true)
    }
    // The same rows however the region is chunked.
    expect(signalsOf(generate(3000, { chunkSize: 700 }))).toEqual(signalsOf(region))
  })

  it('names children in the gender form of their family’s surname', () => {
    expect(surnameOf('Иванов', 'FEMALE')).toBe('Иванова')
    expect(surnameOf('Ильин', 'FEMALE')).toBe('Ильина')
    expect(surnameOf('Троицкий', 'FEMALE')).toBe('Троицкая')
    expect(surnameOf('Шевченко', 'FEMALE')).toBe('Шевченко')
    expect(surnameOf('Черных', 'FEMALE')).toBe('Черных')

    const memberById = new Map(region.social.familyMembers.map((row) => [row.id, row]))
    const fathers = new Map(
      region.social.legalRepresentatives
        .filter((row) => row.relation === 'FATHER')
        .map((row) => memberById.get(row.member_id))
        .map((member) => [member?.family_id, member?.last_name]),
    )
    const withFather = region.social.children.filter((child) => child.family_id && fathers.has(child.family_id))
    expect(withFather.length).toBeGreaterThan(1000)
    expect(
      withFather.filter(
        (child) => child.last_name !== surnameOf(fathers.get(child.family_id as string) as string, child.sex),
      ),
    ).toEqual([])
  })

  it("gives almost every child with a representative its family's consent for the regional coordinator, signed by one of the family's representatives", () => {
    const { children, consents, familyMembers, legalRepresentatives } = region.social
    const familyOfMember = new Map(familyMembers.map((row) => [row.id, row.family_id]))
    const familyOfRepresentative = new Map(
      legalRepresentatives.map((row) => [row.id, familyOfMember.get(row.member_id)]),
    )
    const childById = new Map(children.map((child) => [child.id, child]))
    for (const consent of consents) {
      expect(familyOfRepresentative.get(consent.representative_id)).toBe(childById.get(consent.child_id)?.family_id)
      expect(String(consent.given_at) <= `${REFERENCE_DATE}T23:59:59`).toBe(true)
      if (consent.revoked_at) expect(String(consent.revoked_at) >= String(consent.given_at)).toBe(true)
    }
    const regional = new Set(consents.filter((row) => row.recipient_side === 'REGIONAL').map((row) => row.child_id))
    const represented = children.filter((child) => child.family_id !== null)
    expect(regional.size / represented.length).toBeGreaterThan(0.85)
    expect(consents.some((row) => row.revoked_at !== null)).toBe(true)
  })

  it('gives every referral to a non-state provider the family’s consent for that provider, signed on the day it was received', () => {
    const { children, consents, providers, referrals } = region.social
    const ngos = new Set(providers.filter((row) => row.side === 'NGO').map((row) => row.id))
    const represented = new Set(children.filter((child) => child.family_id !== null).map((child) => child.id))
    const consentOn = new Map(
      consents
        .filter((row) => row.recipient_provider_id !== null && row.revoked_at === null)
        .map((row) => [`${row.child_id}:${row.recipient_provider_id}`, String(row.given_at).slice(0, 10)]),
    )
    const toNgos = referrals.filter((row) => ngos.has(row.provider_id) && represented.has(row.child_id))
    expect(toNgos.length).toBeGreaterThan(20)
    expect(
      toNgos.filter((row) => !(consentOn.get(`${row.child_id}:${row.provider_id}`)! <= String(row.received_on))),
    ).toEqual([])
  })

  it('gives every family its members, a legal representative in force and contacts the mutations would accept', () => {
    const { families, familyMembers, legalRepresentatives, memberContacts } = region.social
    const memberById = new Map(familyMembers.map((row) => [row.id, row]))
    const represented = new Set(
      legalRepresentatives
        .filter((row) => inForce(row.valid_from, row.valid_to, REFERENCE_DATE))
        .map((row) => memberById.get(row.member_id)?.family_id),
    )
    expect(families.filter((family) => !represented.has(family.id))).toEqual([])
    expect(
      legalRepresentatives.filter((row) => {
        const member = memberById.get(row.member_id)
        const age = row.relation === 'MOTHER' || row.relation === 'FATHER' ? 16 : 18
        return (
          !member ||
          !row.document_basis ||
          (['MOTHER', 'FATHER'].includes(row.relation) && member.kinship !== 'PARENT') ||
          row.valid_from < addMonths(member.birth_date as string, 12 * age) ||
          row.valid_from > REFERENCE_DATE
        )
      }),
    ).toEqual([])
    expect(
      memberContacts.filter(
        (row) =>
          !memberById.has(row.member_id) ||
          (row.kind === 'PHONE' ? requirePhone('value', row.value) : requireEmail('value', row.value)) !== row.value,
      ),
    ).toEqual([])
    const kinships = new Set(familyMembers.map((row) => row.kinship))
    expect([...kinships].sort()).toEqual(['GRANDPARENT', 'NOT_RELATED', 'PARENT', 'SIBLING', 'STEP_PARENT'])
    expect(new Set(legalRepresentatives.map((row) => row.relation)).size).toBe(5)
    expect(familyMembers.some((row) => row.left_on && row.left_on <= REFERENCE_DATE)).toBe(true)
    expect(new Set(memberContacts.map((row) => row.kind))).toEqual(new Set(['PHONE', 'EMAIL']))
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

/** Every value of a closed list, checked by the compiler to be complete. */
const valuesOf = <T extends string>(all: Record<T, true>) => Object.keys(all) as T[]

const REGISTRY_STATUSES = Object.keys(TRANSITIONS) as RegistryStatus[]
const EXIT_REASONS = valuesOf<ExitReason>({
  TRANSITION_TO_PRESCHOOL: true,
  OTHER_SERVICES: true,
  CONTINUED_HELP: true,
  GOALS_ACHIEVED: true,
  MOVED: true,
  DECLINED: true,
  LOST_CONTACT: true,
  DIED: true,
})
const COMPLETING_EXITS = new Set<ExitReason>([
  'TRANSITION_TO_PRESCHOOL',
  'OTHER_SERVICES',
  'CONTINUED_HELP',
  'GOALS_ACHIEVED',
])
const CANCELLATIONS = ['CHILD_ILL', 'FAMILY_REQUEST', 'FAMILY_NO_SHOW', 'SPECIALIST_UNAVAILABLE', 'OTHER']

/** Groups rows by a key. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string) {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

describe('the pathway of the synthetic region’s children', () => {
  const { social, health, education, ngo } = region
  const childById = new Map(social.children.map((child) => [child.id, child]))
  const referralsOf = groupBy(social.referrals, (row) => row.child_id)
  const programmesOf = groupBy(social.programmes, (row) => row.child_id)
  const programmeById = new Map(social.programmes.map((row) => [row.id, row]))
  const itemById = new Map(social.programmeServices.map((row) => [row.id, row]))
  const providerById = new Map(social.providers.map((row) => [row.id, row]))
  const offered = new Set(social.providerServices.map((row) => `${row.provider_id}:${row.service_code}`))
  const serves = new Set(social.providerMunicipalities.map((row) => `${row.provider_id}:${row.municipality_oktmo}`))

  /** The last day a programme version was in force: its closing, the next version's signature, or the reference date. */
  function lastDayInForce(programme: (typeof social.programmes)[number]) {
    if (programme.closed_on) return programme.closed_on
    const next = programmesOf.get(programme.child_id)?.find((row) => row.version === programme.version + 1)
    return programme.status === 'SUPERSEDED' && next?.signed_on ? next.signed_on : REFERENCE_DATE
  }

  it('reaches every registry status, criterion, referral status, need outcome, programme status and exit reason', () => {
    const seen = <T>(rows: readonly T[], value: (row: T) => unknown) => new Set(rows.map(value))
    expect(seen(social.children, (row) => row.registry_status)).toEqual(new Set(REGISTRY_STATUSES))
    expect(seen(social.criteria, (row) => row.code)).toEqual(
      new Set(
        valuesOf<CriterionCode>({
          DISABLED_CHILD: true,
          HEALTH_GROUP_IV_V: true,
          ORPHAN_INSTITUTION: true,
          FAMILY_TJS: true,
          FAMILY_SOP: true,
          DEVELOPMENTAL_PARTICULARITY: true,
          PARENT_CONCERN: true,
          SCREENING_POSITIVE: true,
          GENETIC_DISORDER: true,
          OVZ_PMPK: true,
        }),
      ),
    )
    expect(seen(social.referrals, (row) => row.status)).toEqual(new Set(['RECEIVED', 'ACCEPTED', 'REJECTED']))
    expect(seen(social.referrals, (row) => row.from_side)).toEqual(new Set(['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO']))
    expect(seen(social.referrals, (row) => row.need_outcome)).toEqual(
      new Set([null, 'IN_NEED', 'NOT_IN_NEED', 'CONSULTATION_ONLY']),
    )
    expect(seen(social.referralPauses, (row) => row.reason)).toEqual(
      new Set(['FAMILY_UNAVAILABLE', 'CHILD_ILL', 'FAMILY_REQUEST', 'CHILD_HOSPITALISED', 'OTHER']),
    )
    expect(seen(social.programmes, (row) => row.status)).toEqual(new Set(['DRAFT', 'SIGNED', 'SUPERSEDED', 'CLOSED']))
    expect(seen(social.programmes, (row) => row.version)).toEqual(new Set([1, 2]))
    expect(seen(social.programmes, (row) => row.exit_reason)).toEqual(new Set([null, ...EXIT_REASONS]))
    expect(seen(social.programmeServices, (row) => row.responsible_side)).toEqual(
      new Set(['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO']),
    )
  })

  it('walks each child from registration to its current status one allowed step at a time', () => {
    const histories = groupBy(social.statusChanges, (row) => row.child_id)
    const wrong = social.children.filter((child) => {
      const steps = histories.get(child.id) ?? []
      const [first] = steps
      if (!first || first.from_status !== null || first.to_status !== 'POTENTIALLY_IN_NEED') return true
      if ((first.changed_at as Date).getTime() !== (child.registered_at as Date).getTime()) return true
      const moves = steps.slice(1).some((step, i) => {
        const before = steps[i] as (typeof steps)[number]
        return (
          step.from_status !== before.to_status ||
          !TRANSITIONS[before.to_status].includes(step.to_status) ||
          (step.changed_at as Date) <= (before.changed_at as Date)
        )
      })
      return moves || steps.at(-1)?.to_status !== child.registry_status
    })
    expect(wrong).toEqual([])
    // Referral, need determination, signature, exit: most children have come some way.
    expect(social.statusChanges.length).toBeGreaterThan(social.children.length * 3)
  })

  it('refers each child past the registry to a provider serving its municipality that determines need', () => {
    const wrong = social.children.filter((child) => {
      const live = (referralsOf.get(child.id) ?? []).filter((row) => row.status !== 'REJECTED')
      if (child.registry_status === 'POTENTIALLY_IN_NEED') return live.length > 0
      const [referral] = live
      if (live.length !== 1 || !referral) return true
      const outcome = ['PROGRAMME_ACTIVE', 'COMPLETED', 'EXITED'].includes(child.registry_status)
        ? 'IN_NEED'
        : child.registry_status === 'REFERRED'
          ? null
          : child.registry_status
      const first = programmesOf.get(child.id)?.find((row) => row.version === 1 && row.signed_on)
      return (
        referral.need_outcome !== outcome ||
        referral.programme_signed_on !== (first?.signed_on ?? null) ||
        !offered.has(`${referral.provider_id}:NEED_DETERMINATION`) ||
        !serves.has(`${referral.provider_id}:${child.municipality_oktmo}`) ||
        referral.received_on < isoOf(child.registered_at as Date)
      )
    })
    expect(wrong).toEqual([])
  })

  it('keeps every referral and pause within the referral rules', () => {
    expect(
      social.referrals.filter(
        (row) =>
          (row.status === 'RECEIVED') !== (row.decided_on === null) ||
          (row.status === 'REJECTED') !== (row.rejection_reason !== null) ||
          (row.decided_on && row.decided_on < row.received_on) ||
          (row.need_outcome === null) !== (row.need_determined_on === null) ||
          (row.need_determined_on && (row.status !== 'ACCEPTED' || row.need_determined_on < row.received_on)) ||
          (row.programme_signed_on && row.programme_signed_on < (row.need_determined_on as string)) ||
          (row.rejection_reason === 'OTHER' && !row.rejection_note),
      ),
    ).toEqual([])
    const referralById = new Map(social.referrals.map((row) => [row.id, row]))
    const pauses = groupBy(social.referralPauses, (row) => row.referral_id)
    expect(
      social.referralPauses.filter((pause) => {
        const referral = referralById.get(pause.referral_id)
        return (
          !referral ||
          referral.status === 'REJECTED' ||
          pause.started_on < referral.received_on ||
          (pause.ended_on && pause.ended_on < pause.started_on) ||
          (pause.ended_on === null && referral.need_determined_on !== null) ||
          (referral.need_determined_on && (pause.ended_on as string) > referral.need_determined_on) ||
          (pause.reason === 'OTHER' && !pause.note) ||
          (pauses.get(pause.referral_id)?.length ?? 0) > 1
        )
      }),
    ).toEqual([])
    expect(social.referralPauses.some((pause) => pause.ended_on === null)).toBe(true)
  })

  it('draws up, signs and closes every programme as the programme rules allow', () => {
    const familyOfMember = new Map(social.familyMembers.map((row) => [row.id, row.family_id]))
    const representatives = new Map(social.legalRepresentatives.map((row) => [row.id, row]))
    const referralById = new Map(social.referrals.map((row) => [row.id, row]))
    const wrongChildren = social.children.filter((child) => {
      const programmes = (programmesOf.get(child.id) ?? []).sort((a, b) => a.version - b.version)
      const signed = programmes.filter((row) => row.status === 'SIGNED')
      const closed = programmes.filter((row) => row.status === 'CLOSED')
      const versions = programmes.map((row) => row.version).join()
      if (versions !== programmes.map((_, i) => i + 1).join()) return true
      switch (child.registry_status) {
        case 'PROGRAMME_ACTIVE':
          return signed.length !== 1 || closed.length > 0 || signed[0] !== programmes.at(-1)
        case 'COMPLETED':
        case 'EXITED': {
          const exit = closed[0]?.exit_reason as ExitReason
          return (
            closed.length !== 1 ||
            signed.length > 0 ||
            closed[0] !== programmes.at(-1) ||
            COMPLETING_EXITS.has(exit) !== (child.registry_status === 'COMPLETED')
          )
        }
        case 'IN_NEED':
          return programmes.some((row) => row.status !== 'DRAFT')
        default:
          return programmes.length > 0
      }
    })
    expect(wrongChildren).toEqual([])

    const wrongProgrammes = social.programmes.filter((programme) => {
      const child = childById.get(programme.child_id)
      const referral = referralById.get(programme.referral_id)
      const drafted = isoOf(programme.created_at as Date)
      return (
        !child ||
        !referral ||
        referral.child_id !== child.id ||
        referral.status !== 'ACCEPTED' ||
        programme.provider_id !== referral.provider_id ||
        (programme.status === 'DRAFT') !== (programme.signed_on === null) ||
        (programme.status === 'CLOSED') !== (programme.closed_on !== null) ||
        (programme.status === 'CLOSED') !== (programme.exit_reason !== null) ||
        (programme.signed_on &&
          (programme.signed_on < (referral.need_determined_on as string) ||
            drafted > programme.signed_on ||
            !signedInForce(representatives.get(programme.signed_by_representative_id as string), programme.signed_on) ||
            familyOfMember.get(
              representatives.get(programme.signed_by_representative_id as string)?.member_id ?? '',
            ) !== child.family_id)) ||
        (programme.closed_on && programme.closed_on < (programme.signed_on as string))
      )
    })
    expect(wrongProgrammes).toEqual([])
  })

  it('names a куратор for every programme, among its provider’s named staff, who leads its later versions too', () => {
    const staff = new Map(region.social.staffMembers.map((member) => [member.subject, member]))
    expect(staff.size).toBe(region.social.staffMembers.length)
    expect(staff.size).toBe(region.social.providers.length * 3)
    for (const member of staff.values()) expect(member.name).toMatch(/^[А-ЯЁ][а-яё-]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/)
    const programmes = new Map(region.social.programmes.map((programme) => [programme.id, programme]))
    const firstVersions = region.social.programmes.filter((programme) => programme.version === 1)
    expect(region.social.programmeLeads).toHaveLength(firstVersions.length)
    for (const lead of region.social.programmeLeads) {
      const programme = programmes.get(lead.programme_id)!
      expect(programme.version).toBe(1)
      expect(staff.get(lead.subject)?.organisation).toBe(programme.provider_id)
      expect(staff.get(lead.assigned_by)?.organisation).toBe(programme.provider_id)
      expect(lead.subject).not.toBe(lead.assigned_by)
    }
    // Later versions are drafted by the same provider, so the first version's куратор leads them.
    for (const programme of region.social.programmes.filter((row) => row.version > 1)) {
      const first = firstVersions.find((row) => row.child_id === programme.child_id)!
      expect(first.provider_id).toBe(programme.provider_id)
    }
  })

  it('sets ICF-CY goals and plans catalogue services by providers of the responsible side that offer them', () => {
    const goalsOf = groupBy(social.programmeGoals, (row) => row.programme_id)
    const itemsOf = groupBy(social.programmeServices, (row) => row.programme_id)
    expect(social.programmes.filter((row) => !goalsOf.has(row.id) || !itemsOf.has(row.id))).toEqual([])
    expect(
      social.programmeGoals.filter(
        (goal) =>
          !/^[bsde][0-9]{3,5}$/.test(goal.icf_code) ||
          goal.target_qualifier < 0 ||
          goal.baseline_qualifier > 4 ||
          goal.target_qualifier > goal.baseline_qualifier,
      ),
    ).toEqual([])
    expect(
      social.programmeServices.filter((item) => {
        const provider = providerById.get(item.provider_id)
        const child = childById.get(programmeById.get(item.programme_id)?.child_id ?? '')
        const rules = PROGRAMME_SERVICES[item.service_code as ProgrammeServiceCode]
        return (
          !provider ||
          !child ||
          !rules ||
          provider.side !== item.responsible_side ||
          !offered.has(`${item.provider_id}:${item.service_code}`) ||
          !serves.has(`${item.provider_id}:${child.municipality_oktmo}`) ||
          (item.mode === 'REMOTE' && !rules.remote) ||
          item.sessions_per_month < 1 ||
          item.sessions_per_month > 31 ||
          item.duration_minutes < 5 ||
          item.duration_minutes > 480
        )
      }),
    ).toEqual([])
  })

  it('reviews each signed programme while it is in force, with a final review at a planned exit', () => {
    const reviewsOf = groupBy(social.programmeReviews, (row) => row.programme_id)
    const goalCodes = new Map(
      [...groupBy(social.programmeGoals, (row) => row.programme_id)].map(([id, goals]) => [
        id,
        goals.map((goal) => goal.icf_code).join(),
      ]),
    )
    const ratingsOf = groupBy(social.programmeReviewRatings, (row) => row.review_id)
    expect(
      social.programmeReviews.filter((review) => {
        const programme = programmeById.get(review.programme_id)
        const ratings = (ratingsOf.get(review.id) ?? []).sort((a, b) => a.position - b.position)
        return (
          !programme?.signed_on ||
          review.reviewed_on < programme.signed_on ||
          review.reviewed_on > lastDayInForce(programme) ||
          (review.kind === 'FINAL' && programme.status !== 'CLOSED') ||
          ratings.map((rating) => rating.icf_code).join() !== goalCodes.get(programme.id) ||
          ratings.some((rating) => rating.qualifier < 0 || rating.qualifier > 4)
        )
      }),
    ).toEqual([])
    const plannedExits = social.programmes.filter((row) => COMPLETING_EXITS.has(row.exit_reason as ExitReason))
    expect(plannedExits.length).toBeGreaterThan(0)
    expect(
      plannedExits.filter((row) => !(reviewsOf.get(row.id) ?? []).some((review) => review.kind === 'FINAL')),
    ).toEqual([])
    expect(social.programmeReviews.filter((row) => row.kind === 'INTERMEDIATE').length).toBeGreaterThan(0)

    const enrolled = new Map(
      education.preschoolApplications.filter((row) => row.status === 'ENROLLED').map((row) => [row.child_id, row]),
    )
    const transitions = social.programmes.filter((row) => row.exit_reason === 'TRANSITION_TO_PRESCHOOL')
    expect(transitions.filter((row) => enrolled.get(row.child_id)?.enrolled_on !== row.closed_on)).toEqual([])
  })

  it('delivers sessions on all four sides against items of the child’s programme while it is in force', () => {
    const episodeById = new Map(health.rehabilitationEpisodes.map((row) => [row.id, row]))
    const unitMunicipality = new Map(
      education.earlyHelpUnits.map((unit) => [
        unit.id,
        education.kindergartens.find((kindergarten) => kindergarten.id === unit.kindergarten_id)?.municipality_oktmo,
      ]),
    )
    const sessions = [
      ...social.sessions.map((row) => ({
        side: 'SOCIAL',
        item: row.programme_service_id,
        child: null,
        on: row.delivered_on,
        row,
      })),
      ...health.rehabilitationSessions.map((row) => ({
        side: 'HEALTH',
        item: row.programme_service_id,
        child: episodeById.get(row.episode_id)?.child_id,
        on: row.held_on,
        row,
      })),
      ...education.sessions.map((row) => ({
        side: 'EDUCATION',
        item: row.programme_service_id,
        child: row.child_id,
        on: row.delivered_on,
        row,
      })),
      ...ngo.sessions
        .filter((row) => row.programme_service_id !== null)
        .map((row) => ({
          side: 'NGO',
          item: row.programme_service_id,
          child: row.child_id,
          on: row.delivered_on,
          row,
        })),
    ]
    expect(new Set(sessions.map((session) => session.side))).toEqual(new Set(['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO']))
    expect(
      sessions.filter(({ side, item: itemId, child, on }) => {
        const item = itemById.get(itemId as string)
        const programme = programmeById.get(item?.programme_id ?? '')
        return (
          !item ||
          !programme?.signed_on ||
          item.responsible_side !== side ||
          (child !== null && child !== programme.child_id) ||
          on < programme.signed_on ||
          on > lastDayInForce(programme) ||
          on < isoOfDay(sessionsRecordedFrom(dayOf(REFERENCE_DATE)))
        )
      }),
    ).toEqual([])

    expect(
      [...social.sessions, ...health.rehabilitationSessions, ...education.sessions, ...ngo.sessions].filter(
        (row) => row.attended === (row.cancellation_reason !== null),
      ),
    ).toEqual([])
    expect(new Set(social.sessions.map((row) => row.cancellation_reason))).toEqual(
      new Set([null, ...CANCELLATIONS, 'ORGANISATION_CLOSED']),
    )
    expect(new Set(education.sessions.map((row) => row.cancellation_reason))).toEqual(
      new Set([null, ...CANCELLATIONS, 'ORGANISATION_CLOSED']),
    )
    expect(new Set(ngo.sessions.map((row) => row.cancellation_reason))).toEqual(
      new Set([null, ...CANCELLATIONS, 'PROVIDER_ORGANISATIONAL']),
    )

    expect(
      social.sessions.filter(
        (row) =>
          !PROGRAMME_SERVICES[
            itemById.get(row.programme_service_id)?.service_code as ProgrammeServiceCode
          ]?.roles.includes(row.specialist_role),
      ),
    ).toEqual([])
    expect(
      ngo.sessions.filter((row) => {
        const item = row.programme_service_id ? itemById.get(row.programme_service_id) : null
        if (!item)
          return (
            row.service_code !== 'CONSULTATION' || childById.get(row.child_id)?.registry_status !== 'CONSULTATION_ONLY'
          )
        return item.provider_id !== row.provider_id || item.service_code !== row.service_code || item.mode !== row.mode
      }),
    ).toEqual([])
    expect(
      education.sessions.filter((row) => {
        const item = itemById.get(row.programme_service_id as string)
        return (
          item?.service_code !== row.service_code ||
          item.mode !== row.mode ||
          unitMunicipality.get(row.unit_id) !== childById.get(row.child_id)?.municipality_oktmo
        )
      }),
    ).toEqual([])
    expect(
      health.rehabilitationSessions.filter((row) => {
        const episode = episodeById.get(row.episode_id)
        return (
          !episode ||
          row.held_on < episode.started_on ||
          (episode.ended_on && row.held_on > episode.ended_on) ||
          itemById.get(row.programme_service_id as string)?.mode !== row.mode
        )
      }),
    ).toEqual([])
  })

  it('flags a few second records of a child as possible duplicates, open and dismissed', () => {
    const duplicates = social.possibleDuplicates
    expect(new Set(duplicates.map((row) => row.status))).toEqual(new Set(['OPEN', 'DISMISSED']))
    expect(
      duplicates.filter((row) => {
        const child = childById.get(row.child_id)
        const candidate = childById.get(row.candidate_child_id)
        return (
          !child ||
          !candidate ||
          child.id === candidate.id ||
          child.name_key !== candidate.name_key ||
          child.birth_date !== candidate.birth_date ||
          !child.snils ||
          !candidate.snils ||
          child.snils === candidate.snils ||
          (child.registered_at as Date) < (candidate.registered_at as Date) ||
          (row.status === 'DISMISSED') !== (row.resolved_at !== null && row.resolution_note !== null) ||
          (row.resolved_at && row.resolved_at < (row.detected_at as Date))
        )
      }),
    ).toEqual([])
  })

  it('observes chronic diagnoses, ending the observation as the child’s story ends it', () => {
    // The first time the child was given the code.
    const diagnosed = new Map<string, string>()
    for (const row of health.diagnoses) {
      const key = `${row.child_id}:${row.icd10_code}`
      const earlier = diagnosed.get(key)
      if (!earlier || row.diagnosed_on < earlier) diagnosed.set(key, row.diagnosed_on)
    }
    const exits = new Map(social.programmes.filter((row) => row.exit_reason).map((row) => [row.child_id, row]))
    const observations = health.dispensaryObservations
    expect(new Set(observations.map((row) => row.end_reason))).toEqual(
      new Set([null, 'RECOVERED', 'STABLE_REMISSION', 'TRANSFERRED', 'REFUSED', 'DIED']),
    )
    expect(
      observations.filter((row) => {
        const diagnosedOn = diagnosed.get(`${row.child_id}:${row.icd10_code}`)
        const exit = exits.get(row.child_id)
        return (
          !diagnosedOn ||
          row.started_on < diagnosedOn ||
          (row.ended_on === null) !== (row.end_reason === null) ||
          (row.ended_on && row.ended_on < row.started_on) ||
          (row.end_reason === 'DIED' && (exit?.exit_reason !== 'DIED' || row.ended_on !== exit.closed_on)) ||
          // A death ends every observation still open then.
          (exit?.exit_reason === 'DIED' && (!row.ended_on || row.ended_on > (exit.closed_on as string)))
        )
      }),
    ).toEqual([])
    const open = observations.filter((row) => row.ended_on === null)
    expect(new Set(open.map((row) => `${row.child_id}:${row.icd10_code}:${row.specialty}`)).size).toBe(open.length)
  })

  it('runs parent group meetings and volunteers’ hours as the ngo rules allow', () => {
    const groups = new Map(ngo.parentGroups.map((row) => [row.id, row]))
    expect(ngo.parentGroups.filter((row) => !row.format || !row.started_on)).toEqual([])
    expect(ngo.parentGroupMeetings.length).toBeGreaterThan(ngo.parentGroups.length)
    expect(
      ngo.parentGroupMeetings.filter((row) => row.held_on < (groups.get(row.parent_group_id)?.started_on ?? '9')),
    ).toEqual([])
    expect(
      ngo.parentGroupParticipations.filter(
        (row) => row.joined_on < (groups.get(row.parent_group_id)?.started_on ?? '9'),
      ),
    ).toEqual([])

    const volunteers = new Map(ngo.volunteers.map((row) => [row.id, row]))
    const ngoProviders = ids(social.providers.filter((row) => row.side === 'NGO'))
    expect(ngo.volunteers.filter((row) => !ngoProviders.has(row.provider_id))).toEqual([])
    expect(new Set(ngo.volunteers.map((row) => `${row.provider_id}:${row.registration_number}`)).size).toBe(
      ngo.volunteers.length,
    )
    expect(
      ngo.volunteerHours.filter((row) => {
        const volunteer = volunteers.get(row.volunteer_id)
        return (
          !volunteer ||
          row.worked_on < volunteer.started_on ||
          (volunteer.ended_on && row.worked_on > volunteer.ended_on) ||
          !volunteer.activity_kinds.includes(row.activity) ||
          row.minutes % 15 !== 0 ||
          row.minutes < 15 ||
          row.minutes > 1440
        )
      }),
    ).toEqual([])
    expect(new Set(ngo.volunteerHours.map((row) => row.activity)).size).toBe(5)
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
    await seedDatabases(databases, { children: CHILDREN, today: REFERENCE_DATE })
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
    const signals = signalsOf(region)
    const counts = await countRows(databases)
    expect(counts.social).toEqual({
      municipality: region.social.municipalities.length,
      provider: region.social.providers.length,
      provider_municipality: region.social.providerMunicipalities.length,
      provider_service: region.social.providerServices.length,
      specialist: region.social.specialists.length,
      specialist_training: region.social.specialistTrainings.length,
      family: region.social.families.length,
      family_member: region.social.familyMembers.length,
      legal_representative: region.social.legalRepresentatives.length,
      member_contact: region.social.memberContacts.length,
      family_situation: region.social.familySituations.length,
      child: CHILDREN,
      registry_status_change: region.social.statusChanges.length,
      possible_duplicate: region.social.possibleDuplicates.length,
      child_merge_step: 0,
      child_merge_move: 0,
      child_merge: 0,
      child_merge_delivery: 0,
      consent: region.social.consents.length,
      referral: region.social.referrals.length,
      referral_pause: region.social.referralPauses.length,
      programme: region.social.programmes.length,
      staff_member: region.social.staffMembers.length,
      programme_lead: region.social.programmeLeads.length,
      programme_goal: region.social.programmeGoals.length,
      programme_service: region.social.programmeServices.length,
      social_session: region.social.sessions.length,
      programme_review: region.social.programmeReviews.length,
      programme_review_rating: region.social.programmeReviewRatings.length,
      child_criterion: region.social.criteria.length,
    })
    expect(counts.health).toEqual({
      health_group_assessment: region.health.healthGroupAssessments.length,
      detection_event: region.health.detectionEvents.length,
      diagnosis: region.health.diagnoses.length,
      risk_factor: region.health.riskFactors.length,
      dispensary_observation: region.health.dispensaryObservations.length,
      rehabilitation_episode: region.health.rehabilitationEpisodes.length,
      rehabilitation_session: region.health.rehabilitationSessions.length,
      signal_outbox: signals.health.signalOutbox.length,
      specialist: region.health.specialists.length,
      specialist_training: region.health.specialistTrainings.length,
    })
    expect(counts.education).toEqual({
      kindergarten: region.education.kindergartens.length,
      early_help_unit: region.education.earlyHelpUnits.length,
      pmpk_conclusion: region.education.pmpkConclusions.length,
      preschool_application: region.education.preschoolApplications.length,
      education_session: region.education.sessions.length,
      signal_outbox: signals.education.signalOutbox.length,
      specialist: region.education.specialists.length,
      specialist_training: region.education.specialistTrainings.length,
    })
    expect(counts.education.early_help_unit).toBeGreaterThan(0)
    expect(counts.ngo).toEqual({
      parent_group: region.ngo.parentGroups.length,
      ngo_session: region.ngo.sessions.length,
      parent_group_participation: region.ngo.parentGroupParticipations.length,
      parent_group_meeting: region.ngo.parentGroupMeetings.length,
      volunteer: region.ngo.volunteers.length,
      volunteer_hours: region.ngo.volunteerHours.length,
      specialist: region.ngo.specialists.length,
      specialist_training: region.ngo.specialistTrainings.length,
    })
    for (const count of [
      counts.health.diagnosis,
      counts.social.referral,
      counts.social.social_session,
      counts.health.rehabilitation_session,
      counts.education.education_session,
      counts.ngo.ngo_session,
    ]) {
      expect(count).toBeGreaterThan(0)
    }
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

  it('refers from health, education and ngo sessions only to ИПРП items the social database holds', async () => {
    const items = new Set(
      await column(databases.social as Kysely<unknown>, 'select id::text as value from programme_service'),
    )
    const referenced = [
      ...(await column(
        databases.health as Kysely<unknown>,
        'select programme_service_id::text as value from rehabilitation_session',
      )),
      ...(await column(
        databases.education as Kysely<unknown>,
        'select programme_service_id::text as value from education_session',
      )),
      ...(await column(
        databases.ngo as Kysely<unknown>,
        'select programme_service_id::text as value from ngo_session where programme_service_id is not null',
      )),
    ]
    expect(referenced.length).toBeGreaterThan(0)
    expect(referenced.filter((id) => !items.has(id))).toEqual([])
  })

  it('copies the service rules it plans with from the catalogue the social migration installs', async () => {
    const catalogue = new Map((await listServiceTypes(databases.social, REFERENCE_DATE)).map((row) => [row.code, row]))
    for (const [code, rules] of Object.entries(PROGRAMME_SERVICES)) {
      const row = catalogue.get(code)
      expect(row?.kind).toBe('PROGRAMME')
      expect({ remote: row?.remoteAllowed, roles: row?.requiredRoles, minutes: row?.standardDurationMinutes }).toEqual({
        remote: rules.remote,
        roles: rules.roles,
        minutes: rules.minutes,
      })
    }
    const programmeServices = [...catalogue.values()].filter((row) => row.kind === 'PROGRAMME')
    expect(programmeServices.map((row) => row.code).sort()).toEqual(Object.keys(PROGRAMME_SERVICES).sort())
  })

  it('gives the coordinator NEW signals once social receives what the outboxes hold', async () => {
    const outboxes = [
      ...(await databases.health.selectFrom('signal_outbox').selectAll().execute()).map((row) => ({
        row,
        side: 'health' as const,
      })),
      ...(await databases.education.selectFrom('signal_outbox').selectAll().execute()).map((row) => ({
        row,
        side: 'education' as const,
      })),
    ]
    expect(outboxes.length).toBeGreaterThan(0)
    expect(outboxes.every(({ row }) => row.delivered_at === null && row.refused_at === null)).toBe(true)
    // As the delivery does at start, through social's own rules for a signal it receives.
    await databases.social.transaction().execute(async (trx) => {
      for (const { row, side } of outboxes) {
        await receiveChildFindSignal(
          trx,
          { subject: `service:${side}`, side, organisation: null, role: 'service' },
          {
            id: row.id,
            childId: row.child_id,
            kind: row.kind as keyof typeof SIGNAL_PROPOSALS,
            proposedCriterion: row.proposed_criterion as CriterionCode,
            sourceRecordId: row.source_record_id,
            recordedOn: row.recorded_on,
          },
        )
      }
    })
    const queue = await listChildFindSignals(databases.social, { status: 'NEW', first: 100 })
    expect(queue.totalCount).toBe(outboxes.length)
  })

  it('leaves coordinators overdue referrals and overdue programme reviews on the reference date', async () => {
    const loaders = createLoaders(databases.social, liveFigures(undefined))
    const calendar = await loaders.calendar()
    const open = await listOpenReferrals(databases.social, {})
    const pauses = await findPausesByReferralIds(
      databases.social,
      open.map((referral) => referral.id),
    )
    const states = open.flatMap((referral) =>
      referralClockStates(
        referral,
        pauses.filter((pause) => pause.referralId === referral.id),
        calendar,
        REFERENCE_DATE,
      ),
    )
    const needClocks = states.filter((state) => state.code === 'REFERRAL_TO_NEED_DETERMINATION')
    expect(needClocks.filter((state) => state.status === 'OVERDUE').length).toBeGreaterThan(0)

    const programmes = await listSignedProgrammes(databases.social)
    const reviews = await findReviewsByProgrammeIds(
      databases.social,
      programmes.map((programme) => programme.id),
    )
    const reviewStates = programmes.map(
      (programme) =>
        programmeReviewState(
          programme,
          reviews.filter((review) => review.programmeId === programme.id),
          calendar,
          REFERENCE_DATE,
        )?.status,
    )
    expect(reviewStates.filter((status) => status === 'OVERDUE').length).toBeGreaterThan(0)
    expect(reviewStates.filter((status) => status === 'RUNNING').length).toBeGreaterThan(programmes.length / 2)
  })

  it('flags some providers, and not most, as missing a mandatory role of the migrated catalogue', async () => {
    const providers = await databases.social.selectFrom('provider').select(['id', 'side']).execute()
    const required = await findRequiredRolesByProviderIds(
      databases.social,
      providers.map((provider) => provider.id),
      REFERENCE_DATE,
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
    await expect(seedDatabases(databases, { children: 10, today: REFERENCE_DATE })).rejects.toThrow(
      RegionAlreadySeededError,
    )
    expect((await countRows(databases)).social.child).toBe(CHILDREN)
    // A merge health followed before the reset is about children the new region does not hold.
    await sql`insert into child_merge_step (merge_id, survivor_id, merged_id, applied_at)
              values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), now())`.execute(databases.health)

    const counts = await seedDatabases(databases, { children: 50, today: REFERENCE_DATE, reset: true })
    expect(counts.social.child).toBe(50)
    expect(counts.health.diagnosis).toBe(generate(50).health.diagnoses.length)
    const { rows } = await sql<{ count: number }>`select count(*)::int as count from child_merge_step`.execute(
      databases.health,
    )
    expect(rows).toEqual([{ count: 0 }])
  })
})
