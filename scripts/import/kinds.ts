/** What one kind of import does from the command line: its arguments after the kind, and the exit code. */
export interface ImportCommand {
  run(args: readonly string[]): Promise<number>
}

/**
 * The kinds `npm run import` knows, each loaded only when named. A kind's module (`scripts/import/<kind>.ts`) exports
 * `command: ImportCommand`.
 */
export const IMPORT_KINDS: Readonly<Record<string, () => Promise<ImportCommand>>> = {
  registry: () => import('./registry.js').then((module) => module.command),
  icd10: () => import('./icd10.js').then((module) => module.command),
  icf: () => import('./icf.js').then((module) => module.command),
  calendar: () => import('./calendar.js').then((module) => module.command),
  providers: () => import('./providers.js').then((module) => module.command),
  kindergartens: () => import('./kindergartens.js').then((module) => module.command),
  'early-help-units': () => import('./early-help-units.js').then((module) => module.command),
  oktmo: () => import('./oktmo.js').then((module) => module.command),
  population: () => import('./population.js').then((module) => module.command),
  boundaries: () => import('./boundaries.js').then((module) => module.command),
}

export const importUsage = () =>
  `usage: npm run import -- <${Object.keys(IMPORT_KINDS).join('|')}> <file> [--apply] [--gateway URL] [--token TOKEN]`
