import { FUTURE } from './writes.js'

/**
 * A session input that breaks one of the rules social, education and ngo apply alike (the kit's
 * `requireSessionBasics`): the field named, the change to a valid input, and the rule the answer states.
 */
export const SESSION_BASICS_CASES: [field: string, change: Record<string, unknown>, rule: string][] = [
  ['input.deliveredOn', { deliveredOn: FUTURE }, 'must not be in the future'],
  ['input.durationMinutes', { durationMinutes: 0 }, 'must be a whole number from 1 to 480'],
  ['input.durationMinutes', { durationMinutes: 481 }, 'must be a whole number from 1 to 480'],
  ['input.cancellationReason', { attended: false }, 'is required when the session did not take place'],
  ['input.cancellationReason', { cancellationReason: 'OTHER' }, 'must be empty when the session took place'],
]
