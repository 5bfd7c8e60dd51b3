import { createHash } from 'node:crypto'
import { decodeContent, DEFAULT_MAX_ATTACHMENT_BYTES } from '@hub/platform/attachment-content'
import { ERROR_RULES, renderRule } from '@hub/platform/error-rules'
import { badUserInput } from '@hub/platform/errors'
import { requireText, today } from '../validation.js'
import { attributesText, diffDictionary, type ReferenceChange, type ReferenceDiff } from './diff.js'
import { readFileTable, type FileProblem } from './file.js'
import type { ReferenceEntry, ReferenceKind, ReferenceValue } from './kinds.js'
import {
  findLastReferenceImportDay,
  findLatestReferenceVersion,
  insertReferenceEntries,
  insertReferenceImport,
  insertReferenceVersion,
  listReferenceEntries,
  lockReferenceKind,
  updateReferenceEntry,
  updateReferenceVersion,
} from './reference.queries.js'
import type { ReferenceDatabase } from './tables.js'

/**
 * The largest dictionary file an import takes: the full МКБ-10 of the НСИ is a few megabytes as JSON. The same as the
 * gateway's `POST /files` default (`GATEWAY_MAX_ATTACHMENT_BYTES`), through which the file travels as base64.
 */
export const MAX_REFERENCE_FILE_BYTES = DEFAULT_MAX_ATTACHMENT_BYTES

/** How many changes and problems a report lists; the counts are always complete. */
export const REPORT_CHANGES = 50
export const REPORT_PROBLEMS = 100

export interface ReferenceImportInput {
  kind: string
  fileName: string
  content: string
  apply?: boolean | null
  validFrom?: string | null
}

/** One change as a report shows it. */
export interface ReportedChange {
  type: ReferenceChange['type']
  code: string
  name: string
  previousName: string | null
  text: string
}

/** One problem of the file as a report shows it, with its Russian message. */
export interface ReportedProblem {
  row: number
  column: string | null
  rule: string
  message: string
}

export interface ReferenceImportReport {
  kind: string
  kindName: string
  fileName: string
  sha256: string
  validFrom: string
  applied: boolean
  importId: string | null
  added: number
  changed: number
  retired: number
  unchanged: number
  changes: ReportedChange[]
  errors: ReportedProblem[]
  errorCount: number
  text: string
}

const day = (iso: string) => iso.split('-').reverse().join('.')

/** A value of an attribute in a report's line: short, whatever it holds (a boundary is a few megabytes of JSON). */
function valueText(value: ReferenceValue | undefined) {
  if (value === undefined || value === null || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'да' : 'нет'
  const text = typeof value === 'object' ? 'изменено' : String(value)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

function attributeChanges(kind: ReferenceKind, before: ReferenceEntry, after: ReferenceEntry) {
  const was = before.attributes ?? {}
  const now = after.attributes ?? {}
  return [...new Set([...Object.keys(was), ...Object.keys(now)])]
    .filter((key) => attributesText({ value: was[key] ?? null }) !== attributesText({ value: now[key] ?? null }))
    .sort()
    .map((key) => {
      const label = kind.attributeLabels?.[key] ?? key
      const value = now[key]
      return typeof value === 'object' && value !== null
        ? `${label}: изменено`
        : `${label}: ${valueText(now[key])} (было ${valueText(was[key])})`
    })
}

function changeText(kind: ReferenceKind, change: ReferenceChange, validFrom: string) {
  const { after, before } = change
  if (change.type === 'ADDED') return `+ ${after.code} ${after.name}${after.active ? '' : ' (не действует)'}`
  if (change.type === 'RETIRED') return `− ${after.code} ${after.name}: не действует с ${day(validFrom)}`
  const parts: string[] = []
  if (before && before.name !== after.name) parts.push(`«${before.name}» → «${after.name}»`)
  if (before && before.parentCode !== after.parentCode) {
    parts.push(`входит в ${after.parentCode ?? '—'} (было ${before.parentCode ?? '—'})`)
  }
  if (before) parts.push(...attributeChanges(kind, before, after))
  if (before && !before.active && after.active) parts.push(`снова действует с ${day(validFrom)}`)
  return `~ ${after.code}: ${parts.join('; ')}`
}

function problemMessage(problem: FileProblem) {
  return renderRule(problem.rule, problem.params) ?? ERROR_RULES[problem.rule]
}

function problemText(problem: ReportedProblem) {
  const where = problem.column === null ? `Строка ${problem.row}` : `Строка ${problem.row}, столбец ${problem.column}`
  return `${where}: ${problem.message} (${problem.rule})`
}

/** The report in Russian, as the command prints it and the screen shows it above its tables. */
function reportText(report: Omit<ReferenceImportReport, 'text'>, changes: readonly ReferenceChange[]) {
  const head = `${report.kindName}, файл «${report.fileName}» (SHA-256 ${report.sha256.slice(0, 12)}…)`
  if (report.errorCount > 0) {
    return [
      `${head}: файл не загружен, ошибок: ${report.errorCount}. Исправьте их и повторите; справочник не изменён.`,
      ...report.errors.map(problemText),
      ...(report.errorCount > report.errors.length ? [`… и ещё ${report.errorCount - report.errors.length}`] : []),
    ].join('\n')
  }
  const total = report.added + report.changed + report.retired
  if (total === 0) {
    return `${head}: изменений нет — справочник уже совпадает с файлом (записей без изменений: ${report.unchanged}).`
  }
  const counts = `добавлено: ${report.added}, изменено: ${report.changed}, выведено из действия: ${report.retired}, без изменений: ${report.unchanged}`
  return [
    report.applied ? `${head}: загружен.` : `${head}: проверка, справочник не изменён.`,
    report.applied
      ? `Записано — ${counts}; изменения действуют с ${day(report.validFrom)}.`
      : `Будет ${counts}; изменения вступят в силу с ${day(report.validFrom)}.`,
    `Первые изменения${changes.length > report.changes.length ? ` (${report.changes.length} из ${changes.length})` : ''}:`,
    ...report.changes.map((change) => `  ${change.text}`),
  ].join('\n')
}

function buildReport(
  kind: ReferenceKind,
  file: { fileName: string; sha256: string; validFrom: string },
  outcome: { applied: boolean; importId: string | null; diff: ReferenceDiff | null; problems: readonly FileProblem[] },
): ReferenceImportReport {
  const changes = outcome.diff?.changes ?? []
  const report = {
    kind: kind.code,
    kindName: kind.name,
    ...file,
    applied: outcome.applied,
    importId: outcome.importId,
    added: outcome.diff?.added ?? 0,
    changed: outcome.diff?.changed ?? 0,
    retired: outcome.diff?.retired ?? 0,
    unchanged: outcome.diff?.unchanged ?? 0,
    changes: changes.slice(0, REPORT_CHANGES).map((change) => ({
      type: change.type,
      code: change.code,
      name: change.after.name,
      previousName: change.before && change.before.name !== change.after.name ? change.before.name : null,
      text: changeText(kind, change, file.validFrom),
    })),
    errors: outcome.problems.slice(0, REPORT_PROBLEMS).map((problem) => ({
      row: problem.row,
      column: problem.column,
      rule: problem.rule,
      message: problemMessage(problem),
    })),
    errorCount: outcome.problems.length,
  }
  return { ...report, text: reportText(report, changes) }
}

/** Writes the changes of a diff as versions: each change in force from `validFrom`, the one before it ending then. */
async function applyDiff(
  trx: ReferenceDatabase,
  kind: string,
  diff: ReferenceDiff,
  importId: string,
  validFrom: string,
  explicit: boolean,
) {
  const added = diff.changes.filter((change) => change.type === 'ADDED').map((change) => change.after)
  // Without a date given, an added entry is taken as in force all along: a code new to the hub is not new to medicine.
  await insertReferenceEntries(trx, kind, added, importId, {
    validFrom: explicit ? validFrom : null,
    retiredOn: validFrom,
  })
  for (const { type, after, before } of diff.changes) {
    if (type === 'ADDED' || !before) continue
    const latest = await findLatestReferenceVersion(trx, kind, after.code)
    const wording = { name: after.name, parentCode: after.parentCode, attributes: after.attributes ?? {} }
    if (before.active && after.active) {
      if (latest.validFrom === validFrom) await updateReferenceVersion(trx, latest.id, wording)
      else {
        await updateReferenceVersion(trx, latest.id, { validTo: validFrom })
        await insertReferenceVersion(trx, kind, after, validFrom, importId)
      }
    } else if (before.active) await updateReferenceVersion(trx, latest.id, { validTo: validFrom })
    else if (after.active) await insertReferenceVersion(trx, kind, after, validFrom, importId)
    else await updateReferenceVersion(trx, latest.id, wording)
    await updateReferenceEntry(trx, kind, after satisfies ReferenceEntry)
  }
}

/**
 * An import of a dictionary's file: without `apply` a dry run that reads the file and reports what it would change;
 * with it, one transaction that writes the changes as versions and records the import. A file with any problem
 * changes nothing. Running the same file twice changes nothing the second time (its report says «изменений нет»),
 * though the second run is recorded too, so that the history shows who checked the dictionary against which file.
 */
export async function importReference(
  db: ReferenceDatabase,
  kinds: readonly ReferenceKind[],
  importedBy: string,
  input: ReferenceImportInput,
): Promise<ReferenceImportReport> {
  const kind = kinds.find((candidate) => candidate.code === input.kind)
  if (!kind) {
    throw badUserInput('input.kind', 'REFERENCE_KIND', `must be one of ${kinds.map((k) => k.code).join(', ')}`, {
      kind: input.kind,
    })
  }
  const fileName = requireText('input.fileName', input.fileName, 255)
  const bytes = decodeContent(input.content, MAX_REFERENCE_FILE_BYTES)
  const explicit = input.validFrom !== null && input.validFrom !== undefined
  const validFrom = input.validFrom ?? today()
  const lastDay = await findLastReferenceImportDay(db, kind.code)
  if (lastDay !== null && validFrom < lastDay) {
    throw badUserInput('input.validFrom', 'DATE_TOO_EARLY', `must not be before the latest import's ${lastDay}`, {
      earliest: lastDay,
    })
  }
  const file = { fileName, sha256: createHash('sha256').update(bytes).digest('hex'), validFrom }
  const table = readFileTable(bytes)
  const read = 'rule' in table ? { entries: [], problems: [table] } : kind.read(table)
  const problems: FileProblem[] =
    read.entries.length === 0 && read.problems.length === 0
      ? [{ row: 1, column: null, rule: 'REFERENCE_FILE_EMPTY' }]
      : read.problems
  if (problems.length === 0 && kind.check) problems.push(...(await kind.check(db, read.entries)))
  if (problems.length > 0) return buildReport(kind, file, { applied: false, importId: null, diff: null, problems })
  const heldMap = async (from: ReferenceDatabase) =>
    new Map((await listReferenceEntries(from, kind.code)).map((entry) => [entry.code, entry]))
  if (!input.apply) {
    const diff = diffDictionary(await heldMap(db), read.entries, kind.scope)
    return buildReport(kind, file, { applied: false, importId: null, diff, problems })
  }
  return db.transaction().execute(async (trx) => {
    await lockReferenceKind(trx, kind.code)
    const diff = diffDictionary(await heldMap(trx), read.entries, kind.scope)
    const importId = await insertReferenceImport(trx, {
      kind: kind.code,
      ...file,
      importedBy,
      added: diff.added,
      changed: diff.changed,
      retired: diff.retired,
      unchanged: diff.unchanged,
    })
    await applyDiff(trx, kind.code, diff, importId, validFrom, explicit)
    await kind.apply?.(trx, diff.changes, { id: importId, validFrom })
    return buildReport(kind, file, { applied: true, importId, diff, problems })
  })
}
