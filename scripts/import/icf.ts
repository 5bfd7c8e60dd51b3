import { referenceCommand } from './reference.js'

/** `npm run import -- icf <file.csv|file.json>`: МКФ-ДП (ICF-CY) codes with their Russian names, kept by social. */
export const command = referenceCommand('icf', 'social')
