import type { Transaction } from 'kysely'
import { badUserInput, conflict, notFound } from '@hub/platform/errors'
import {
  addDays,
  addMonths,
  periodsOverlap,
  requireNotBefore,
  requireNotInFuture,
  requireText,
  requireUuid,
} from '@hub/subgraph-kit/validation'
import type { ContactKind, DB, Kinship, RepresentativeRelation } from '../../../db/database.js'
import { lockChildById, moveChildrenOfFamily, updateChild } from '../../registry/queries/child.queries.js'
import { endCriteriaOfFamilyForChild } from '../../registry/queries/child_criterion.queries.js'
import {
  deleteContact,
  findContactsByIds,
  findFamilySituationsByFamilyIds,
  findLegalRepresentativesByMemberIds,
  insertContact,
  insertFamily,
  insertFamilyMember,
  insertLegalRepresentative,
  lockFamilyById,
  lockFamilyMemberById,
  lockLegalRepresentativeById,
  updateFamily,
  updateFamilyMember,
  updateLegalRepresentative,
} from '../queries/family.queries.js'
import { findLastSignatureByRepresentativeId } from '../../pathway/queries/programme.queries.js'
import { nameKey, nameWords, requireName, searchText } from '../../../names.js'
import { giveSituationCriteria } from './family-situations.js'
import { requireMunicipality } from '../../providers/services/municipalities.js'
import { requireFamily } from './lookups.js'

export interface ContactInput {
  kind: ContactKind
  value: string
}

export interface RepresentationInput {
  relation: RepresentativeRelation
  documentBasis: string
  validFrom: string
  validTo?: string | null
}

export interface NewFamilyMemberInput {
  lastName: string
  firstName: string
  patronymic?: string | null
  kinship: Kinship
  birthDate?: string | null
  representation?: RepresentationInput | null
  contacts?: readonly ContactInput[] | null
}

const MAX_MEMBERS = 20
const EARLIEST_BIRTH_DATE = '1900-01-01'
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/

/** A Russian phone number as +7 and ten digits, from the ways people write it: +7 (912) 345-67-89, 8 912 3456789. */
export function requirePhone(field: string, written: string) {
  const digits = written.replace(/[\s()\-‐‑–—.]/g, '')
  const national = /^(?:\+7|8)(\d{10})$/.exec(digits)?.[1]
  if (!national)
    throw badUserInput(
      field,
      'PHONE_FORMAT',
      'must be a Russian phone number: +7 or 8 and ten digits, e.g. +7 912 345-67-89',
    )
  return `+7${national}`
}

/** An e-mail address; the domain is case-insensitive and kept in lower case. */
export function requireEmail(field: string, written: string) {
  const address = requireText(field, written, 254)
  if (!EMAIL.test(address))
    throw badUserInput(field, 'EMAIL_FORMAT', 'must be an e-mail address such as name@example.ru')
  const at = address.lastIndexOf('@')
  return `${address.slice(0, at)}${address.slice(at).toLowerCase()}`
}

/** What a families search asks for: a member's phone or e-mail address (in lower case), or words of one person's name. */
export type FamilySearch = { contact: string } | { words: string[] }

const FAMILY_SEARCH_TERM = "must be words of a member's full name, a phone number or an e-mail address"

/**
 * A families search (`FamilyFilter.search`): an e-mail address, a phone number written any way, or words each of which
 * begins a word of the full name of one member or child of the family, in any order.
 */
export function familySearch(field: string, text: string): FamilySearch {
  const trimmed = searchText(field, text)
  if (trimmed.includes('@')) return { contact: requireEmail(field, trimmed).toLowerCase() }
  if (/^[\d\s()+\-‐‑–—.]+$/.test(trimmed)) return { contact: requirePhone(field, trimmed) }
  const words = nameWords(trimmed)
  if (/\d/.test(trimmed) || words.length === 0) throw badUserInput(field, 'FAMILY_SEARCH_TERM', FAMILY_SEARCH_TERM)
  return { words }
}

function contactValue(field: string, contact: ContactInput) {
  return contact.kind === 'PHONE'
    ? requirePhone(`${field}.value`, contact.value)
    : requireEmail(`${field}.value`, contact.value)
}

/**
 * The age a representative must have reached on the first day of the representation: parents from 16, when a minor
 * parent exercises parental rights alone (СК РФ ст. 62); guardians, foster and adoptive parents are adults (ГК РФ
 * ст. 35, СК РФ ст. 127, 153.1).
 */
function minimumAge(relation: RepresentativeRelation) {
  return relation === 'MOTHER' || relation === 'FATHER' ? 16 : 18
}

interface RepresentedMember {
  kinship: Kinship
  birthDate: string | null
}

function representationRow(field: string, member: RepresentedMember, input: RepresentationInput) {
  const documentBasis = requireText(`${field}.documentBasis`, input.documentBasis, 300)
  requireNotInFuture(`${field}.validFrom`, input.validFrom)
  const validTo = requireNotBefore(`${field}.validTo`, input.validTo, `${field}.validFrom`, input.validFrom)
  if ((input.relation === 'MOTHER' || input.relation === 'FATHER') && member.kinship !== 'PARENT') {
    throw badUserInput(
      `${field}.relation`,
      'REPRESENTATIVE_KINSHIP',
      `a ${input.relation} representative must be a member of kinship PARENT`,
    )
  }
  const age = minimumAge(input.relation)
  if (member.birthDate !== null && input.validFrom < addMonths(member.birthDate, 12 * age)) {
    throw badUserInput(
      `${field}.validFrom`,
      'REPRESENTATIVE_TOO_YOUNG',
      `a ${input.relation} representative must be at least ${age} years old on the first day of the representation`,
      { age },
    )
  }
  return { relation: input.relation, document_basis: documentBasis, valid_from: input.validFrom, valid_to: validTo }
}

/** Every check of a new member, before anything is written. */
function memberRows(field: string, input: NewFamilyMemberInput) {
  const birthDate = input.birthDate ?? null
  if (birthDate !== null) {
    requireNotInFuture(`${field}.birthDate`, birthDate)
    if (birthDate < EARLIEST_BIRTH_DATE)
      throw badUserInput(`${field}.birthDate`, 'DATE_TOO_EARLY', `must not be before ${EARLIEST_BIRTH_DATE}`, {
        earliest: EARLIEST_BIRTH_DATE,
      })
  }
  const name = {
    lastName: requireName(`${field}.lastName`, input.lastName),
    firstName: requireName(`${field}.firstName`, input.firstName),
    patronymic: input.patronymic?.trim() ? requireName(`${field}.patronymic`, input.patronymic) : null,
  }
  const member = {
    last_name: name.lastName,
    first_name: name.firstName,
    patronymic: name.patronymic,
    name_key: nameKey(name),
    kinship: input.kinship,
    birth_date: birthDate,
  }
  const representation = input.representation
    ? representationRow(`${field}.representation`, { kinship: input.kinship, birthDate }, input.representation)
    : null
  const contacts = (input.contacts ?? []).map((contact, i) => ({
    kind: contact.kind,
    value: contactValue(`${field}.contacts[${i}]`, contact),
  }))
  return { member, representation, contacts }
}

async function writeMember(trx: Transaction<DB>, familyId: string, rows: ReturnType<typeof memberRows>) {
  const member = await insertFamilyMember(trx, { family_id: familyId, ...rows.member })
  if (rows.representation) await insertLegalRepresentative(trx, { member_id: member.id, ...rows.representation })
  for (const contact of rows.contacts) await insertContact(trx, { member_id: member.id, ...contact })
  return member
}

async function requireMember(trx: Transaction<DB>, field: string, memberId: string) {
  requireUuid(field, memberId)
  const member = await lockFamilyMemberById(trx, memberId)
  if (!member) throw notFound(field, 'family member', memberId)
  return member
}

/** Opens a family with its members, their representations and contacts: all of it, or nothing. */
export async function registerFamily(
  trx: Transaction<DB>,
  input: { municipality: string; address?: string | null; members: readonly NewFamilyMemberInput[] },
) {
  const address = input.address?.trim() ? requireText('input.address', input.address, 500) : null
  if (input.members.length === 0)
    throw badUserInput('input.members', 'LIST_EMPTY', 'must name at least one member of the family')
  if (input.members.length > MAX_MEMBERS)
    throw badUserInput('input.members', 'LIST_TOO_LONG', `must name at most ${MAX_MEMBERS} members`, {
      max: MAX_MEMBERS,
    })
  const members = input.members.map((member, i) => memberRows(`input.members[${i}]`, member))
  const municipality = await requireMunicipality(trx, 'input.municipality', input.municipality)

  const family = await insertFamily(trx, { municipality_oktmo: municipality.oktmo, address })
  for (const rows of members) await writeMember(trx, family.id, rows)
  return family
}

/** A family that moves takes its children on the registry with it to the new municipality. */
export async function changeFamilyAddress(
  trx: Transaction<DB>,
  input: { familyId: string; municipality: string; address: string },
) {
  requireUuid('input.familyId', input.familyId)
  const address = requireText('input.address', input.address, 500)
  const municipality = await requireMunicipality(trx, 'input.municipality', input.municipality)
  const family = await lockFamilyById(trx, input.familyId)
  if (!family) throw notFound('input.familyId', 'family', input.familyId)
  await moveChildrenOfFamily(trx, family.id, municipality.oktmo)
  return updateFamily(trx, family.id, { municipality_oktmo: municipality.oktmo, address })
}

export async function addFamilyMember(trx: Transaction<DB>, input: { familyId: string; member: NewFamilyMemberInput }) {
  const rows = memberRows('input.member', input.member)
  const family = await requireFamily(trx, 'input.familyId', input.familyId)
  return writeMember(trx, family.id, rows)
}

/** A member who no longer lives with the family stays on record; a representation does not end with it. */
export async function endFamilyMembership(trx: Transaction<DB>, input: { memberId: string; leftOn: string }) {
  const member = await requireMember(trx, 'input.memberId', input.memberId)
  if (member.leftOn !== null)
    throw conflict('input.memberId', 'ALREADY_ENDED', `the member already left the family on ${member.leftOn}`, {
      day: member.leftOn,
    })
  requireNotInFuture('input.leftOn', input.leftOn)
  if (member.birthDate !== null)
    requireNotBefore('input.leftOn', input.leftOn, "the member's birth date", member.birthDate)
  return updateFamilyMember(trx, member.id, { left_on: input.leftOn })
}

export function representationTerm(representation: { validFrom: string; validTo: string | null }) {
  const { validFrom, validTo } = representation
  return validTo === null ? `from ${validFrom} with no end` : `from ${validFrom} to ${validTo}`
}

/** A member's representations may follow each other but never overlap; the member row is locked while checking. */
export async function addLegalRepresentative(trx: Transaction<DB>, input: RepresentationInput & { memberId: string }) {
  const member = await requireMember(trx, 'input.memberId', input.memberId)
  const row = representationRow('input', member, input)
  const existing = await findLegalRepresentativesByMemberIds(trx, [member.id])
  const clash = existing.find((other) => periodsOverlap(row.valid_from, row.valid_to, other.validFrom, other.validTo))
  if (clash) {
    throw conflict(
      'input.validFrom',
      'ALREADY_REPRESENTATIVE',
      `the member is already a legal representative ${representationTerm(clash)} (${clash.id})`,
    )
  }
  return insertLegalRepresentative(trx, { member_id: member.id, ...row })
}

/**
 * Ends a representation on its last day. A programme the representative signed after that day would lose its
 * signature, so the end cannot precede the last signature.
 */
export async function endRepresentation(trx: Transaction<DB>, input: { representativeId: string; endedOn: string }) {
  requireUuid('input.representativeId', input.representativeId)
  const representative = await lockLegalRepresentativeById(trx, input.representativeId)
  if (!representative) throw notFound('input.representativeId', 'legal representative', input.representativeId)
  if (representative.validTo !== null && representative.validTo <= input.endedOn) {
    throw conflict(
      'input.representativeId',
      'ALREADY_ENDED',
      `the representation already ends on ${representative.validTo}`,
      { day: representative.validTo },
    )
  }
  requireNotBefore('input.endedOn', input.endedOn, 'the first day of the representation', representative.validFrom)
  const signature = await findLastSignatureByRepresentativeId(trx, representative.id)
  if (signature?.signedOn && signature.signedOn > input.endedOn) {
    throw badUserInput(
      'input.endedOn',
      'DATE_BEFORE_LAST_RECORD',
      `must not be before ${signature.signedOn}, when the representative signed version ${signature.version} of a programme`,
      { last: signature.signedOn },
    )
  }
  return updateLegalRepresentative(trx, representative.id, { valid_to: input.endedOn })
}

export async function addFamilyContact(trx: Transaction<DB>, input: ContactInput & { memberId: string }) {
  const value = contactValue('input', input)
  const member = await requireMember(trx, 'input.memberId', input.memberId)
  return insertContact(trx, { member_id: member.id, kind: input.kind, value })
}

export async function removeFamilyContact(trx: Transaction<DB>, input: { contactId: string }) {
  requireUuid('input.contactId', input.contactId)
  const [contact] = await findContactsByIds(trx, [input.contactId])
  if (!contact) throw notFound('input.contactId', 'contact', input.contactId)
  const member = await requireMember(trx, 'input.contactId', contact.memberId)
  await deleteContact(trx, contact.id)
  return member
}

/**
 * Moves a child into a family (from none, or from another one) as of a day. The decisions about the family it leaves
 * stop counting for it the day before; those about its new family count from that day.
 */
export async function attachChildToFamily(
  trx: Transaction<DB>,
  input: { childId: string; familyId: string; on: string },
) {
  requireUuid('input.childId', input.childId)
  requireNotInFuture('input.on', input.on)
  const family = await requireFamily(trx, 'input.familyId', input.familyId)
  const child = await lockChildById(trx, input.childId)
  if (!child) throw notFound('input.childId', 'child', input.childId)
  if (child.mergedIntoId !== null) {
    throw conflict(
      'input.childId',
      'RECORD_MERGED',
      `the record was merged into ${child.mergedIntoId}; attach that record instead`,
    )
  }
  if (child.familyId === family.id) return child
  requireNotBefore('input.on', input.on, "the child's birth date", child.birthDate)
  if (child.familyId !== null) {
    await endCriteriaOfFamilyForChild(trx, child.id, child.familyId, addDays(input.on, -1))
  }
  await giveSituationCriteria(trx, await findFamilySituationsByFamilyIds(trx, [family.id]), [child], input.on)
  return updateChild(trx, child.id, { family_id: family.id })
}
