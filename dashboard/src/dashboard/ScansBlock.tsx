import { useId, useState, type ChangeEvent } from 'react'
import {
  AttachEducationScanDocument,
  AttachSocialScanDocument,
  ChildScansDocument,
  type AttachmentFieldsFragment,
  type AttachmentKind,
  type ChildScansQuery,
} from '../../../schema/__generated__/operations'
import { renderRule } from '@hub/platform/error-rules'
import { enumLabels } from '../shared/__generated__/enum-labels'
import { describeError } from '../shared/errors'
import { UPLOAD_URL, type HubError } from '../shared/graphql'
import { readPurpose } from '../shared/purpose'
import { readClaims } from '../shared/session'
import { errorsFor, idempotencyKey, useMutation } from './forms/kit'
import { formatDate } from './labels'
import { refusalsUnder } from './notices'
import { useOperation } from './useOperation'

type Child = NonNullable<ChildScansQuery['child']>

/** The hub's default limit (the sides may set their own; the server's refusal then names it). */
const MAX_MEGABYTES = 10
const ACCEPT = '.pdf,.jpg,.jpeg,.png'

/** A size as a person reads it: «340 КБ», «2,4 МБ». */
function formatSize(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} КБ`
  return `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`
}

/** The file's bytes as base64, read by the browser. */
export function readBase64(file: File) {
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('Файл не прочитан'))
    reader.readAsDataURL(file)
  })
}

type Side = 'social' | 'education'

/** Fetches a scan with the user's token (a link could not carry it) and shows it in a new tab or saves it. */
async function openScan(side: Side, attachment: AttachmentFieldsFragment, token: string, save: boolean) {
  const response = await fetch(`/files/${side}/${encodeURIComponent(attachment.id)}${save ? '?download' : ''}`, {
    headers: { authorization: `Bearer ${token}`, 'x-access-purpose': readPurpose() },
  })
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { errors?: HubError[] }
    throw new Error(body.errors?.[0] ? describeError(body.errors[0]).text : `Шлюз ответил ${response.status}`)
  }
  const url = URL.createObjectURL(await response.blob())
  if (save) {
    const link = document.createElement('a')
    link.href = url
    link.download = attachment.fileName
    link.click()
  } else {
    window.open(url, '_blank', 'noopener')
  }
  // The tab or the download holds what it needs; the page need not keep the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

function ScanList({
  side,
  attachments,
  token,
}: {
  side: Side
  attachments: AttachmentFieldsFragment[]
  token: string
}) {
  const [failure, setFailure] = useState<string | null>(null)
  if (attachments.length === 0) return <p className="muted">Сканов нет</p>
  const run = (attachment: AttachmentFieldsFragment, save: boolean) => {
    setFailure(null)
    openScan(side, attachment, token, save).catch((error: Error) => setFailure(error.message))
  }
  return (
    <>
      <ul className="scans">
        {attachments.map((attachment) => (
          <li key={attachment.id}>
            <span className="scan-name">{attachment.fileName}</span>
            <span className="muted">
              {formatSize(attachment.size)}, {formatDate(attachment.uploadedAt)}, {attachment.uploadedBy}
            </span>
            <span className="scan-actions">
              <button type="button" className="drill" onClick={() => run(attachment, false)}>
                Открыть
              </button>
              <button type="button" className="drill" onClick={() => run(attachment, true)}>
                Скачать
              </button>
            </span>
          </li>
        ))}
      </ul>
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
    </>
  )
}

/** «Прикрепить скан»: a file input; the file goes as soon as it is chosen, a refusal stands under the field. */
function AttachScan({
  side,
  kind,
  recordId,
  token,
  onAttached,
}: {
  side: Side
  kind: AttachmentKind
  recordId: string
  token: string
  onAttached: () => void
}) {
  const id = useId()
  const social = useMutation(AttachSocialScanDocument, token, UPLOAD_URL)
  const education = useMutation(AttachEducationScanDocument, token, UPLOAD_URL)
  const mutation = side === 'social' ? social : education
  const [local, setLocal] = useState<string | null>(null)
  const change = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    if (!file) return
    setLocal(null)
    if (file.size > MAX_MEGABYTES * 1024 * 1024) {
      setLocal(renderRule('ATTACHMENT_SIZE', { max: String(MAX_MEGABYTES) }) ?? null)
      input.value = ''
      return
    }
    const variables = {
      input: { kind, recordId, fileName: file.name, content: await readBase64(file), idempotencyKey: idempotencyKey() },
    }
    const done = side === 'social' ? await social.submit(variables) : await education.submit(variables)
    input.value = ''
    if (done) onAttached()
  }
  const own = [...errorsFor(mutation.errors, 'input.content'), ...errorsFor(mutation.errors, 'input.fileName')]
  const other = mutation.errors.filter((error) => !own.includes(error))
  const messages = [...(local ? [local] : []), ...[...own, ...other].map((error) => describeError(error).text)]
  return (
    <div className={messages.length ? 'field scan-upload invalid' : 'field scan-upload'}>
      {/* The browser's own file button speaks its own language: the label is the button, the input stays focusable. */}
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept={ACCEPT}
        disabled={mutation.pending}
        aria-describedby={`${id}-hint${messages.length ? ` ${id}-error` : ''}`}
        aria-invalid={messages.length ? true : undefined}
        onChange={(event) => void change(event)}
      />
      <label htmlFor={id} className="file-button">
        Прикрепить скан
      </label>
      <small id={`${id}-hint`} className="hint">
        {mutation.pending
          ? 'Файл отправляется…'
          : `PDF, JPEG или PNG, не больше ${MAX_MEGABYTES} МБ; вид файла проверяется по содержимому`}
      </small>
      {messages.length > 0 && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {messages.join('; ')}
        </p>
      )}
    </div>
  )
}

interface Document {
  key: string
  side: Side
  kind: AttachmentKind
  title: string
  attachments: AttachmentFieldsFragment[]
}

function documentsOf(child: Child): Document[] {
  const social = (kind: AttachmentKind, id: string, title: string, attachments: AttachmentFieldsFragment[]) => ({
    key: id,
    side: 'social' as const,
    kind,
    title,
    attachments,
  })
  return [
    ...child.programmes.map((programme) =>
      social(
        'PROGRAMME_SCAN',
        programme.id,
        `ИПРП, версия ${programme.version}${programme.signedOn ? `, подписана ${formatDate(programme.signedOn)}` : ''}`,
        programme.attachments,
      ),
    ),
    ...(child.consents ?? []).map((consent) =>
      social(
        'CONSENT_SCAN',
        consent.id,
        `Согласие «${consent.document}» от ${formatDate(consent.givenAt)}${consent.inForce ? '' : ' (не действует)'}`,
        consent.attachments,
      ),
    ),
    ...child.criteria
      .filter((criterion) => criterion.code === 'DISABLED_CHILD')
      .map((criterion) =>
        social(
          'DISABILITY_CERTIFICATE_SCAN',
          criterion.id,
          `Справка МСЭ: ${enumLabels.CriterionCode.DISABLED_CHILD.toLowerCase()}${criterion.evidenceDocument ? `, ${criterion.evidenceDocument}` : ''}`,
          criterion.attachments,
        ),
      ),
    ...(child.education?.pmpkConclusions ?? []).map((conclusion) => ({
      key: conclusion.id,
      side: 'education' as const,
      kind: 'PMPK_CONCLUSION_SCAN' as const,
      title: `Заключение ПМПК № ${conclusion.number} от ${formatDate(conclusion.concludedOn)}, ${conclusion.commission}`,
      attachments: conclusion.attachments,
    })),
  ]
}

/** Whether the user's side keeps the document and so may attach its scan (the server decides in the end). */
function mayAttach(side: Side, claims: { side?: string; role?: string } | null) {
  if (claims?.role !== 'specialist' && claims?.role !== 'coordinator') return false
  return side === 'education' ? claims.side === 'education' : true
}

/**
 * The child's signed documents (ChildScans) — the ИПРП versions, the consents, the disability certificate, the ПМПК
 * conclusions — each with its scans to open or save and «Прикрепить скан». Documents the user may not read are left
 * out by the owning side, and said so.
 */
export function ScansBlock({ id, token }: { id: string; token: string }) {
  const [revision, setRevision] = useState(0)
  const state = useOperation(ChildScansDocument, { id }, token, revision)
  const claims = readClaims(token)
  if (state.status === 'loading') return <p className="muted">Загрузка…</p>
  if (state.status === 'failed') return <p className="notice notice-error">{state.message}</p>
  const child = state.result.data?.child
  const errors = state.result.errors ?? []
  const hidden = [...new Set(refusalsUnder(errors, ['child']).map((error) => describeError(error).text))]
  const documents = child ? documentsOf(child) : []
  return (
    <div className="scans-block">
      {hidden.map((text) => (
        <p key={text} className="notice notice-forbidden">
          {text}
        </p>
      ))}
      {documents.length === 0 && <p className="muted">Подписанных документов пока нет</p>}
      {documents.map((doc) => (
        <div key={doc.key} className="card-item" role="group" aria-label={doc.title}>
          <h3>{doc.title}</h3>
          <ScanList side={doc.side} attachments={doc.attachments} token={token} />
          {mayAttach(doc.side, claims) && (
            <AttachScan
              side={doc.side}
              kind={doc.kind}
              recordId={doc.key}
              token={token}
              onAttached={() => setRevision((value) => value + 1)}
            />
          )}
        </div>
      ))}
    </div>
  )
}
