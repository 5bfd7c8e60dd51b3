import { referenceCommand } from './reference.js'

/** `npm run import -- oktmo <file.csv>`: the region's municipalities from Росстат's ОКТМО file, kept by social. */
export const command = referenceCommand('oktmo', 'social')
