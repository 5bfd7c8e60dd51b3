import { referenceCommand } from './reference.js'

/** `npm run import -- icd10 <file.json|file.csv>`: МКБ-10 from the Минздрав НСИ export (OID 1.2.643.5.1.13.13.11.1005). */
export const command = referenceCommand('icd10', 'health')
