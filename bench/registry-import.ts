import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { addDays, today } from '@hub/subgraph-kit/validation'
import { REGISTRY_FIELDS, REGISTRY_TEMPLATE, type RegistryField } from '../dashboard/src/shared/registry-import.js'
import { toCsv } from '@hub/platform/csv'
import { command } from '../scripts/import/registry.js'
import { snilsCheckNumber } from '../subgraphs/social/src/identifiers.js'
import { createDatabase, prepareFederatedRegion } from './data.js'
import { startOurs } from './systems.js'

/**
 * `npm run bench:import -- [--rows 100000] [--children 1000]`: the import of a region's registry file of `rows` rows
 * (a synthetic CSV in the project's template, one row in fifty refused on purpose) into a hub on PostgreSQL that
 * already holds a synthetic region of `children` children, through `npm run import -- registry --apply`: the gateway,
 * social's batches, each row through registration and the families' services. Prints the time the import took.
 */
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    children: { type: 'string', default: '1000' },
  },
})
const rows = Number(values.rows)
const children = Number(values.children)
if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows: a whole number of at least 1, got ${values.rows}`)

const MUNICIPALITIES = ['98701000', '98705000']
const LETTERS = 'абвгдежзиклмнопрстуфхцчшэюя'

/** A distinct name part for each row: the row's number written in letters. */
function letters(n: number) {
  let text = ''
  for (let rest = n; ; rest = Math.floor(rest / LETTERS.length) - 1) {
    text = LETTERS[rest % LETTERS.length]! + text
    if (rest < LETTERS.length) return text
  }
}

function snils(n: number) {
  const firstNine = String(300_000_000 + n)
  return `${firstNine}${snilsCheckNumber(firstNine)}`
}

const TODAY = today()
const russian = (day: string) => day.split('-').reverse().join('.')
const CRITERION_DATE = russian(addDays(TODAY, -10))

/** Row `n` of the file: a child under three with its mother, her phone and a criterion; every 50th has a bad phone. */
function row(n: number): Record<RegistryField, string> {
  const born = russian(addDays(TODAY, -30 - (n % 900)))
  return {
    childLastName: `Импортов${letters(n)}`,
    childFirstName: n % 2 ? 'Иван' : 'Мария',
    childPatronymic: 'Петрович',
    birthDate: born,
    sex: n % 2 ? 'Мужской' : 'Женский',
    snils: snils(n),
    municipality: MUNICIPALITIES[n % MUNICIPALITIES.length]!,
    address: `ул. Тестовая, д. ${(n % 200) + 1}`,
    memberLastName: `Импортов${letters(n)}`,
    memberFirstName: 'Анна',
    memberPatronymic: 'Сергеевна',
    memberBirthDate: '12.05.1995',
    memberKinship: 'Родитель',
    representation: 'Мать',
    representationDocument: `Свидетельство о рождении № ${n}`,
    representationFrom: born,
    phone: n % 50 === 49 ? '12-34' : `+7 900 ${String(n).padStart(7, '0')}`,
    email: '',
    criterion: 'Обеспокоенность родителей развитием ребёнка',
    criterionDocument: 'Заявление родителя',
    criterionDate: CRITERION_DATE,
    criterionTo: '',
    status: '',
    statusReason: '',
    referralProvider: '',
    referralFrom: '',
    referralReceivedOn: '',
    referralReason: '',
    referralAcceptedOn: '',
    needDeterminedOn: '',
    programmeSignedOn: '',
    programmeLead: '',
    programmeGoal: '',
    programmeGoalBaseline: '',
    programmeGoalTarget: '',
    programmeGoalText: '',
    programmeService: '',
    programmeSessions: '',
    programmeMinutes: '',
    programmeMode: '',
  }
}

const folder = mkdtempSync(join(tmpdir(), 'bench-registry-import-'))
const file = join(folder, `registry-${rows}.csv`)
writeFileSync(
  file,
  toCsv([
    REGISTRY_FIELDS.map((field) => REGISTRY_TEMPLATE[field]),
    ...Array.from({ length: rows }, (_, n) => {
      const cells = row(n)
      return REGISTRY_FIELDS.map((field) => cells[field])
    }),
  ]),
)

// A fresh region each run, so that every row of the file is new to it.
const fresh = await prepareFederatedRegion(children, { prefix: 'bench_import', log: console.log })
if (fresh.seededInSeconds === 0) {
  for (const name of SUBGRAPH_NAMES) await createDatabase(fresh.urls[name], { replace: true })
}
const region = fresh.seededInSeconds === 0 ? await prepareFederatedRegion(children, { prefix: 'bench_import' }) : fresh
const hub = await startOurs(region.urls)
try {
  console.log(`importing ${rows} rows into a region of ${children} children on PostgreSQL (${file})`)
  const began = performance.now()
  const code = await command.run([file, '--apply', '--gateway', hub.origin, '--report', join(folder, 'errors.csv')])
  const seconds = (performance.now() - began) / 1000
  if (code !== 0) throw new Error(`the import exited with ${code}`)
  console.log(`registry import: ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)`)
} finally {
  await hub.stop()
  rmSync(folder, { recursive: true, force: true })
}
