import { useState, type ChangeEvent } from 'react'
import {
  CheckRegistryRowsDocument,
  ImportRegistryRowsDocument,
  RegistryImportReportDocument,
  StartRegistryImportDocument,
  type RegistryImportFieldsFragment,
} from '../../../schema/__generated__/operations'
import { errorText } from '../shared/errors'
import { runOperation, type GraphQLResult } from '../shared/graphql'
import {
  checkRegistry,
  defaultMapping,
  errorReportCsv,
  importRegistry,
  mapRows,
  REGISTRY_FIELDS,
  REGISTRY_TEMPLATE,
  type RegistryImportClient,
  type RegistryMapping,
  type RowOutcome,
} from '../shared/registry-import'
import { readTabularFile, sha256Hex, type TabularFile } from '../shared/tabular-file'
import { save } from './export'
import { formatDateTime } from './labels'

/** The data of an answer, or its errors in Russian as one failure. */
function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || !result.data) {
    throw new Error(result.errors?.map((error) => errorText(error)).join('; ') || 'Шлюз не вернул данных')
  }
  return result.data
}

function clientFor(token: string): RegistryImportClient {
  return {
    start: async (input) =>
      dataOf(await runOperation(StartRegistryImportDocument, { input }, token)).startRegistryImport,
    send: async (input) => dataOf(await runOperation(ImportRegistryRowsDocument, { input }, token)).importRegistryRows,
    check: async (rows) =>
      dataOf(await runOperation(CheckRegistryRowsDocument, { input: { rows } }, token)).checkRegistryRows,
  }
}

interface ChosenFile {
  name: string
  sha256: string
  table: TabularFile
}

type Step =
  | { kind: 'idle' }
  | { kind: 'working'; label: string; done: number; total: number }
  | { kind: 'checked'; outcomes: RowOutcome[] }
  | { kind: 'imported'; job: RegistryImportFieldsFragment; refusals: RowOutcome[] }
  | { kind: 'failed'; message: string }

/** The rows shown on the screen; the whole report is downloaded. */
const SHOWN_ERRORS = 200

function Summary({ created, merged, refused }: { created: number; merged: number; refused: number }) {
  return (
    <dl className="import-summary">
      <dt>Новых детей</dt>
      <dd>{created}</dd>
      <dt>Объединено с записями реестра</dt>
      <dd>{merged}</dd>
      <dt>Отклонено строк</dt>
      <dd>{refused}</dd>
    </dl>
  )
}

function ErrorReport({ refusals, mapping, file }: { refusals: RowOutcome[]; mapping: RegistryMapping; file: string }) {
  if (refusals.length === 0) return <p className="notice">Ошибок нет.</p>
  const column = (field: string | null | undefined) =>
    field && field in REGISTRY_TEMPLATE
      ? (mapping[field as keyof RegistryMapping] ?? REGISTRY_TEMPLATE[field as keyof RegistryMapping])
      : '—'
  const lines = refusals.flatMap((row) => row.errors.map((error) => ({ line: row.line, ...error })))
  return (
    <>
      <h2>Ошибки</h2>
      <p className="actions">
        <button
          type="button"
          onClick={() =>
            save(
              new Blob([errorReportCsv(refusals, mapping)], { type: 'text/csv;charset=utf-8' }),
              `${file}.ошибки.csv`,
            )
          }
        >
          Скачать отчёт об ошибках (CSV)
        </button>
      </p>
      <table className="import-errors">
        <thead>
          <tr>
            <th>Строка</th>
            <th>Столбец</th>
            <th>Ошибка</th>
            <th>Правило</th>
          </tr>
        </thead>
        <tbody>
          {lines.slice(0, SHOWN_ERRORS).map((error, i) => (
            <tr key={`${error.line}-${i}`}>
              <td>{error.line}</td>
              <td>{column(error.column)}</td>
              <td>{error.message}</td>
              <td className="muted">{error.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length > SHOWN_ERRORS && (
        <p className="muted">
          Показаны первые {SHOWN_ERRORS} ошибок из {lines.length}; все — в отчёте об ошибках.
        </p>
      )}
    </>
  )
}

/**
 * «Импорт реестра»: a region's existing registry from its XLSX or CSV file into social. The file is read here, its
 * columns mapped to the hub's fields (by the template's headings unless changed), checked without writing, then sent
 * in batches with a progress bar; an unfinished import of the same file continues where it stopped.
 */
export function RegistryImportPage({ token }: { token: string }) {
  const [file, setFile] = useState<ChosenFile | null>(null)
  const [mapping, setMapping] = useState<RegistryMapping>({})
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const client = clientFor(token)
  const busy = step.kind === 'working'

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0]
    setFile(null)
    setStep({ kind: 'idle' })
    if (!chosen) return
    try {
      const bytes = await chosen.arrayBuffer()
      const table = await readTabularFile(chosen.name, bytes)
      if (table.rows.length === 0) throw new Error('в файле нет строк с данными под заголовками')
      setFile({ name: chosen.name, sha256: await sha256Hex(bytes), table })
      setMapping(defaultMapping(table.headings))
    } catch (error) {
      setStep({ kind: 'failed', message: `Файл не прочитан: ${(error as Error).message}` })
    }
  }

  async function act(work: () => Promise<Step>) {
    try {
      setStep(await work())
    } catch (error) {
      setStep({ kind: 'failed', message: (error as Error).message })
    }
  }

  const rows = file ? mapRows(file.table, mapping) : []

  const check = () =>
    act(async () => {
      setStep({ kind: 'working', label: 'Проверено строк', done: 0, total: rows.length })
      const outcomes = await checkRegistry(client, rows, (done) =>
        setStep({ kind: 'working', label: 'Проверено строк', done, total: rows.length }),
      )
      return { kind: 'checked', outcomes }
    })

  const load = () =>
    act(async () => {
      setStep({ kind: 'working', label: 'Загружено строк', done: 0, total: rows.length })
      const job = await importRegistry(client, file!, rows, (progress) =>
        setStep({ kind: 'working', label: 'Загружено строк', done: progress.rowsDone, total: progress.totalRows }),
      )
      const report = dataOf(await runOperation(RegistryImportReportDocument, { id: job.id }, token))
      return { kind: 'imported', job, refusals: report.registryImport?.refusals ?? [] }
    })

  const count = (outcomes: RowOutcome[], outcome: string) => outcomes.filter((row) => row.outcome === outcome).length

  return (
    <section>
      <h1>Импорт реестра</h1>
      <p className="muted">
        Существующий реестр региона из файла XLSX или CSV: дети, семьи с законными представителями и контактами,
        критерии целевой группы, статус, открытые направления к поставщикам и ИПРП в силе. Ребёнок, который уже есть в
        реестре (тот же СНИЛС или те же ФИО и дата рождения), дополняется, а не вносится повторно, как и его направление
        и ИПРП; строка с ошибкой не вносится целиком.
      </p>
      <label className="import-file">
        Файл реестра (XLSX или CSV)
        <input type="file" accept=".xlsx,.csv" onChange={choose} disabled={busy} />
      </label>

      {file && (
        <>
          <p>
            {file.name}: строк с данными — {file.table.rows.length}
          </p>
          <h2>Столбцы файла</h2>
          <p className="muted">Столбец файла для каждого поля реестра; поле без столбца не загружается.</p>
          <div className="import-mapping">
            {REGISTRY_FIELDS.map((field) => (
              <div key={field}>
                <label htmlFor={`column-${field}`}>{REGISTRY_TEMPLATE[field]}</label>
                <select
                  id={`column-${field}`}
                  value={mapping[field] ?? ''}
                  disabled={busy}
                  onChange={(event) => {
                    setMapping({ ...mapping, [field]: event.target.value || undefined })
                    setStep({ kind: 'idle' })
                  }}
                >
                  <option value="">— не загружать —</option>
                  {file.table.headings.map((heading) => (
                    <option key={heading} value={heading}>
                      {heading}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <p className="actions">
            <button type="button" onClick={check} disabled={busy}>
              Проверить
            </button>
            <button type="button" onClick={load} disabled={busy}>
              Загрузить
            </button>
          </p>
        </>
      )}

      {step.kind === 'working' && (
        <p className="import-progress">
          <label>
            {step.label}: {step.done} из {step.total}
            <progress value={step.done} max={step.total} />
          </label>
        </p>
      )}
      {step.kind === 'failed' && (
        <p className="notice notice-error" role="alert">
          {step.message}
        </p>
      )}
      {step.kind === 'checked' && file && (
        <>
          <h2>Проверка без записи</h2>
          <p>Ничего не записано: так файл был бы загружен сейчас.</p>
          <Summary
            created={count(step.outcomes, 'CREATED')}
            merged={count(step.outcomes, 'MERGED')}
            refused={count(step.outcomes, 'REFUSED')}
          />
          <ErrorReport
            refusals={step.outcomes.filter((row) => row.outcome === 'REFUSED')}
            mapping={mapping}
            file={file.name}
          />
        </>
      )}
      {step.kind === 'imported' && file && (
        <>
          <h2>Загрузка завершена</h2>
          <p>
            Строк обработано: {step.job.rowsDone} из {step.job.totalRows}; начата {formatDateTime(step.job.startedAt)},
            завершена {step.job.finishedAt ? formatDateTime(step.job.finishedAt) : '—'}.
          </p>
          <Summary created={step.job.created} merged={step.job.merged} refused={step.job.refused} />
          <ErrorReport refusals={step.refusals} mapping={mapping} file={file.name} />
        </>
      )}
    </section>
  )
}
