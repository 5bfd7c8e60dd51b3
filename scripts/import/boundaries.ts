import { referenceCommand } from './reference.js'

/** `npm run import -- boundaries <file.geojson>`: the municipalities' boundaries, a feature per ОКТМО, kept by social. */
export const command = referenceCommand('boundaries', 'social')
