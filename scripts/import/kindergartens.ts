import { referenceCommand } from './reference.js'

/** `npm run import -- kindergartens <file.csv|file.json>`: the education department's kindergartens and their groups. */
export const command = referenceCommand('kindergartens', 'education')
