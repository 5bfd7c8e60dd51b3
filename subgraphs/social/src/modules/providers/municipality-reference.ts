import type { Kysely } from 'kysely'
import type { ReferenceChange } from '@hub/subgraph-kit/reference/diff'
import { missingColumns, type FileProblem } from '@hub/subgraph-kit/reference/file'
import type { ReadEntries, ReferenceKind } from '@hub/subgraph-kit/reference/kinds'
import { listReferenceEntries } from '@hub/subgraph-kit/reference/reference.queries'
import type { ReferenceDatabase } from '@hub/subgraph-kit/reference/tables'
import type { DB } from '../../db/database.js'
import {
  deleteMunicipalityPopulation,
  findMunicipalitiesByOktmos,
  retireMunicipalities,
  retireMunicipalitiesOutside,
  upsertMunicipality,
  upsertMunicipalityPopulation,
} from './queries/municipality.queries.js'

/** Social's own tables, in the import's transaction: the kit hands a kind its database seen through the dictionaries. */
const socialView = (db: ReferenceDatabase) => db as unknown as Kysely<DB>

/** The parts of an ОКТМО code as Росстат's file spells them, each of a fixed number of digits. */
const CODE_PARTS = [
  ['TER', 2],
  ['KOD1', 3],
  ['KOD2', 3],
  ['KOD3', 3],
] as const

const REMOTE: Readonly<Record<string, boolean>> = { '': false, '0': false, '1': true }

/**
 * The municipalities of the region from Росстат's ОКТМО classifier as published (rosstat.gov.ru open data
 * «ОКТМО»: CSV `TER;KOD1;KOD2;KOD3;KC;RAZDEL;NAME1;CENTRUM;NOMDESCR;NOMAKT;STATUS;DATEUTV;DATEVVED`, usually in
 * Windows-1251), with the rows of one region and a column `REMOTE` the region adds (1 for a remote municipality, 0
 * or empty otherwise; without the column none is remote). The hub's municipalities are the second level: municipal
 * districts, municipal and urban okrugs (`KOD2` and `KOD3` zero, `KOD1` not a grouping line such as 600
 * «Муниципальные районы»); the region's own line, grouping lines, settlements and populated places are skipped.
 */
function readOktmo(table: Parameters<ReferenceKind['read']>[0]): ReadEntries {
  const missing = missingColumns(table, ['TER', 'KOD1', 'KOD2', 'KOD3', 'NAME1'])
  if (missing.length > 0) return { entries: [], problems: missing }
  const problems: FileProblem[] = []
  const entries: ReadEntries['entries'] = []
  const seen = new Map<string, number>()
  let region: string | null = null
  for (const { row, values } of table.rows) {
    const parts = CODE_PARTS.map(([column, digits]) => ({ column, value: values[column] ?? '', digits }))
    const bad = parts.find(({ value, digits }) => !new RegExp(`^[0-9]{${digits}}$`).test(value))
    if (bad) {
      problems.push({ row, column: bad.column, rule: 'OKTMO_FILE_CODE' })
      continue
    }
    const [ter, kod1, kod2, kod3] = parts.map((part) => part.value) as [string, string, string, string]
    region ??= ter
    if (ter !== region) {
      problems.push({ row, column: 'TER', rule: 'OKTMO_REGIONS', params: { regions: `${region}, ${ter}` } })
      continue
    }
    if (values.RAZDEL === '2' || kod3 !== '000' || kod2 !== '000' || kod1.endsWith('00')) continue
    const code = `${ter}${kod1}${kod2}`
    const name = (values.NAME1 ?? '').replace(/\s+/g, ' ')
    const remote = REMOTE[values.REMOTE ?? '']
    const rowProblems: FileProblem[] = []
    if (name === '') rowProblems.push({ row, column: 'NAME1', rule: 'REFERENCE_REQUIRED' })
    if (remote === undefined) rowProblems.push({ row, column: 'REMOTE', rule: 'OKTMO_REMOTE' })
    const earlier = seen.get(code)
    if (earlier !== undefined) {
      rowProblems.push({ row, column: 'KOD1', rule: 'REFERENCE_DUPLICATE', params: { code, row: earlier } })
    }
    problems.push(...rowProblems)
    if (rowProblems.length > 0) continue
    seen.set(code, row)
    entries.push({ row, code, name, parentCode: null, active: true, attributes: { remote: remote! } })
  }
  return { entries, problems }
}

/**
 * Carries the municipalities into social's table: an added or changed one written with its name and flag (and in
 * force again), a retired one kept with the day it left. A municipality the table holds in force but the dictionary
 * does not (the demo's, before the first import) leaves too, so the table lists what the classifier lists.
 */
async function applyOktmo(db: ReferenceDatabase, changes: readonly ReferenceChange[], validFrom: string) {
  const trx = socialView(db)
  for (const { type, after } of changes) {
    if (type !== 'RETIRED') {
      await upsertMunicipality(trx, { oktmo: after.code, name: after.name, remote: after.attributes?.remote === true })
    }
  }
  await retireMunicipalities(
    trx,
    changes.filter((change) => change.type === 'RETIRED').map((change) => change.code),
    validFrom,
  )
  const inForce = (await listReferenceEntries(db, 'oktmo')).filter((entry) => entry.active)
  await retireMunicipalitiesOutside(
    trx,
    inForce.map((entry) => entry.code),
    validFrom,
  )
}

export const OKTMO_KIND: ReferenceKind = {
  code: 'oktmo',
  name: 'ОКТМО',
  title:
    'Общероссийский классификатор территорий муниципальных образований (ОК 033-2013): муниципальные образования региона',
  source:
    'Открытые данные Росстата «ОКТМО» (CSV, разделитель «;», кодировка Windows-1251 или UTF-8): строки своего региона и столбец REMOTE (1 — отдалённое), добавленный регионом',
  formats: ['CSV'],
  attributeLabels: { remote: 'отдалённое' },
  read: readOktmo,
  apply: (trx, changes, { validFrom }) => applyOktmo(trx, changes, validFrom),
}

const YEARS = { min: 1990, max: 2100 }

/**
 * Children aged 0–3 by municipality and year, as Росстат counts them (the table «Численность населения по полу и
 * возрасту» by municipality, ages 0, 1, 2 and 3 summed), prepared by the region as a CSV `OKTMO;YEAR;CHILDREN_0_3`.
 * An entry's code is `ОКТМО:год`; a file covers the years it names, so the file of one year leaves the others as
 * they are.
 */
function readPopulation(table: Parameters<ReferenceKind['read']>[0]): ReadEntries {
  const missing = missingColumns(table, ['OKTMO', 'YEAR', 'CHILDREN_0_3'])
  if (missing.length > 0) return { entries: [], problems: missing }
  const problems: FileProblem[] = []
  const entries: ReadEntries['entries'] = []
  const seen = new Map<string, number>()
  for (const { row, values } of table.rows) {
    const rowProblems: FileProblem[] = []
    const oktmo = values.OKTMO ?? ''
    if (!/^[0-9]{8}$/.test(oktmo)) rowProblems.push({ row, column: 'OKTMO', rule: 'OKTMO_FORMAT' })
    const yearText = values.YEAR ?? ''
    const year = Number(yearText)
    if (!/^[0-9]{4}$/.test(yearText) || year < YEARS.min || year > YEARS.max) {
      rowProblems.push({ row, column: 'YEAR', rule: 'NUMBER_RANGE', params: YEARS })
    }
    const childrenText = (values.CHILDREN_0_3 ?? '').replace(/\s/g, '')
    if (!/^[0-9]{1,9}$/.test(childrenText)) {
      rowProblems.push({ row, column: 'CHILDREN_0_3', rule: 'NUMBER_AT_LEAST', params: { min: 0 } })
    }
    const code = `${oktmo}:${yearText}`
    const earlier = seen.get(code)
    if (rowProblems.length === 0 && earlier !== undefined) {
      rowProblems.push({ row, column: 'OKTMO', rule: 'REFERENCE_DUPLICATE', params: { code, row: earlier } })
    }
    problems.push(...rowProblems)
    if (rowProblems.length > 0) continue
    seen.set(code, row)
    entries.push({
      row,
      code,
      name: `ОКТМО ${oktmo}, ${year} год`,
      parentCode: null,
      active: true,
      attributes: { oktmo, year, children: Number(childrenText) },
    })
  }
  return { entries, problems }
}

/** The municipality and year of a population entry's code (`ОКТМО:год`). */
function populationKey(code: string) {
  const [oktmo = '', year = ''] = code.split(':')
  return { oktmo, year: Number(year) }
}

/** Every municipality a population file names must be one the hub knows (in force or retired: old years count). */
async function checkPopulation(db: ReferenceDatabase, entries: ReadEntries['entries']) {
  const codes = [...new Set(entries.map((entry) => populationKey(entry.code).oktmo))]
  const known = new Set((await findMunicipalitiesByOktmos(socialView(db), codes)).map((row) => row.oktmo))
  return entries
    .filter((entry) => !known.has(populationKey(entry.code).oktmo))
    .map((entry): FileProblem => ({
      row: entry.row,
      column: 'OKTMO',
      rule: 'UNKNOWN_MUNICIPALITY',
      params: { oktmo: populationKey(entry.code).oktmo },
    }))
}

async function applyPopulation(db: ReferenceDatabase, changes: readonly ReferenceChange[]) {
  const trx = socialView(db)
  for (const { type, code, after } of changes) {
    const key = populationKey(code)
    if (type === 'RETIRED') await deleteMunicipalityPopulation(trx, key)
    else await upsertMunicipalityPopulation(trx, { ...key, children: Number(after.attributes?.children) })
  }
}

export const POPULATION_KIND: ReferenceKind = {
  code: 'population',
  name: 'Дети 0–3 лет',
  title: 'Численность детей в возрасте 0–3 лет по муниципальным образованиям на 1 января года (Росстат)',
  source:
    'Данные Росстата о численности населения по возрасту по муниципальным образованиям, сведённые регионом в CSV со столбцами OKTMO, YEAR, CHILDREN_0_3',
  formats: ['CSV'],
  attributeLabels: { children: 'детей 0–3 лет', oktmo: 'ОКТМО', year: 'год' },
  read: readPopulation,
  scope: (code) => populationKey(code).year.toString(),
  check: checkPopulation,
  apply: (trx, changes) => applyPopulation(trx, changes),
}
