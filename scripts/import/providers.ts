import { referenceCommand } from './reference.js'

/** `npm run import -- providers <file.csv|file.json>`: the region's registry of providers, kept by social. */
export const command = referenceCommand('providers', 'social')
