import { GraphQLError } from 'graphql'
import { sql, type Transaction } from 'kysely'
import { isErrorRule, renderRule } from '@hub/platform/error-rules'
import { dayFromText } from '@hub/platform/scalars'
import { badUserInput, conflict, hubError, notFound } from '@hub/platform/errors'
import { inForce, requireText, requireUuid, today } from '@hub/subgraph-kit/validation'
import type {
  ChildCriterionTable,
  DB,
  DeliveryMode,
  Kinship,
  SpecialistRole,
  RegistryImportError,
  RegistryImportOutcome,
  RegistryStatus,
  RepresentativeRelation,
  Side,
} from '../../../db/database.js'
import { nameKey } from '../../../names.js'
import { enumTerms } from '../../../enum-terms.js'
import {
  addFamilyContact,
  addFamilyMember,
  addLegalRepresentative,
  attachChildToFamily,
  registerFamily,
  requireEmail,
  requirePhone,
  type NewFamilyMemberInput,
} from '../../families/services/families.js'
import {
  findContactsByMemberIds,
  findFamilyMembersByFamilyIds,
  findLegalRepresentativesByFamilyIds,
  findLegalRepresentativesByMemberIds,
} from '../../families/queries/family.queries.js'
import { lockSignedProgrammeByChildId } from '../../pathway/queries/programme.queries.js'
import { draftProgramme, recordNeedDetermination, signProgramme } from '../../pathway/services/programmes.js'
import { findProviderByInnOrOgrn } from '../../providers/queries/provider.queries.js'
import { findReferralsByChildIds } from '../../pathway/queries/referral.queries.js'
import { acceptReferral, isOpenReferral, referChild } from '../../pathway/services/referrals.js'
import { isValidInn, isValidOgrn } from '../../../identifiers.js'
import { lockChildById, type ChildRow } from '../queries/child.queries.js'
import {
  findUnfinishedImportByFile,
  insertImportRows,
  insertRegistryImport,
  lockRegistryImportById,
  recordImportProgress,
} from '../queries/registry_import.queries.js'
import { registerChild, requireSnils } from './registration.js'
import { moveRegistryStatus } from './registry-status.js'

/** The columns of a child's open referral: a row that fills any of them brings one in. */
const REFERRAL_COLUMNS = [
  'referralProvider',
  'referralFrom',
  'referralReceivedOn',
  'referralReason',
  'referralAcceptedOn',
] as const

/** The columns of a child's programme (ИПРП) in force: a row that fills any of them brings one in. */
const PROGRAMME_COLUMNS = [
  'needDeterminedOn',
  'programmeSignedOn',
  'programmeLead',
  'programmeGoal',
  'programmeGoalBaseline',
  'programmeGoalTarget',
  'programmeGoalText',
  'programmeService',
  'programmeSessions',
  'programmeMinutes',
  'programmeMode',
] as const

/** The hub's fields a row of a registry file fills: the columns of the import's mapping and of its error report. */
export const REGISTRY_IMPORT_FIELDS = [
  'childLastName',
  'childFirstName',
  'childPatronymic',
  'birthDate',
  'sex',
  'snils',
  'municipality',
  'address',
  'memberLastName',
  'memberFirstName',
  'memberPatronymic',
  'memberBirthDate',
  'memberKinship',
  'representation',
  'representationDocument',
  'representationFrom',
  'phone',
  'email',
  'criterion',
  'criterionDocument',
  'criterionDate',
  'criterionTo',
  'status',
  'statusReason',
  ...REFERRAL_COLUMNS,
  ...PROGRAMME_COLUMNS,
] as const

export type RegistryImportField = (typeof REGISTRY_IMPORT_FIELDS)[number]
export type RegistryImportCells = { readonly [Field in RegistryImportField]?: string | null }

export interface RegistryImportRowInput {
  line: number
  cells: RegistryImportCells
}

export interface RegistryImportRowResult {
  line: number
  outcome: RegistryImportOutcome
  childId: string | null
  errors: RegistryImportError[]
}

/** The rows of one batch at most: one transaction, well inside the statement and request limits. */
export const MAX_IMPORT_BATCH = 500

/** The refusals of one row, collected before anything of it is written. */
class RowRefused extends Error {
  constructor(readonly errors: RegistryImportError[]) {
    super('the row is refused')
  }
}

/** An enum's values, each written as its code or its Russian term (case, «ё» and spaces aside), and extra spellings. */
function enumReader<Value extends string>(name: string, extra: Readonly<Record<string, Value>> = {}) {
  const terms = enumTerms<Value>(name, extra)
  return (column: RegistryImportField, text: string) => {
    const value = terms.read(text)
    if (!value) {
      throw badUserInput(column, 'IMPORT_VALUE', `«${text}» is none of ${terms.values.join(', ')}`, {
        allowed: terms.allowed,
      })
    }
    return value
  }
}

const readSex = enumReader<'MALE' | 'FEMALE'>('Sex', { м: 'MALE', муж: 'MALE', ж: 'FEMALE', жен: 'FEMALE' })
const readKinship = enumReader<Kinship>('Kinship')
const readRelation = enumReader<RepresentativeRelation>('RepresentativeRelation')
const readCriterion = enumReader<ChildCriterionTable['code']>('CriterionCode')
const readStatus = enumReader<RegistryStatus>('RegistryStatus')
const readRole = enumReader<SpecialistRole>('SpecialistRole')
const readMode = enumReader<DeliveryMode>('DeliveryMode')

function readInteger(column: RegistryImportField, text: string) {
  if (!/^[0-9]{1,6}$/.test(text.trim())) throw badUserInput(column, 'IMPORT_NUMBER', `«${text}» is not a whole number`)
  return Number(text.trim())
}

/** Statuses a file may give; the others follow referrals and programmes, which the pathway records. */
const IMPORTED_STATUSES = new Set(['POTENTIALLY_IN_NEED', 'EXITED'])

function readDay(column: RegistryImportField, text: string) {
  const day = dayFromText(text.trim())
  if (!day) throw badUserInput(column, 'IMPORT_DATE', `«${text}» must be a real date written DD.MM.YYYY or YYYY-MM-DD`)
  return day
}

/** A provider of the registry named by its ОГРН (13 digits) or ИНН (10 digits), spaces aside, check digit checked. */
function readProviderCode(column: RegistryImportField, text: string) {
  const code = text.replace(/\s+/g, '')
  const valid = code.length === 13 ? isValidOgrn : code.length === 10 ? isValidInn : null
  if (!valid || !/^[0-9]+$/.test(code))
    throw badUserInput(column, 'IMPORT_PROVIDER_CODE', `«${text}» is neither a 13-digit ОГРН nor a 10-digit ИНН`)
  if (!valid(code)) throw badUserInput(column, 'CHECK_DIGIT', 'the check digit does not match')
  return code
}

/** What an error says in the error report: the column (the hub's field) it names, its rule and the Russian text. */
function refusal(error: GraphQLError, columnOf: (field: string) => string | null): RegistryImportError {
  const { rule, params, field } = error.extensions as {
    rule?: unknown
    params?: Record<string, unknown>
    field?: unknown
  }
  const text = isErrorRule(rule) ? renderRule(rule, params) : undefined
  return {
    column: typeof field === 'string' ? columnOf(field) : null,
    rule: typeof rule === 'string' ? rule : String(error.extensions.code ?? 'INVALID_VALUE'),
    message: text ?? error.message,
  }
}

const asColumn = (field: string) => ((REGISTRY_IMPORT_FIELDS as readonly string[]).includes(field) ? field : null)

/**
 * Runs a service the mutations use, naming in its refusal the row's column for the field the service names
 * (`input.members[0].lastName` → `memberLastName`).
 */
async function asRow<T>(fields: Readonly<Record<string, RegistryImportField>>, write: () => Promise<T>) {
  try {
    return await write()
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error
    throw new RowRefused([refusal(error, (field) => fields[field] ?? asColumn(field))])
  }
}

const CHILD_FIELDS: Readonly<Record<string, RegistryImportField>> = {
  'input.lastName': 'childLastName',
  'input.firstName': 'childFirstName',
  'input.patronymic': 'childPatronymic',
  'input.birthDate': 'birthDate',
  'input.sex': 'sex',
  'input.snils': 'snils',
  'input.municipality': 'municipality',
  'input.criteria[0].code': 'criterion',
  'input.criteria[0].evidenceDocument': 'criterionDocument',
  'input.criteria[0].evidenceDate': 'criterionDate',
  'input.criteria[0].validFrom': 'criterionDate',
  'input.criteria[0].validTo': 'criterionTo',
}

/** The member's fields as registerFamily (`input.members[0]`), addFamilyMember (`input.member`) and the rest name them. */
function memberFields(prefix: string): Readonly<Record<string, RegistryImportField>> {
  return {
    [`${prefix}.lastName`]: 'memberLastName',
    [`${prefix}.firstName`]: 'memberFirstName',
    [`${prefix}.patronymic`]: 'memberPatronymic',
    [`${prefix}.birthDate`]: 'memberBirthDate',
    [`${prefix}.kinship`]: 'memberKinship',
    [`${prefix}.representation.relation`]: 'representation',
    [`${prefix}.representation.documentBasis`]: 'representationDocument',
    [`${prefix}.representation.validFrom`]: 'representationFrom',
    [`${prefix}.representation.validTo`]: 'representationFrom',
    [`${prefix}.contacts[0].value`]: 'phone',
    [`${prefix}.contacts[1].value`]: 'email',
    'input.address': 'address',
    'input.municipality': 'municipality',
    'input.relation': 'representation',
    'input.documentBasis': 'representationDocument',
    'input.validFrom': 'representationFrom',
    'input.value': 'phone',
  }
}

const PROGRAMME_FIELDS: Readonly<Record<string, RegistryImportField>> = {
  'input.referralId': 'referralAcceptedOn',
  'input.determinedOn': 'needDeterminedOn',
  'input.childId': 'programmeSignedOn',
  'input.programmeId': 'programmeSignedOn',
  'input.signedOn': 'programmeSignedOn',
  'input.representativeId': 'programmeSignedOn',
  'input.goals[0].icfCode': 'programmeGoal',
  'input.goals[0].baselineQualifier': 'programmeGoalBaseline',
  'input.goals[0].targetQualifier': 'programmeGoalTarget',
  'input.goals[0].description': 'programmeGoalText',
  'input.services[0].serviceCode': 'programmeService',
  'input.services[0].sessionsPerMonth': 'programmeSessions',
  'input.services[0].durationMinutes': 'programmeMinutes',
  'input.services[0].mode': 'programmeMode',
  'input.services[0].providerId': 'referralProvider',
}

const REFERRAL_FIELDS: Readonly<Record<string, RegistryImportField>> = {
  'input.childId': 'referralProvider',
  'input.providerId': 'referralProvider',
  'input.fromOrganisation': 'referralFrom',
  'input.receivedOn': 'referralReceivedOn',
  'input.reason': 'referralReason',
  'input.decidedOn': 'referralAcceptedOn',
}

/** A row's cells read into the inputs of the mutations' services; every refusal of the cells at once. */
function readCells(cells: RegistryImportCells) {
  const errors: RegistryImportError[] = []
  const text = (column: RegistryImportField) => {
    const value = cells[column]?.trim()
    return value ? value : null
  }
  function read<T>(column: RegistryImportField, parse: (column: RegistryImportField, text: string) => T): T | null
  function read<T>(
    column: RegistryImportField,
    parse: (column: RegistryImportField, text: string) => T,
    required: true,
  ): T
  function read<T>(
    column: RegistryImportField,
    parse: (column: RegistryImportField, text: string) => T,
    required = false,
  ) {
    const value = text(column)
    try {
      if (value === null) {
        if (required) throw badUserInput(column, 'REQUIRED_TEXT', 'is required')
        return null
      }
      return parse(column, value)
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error
      errors.push(refusal(error, asColumn))
      return null as T
    }
  }
  const asText = (_column: RegistryImportField, value: string) => value

  const child = {
    lastName: read('childLastName', asText, true),
    firstName: read('childFirstName', asText, true),
    patronymic: read('childPatronymic', asText),
    birthDate: read('birthDate', readDay, true),
    sex: read('sex', readSex, true),
    snils: read('snils', requireSnils),
    municipality: read('municipality', asText, true),
  }
  const criterionCode = read('criterion', readCriterion)
  const criterion = criterionCode && {
    code: criterionCode,
    evidenceDocument: read('criterionDocument', asText, true),
    evidenceDate: read('criterionDate', readDay, true),
    validTo: read('criterionTo', readDay),
  }
  const memberNamed = text('memberLastName') !== null || text('memberFirstName') !== null
  const member: NewFamilyMemberInput | null = memberNamed
    ? {
        lastName: read('memberLastName', asText, true),
        firstName: read('memberFirstName', asText, true),
        patronymic: read('memberPatronymic', asText),
        birthDate: read('memberBirthDate', readDay),
        kinship: read('memberKinship', readKinship) ?? 'PARENT',
        representation: null,
        contacts: [],
      }
    : null
  const relation = read('representation', readRelation)
  const representation = relation && {
    relation,
    documentBasis: read('representationDocument', asText, true),
    validFrom: read('representationFrom', readDay, true),
  }
  const phone = read('phone', requirePhone)
  const email = read('email', requireEmail)
  if (!member) {
    for (const column of ['address', 'representation', 'phone', 'email'] as const) {
      if (text(column) !== null) {
        errors.push({
          column,
          rule: 'IMPORT_NEEDS_REPRESENTATIVE',
          message: renderRule('IMPORT_NEEDS_REPRESENTATIVE')!,
        })
        break
      }
    }
  }
  const status = read('status', (column, value) => {
    const code = readStatus(column, value)
    if (!IMPORTED_STATUSES.has(code)) throw badUserInput(column, 'IMPORT_STATUS', `${code} follows the pathway`)
    return code as 'POTENTIALLY_IN_NEED' | 'EXITED'
  })
  const statusReason = status === 'EXITED' ? read('statusReason', requireText, true) : text('statusReason')
  const referral = REFERRAL_COLUMNS.some((column) => text(column) !== null)
    ? {
        provider: read('referralProvider', readProviderCode, true),
        from: read('referralFrom', asText, true),
        receivedOn: read('referralReceivedOn', readDay, true),
        reason: read('referralReason', asText, true),
        acceptedOn: read('referralAcceptedOn', readDay),
      }
    : null
  const programme = PROGRAMME_COLUMNS.some((column) => text(column) !== null)
    ? {
        signedOn: read('programmeSignedOn', readDay, true),
        needDeterminedOn: read('needDeterminedOn', readDay),
        leadRole: read('programmeLead', readRole),
        goal: {
          icfCode: read('programmeGoal', asText, true),
          baselineQualifier: read('programmeGoalBaseline', readInteger, true),
          targetQualifier: read('programmeGoalTarget', readInteger, true),
          description: read('programmeGoalText', asText, true),
        },
        service: {
          serviceCode: read('programmeService', asText, true),
          sessionsPerMonth: read('programmeSessions', readInteger, true),
          durationMinutes: read('programmeMinutes', readInteger, true),
          mode: read('programmeMode', readMode) ?? 'IN_CENTRE',
        },
      }
    : null
  if (programme && !referral?.acceptedOn && errors.length === 0)
    errors.push({
      column: 'referralAcceptedOn',
      rule: 'IMPORT_PROGRAMME_NEEDS_REFERRAL',
      message: renderRule('IMPORT_PROGRAMME_NEEDS_REFERRAL')!,
    })
  if (errors.length > 0) throw new RowRefused(errors)
  if (member) {
    member.representation = representation
    // Contacts in a fixed order, so that a refusal of one names its column (memberFields).
    member.contacts = [
      ...(phone ? [{ kind: 'PHONE' as const, value: phone }] : []),
      ...(email ? [{ kind: 'EMAIL' as const, value: email }] : []),
    ]
  }
  return { child, criterion, member, address: text('address'), status, statusReason, referral, programme }
}

type ReadRow = ReturnType<typeof readCells>

/**
 * The row's family member joins the child's family: a new family when the child has none, else the member of that
 * family with the same name (by the name key) gains what the row adds (a representation where it has none, contacts it
 * lacks), or the family gains a new member.
 */
async function joinFamily(trx: Transaction<DB>, child: ChildRow, row: ReadRow, member: NewFamilyMemberInput) {
  if (child.familyId === null) {
    const family = await asRow(memberFields('input.members[0]'), () =>
      registerFamily(trx, { municipality: row.child.municipality, address: row.address, members: [member] }),
    )
    await asRow({}, () => attachChildToFamily(trx, { childId: child.id, familyId: family.id, on: today() }))
    return
  }
  const key = nameKey({ lastName: member.lastName, firstName: member.firstName, patronymic: member.patronymic ?? null })
  const members = await findFamilyMembersByFamilyIds(trx, [child.familyId])
  const same = members.find((other) => other.leftOn === null && nameKey(other) === key)
  if (!same) {
    await asRow(memberFields('input.member'), () => addFamilyMember(trx, { familyId: child.familyId!, member }))
    return
  }
  const fields = memberFields('input')
  if (member.representation && (await findLegalRepresentativesByMemberIds(trx, [same.id])).length === 0) {
    const representation = member.representation
    await asRow(fields, () => addLegalRepresentative(trx, { memberId: same.id, ...representation }))
  }
  const known = new Set((await findContactsByMemberIds(trx, [same.id])).map((contact) => contact.value))
  for (const contact of member.contacts ?? []) {
    if (known.has(contact.value)) continue
    await asRow({ 'input.value': contact.kind === 'PHONE' ? 'phone' : 'email' }, () =>
      addFamilyContact(trx, { memberId: same.id, ...contact }),
    )
  }
}

/**
 * The row's open referral of the child: one already open to the same provider is the same referral (it is accepted if
 * the file says so and it is not yet); otherwise a new one, refused as `referChild` refuses it (another open referral,
 * a provider not approved, a closed pathway).
 */
async function joinReferral(
  trx: Transaction<DB>,
  childId: string,
  referral: NonNullable<ReadRow['referral']>,
  source: Side,
) {
  const provider = await findProviderByInnOrOgrn(trx, referral.provider, referral.provider)
  if (!provider) {
    const params = { code: referral.provider }
    throw new RowRefused([
      {
        column: 'referralProvider',
        rule: 'IMPORT_PROVIDER_UNKNOWN',
        message: renderRule('IMPORT_PROVIDER_UNKNOWN', params)!,
      },
    ])
  }
  // The same referral: open to the same provider, or one to it received on the same day that went on to a programme.
  const same = (await findReferralsByChildIds(trx, [childId])).find(
    (other) =>
      other.providerId === provider.id &&
      other.status !== 'REJECTED' &&
      (isOpenReferral(other) || other.receivedOn === referral.receivedOn),
  )
  const written =
    same ??
    (await asRow(REFERRAL_FIELDS, () =>
      referChild(
        trx,
        { childId, providerId: provider.id, reason: referral.reason, receivedOn: referral.receivedOn },
        { side: source, organisation: referral.from },
      ),
    ))
  if (referral.acceptedOn && written.status === 'RECEIVED') {
    const decidedOn = referral.acceptedOn
    const accepted = await asRow(REFERRAL_FIELDS, () => acceptReferral(trx, { referralId: written.id, decidedOn }))
    return { referral: accepted, providerSide: provider.side }
  }
  return { referral: written, providerSide: provider.side }
}

/**
 * The row's programme in force, on the row's accepted referral: the need determined (in need) where it is not yet, then
 * the programme drafted with the row's goal and service at the referral's provider and signed by a legal representative
 * of the child's family in force on the day. A child with a programme in force keeps it: the row adds no second one.
 */
async function joinProgramme(
  trx: Transaction<DB>,
  childId: string,
  referral: { id: string; needDeterminedOn: string | null; providerId: string },
  programme: NonNullable<ReadRow['programme']>,
  providerSide: Side,
) {
  if (await lockSignedProgrammeByChildId(trx, childId)) return
  if (referral.needDeterminedOn === null) {
    const determinedOn = programme.needDeterminedOn ?? programme.signedOn
    await asRow(PROGRAMME_FIELDS, () =>
      recordNeedDetermination(trx, { referralId: referral.id, determinedOn, outcome: 'IN_NEED' }),
    )
  }
  const draft = await asRow(PROGRAMME_FIELDS, () =>
    draftProgramme(trx, {
      childId,
      referralId: referral.id,
      leadSpecialistRole: programme.leadRole,
      goals: [programme.goal],
      services: [{ ...programme.service, responsibleSide: providerSide, providerId: referral.providerId }],
    }),
  )
  // The child as the row left it: the family may have been made by this very row.
  const { familyId } = (await lockChildById(trx, childId))!
  const family = familyId === null ? [] : await findLegalRepresentativesByFamilyIds(trx, [familyId])
  const signatory = family.find((representative) =>
    inForce(representative.validFrom, representative.validTo, programme.signedOn),
  )
  if (!signatory) {
    throw new RowRefused([
      { column: 'programmeSignedOn', rule: 'NOT_A_REPRESENTATIVE', message: renderRule('NOT_A_REPRESENTATIVE')! },
    ])
  }
  await asRow(PROGRAMME_FIELDS, () =>
    signProgramme(trx, { programmeId: draft.id, representativeId: signatory.id, signedOn: programme.signedOn }),
  )
}

/** One row through the services the mutations use: the child registered or found, its family, its status. */
async function writeRow(trx: Transaction<DB>, cells: RegistryImportCells, source: Side) {
  const row = readCells(cells)
  const registration = await asRow(CHILD_FIELDS, () =>
    registerChild(
      trx,
      { ...row.child, criteria: row.criterion ? [{ ...row.criterion, validFrom: row.criterion.evidenceDate }] : [] },
      source,
    ),
  )
  const child = registration.child
  if (row.member) await joinFamily(trx, child, row, row.member)
  // «Потенциально нуждающийся» is where a new record starts; a record already further along the pathway keeps its status.
  if (row.status === 'EXITED' && child.registryStatus !== 'EXITED') {
    const locked = (await lockChildById(trx, child.id))!
    await asRow({}, () => moveRegistryStatus(trx, locked, 'EXITED', row.statusReason!, 'status'))
  }
  if (row.referral) {
    const { referral, providerSide } = await joinReferral(trx, child.id, row.referral, source)
    if (row.programme) await joinProgramme(trx, child.id, referral, row.programme, providerSide)
  }
  const outcome: RegistryImportOutcome = registration.outcome.startsWith('CREATED') ? 'CREATED' : 'MERGED'
  return { outcome, childId: child.id }
}

/**
 * One row whole or not at all: its writes stand inside a savepoint of the batch's transaction, rolled back when the
 * row is refused, so that the rows before and after it are kept.
 */
async function importRow(trx: Transaction<DB>, row: RegistryImportRowInput, source: Side) {
  await sql`savepoint registry_import_row`.execute(trx)
  try {
    const written = await writeRow(trx, row.cells, source)
    await sql`release savepoint registry_import_row`.execute(trx)
    return { line: row.line, ...written, errors: [] }
  } catch (error) {
    if (!(error instanceof RowRefused)) throw error
    await sql`rollback to savepoint registry_import_row`.execute(trx)
    return { line: row.line, outcome: 'REFUSED' as const, childId: null, errors: error.errors }
  }
}

function requireBatch(rows: readonly RegistryImportRowInput[]) {
  if (rows.length === 0) throw badUserInput('input.rows', 'LIST_EMPTY', 'must hold at least one row')
  if (rows.length > MAX_IMPORT_BATCH)
    throw badUserInput('input.rows', 'LIST_TOO_LONG', `must hold at most ${MAX_IMPORT_BATCH} rows`, {
      max: MAX_IMPORT_BATCH,
    })
}

/** Rows checked exactly as an import writes them, inside a transaction the caller rolls back. */
export async function checkRegistryRows(
  trx: Transaction<DB>,
  rows: readonly RegistryImportRowInput[],
  source: Side,
): Promise<RegistryImportRowResult[]> {
  requireBatch(rows)
  const results: RegistryImportRowResult[] = []
  for (const row of rows) results.push(await importRow(trx, row, source))
  return results
}

const SHA256 = /^[0-9a-f]{64}$/

/** Opens an import of a file, or continues the unfinished import of the same file (by its SHA-256). */
export async function startRegistryImport(
  trx: Transaction<DB>,
  input: { fileName: string; fileSha256: string; totalRows: number },
  startedBy: string,
) {
  const fileName = requireText('input.fileName', input.fileName, 255)
  const fileSha256 = input.fileSha256.toLowerCase()
  if (!SHA256.test(fileSha256))
    throw badUserInput('input.fileSha256', 'INVALID_VALUE', 'must be the SHA-256 of the file in 64 hex digits')
  if (!Number.isInteger(input.totalRows) || input.totalRows < 1)
    throw badUserInput('input.totalRows', 'NUMBER_AT_LEAST', 'must be the number of rows of the file', { min: 1 })
  await sql`select pg_advisory_xact_lock(hashtext(${`registry_import:${fileSha256}`}))`.execute(trx)
  const unfinished = await findUnfinishedImportByFile(trx, fileSha256)
  if (unfinished) {
    if (unfinished.totalRows !== input.totalRows)
      throw conflict('input.totalRows', 'INVALID_VALUE', `the import of this file counted ${unfinished.totalRows} rows`)
    return unfinished
  }
  return insertRegistryImport(trx, {
    file_name: fileName,
    file_sha256: fileSha256,
    total_rows: input.totalRows,
    started_by: startedBy,
  })
}

/**
 * Imports the next rows of an import's file, in the order of the file: `offset` is how many rows of the file came
 * before the batch. A batch sent again after its answer was lost skips the rows already done; a batch past the rows
 * done is refused, so that no row is left out.
 */
export async function importRegistryRows(
  trx: Transaction<DB>,
  input: { importId: string; offset: number; rows: readonly RegistryImportRowInput[] },
  source: Side,
) {
  requireUuid('input.importId', input.importId)
  requireBatch(input.rows)
  const job = await lockRegistryImportById(trx, input.importId)
  if (!job) throw notFound('input.importId', 'registry import', input.importId)
  if (job.finishedAt !== null) throw conflict('input.importId', 'IMPORT_FINISHED', 'the import is finished')
  if (input.offset > job.rowsDone || input.offset < 0)
    throw hubError('CONFLICT', 'IMPORT_BATCH_ORDER', `input.offset: ${job.rowsDone} rows are done`, {
      field: 'input.offset',
      params: { done: job.rowsDone, next: job.rowsDone + 1 },
    })
  const rows = input.rows.slice(job.rowsDone - input.offset)
  if (job.rowsDone + rows.length > job.totalRows)
    throw badUserInput('input.rows', 'LIST_TOO_LONG', `the file has ${job.totalRows} rows`, { max: job.totalRows })
  const results: RegistryImportRowResult[] = []
  for (const row of rows) results.push(await importRow(trx, row, source))
  await insertImportRows(
    trx,
    results.map((result) => ({
      import_id: job.id,
      line: result.line,
      outcome: result.outcome,
      child_id: result.childId,
      errors: JSON.stringify(result.errors),
    })),
  )
  const count = (outcome: RegistryImportOutcome) => results.filter((result) => result.outcome === outcome).length
  const progress = await recordImportProgress(trx, job.id, {
    rows: results.length,
    created: count('CREATED'),
    merged: count('MERGED'),
    refused: count('REFUSED'),
  })
  return { import: progress, rows: results }
}
