import { referenceCommand } from './reference.js'

/** `npm run import -- population <file.csv>`: children aged 0–3 by municipality and year (Росстат), kept by social. */
export const command = referenceCommand('population', 'social')
