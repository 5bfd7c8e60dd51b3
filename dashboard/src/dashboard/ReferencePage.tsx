import { useState, type FormEvent } from 'react'
import {
  ImportReferenceDocument,
  ReferenceDictionariesDocument,
  type ReferenceImportFieldsFragment,
  type ReferenceImportReportFieldsFragment,
  type ReferenceKindFieldsFragment,
} from '../../../schema/__generated__/operations'
import { ErrorNotice } from '../shared/ErrorNotice'
import { UPLOAD_URL } from '../shared/graphql'
import { ErrorSummary, Field, useMutation } from './forms/kit'
import { formatDate, formatDateTime, VIEWER_SIDE } from './labels'
import type { Claims } from './roles'
import { readBase64 } from './ScansBlock'
import { ProductionCalendar } from './ProductionCalendar'
import { Pending } from './Status'
import { useOperation } from './useOperation'

/**
 * «Справочники»: a side's administrator imports the side's dictionaries from their official files (health: МКБ-10 from
 * the НСИ; social: МКФ-ДП and the production calendar, whose year the screen shows). A file is checked first («Проверить»: the report of what would change, nothing written), then imported
 * («Загрузить»: one transaction; the same file twice changes nothing); the history of imports follows.
 */

/** The sides that keep dictionaries imported from files. */
export const REFERENCE_SIDES = ['health', 'social', 'education'] as const
export type ReferenceSide = (typeof REFERENCE_SIDES)[number]

/** The largest file the import takes (the subgraph's and the gateway's limit). */
const MAX_MEGABYTES = 10

function referenceSide(claims: Claims | null): ReferenceSide | null {
  if (claims?.role !== 'administrator') return null
  return (REFERENCE_SIDES as readonly string[]).includes(claims.side ?? '') ? (claims.side as ReferenceSide) : null
}

const sideVariables = (side: ReferenceSide) => ({
  health: side === 'health',
  social: side === 'social',
  education: side === 'education',
})

const CHANGE_LABELS = { ADDED: 'добавлена', CHANGED: 'изменена', RETIRED: 'выведена из действия' } as const

function Kinds({ kinds }: { kinds: readonly ReferenceKindFieldsFragment[] }) {
  return (
    <table data-testid="reference-kinds">
      <thead>
        <tr>
          <th>Справочник</th>
          <th>Откуда берётся файл</th>
          <th>Записей</th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((kind) => (
          <tr key={kind.code}>
            <th scope="row">
              {kind.name}
              <br />
              <small className="muted">{kind.title}</small>
            </th>
            <td>{kind.source}</td>
            <td>
              {kind.entries} (действует {kind.active})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Report({ report }: { report: ReferenceImportReportFieldsFragment }) {
  const [head, ...rest] = report.text.split('\n')
  const summary =
    report.errorCount > 0 ? [] : rest.filter((line) => !line.startsWith('  ') && !line.startsWith('Первые'))
  return (
    <section aria-labelledby="reference-report" data-testid="reference-report">
      <h2 id="reference-report">{report.applied ? 'Результат загрузки' : 'Результат проверки'}</h2>
      <p role="status">{head}</p>
      {summary.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {report.errors.length > 0 && (
        <table data-testid="reference-errors">
          <caption>
            Ошибки в файле: {report.errorCount}
            {report.errorCount > report.errors.length ? ` (показаны первые ${report.errors.length})` : ''}
          </caption>
          <thead>
            <tr>
              <th>Строка</th>
              <th>Столбец</th>
              <th>Ошибка</th>
              <th>Правило</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((error, index) => (
              <tr key={index}>
                <td>{error.row}</td>
                <td>{error.column ?? '—'}</td>
                <td>{error.message}</td>
                <td>
                  <code>{error.rule}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.changes.length > 0 && (
        <table data-testid="reference-changes">
          <caption>
            {report.applied ? 'Изменения' : 'Что изменится'}
            {report.added + report.changed + report.retired > report.changes.length
              ? ` (первые ${report.changes.length} из ${report.added + report.changed + report.retired})`
              : ''}
          </caption>
          <thead>
            <tr>
              <th>Код</th>
              <th>Запись</th>
              <th>Наименование</th>
            </tr>
          </thead>
          <tbody>
            {report.changes.map((change) => (
              <tr key={change.code}>
                <th scope="row">{change.code}</th>
                <td>{CHANGE_LABELS[change.type]}</td>
                <td>
                  {change.name}
                  {change.previousName && <small className="muted"> (было: {change.previousName})</small>}
                  {change.type === 'CHANGED' && !change.previousName && (
                    <small className="muted"> ({change.text.replace(/^~ [^:]+: /, '')})</small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function History({ imports }: { imports: readonly ReferenceImportFieldsFragment[] }) {
  if (imports.length === 0) return <p className="muted">Справочники ещё не загружались из файлов.</p>
  return (
    <table data-testid="reference-history">
      <thead>
        <tr>
          <th>Когда</th>
          <th>Справочник и файл</th>
          <th>Кто</th>
          <th>Действует с</th>
          <th>Добавлено</th>
          <th>Изменено</th>
          <th>Выведено</th>
          <th>Без изменений</th>
        </tr>
      </thead>
      <tbody>
        {imports.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.importedAt)}</td>
            <th scope="row">
              {entry.kindName}: {entry.fileName}
              <br />
              <small className="muted" title={entry.sha256}>
                SHA-256 {entry.sha256.slice(0, 16)}…
              </small>
            </th>
            <td>{entry.importedBy}</td>
            <td>{formatDate(entry.validFrom)}</td>
            <td>{entry.added}</td>
            <td>{entry.changed}</td>
            <td>{entry.retired}</td>
            <td>{entry.unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const FIELDS = ['input.kind', 'input.fileName', 'input.content', 'input.validFrom']

function SideReference({ side, token }: { side: ReferenceSide; token: string }) {
  const [revision, setRevision] = useState(0)
  const state = useOperation(ReferenceDictionariesDocument, sideVariables(side), token, revision)
  const data = state.status === 'done' ? state.result.data : undefined
  const kinds = data?.[`${side}ReferenceKinds` as const] ?? []
  const [kind, setKind] = useState<string | null>(null)
  const [file, setFile] = useState<File | null>(null)
  const [validFrom, setValidFrom] = useState('')
  const [tooLarge, setTooLarge] = useState(false)
  const mutation = useMutation(ImportReferenceDocument, token, UPLOAD_URL)
  const [report, setReport] = useState<ReferenceImportReportFieldsFragment | null>(null)
  const chosenKind = kind ?? kinds[0]?.code ?? ''
  // «Загрузить» follows a check of the same file that found changes and no errors.
  const checked =
    report !== null &&
    !report.applied &&
    report.errorCount === 0 &&
    report.added + report.changed + report.retired > 0 &&
    report.fileName === file?.name

  const send = async (apply: boolean) => {
    if (!file) return
    const done = await mutation.submit({
      ...sideVariables(side),
      input: {
        kind: chosenKind,
        fileName: file.name,
        content: await readBase64(file),
        apply,
        validFrom: validFrom === '' ? null : validFrom,
      },
    })
    const answers = {
      health: done?.importHealthReference,
      social: done?.importSocialReference,
      education: done?.importEducationReference,
    }
    const answer = answers[side] ?? null
    setReport(answer)
    if (answer?.applied) setRevision((value) => value + 1)
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    void send(false)
  }

  return (
    <>
      <p>
        Ведомство — {VIEWER_SIDE[side]}. Справочники загружаются из официальных файлов: сначала «Проверить» — отчёт о
        том, что изменится, без записи; затем «Загрузить» — изменения записываются одной операцией. Записи, которых нет
        в файле или которые в нём не действуют, выводятся из действия, но остаются для прежних записей.
      </p>
      {state.status === 'done' ? <ErrorNotice errors={state.result.errors ?? []} /> : <Pending state={state} />}
      {data && <Kinds kinds={kinds} />}
      <form onSubmit={submit} aria-labelledby="reference-import" noValidate>
        <h2 id="reference-import">Загрузка файла</h2>
        <ErrorSummary errors={mutation.errors} fields={FIELDS} />
        <Field label="Справочник" field="input.kind" errors={mutation.errors}>
          {(control) => (
            <select {...control} value={chosenKind} onChange={(event) => setKind(event.currentTarget.value)}>
              {kinds.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Файл справочника"
          field="input.content"
          errors={mutation.errors}
          hint={
            tooLarge
              ? `Файл больше ${MAX_MEGABYTES} МБ: выберите другой`
              : `JSON, CSV или GeoJSON в кодировке UTF-8 или Windows-1251, не больше ${MAX_MEGABYTES} МБ`
          }
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".json,.csv,.geojson,application/json,text/csv,application/geo+json"
              onChange={(event) => {
                const chosen = event.currentTarget.files?.[0] ?? null
                const large = chosen !== null && chosen.size > MAX_MEGABYTES * 1024 * 1024
                setTooLarge(large)
                setFile(large ? null : chosen)
                setReport(null)
              }}
            />
          )}
        </Field>
        <Field
          label="Изменения действуют с"
          field="input.validFrom"
          errors={mutation.errors}
          hint="Необязательно; по умолчанию — сегодня. Новые записи без даты считаются действовавшими и раньше"
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={validFrom}
              onChange={(event) => setValidFrom(event.currentTarget.value)}
            />
          )}
        </Field>
        <p className="actions-line">
          <button type="submit" disabled={!file || mutation.pending || chosenKind === ''}>
            Проверить
          </button>
          <button type="button" disabled={!checked || mutation.pending} onClick={() => void send(true)}>
            Загрузить
          </button>
          {mutation.pending && <span className="muted">Файл отправляется…</span>}
        </p>
      </form>
      {report && <Report report={report} />}
      <section aria-labelledby="reference-history">
        <h2 id="reference-history">Журнал загрузок</h2>
        {data && <History imports={data[`${side}ReferenceImports` as const] ?? []} />}
      </section>
      {side === 'social' && <ProductionCalendar token={token} revision={revision} />}
    </>
  )
}

export function ReferencePage({ token, claims }: { token: string; claims: Claims | null }) {
  const side = referenceSide(claims)
  return (
    <section>
      <h1>Справочники</h1>
      {side ? (
        <SideReference side={side} token={token} />
      ) : (
        <p className="notice">
          Справочники из официальных файлов загружает администратор ведомства, которое их ведёт: МКБ-10 — администратор
          здравоохранения, МКФ-ДП, реестр поставщиков и производственный календарь — администратор соцзащиты, детские
          сады и подразделения ранней помощи — администратор образования. У вашего ведомства таких справочников нет.
        </p>
      )}
    </section>
  )
}
