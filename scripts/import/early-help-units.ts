import { referenceCommand } from './reference.js'

/** `npm run import -- early-help-units <file.csv|file.json>`: the kindergartens' early-help units, kept by education. */
export const command = referenceCommand('early-help-units', 'education')
