import { recordSocialEvent } from '../../../events.js'
import type { Insertable, Transaction } from 'kysely'
import { badUserInput, conflict, hubError, notFound } from '@hub/platform/errors'
import { addMonths, requireNotInFuture, requireText, requireUuid, today } from '@hub/subgraph-kit/validation'
import type { ChildCriterionTable, DB, Side } from '../../../db/database.js'
import {
  findChildBySnils,
  findChildrenByNameKey,
  insertChild,
  lockChildById,
  lockRegistrationKeys,
  updateChild,
  type ChildRow,
} from '../queries/child.queries.js'
import { findCriteriaByChildIds, insertCriteria, type ChildCriterionRow } from '../queries/child_criterion.queries.js'
import { findFamiliesByIds, findFamilySituationsByFamilyIds } from '../../families/queries/family.queries.js'
import { insertPossibleDuplicate } from '../queries/possible_duplicate.queries.js'
import { insertStatusChange } from '../queries/registry_status_change.queries.js'
import { formatSnils, isValidSnils, snilsDigits } from '../../../identifiers.js'
import { nameKey, requireName } from '../../../names.js'
import { criterionRow, type CriterionInput } from './criteria.js'
import { attachChildToFamily } from '../../families/services/families.js'
import { giveSituationCriteria } from '../../families/services/family-situations.js'
import { requireMunicipality } from '../../providers/services/municipalities.js'

export interface RegisterChildInput {
  lastName: string
  firstName: string
  patronymic?: string | null
  birthDate: string
  sex: 'MALE' | 'FEMALE'
  snils?: string | null
  municipality: string
  familyId?: string | null
  continuationReason?: string | null
  criteria?: readonly CriterionInput[] | null
}

export function requireSnils(field: string, written: string) {
  const digits = snilsDigits(written)
  if (!digits)
    throw badUserInput(field, 'SNILS_FORMAT', 'must be 11 digits, written XXX-XXX-XXX YY or without separators')
  if (!isValidSnils(digits))
    throw badUserInput(field, 'CHECK_DIGIT', 'the check number does not match the first nine digits')
  return digits
}

/** Early help is for children under 3; it may continue up to 8 while the child cannot yet enter education. */
function requireTargetAge(birthDate: string, continuationReason: string | null) {
  requireNotInFuture('input.birthDate', birthDate)
  const limit = continuationReason ? 8 : 3
  if (birthDate <= addMonths(today(), -12 * limit)) {
    throw badUserInput(
      'input.birthDate',
      'CHILD_TOO_OLD',
      continuationReason
        ? 'the child must be under 8 years old to continue early help'
        : 'the child must be under 3 years old (give input.continuationReason to continue early help up to 8)',
      { years: limit },
    )
  }
}

/** What two records of the same name and birth date disagree on; empty when they can be the same child. */
function conflicts(existing: ChildRow, input: { sex: string; snils: string | null; municipality: string }) {
  const differences: string[] = []
  if (existing.sex !== input.sex) differences.push(`пол (${existing.sex} / ${input.sex})`)
  if (existing.snils && input.snils && existing.snils !== input.snils) {
    differences.push(`СНИЛС (${formatSnils(existing.snils)} / ${formatSnils(input.snils)})`)
  }
  return differences
}

/** What a registration carried that the existing record did not take, and why: a field of the input and a rule. */
export interface NotApplied {
  field: string
  reason: string
}

const sameCriterion = (a: Insertable<ChildCriterionTable>, b: ChildCriterionRow) =>
  a.code === b.code &&
  a.evidence_document === b.evidenceDocument &&
  a.evidence_date === b.evidenceDate &&
  a.valid_from === b.validFrom &&
  (a.valid_to ?? null) === b.validTo

/**
 * A registration that finds the child already on the registry gives the
 * record what it lacks, by the rules a new record is made with: the
 * criteria not yet recorded (from the registering side), the family where
 * the record has none, the СНИЛС where it has none (done by the caller,
 * which has checked that no other record holds it). What the record holds
 * differently stays as it is and is reported, with the mutation that
 * changes it; nothing is dropped without the caller being told.
 */
async function applyToExisting(
  trx: Transaction<DB>,
  found: ChildRow,
  input: RegisterChildInput,
  carried: {
    person: { lastName: string; firstName: string; patronymic: string | null }
    municipality: string
    criteria: Insertable<ChildCriterionTable>[]
  },
) {
  const child = (await lockChildById(trx, found.id))!
  const notApplied: NotApplied[] = []
  if (child.mergedIntoId !== null) {
    const reason = `the record was merged into ${child.mergedIntoId}; register or change that record`
    return {
      child,
      notApplied: [
        ...carried.criteria.map((_row, i) => ({ field: `input.criteria[${i}]`, reason })),
        ...(input.familyId ? [{ field: 'input.familyId', reason }] : []),
      ],
    }
  }
  const part = (name: string | null) => nameKey({ lastName: name ?? '', firstName: '', patronymic: null })
  for (const name of ['lastName', 'firstName', 'patronymic'] as const) {
    const given = carried.person[name]
    if (given !== null && part(given) !== part(child[name])) {
      notApplied.push({
        field: `input.${name}`,
        reason: 'differs from the record, which keeps its own: a registration does not rename a child of the registry',
      })
    }
  }
  if (input.birthDate !== child.birthDate) {
    notApplied.push({
      field: 'input.birthDate',
      reason: 'differs from the record, which keeps its own: a registration does not change a birth date',
    })
  }
  if (input.sex !== child.sex) {
    notApplied.push({
      field: 'input.sex',
      reason: 'differs from the record, which keeps its own: a registration does not change it',
    })
  }
  if (carried.municipality !== child.municipalityOktmo) {
    notApplied.push({
      field: 'input.municipality',
      reason: "differs from the record; a move is recorded with changeFamilyAddress on the child's family",
    })
  }
  if (input.continuationReason?.trim()) {
    notApplied.push({
      field: 'input.continuationReason',
      reason:
        'is recorded only with a new record; the existing record keeps its registry status (changeRegistryStatus)',
    })
  }

  const recorded = await findCriteriaByChildIds(trx, [child.id])
  const fresh = carried.criteria.filter((row) => !recorded.some((existing) => sameCriterion(row, existing)))
  if (fresh.length > 0)
    await insertCriteria(
      trx,
      fresh.map((row) => ({ ...row, child_id: child.id })),
    )

  if (input.familyId && input.familyId !== child.familyId) {
    if (child.familyId === null) {
      return {
        child: await attachChildToFamily(trx, { childId: child.id, familyId: input.familyId, on: today() }),
        notApplied,
      }
    }
    notApplied.push({
      field: 'input.familyId',
      reason:
        'the child is in another family of the registry; a move between families is recorded with attachChildToFamily',
    })
  }
  return { child, notApplied }
}

/**
 * Registers a child once. Runs inside the caller's transaction; every
 * check happens before the first write, and any error rolls back all.
 * `source` is the side the caller registers for (attribution.ts).
 */
export async function registerChild(trx: Transaction<DB>, input: RegisterChildInput, source: Side) {
  const person = {
    lastName: requireName('input.lastName', input.lastName),
    firstName: requireName('input.firstName', input.firstName),
    patronymic: input.patronymic?.trim() ? requireName('input.patronymic', input.patronymic) : null,
  }
  const continuationReason = input.continuationReason?.trim()
    ? requireText('input.continuationReason', input.continuationReason)
    : null
  requireTargetAge(input.birthDate, continuationReason)
  const snils = input.snils?.trim() ? requireSnils('input.snils', input.snils) : null
  const criteria = (input.criteria ?? []).map((criterion, i) =>
    criterionRow(`input.criteria[${i}]`, '', source, criterion),
  )
  if (input.familyId) requireUuid('input.familyId', input.familyId)
  const municipality = await requireMunicipality(trx, 'input.municipality', input.municipality)
  if (input.familyId && (await findFamiliesByIds(trx, [input.familyId])).length === 0) {
    throw badUserInput('input.familyId', 'NOT_FOUND', 'must be the id of a family in the registry', {
      record: 'family',
    })
  }

  const key = nameKey(person)
  await lockRegistrationKeys(
    trx,
    snils ? [`name:${key}:${input.birthDate}`, `snils:${snils}`] : [`name:${key}:${input.birthDate}`],
  )

  const carried = { person, municipality: municipality.oktmo, criteria }
  if (snils) {
    const bySnils = await findChildBySnils(trx, snils)
    if (bySnils) {
      const existing = await applyToExisting(trx, bySnils, input, carried)
      return { outcome: 'EXISTING_BY_SNILS' as const, possibleDuplicate: null, ...existing }
    }
  }
  const sameNameAndBirth = await findChildrenByNameKey(trx, key, input.birthDate)
  const match = sameNameAndBirth.find(
    (existing) => conflicts(existing, { sex: input.sex, snils, municipality: municipality.oktmo }).length === 0,
  )
  if (match) {
    // The same child, now with the СНИЛС it did not have: the registry learns it once.
    if (snils && !match.snils) await updateChild(trx, match.id, { snils })
    const existing = await applyToExisting(trx, match, input, carried)
    return { outcome: 'EXISTING_BY_NAME_AND_BIRTH_DATE' as const, possibleDuplicate: null, ...existing }
  }

  const child = await insertChild(trx, {
    family_id: input.familyId ?? null,
    last_name: person.lastName,
    first_name: person.firstName,
    patronymic: person.patronymic,
    name_key: key,
    birth_date: input.birthDate,
    sex: input.sex,
    snils,
    municipality_oktmo: municipality.oktmo,
    registry_status: 'POTENTIALLY_IN_NEED',
  })
  await insertStatusChange(trx, {
    child_id: child.id,
    from_status: null,
    to_status: 'POTENTIALLY_IN_NEED',
    reason: continuationReason ? `Продолжение ранней помощи: ${continuationReason}` : null,
  })
  if (criteria.length > 0)
    await insertCriteria(
      trx,
      criteria.map((row) => ({ ...row, child_id: child.id })),
    )
  if (child.familyId !== null) {
    await giveSituationCriteria(
      trx,
      await findFamilySituationsByFamilyIds(trx, [child.familyId]),
      [child],
      child.birthDate,
    )
  }

  await recordSocialEvent(trx, 'child.registered', { childId: child.id })
  const candidate = sameNameAndBirth[0]
  if (!candidate) return { outcome: 'CREATED' as const, child, possibleDuplicate: null, notApplied: [] }
  const possibleDuplicate = await insertPossibleDuplicate(trx, {
    child_id: child.id,
    candidate_child_id: candidate.id,
    reason: `Совпадают ФИО и дата рождения; расходятся: ${conflicts(candidate, { sex: input.sex, snils, municipality: municipality.oktmo }).join(', ')}`,
  })
  return { outcome: 'CREATED_WITH_POSSIBLE_DUPLICATE' as const, child, possibleDuplicate, notApplied: [] }
}

/** Gives a child registered with СНИЛС pending its СНИЛС, without creating a second record. */
export async function attachSnils(trx: Transaction<DB>, input: { childId: string; snils: string }) {
  requireUuid('input.childId', input.childId)
  const snils = requireSnils('input.snils', input.snils)
  await lockRegistrationKeys(trx, [`snils:${snils}`])
  const child = await lockChildById(trx, input.childId)
  if (!child) throw notFound('input.childId', 'child', input.childId)
  if (child.snils === snils) return child
  if (child.snils) {
    throw conflict('input.snils', 'SNILS_ALREADY_SET', `the child already has СНИЛС ${formatSnils(child.snils)}`)
  }
  const holder = await findChildBySnils(trx, snils)
  if (holder) {
    throw hubError(
      'CONFLICT',
      'SNILS_TAKEN',
      `input.snils: СНИЛС ${formatSnils(snils)} belongs to child ${holder.id}; merge the two records`,
      {
        field: 'input.snils',
        childId: holder.id,
      },
    )
  }
  return updateChild(trx, child.id, { snils })
}
