import { recordSocialEvent } from '../../../events.js'
import type { Transaction } from 'kysely'
import { badUserInput, conflict, notFound } from '@hub/platform/errors'
import { requireSessionBasics } from '@hub/side-contract/sessions'
import { requireNotBefore, requireUuid } from '@hub/subgraph-kit/validation'
import { requireSessionSpecialist } from '@hub/side-contract/staffing/sessions'
import type { DB, DeliveryMode, SocialSessionCancellationReason, SpecialistRole } from '../../../db/database.js'
import { findProgrammeServicesByIds, lockProgrammeById } from '../queries/programme.queries.js'
import { insertSocialSession } from '../queries/social_session.queries.js'

/**
 * A session of social's own centres against an item of a signed ИПРП. The item is social's own record, so unlike the
 * other sides social checks that it exists, that its programme is in force and that the item is social's to deliver.
 * A specialist it names is one of the item's provider, employed on the day and in the session's role.
 */
export async function recordSocialSession(
  trx: Transaction<DB>,
  input: {
    programmeServiceId: string
    deliveredOn: string
    durationMinutes: number
    mode: DeliveryMode
    specialistRole: SpecialistRole
    specialistId?: string | null
    attended: boolean
    cancellationReason?: SocialSessionCancellationReason | null
  },
) {
  requireUuid('input.programmeServiceId', input.programmeServiceId)
  const { specialistId, cancellationReason } = requireSessionBasics(input)
  const [item] = await findProgrammeServicesByIds(trx, [input.programmeServiceId])
  if (!item) throw notFound('input.programmeServiceId', 'programme service', input.programmeServiceId)
  if (item.responsibleSide !== 'SOCIAL') {
    throw badUserInput(
      'input.programmeServiceId',
      'ITEM_OF_OTHER_SIDE',
      `must be an item the social side delivers (this one is the ${item.responsibleSide} side's)`,
    )
  }
  // Locked so that a new version superseding the programme, or its exit, cannot interleave with the session.
  const programme = await lockProgrammeById(trx, item.programmeId)
  if (!programme) throw notFound('input.programmeServiceId', 'programme', item.programmeId)
  if (programme.status !== 'SIGNED') {
    throw conflict(
      'input.programmeServiceId',
      'PROGRAMME_NOT_SIGNED',
      `the item's programme is ${programme.status}; sessions are recorded against a SIGNED one`,
    )
  }
  requireNotBefore('input.deliveredOn', input.deliveredOn, 'the day the programme was signed', programme.signedOn!)
  await requireSessionSpecialist(trx, {
    specialistId,
    date: input.deliveredOn,
    dateField: 'input.deliveredOn',
    provider: { id: item.providerId, named: 'the provider of the programme item' },
    role: input.specialistRole,
  })
  const session = await insertSocialSession(trx, {
    programme_service_id: item.id,
    delivered_on: input.deliveredOn,
    duration_minutes: input.durationMinutes,
    mode: input.mode,
    specialist_role: input.specialistRole,
    specialist_id: specialistId,
    attended: input.attended,
    cancellation_reason: cancellationReason,
  })
  await recordSocialEvent(trx, 'session.recorded', {
    sessionId: session.id,
    programmeServiceId: item.id,
    childId: item.childId,
  })
  return session
}
