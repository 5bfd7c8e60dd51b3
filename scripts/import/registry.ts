import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  CheckRegistryRowsDocument,
  ImportRegistryRowsDocument,
  RegistryImportReportDocument,
  StartRegistryImportDocument,
} from '../../schema/__generated__/operations.js'
import {
  checkRegistry,
  customMapping,
  defaultMapping,
  errorReportCsv,
  importRegistry,
  mapRows,
  REGISTRY_FIELDS,
  type RegistryImportClient,
  type RowOutcome,
} from '../../dashboard/src/shared/registry-import.js'
import { readTabularFile, sha256Hex } from '../../dashboard/src/shared/tabular-file.js'
import { importToken, parseImportArgs, sendOperation } from './gateway-client.js'
import type { ImportCommand } from './kinds.js'

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} с`

/**
 * `npm run import -- registry <file.xlsx|csv> [--apply] [--mapping mapping.json] [--report errors.csv]`: a region's
 * existing registry into social. Without --apply, a dry run: every row checked as the import writes it, nothing kept.
 * With it, the rows go in batches to social's import, which continues an unfinished import of the same file. The error
 * report (row, column, rule, message) is written to --report, by default beside the file.
 */
export const command: ImportCommand = {
  async run(argv) {
    const args = parseImportArgs(argv, ['mapping', 'report'])
    const began = performance.now()
    const bytes = await readFile(args.file)
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    const file = await readTabularFile(args.file, data)
    const mapping =
      typeof args.values.mapping === 'string'
        ? customMapping(file.headings, JSON.parse(await readFile(args.values.mapping, 'utf8')))
        : defaultMapping(file.headings)
    const unmapped = REGISTRY_FIELDS.filter((field) => mapping[field] === undefined)
    if (unmapped.length > 0) console.log(`поля без столбца в файле: ${unmapped.join(', ')}`)
    const rows = mapRows(file, mapping)
    console.log(`${args.file}: ${rows.length} строк, прочитано за ${seconds(began)}`)
    if (rows.length === 0) return 1

    const token = await importToken(args, 'social')
    const client: RegistryImportClient = {
      start: async (input) =>
        (await sendOperation(args, token, StartRegistryImportDocument, { input })).startRegistryImport,
      send: async (input) =>
        (await sendOperation(args, token, ImportRegistryRowsDocument, { input })).importRegistryRows,
      check: async (batch) =>
        (await sendOperation(args, token, CheckRegistryRowsDocument, { input: { rows: batch } })).checkRegistryRows,
    }

    let refusals: RowOutcome[]
    if (args.apply) {
      const sha256 = await sha256Hex(data)
      const job = await importRegistry(client, { name: basename(args.file), sha256 }, rows, (job) =>
        console.log(
          `строк ${job.rowsDone} из ${job.totalRows}: внесено ${job.created}, объединено ${job.merged}, отклонено ${job.refused} (${seconds(began)})`,
        ),
      )
      const report = await sendOperation(args, token, RegistryImportReportDocument, { id: job.id })
      refusals = report.registryImport?.refusals ?? []
      console.log(`импорт ${job.id} завершён за ${seconds(began)}`)
    } else {
      const outcomes = await checkRegistry(client, rows, (done) =>
        console.log(`проверено строк ${done} из ${rows.length}`),
      )
      const count = (outcome: string) => outcomes.filter((row) => row.outcome === outcome).length
      console.log(
        `пробный импорт за ${seconds(began)}: будет внесено ${count('CREATED')}, объединено ${count('MERGED')}, отклонено ${count('REFUSED')}; ничего не записано (--apply, чтобы загрузить)`,
      )
      refusals = outcomes.filter((row) => row.outcome === 'REFUSED')
    }
    if (refusals.length === 0) return 0
    const reportFile = typeof args.values.report === 'string' ? args.values.report : `${args.file}.ошибки.csv`
    await writeFile(reportFile, errorReportCsv(refusals, mapping))
    console.log(`отчёт об ошибках (${refusals.length} строк): ${reportFile}`)
    return args.apply ? 0 : 3
  },
}
