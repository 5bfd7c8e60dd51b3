import { dayFromText } from '@hub/platform/scalars'
import type { FileProblem, FileTable } from '@hub/subgraph-kit/reference/file'
import { missingColumns, rowReader as cellReader } from '@hub/subgraph-kit/reference/file'
import type { ReadEntries, ReferenceKind } from '@hub/subgraph-kit/reference/kinds'
import type { ReferenceChange } from '@hub/subgraph-kit/reference/diff'
import { referenceResolvers } from '@hub/subgraph-kit/reference/resolvers'
import type { ReferenceDatabase } from '@hub/subgraph-kit/reference/tables'
import type { Kysely } from 'kysely'
import type { DB, EarlyHelpUnitKind, KindergartenGroupFocus } from './db/database.js'
import { upsertEarlyHelpUnit } from './db/queries/early_help_unit.queries.js'
import {
  closeKindergartenPart,
  closeKindergartensByCodes,
  findKindergartensByCodes,
  upsertKindergartenByCode,
} from './db/queries/kindergarten.queries.js'
import { upsertKindergartenGroup } from './db/queries/kindergarten_group.queries.js'

/** A code of the department's file: an organisation's (its own code or ИНН), a group's or a unit's within it. */
export const KINDERGARTEN_CODE = /^[0-9A-Za-zА-ЯЁа-яё._-]{1,32}$/

/** The youngest and oldest a preschool group's age range may name, in months (0 to 8 years). */
const MONTHS = { min: 0, max: 96 }
const PLACES = { min: 1, max: 500 }

/**
 * Группы по направленности (ФЗ-273 ст. 64; Порядок организации и осуществления образовательной деятельности по
 * основным общеобразовательным программам дошкольного образования): by the first letters of the word, so that
 * «компенсирующей направленности» reads as well as «компенсирующая»; the schema's own names are taken too.
 */
const FOCUSES: readonly [string, KindergartenGroupFocus][] = [
  ['общеразв', 'GENERAL'],
  ['компенс', 'COMPENSATORY'],
  ['комбинир', 'COMBINED'],
  ['оздоров', 'HEALTH_IMPROVING'],
]

/** Формы ранней помощи в образовательной организации, by the words the department's files use. */
const UNIT_KINDS: readonly [string, EarlyHelpUnitKind][] = [
  ['консультационн', 'CONSULTATION_POINT'],
  ['лекотек', 'LEKOTEKA'],
  ['группа кратковременного', 'SHORT_STAY_GROUP'],
  ['гкп', 'SHORT_STAY_GROUP'],
  ['служба ранней', 'EARLY_HELP_SERVICE'],
]

/** A value of a closed list by the first letters of its Russian word, or by its name in the schema. */
function byWord<T extends string>(words: readonly [string, T][], text: string): T | undefined {
  const value = text.toLowerCase().replace(/\s+/g, ' ')
  return (
    words.find(([word]) => value.startsWith(word))?.[1] ??
    words.map(([, code]) => code).find((code) => code === text.toUpperCase())
  )
}

/** Years with a decimal comma or point (1,5) as whole months; undefined if not a whole month within 0–8 years. */
function months(text: string) {
  if (!/^\d{1,2}([.,]\d{1,2})?$/.test(text)) return undefined
  const value = Number(text.replace(',', '.')) * 12
  const whole = Math.round(value)
  return Math.abs(value - whole) < 0.01 && whole >= MONTHS.min && whole <= MONTHS.max ? whole : undefined
}

/** The kit's reading of one row, with the code of a kindergarten, a group or a unit. */
function rowReader(row: number, values: Readonly<Record<string, string>>, problems: FileProblem[]) {
  const read = cellReader(row, values, problems)
  const code = (column: string) => {
    const value = read.required(column)
    if (value !== '' && !KINDERGARTEN_CODE.test(value)) read.problem(column, 'KINDERGARTEN_CODE')
    return value
  }
  return { ...read, code }
}

type RowReader = ReturnType<typeof rowReader>

/**
 * The rows of a file that has the columns a kind requires, each read by `read`: what it returns is kept for a row with
 * no problem, the problems of the others are the file's. Without a required column, only those problems.
 */
function readRows<T>(table: FileTable, columns: readonly string[], read: (row: RowReader) => T) {
  const missing = missingColumns(table, columns)
  if (missing.length > 0) return { rows: [], problems: missing }
  const problems: FileProblem[] = []
  const rows: (T & { row: number })[] = []
  for (const { row, values } of table.rows) {
    const rowProblems: FileProblem[] = []
    const kept = read(rowReader(row, values, rowProblems))
    if (rowProblems.length > 0) problems.push(...rowProblems)
    else rows.push({ ...kept, row })
  }
  return { rows, problems }
}

type Entry = ReadEntries['entries'][number]

/** A problem for an entry whose code an earlier row already gave. */
const duplicate = (entry: Entry, column: string, earlier: Entry): FileProblem => ({
  row: entry.row,
  column,
  rule: 'REFERENCE_DUPLICATE',
  params: { code: entry.code, row: earlier.row },
})

const GROUP_COLUMNS = ['GROUP_CODE', 'GROUP_NAME', 'AGE_FROM', 'AGE_TO', 'FOCUS', 'PLACES']

/** A group's columns of one row of the department's file. */
function readGroup(read: RowReader) {
  const code = read.code('GROUP_CODE')
  const name = read.required('GROUP_NAME')
  const from = read.parsed('AGE_FROM', months, 'KINDERGARTEN_GROUP_AGE')
  const to = read.parsed('AGE_TO', months, 'KINDERGARTEN_GROUP_AGE')
  if (from !== undefined && to !== undefined && from >= to) read.problem('AGE_TO', 'KINDERGARTEN_GROUP_AGE')
  const focus = read.parsed('FOCUS', (text) => byWord(FOCUSES, text), 'KINDERGARTEN_GROUP_FOCUS')
  const places = read.parsed(
    'PLACES',
    (text) => (/^\d+$/.test(text) && +text >= PLACES.min && +text <= PLACES.max ? +text : undefined),
    'KINDERGARTEN_GROUP_PLACES',
  )
  return { code, name, attributes: { ageFromMonths: from!, ageToMonths: to!, focus: focus!, places: places! } }
}

/**
 * The department's file read as organisations and their groups: a row per group, its organisation's columns repeated
 * on each (a row with no group's columns lists an organisation without groups). An organisation is an entry of its
 * own code; a group is `<organisation>/<group>` under it.
 */
function readKindergartens(table: FileTable): ReadEntries {
  const { rows, problems } = readRows(table, ['ORG_CODE', 'ORG_NAME', 'OKTMO', 'ADDRESS', ...GROUP_COLUMNS], (read) => {
    const code = read.code('ORG_CODE')
    const name = read.required('ORG_NAME')
    const oktmo = read.parsed('OKTMO', (text) => (/^\d{8}$/.test(text) ? text : undefined), 'OKTMO_FORMAT')
    const attributes = { oktmo: oktmo!, address: read.required('ADDRESS') }
    const group = GROUP_COLUMNS.some(read.filled) ? readGroup(read) : null
    return { code, name, attributes, group }
  })
  const organisations = new Map<string, Entry>()
  const groups = new Map<string, Entry>()
  for (const { row, code, name, attributes, group } of rows) {
    const organisation: Entry = { row, code, name, parentCode: null, active: true, attributes }
    const earlier = organisations.get(code)
    if (!earlier) organisations.set(code, organisation)
    else if (earlier.name !== name || JSON.stringify(earlier.attributes) !== JSON.stringify(attributes)) {
      problems.push({ row, column: 'ORG_NAME', rule: 'KINDERGARTEN_MISMATCH', params: { code, row: earlier.row } })
    } else if (!group) problems.push(duplicate(organisation, 'ORG_CODE', earlier))
    if (!group) continue
    const entry: Entry = { row, ...group, code: `${code}/${group.code}`, parentCode: code, active: true }
    const earlierGroup = groups.get(entry.code)
    if (earlierGroup) problems.push(duplicate(entry, 'GROUP_CODE', earlierGroup))
    else groups.set(entry.code, entry)
  }
  return { entries: [...organisations.values(), ...groups.values()], problems }
}

/**
 * The department's file of early-help units (консультационный пункт, лекотека, группа кратковременного пребывания,
 * служба ранней помощи): a row per unit, `<organisation>/<unit>` under its kindergarten's code.
 */
function readEarlyHelpUnits(table: FileTable): ReadEntries {
  const columns = ['ORG_CODE', 'UNIT_CODE', 'UNIT_NAME', 'UNIT_KIND', 'OPENED_ON']
  const { rows, problems } = readRows(table, columns, (read) => ({
    organisation: read.code('ORG_CODE'),
    code: read.code('UNIT_CODE'),
    name: read.required('UNIT_NAME'),
    kind: read.parsed('UNIT_KIND', (text) => byWord(UNIT_KINDS, text), 'EARLY_HELP_UNIT_KIND_NAME'),
    openedOn: read.parsed('OPENED_ON', (text) => dayFromText(text) ?? undefined, 'EARLY_HELP_UNIT_DATE'),
  }))
  const units = new Map<string, Entry>()
  for (const { row, organisation, code, name, kind, openedOn } of rows) {
    const entry: Entry = {
      row,
      code: `${organisation}/${code}`,
      name,
      parentCode: organisation,
      active: true,
      attributes: { kind: kind!, openedOn: openedOn! },
    }
    const earlier = units.get(entry.code)
    if (earlier) problems.push(duplicate(entry, 'UNIT_CODE', earlier))
    else units.set(entry.code, entry)
  }
  return { entries: [...units.values()], problems }
}

const education = (db: ReferenceDatabase) => db as unknown as Kysely<DB>

/** A group or a unit of a kindergarten, as its entry's code `<kindergarten>/<own code>` names it. */
interface KindergartenPart {
  kindergartenId: string
  code: string
}

/**
 * Carries the changes of a kindergarten's groups or units into their table: each one the file lists added or brought
 * up to date by `upsert`, each retired one closed from the import's day.
 */
async function applyParts(
  db: Kysely<DB>,
  table: 'kindergarten_group' | 'early_help_unit',
  changes: readonly ReferenceChange[],
  validFrom: string,
  upsert: (part: KindergartenPart, after: ReferenceChange['after']) => Promise<unknown>,
) {
  const split = changes.map((change) => ({ change, slash: change.code.indexOf('/') }))
  const codes = [...new Set(split.map(({ change, slash }) => change.code.slice(0, slash)))]
  const ids = new Map((await findKindergartensByCodes(db, codes)).map((row) => [row.code!, row.id]))
  for (const { change, slash } of split) {
    const part = { kindergartenId: ids.get(change.code.slice(0, slash))!, code: change.code.slice(slash + 1) }
    if (change.type === 'RETIRED') await closeKindergartenPart(db, table, part, validFrom)
    else await upsert(part, change.after)
  }
}

/**
 * Kindergartens, from the education department's file: each organisation added to or brought up to date in education's
 * kindergartens by its code (so the file merges with kindergartens already recorded under that code), with its groups;
 * one the file no longer lists is closed from the import's day and kept for the records that name it.
 */
export const KINDERGARTENS_KIND: ReferenceKind = {
  code: 'kindergartens',
  name: 'Детские сады',
  title: 'Дошкольные образовательные организации и их группы',
  source:
    'Выгрузка органа управления образованием: CSV или JSON, строка на группу — ORG_CODE (код организации или ИНН), ' +
    'ORG_NAME, OKTMO, ADDRESS, GROUP_CODE, GROUP_NAME, AGE_FROM, AGE_TO (лет), FOCUS (направленность), PLACES',
  formats: ['CSV', 'JSON'],
  read: readKindergartens,
  attributeLabels: {
    oktmo: 'ОКТМО',
    address: 'адрес',
    ageFromMonths: 'возраст с, мес.',
    ageToMonths: 'возраст до, мес.',
    focus: 'направленность',
    places: 'мест',
  },
  async apply(trx, changes, { validFrom }) {
    const db = education(trx)
    const organisations = changes.filter((change) => change.after.parentCode === null)
    for (const { after } of organisations.filter((change) => change.type !== 'RETIRED')) {
      const { oktmo, address } = after.attributes as { oktmo: string; address: string }
      await upsertKindergartenByCode(db, { code: after.code, name: after.name, municipalityOktmo: oktmo, address })
    }
    const groups = changes.filter((change) => change.after.parentCode !== null)
    await applyParts(db, 'kindergarten_group', groups, validFrom, (part, after) => {
      const attributes = after.attributes as {
        ageFromMonths: number
        ageToMonths: number
        focus: KindergartenGroupFocus
        places: number
      }
      return upsertKindergartenGroup(db, { ...part, name: after.name, ...attributes })
    })
    const retired = organisations.filter((change) => change.type === 'RETIRED').map((change) => change.code)
    await closeKindergartensByCodes(db, retired, validFrom)
  },
}

/**
 * Early-help units of kindergartens, from the education department's file: each added to or brought up to date in
 * its kindergarten by code, with the day it opened; one the file no longer lists is closed from the import's day and
 * kept for the sessions recorded in it. Its kindergarten must be open in education's records.
 */
export const EARLY_HELP_UNITS_KIND: ReferenceKind = {
  code: 'early-help-units',
  name: 'Подразделения ранней помощи',
  title: 'Подразделения ранней помощи дошкольных образовательных организаций',
  source:
    'Выгрузка органа управления образованием: CSV или JSON, строка на подразделение — ORG_CODE (код детского сада), ' +
    'UNIT_CODE, UNIT_NAME, UNIT_KIND (консультационный пункт, лекотека, группа кратковременного пребывания, служба ' +
    'ранней помощи), OPENED_ON (дата открытия)',
  formats: ['CSV', 'JSON'],
  read: readEarlyHelpUnits,
  attributeLabels: { kind: 'форма', openedOn: 'открыто' },
  async check(trx, entries) {
    const codes = [...new Set(entries.map((entry) => entry.parentCode!))]
    const open = new Set(
      (await findKindergartensByCodes(education(trx), codes))
        .filter((row) => row.closedOn === null)
        .map((row) => row.code),
    )
    return entries
      .filter((entry) => !open.has(entry.parentCode!))
      .map((entry) => ({
        row: entry.row,
        column: 'ORG_CODE',
        rule: 'EARLY_HELP_UNIT_KINDERGARTEN' as const,
        params: { code: entry.parentCode! },
      }))
  },
  apply: (trx, changes, { validFrom }) =>
    applyParts(education(trx), 'early_help_unit', changes, validFrom, (part, after) => {
      const { kind, openedOn } = after.attributes as { kind: EarlyHelpUnitKind; openedOn: string }
      return upsertEarlyHelpUnit(education(trx), { ...part, kind, name: after.name, openedOn })
    }),
}

/** The dictionaries education keeps, and their root fields under education's names. */
export const EDUCATION_REFERENCE_KINDS = [KINDERGARTENS_KIND, EARLY_HELP_UNITS_KIND]
export const educationReference = referenceResolvers('education', EDUCATION_REFERENCE_KINDS)
