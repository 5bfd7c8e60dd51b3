import type { Transaction } from 'kysely'
import { badUserInput, conflict, isUniqueViolation, notFound } from '@hub/platform/errors'
import { requireNotBefore, requireNotInFuture, requirePersonNumber, requireUuid } from '@hub/subgraph-kit/validation'
import type {
  EndVolunteerInput,
  RecordVolunteerHoursInput,
  RegisterVolunteerInput,
} from '../__generated__/resolvers-types.js'
import type { DB, VolunteerActivity } from '../db/database.js'
import { findLastWorkedOn, insertVolunteerHours } from '../db/queries/volunteer_hours.queries.js'
import {
  findActiveVolunteerByRegistrationNumber,
  insertVolunteer,
  lockVolunteerById,
  updateVolunteer,
} from '../db/queries/volunteer.queries.js'
import { requireOwnProvider, requireQuarterHours } from '../rules.js'

/*
 * Volunteers (135-ФЗ). A volunteer is a person, and no database but social's holds a person's identity: here a
 * volunteer is the provider's own registration number, their kinds of activity, their period and their hours.
 */

/** At least one kind (a kind named twice is refused before this, by the input rules). */
function requireActivityKinds(field: string, kinds: readonly VolunteerActivity[]) {
  if (kinds.length === 0) throw badUserInput(field, 'LIST_EMPTY', 'must name at least one activity')
  return [...kinds]
}

export function validateRegisterVolunteer(input: RegisterVolunteerInput) {
  return {
    // The provider registry is social's: ngo can check the id's form, not that the provider exists.
    providerId: requireUuid('input.providerId', input.providerId),
    registrationNumber: requirePersonNumber(
      'input.registrationNumber',
      input.registrationNumber,
      'the provider’s registration number',
    ),
    activityKinds: requireActivityKinds('input.activityKinds', input.activityKinds),
    startedOn: requireNotInFuture('input.startedOn', input.startedOn),
  }
}

export async function registerVolunteer(trx: Transaction<DB>, volunteer: ReturnType<typeof validateRegisterVolunteer>) {
  const holder = await findActiveVolunteerByRegistrationNumber(trx, volunteer.providerId, volunteer.registrationNumber)
  if (holder) {
    throw conflict(
      'input.registrationNumber',
      'NUMBER_TAKEN',
      `the provider’s active volunteer ${holder.id} already has this number`,
    )
  }
  try {
    return await insertVolunteer(trx, {
      provider_id: volunteer.providerId,
      registration_number: volunteer.registrationNumber,
      activity_kinds: volunteer.activityKinds,
      started_on: volunteer.startedOn,
    })
  } catch (error) {
    // Two registrations of one number at once: the unique index lets the first through and stops the second here.
    if (isUniqueViolation(error)) {
      throw conflict(
        'input.registrationNumber',
        'NUMBER_TAKEN',
        'the provider’s active volunteer already has this number',
      )
    }
    throw error
  }
}

export function validateEndVolunteer(input: EndVolunteerInput) {
  return {
    volunteerId: requireUuid('input.volunteerId', input.volunteerId),
    endedOn: requireNotInFuture('input.endedOn', input.endedOn),
  }
}

export async function endVolunteer(
  trx: Transaction<DB>,
  end: ReturnType<typeof validateEndVolunteer>,
  organisation: string | null,
) {
  const volunteer = await lockVolunteerById(trx, end.volunteerId)
  if (!volunteer) throw notFound('input.volunteerId', 'volunteer', end.volunteerId)
  requireOwnProvider('input.volunteerId', volunteer.providerId, organisation)
  if (volunteer.endedOn !== null) {
    throw conflict('input.volunteerId', 'ALREADY_ENDED', `the volunteer already ended on ${volunteer.endedOn}`, {
      day: volunteer.endedOn,
    })
  }
  requireNotBefore('input.endedOn', end.endedOn, 'the volunteer’s startedOn', volunteer.startedOn)
  const lastWorkedOn = await findLastWorkedOn(trx, volunteer.id)
  if (lastWorkedOn !== undefined && end.endedOn < lastWorkedOn) {
    throw badUserInput(
      'input.endedOn',
      'DATE_BEFORE_LAST_RECORD',
      `must not be before the last day with recorded hours (${lastWorkedOn})`,
      { last: lastWorkedOn },
    )
  }
  return updateVolunteer(trx, volunteer.id, { ended_on: end.endedOn })
}

export function validateRecordVolunteerHours(input: RecordVolunteerHoursInput) {
  return {
    volunteerId: requireUuid('input.volunteerId', input.volunteerId),
    workedOn: requireNotInFuture('input.workedOn', input.workedOn),
    minutes: requireQuarterHours('input.hours', input.hours),
    activity: input.activity,
  }
}

export async function recordVolunteerHours(
  trx: Transaction<DB>,
  hours: ReturnType<typeof validateRecordVolunteerHours>,
  organisation: string | null,
) {
  // Locked, so that the volunteer cannot be ended before a day this transaction is about to record.
  const volunteer = await lockVolunteerById(trx, hours.volunteerId)
  if (!volunteer) throw notFound('input.volunteerId', 'volunteer', hours.volunteerId)
  requireOwnProvider('input.volunteerId', volunteer.providerId, organisation)
  requireNotBefore('input.workedOn', hours.workedOn, 'the volunteer’s startedOn', volunteer.startedOn)
  if (volunteer.endedOn !== null && hours.workedOn > volunteer.endedOn) {
    throw badUserInput(
      'input.workedOn',
      'DATE_AFTER_END',
      `must not be after the volunteer’s endedOn (${volunteer.endedOn})`,
      { end: volunteer.endedOn },
    )
  }
  if (!volunteer.activityKinds.includes(hours.activity)) {
    throw badUserInput(
      'input.activity',
      'ACTIVITY_OF_VOLUNTEER',
      `must be one of the volunteer’s activityKinds (${volunteer.activityKinds.join(', ')})`,
    )
  }
  return insertVolunteerHours(trx, {
    volunteer_id: volunteer.id,
    worked_on: hours.workedOn,
    minutes: hours.minutes,
    activity: hours.activity,
  })
}
