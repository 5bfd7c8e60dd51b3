import { referenceCommand } from './reference.js'

/**
 * `npm run import -- calendar <file.csv|file.json>`: the production calendar as data.gov.ru publishes it (non-working
 * and shortened days, transfers, a row per year), kept by social for the deadline clocks' working days.
 */
export const command = referenceCommand('calendar', 'social')
