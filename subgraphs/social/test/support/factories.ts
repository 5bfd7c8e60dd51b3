import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import type {
  ChildCriterionTable,
  ChildFindSignalTable,
  ChildTable,
  ConsentTable,
  DB,
  FamilySituationTable,
  FamilyTable,
  FamilyMemberTable,
  LegalRepresentativeTable,
  MemberContactTable,
  ProgrammeGoalTable,
  ProgrammeReviewTable,
  ProgrammeServiceTable,
  ProgrammeTable,
  ProviderTable,
  ReferralPauseTable,
  ReferralTable,
  SocialSessionTable,
} from '../../src/db/database.js'
import { snilsCheckNumber } from '../../src/identifiers.js'
import { nameKey } from '../../src/names.js'

export const MUNICIPALITY = { oktmo: '71800000', name: 'Тестовый муниципальный район' }

let sequence = 0
const next = () => ++sequence

export async function insertMunicipality(db: Kysely<DB>, row = MUNICIPALITY) {
  await db
    .insertInto('municipality')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute()
  return row
}

export async function insertFamily(db: Kysely<DB>, overrides: Partial<Insertable<FamilyTable>> = {}) {
  await insertMunicipality(db)
  const row = { id: randomUUID(), municipality_oktmo: MUNICIPALITY.oktmo, address: 'ул. Тестовая, д. 1', ...overrides }
  await db.insertInto('family').values(row).execute()
  return row
}

/** A member of the family who is its children's legal representative; the member and the representation share an id. */
export async function insertRepresentative(
  db: Kysely<DB>,
  familyId: string,
  overrides: Partial<Insertable<FamilyMemberTable>> & Partial<Insertable<LegalRepresentativeTable>> = {},
) {
  const id = overrides.id ?? randomUUID()
  const name = {
    lastName: overrides.last_name ?? 'Иванова',
    firstName: overrides.first_name ?? 'Мария',
    patronymic: overrides.patronymic ?? 'Петровна',
  }
  const member = {
    id,
    family_id: familyId,
    last_name: name.lastName,
    first_name: name.firstName,
    patronymic: name.patronymic,
    name_key: nameKey(name),
    kinship: overrides.kinship ?? ('PARENT' as const),
    birth_date: overrides.birth_date ?? '1995-04-12',
  }
  const representation = {
    id,
    member_id: id,
    relation: overrides.relation ?? ('MOTHER' as const),
    document_basis: overrides.document_basis ?? 'Свидетельство о рождении ребёнка',
    valid_from: overrides.valid_from ?? '2023-01-01',
    valid_to: overrides.valid_to ?? null,
  }
  await db.insertInto('family_member').values(member).execute()
  await db.insertInto('legal_representative').values(representation).execute()
  return { ...member, ...representation }
}

export async function insertSituation(
  db: Kysely<DB>,
  familyId: string,
  overrides: Partial<Insertable<FamilySituationTable>> = {},
) {
  const row = {
    id: randomUUID(),
    family_id: familyId,
    kind: 'SOP' as const,
    decision_number: `КДН-2026/${next()}`,
    decided_on: '2026-01-15',
    ended_on: null,
    ...overrides,
  }
  await db.insertInto('family_situation').values(row).execute()
  return row
}

export function buildChild(overrides: Partial<Insertable<ChildTable>> = {}) {
  const n = next()
  const row = {
    id: randomUUID(),
    family_id: null,
    last_name: 'Иванов',
    first_name: `Тест${n}`,
    patronymic: 'Иванович',
    birth_date: '2025-03-14',
    sex: 'MALE' as const,
    snils: null,
    municipality_oktmo: MUNICIPALITY.oktmo,
    registry_status: 'POTENTIALLY_IN_NEED' as const,
    ...overrides,
  }
  return {
    ...row,
    name_key: nameKey({ lastName: row.last_name, firstName: row.first_name, patronymic: row.patronymic }),
  }
}

export async function insertChildren(db: Kysely<DB>, rows: ReturnType<typeof buildChild>[]) {
  await insertMunicipality(db)
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('child')
      .values(rows.slice(i, i + 1000))
      .execute()
  return rows
}

/** A fresh valid СНИЛС (11 digits, check number computed), distinct within a test run. */
export function uniqueSnils() {
  const firstNine = String(2_000_000 + next()).padStart(9, '0')
  return `${firstNine}${snilsCheckNumber(firstNine)}`
}

export async function insertChild(db: Kysely<DB>, overrides: Partial<Insertable<ChildTable>> = {}) {
  const [row] = await insertChildren(db, [buildChild(overrides)])
  return row!
}

export async function insertCriterion(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<ChildCriterionTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    code: 'HEALTH_GROUP_IV_V' as const,
    source: 'HEALTH' as const,
    evidence_document: 'Выписка из медицинской карты',
    evidence_date: '2025-04-01',
    valid_from: '2025-04-01',
    valid_to: null,
    ...overrides,
  }
  await db.insertInto('child_criterion').values(row).execute()
  return row
}

export async function insertProvider(db: Kysely<DB>, overrides: Partial<Insertable<ProviderTable>> = {}) {
  await insertMunicipality(db)
  const n = String(next()).padStart(4, '0')
  const row = {
    id: randomUUID(),
    name: `АНО «Тестовый центр ${n}»`,
    side: 'NGO' as const,
    inn: `770000${n}`,
    ogrn: `102770000${n}`,
    municipality_oktmo: MUNICIPALITY.oktmo,
    remote_delivery: false,
    ...overrides,
  }
  await db.insertInto('provider').values(row).execute()
  return row
}

/** A service of the regional catalogue that every social database has from its migrations. */
export const CATALOGUE_SERVICE = { code: 'COMMUNICATION_SPEECH', name: 'Содействие развитию общения и речи ребёнка' }

/**
 * A programme of the child, signed on 2026-09-01 unless overridden, with the given items (by default one item of
 * CATALOGUE_SERVICE that social delivers), drafted on an accepted referral to the programme's provider.
 */
export async function insertProgramme(
  db: Kysely<DB>,
  childId: string,
  providerId: string,
  overrides: Partial<Insertable<ProgrammeTable>> = {},
  items: Partial<Insertable<ProgrammeServiceTable>>[] = [{}],
) {
  const referral = {
    id: randomUUID(),
    child_id: childId,
    from_side: 'HEALTH' as const,
    from_organisation: 'ГБУЗ «Детская поликлиника № 1»',
    provider_id: providerId,
    reason: 'Положительный аудиологический скрининг',
    received_on: '2026-08-01',
    status: 'ACCEPTED' as const,
    decided_on: '2026-08-03',
    need_determined_on: '2026-08-10',
    need_outcome: 'IN_NEED' as const,
    programme_signed_on: overrides.signed_on === undefined ? '2026-09-01' : overrides.signed_on,
  }
  await db.insertInto('referral').values(referral).execute()
  const programme = {
    id: randomUUID(),
    child_id: childId,
    referral_id: referral.id,
    provider_id: providerId,
    version: 1,
    status: 'SIGNED' as const,
    signed_on: '2026-09-01',
    ...overrides,
  }
  await db.insertInto('programme').values(programme).execute()
  const services = items.map((item, position) => ({
    id: randomUUID(),
    programme_id: programme.id,
    position,
    service_code: CATALOGUE_SERVICE.code,
    sessions_per_month: 4,
    duration_minutes: 45,
    mode: 'IN_CENTRE' as const,
    responsible_side: 'SOCIAL' as const,
    provider_id: providerId,
    ...item,
  }))
  await db.insertInto('programme_service').values(services).execute()
  return { programme, services, referral }
}

export async function insertSocialSession(
  db: Kysely<DB>,
  programmeServiceId: string,
  overrides: Partial<Insertable<SocialSessionTable>> = {},
) {
  const row = {
    id: randomUUID(),
    programme_service_id: programmeServiceId,
    delivered_on: '2026-10-05',
    duration_minutes: 45,
    mode: 'IN_CENTRE' as const,
    specialist_role: 'SOCIAL_WORKER' as const,
    attended: true,
    cancellation_reason: null,
    ...overrides,
  }
  await db.insertInto('social_session').values(row).execute()
  return row
}

/** A telephone (unless told) of a member of the family. */
export async function insertMemberContact(
  db: Kysely<DB>,
  memberId: string,
  overrides: Partial<Insertable<MemberContactTable>> = {},
) {
  const row = { id: randomUUID(), member_id: memberId, kind: 'PHONE' as const, value: '+79141234567', ...overrides }
  await db.insertInto('member_contact').values(row).execute()
  return row
}

/** A referral received by the provider on 2026-11-02 and not decided yet, unless overridden. */
export async function insertReferral(
  db: Kysely<DB>,
  childId: string,
  providerId: string,
  overrides: Partial<Insertable<ReferralTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    from_side: 'SOCIAL' as const,
    from_organisation: 'Отдел опеки и попечительства',
    provider_id: providerId,
    reason: 'Обеспокоенность родителей развитием речи',
    received_on: '2026-11-02',
    status: 'RECEIVED' as const,
    ...overrides,
  }
  await db.insertInto('referral').values(row).execute()
  return row
}

/** A child-find signal health delivered: a health group V assessed the day before it arrived, unless overridden. */
export async function insertChildFindSignal(
  db: Kysely<DB>,
  childId: string,
  overrides: Partial<Insertable<ChildFindSignalTable>> = {},
) {
  const row = {
    id: randomUUID(),
    child_id: childId,
    source: 'HEALTH' as const,
    kind: 'HEALTH_GROUP_V' as const,
    proposed_criterion: 'HEALTH_GROUP_IV_V' as const,
    source_record_id: randomUUID(),
    recorded_on: '2026-11-30',
    received_at: new Date('2026-12-01T09:00:00+03:00'),
    ...overrides,
  }
  await db.insertInto('child_find_signal').values(row).execute()
  return row
}

/** A pause of a referral's clocks: the child was ill for a week unless overridden. */
export async function insertReferralPause(
  db: Kysely<DB>,
  referralId: string,
  overrides: Partial<Insertable<ReferralPauseTable>> = {},
) {
  const row = {
    id: randomUUID(),
    referral_id: referralId,
    reason: 'CHILD_ILL' as const,
    note: null,
    started_on: '2026-08-04',
    ended_on: '2026-08-08',
    ...overrides,
  }
  await db.insertInto('referral_pause').values(row).execute()
  return row
}

/** A goal of a programme in an ICF-CY code with its baseline and target qualifiers. */
export async function insertProgrammeGoal(
  db: Kysely<DB>,
  programmeId: string,
  overrides: Partial<Insertable<ProgrammeGoalTable>> = {},
) {
  const row = {
    id: randomUUID(),
    programme_id: programmeId,
    position: 0,
    icf_code: 'd310',
    baseline_qualifier: 3,
    target_qualifier: 1,
    description: 'Понимает обращённую речь в быту',
    ...overrides,
  }
  await db.insertInto('programme_goal').values(row).execute()
  return row
}

/** A review of a programme (intermediate unless told) with its ratings, in the order given. */
export async function insertProgrammeReview(
  db: Kysely<DB>,
  programmeId: string,
  ratings: { icfCode: string; qualifier: number }[],
  overrides: Partial<Insertable<ProgrammeReviewTable>> = {},
) {
  const review = {
    id: randomUUID(),
    programme_id: programmeId,
    kind: 'INTERMEDIATE' as const,
    reviewed_on: '2026-12-01',
    note: null,
    ...overrides,
  }
  await db.insertInto('programme_review').values(review).execute()
  const rows = ratings.map((rating, position) => ({
    id: randomUUID(),
    review_id: review.id,
    position,
    icf_code: rating.icfCode,
    qualifier: rating.qualifier,
  }))
  if (rows.length > 0) await db.insertInto('programme_review_rating').values(rows).execute()
  return { review, ratings: rows }
}

/** The consent every recipient is given in tests unless one says otherwise: every scope, for early help. */
const FULL_CONSENT = { purpose: 'EARLY_HELP', scopes: ['FAMILY', 'HEALTH', 'PMPK'] } as const

/** A legal representative's consent to share a child's data, given an hour ago, to the regional coordinator unless told. */
export async function insertConsent(
  db: Kysely<DB>,
  childId: string,
  representativeId: string,
  overrides: Partial<Insertable<ConsentTable>> = {},
) {
  const row = buildConsent(childId, representativeId, overrides)
  await db.insertInto('consent').values(row).execute()
  return row
}

function buildConsent(childId: string, representativeId: string, overrides: Partial<Insertable<ConsentTable>>) {
  return {
    id: randomUUID(),
    child_id: childId,
    representative_id: representativeId,
    ...FULL_CONSENT,
    scopes: [...FULL_CONSENT.scopes],
    recipient_side: overrides.recipient_provider_id ? null : ('REGIONAL' as const),
    recipient_provider_id: null,
    document: 'Согласие на обработку и передачу персональных данных',
    given_at: new Date(Date.now() - 3_600_000).toISOString(),
    ...overrides,
  }
}

/**
 * Every child of the registry gets its family's consent for a recipient
 * (the regional coordinator unless told): the state of a region where
 * families agreed to interagency exchange when they entered early help.
 * A child without a family gets one with a mother to sign. Children
 * already consented for the recipient are left as they are.
 */
export async function consentForEveryChild(db: Kysely<DB>, recipient: Partial<Insertable<ConsentTable>> = {}) {
  const children = await db
    .selectFrom('child')
    .leftJoin('consent', (join) =>
      join
        .onRef('consent.child_id', '=', 'child.id')
        .on('consent.recipient_side', 'is not distinct from', recipient.recipient_side ?? 'REGIONAL')
        .on('consent.recipient_provider_id', 'is not distinct from', recipient.recipient_provider_id ?? null),
    )
    .where('consent.id', 'is', null)
    .select(['child.id', 'child.family_id as familyId'])
    .execute()
  const signers = new Map<string, string>()
  const consents = []
  for (const child of children) {
    let familyId = child.familyId
    if (familyId === null) {
      familyId = (await insertFamily(db)).id
      await db.updateTable('child').set({ family_id: familyId }).where('id', '=', child.id).execute()
    }
    let signer = signers.get(familyId)
    if (signer === undefined) {
      const existing = await db
        .selectFrom('legal_representative')
        .innerJoin('family_member', 'family_member.id', 'legal_representative.member_id')
        .where('family_member.family_id', '=', familyId)
        .select('legal_representative.id')
        .executeTakeFirst()
      signer = existing?.id ?? (await insertRepresentative(db, familyId)).id
      signers.set(familyId, signer)
    }
    consents.push(buildConsent(child.id, signer, recipient))
  }
  if (consents.length > 0) await db.insertInto('consent').values(consents).execute()
}
