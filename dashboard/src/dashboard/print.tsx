import { useState, type ReactNode } from 'react'
import { readPurpose } from '../shared/purpose'

/**
 * Fetches a file the gateway makes (a printed document, a report's export) with the session's token and the purpose
 * of access chosen for this tab (a link cannot send either), and saves it under the name the gateway gives.
 */
export async function downloadFile(path: string, token: string, fallbackName: string) {
  const response = await fetch(path, {
    headers: { authorization: `Bearer ${token}`, 'x-access-purpose': readPurpose() },
  })
  if (!response.ok) {
    throw new Error(response.status === 403 ? 'нет доступа' : `шлюз ответил ${response.status}`)
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1]
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name ?? fallbackName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** A button that prints a document as PDF (`/documents/<kind>/<id>.pdf`), with the refusal next to it. */
export function PrintButton({ kind, id, label, token }: { kind: string; id: string; label: string; token: string }) {
  const [state, setState] = useState<'idle' | 'busy' | string>('idle')
  const print = () => {
    setState('busy')
    downloadFile(`/documents/${kind}/${encodeURIComponent(id)}.pdf`, token, `${kind}.pdf`).then(
      () => setState('idle'),
      (error: Error) => setState(`Документ не получен: ${error.message}`),
    )
  }
  return (
    <span className="print-action">
      <button type="button" onClick={print} disabled={state === 'busy'}>
        {label}
      </button>
      {state !== 'idle' && state !== 'busy' && (
        <span className="notice notice-error" role="alert">
          {state}
        </span>
      )}
    </span>
  )
}

const DOWNLOADS = { csv: 'Скачать CSV', xlsx: 'Скачать XLSX', pdf: 'Скачать PDF' } as const
export type DownloadFormat = keyof typeof DOWNLOADS

/**
 * «Скачать CSV», «Скачать XLSX» and «Скачать PDF» for a file the gateway makes in each format (`path` gives its path),
 * with the refusal under them; `children` stand beside the buttons.
 */
export function DownloadButtons({
  path,
  name,
  token,
  children,
}: {
  path: (format: DownloadFormat) => string
  /** The file's name when the gateway gives none, without the extension. */
  name: string
  token: string
  children?: ReactNode
}) {
  const [failure, setFailure] = useState('')
  const save = (format: DownloadFormat) => {
    setFailure('')
    downloadFile(path(format), token, `${name}.${format}`).catch((error: Error) =>
      setFailure(`Файл не получен: ${error.message}`),
    )
  }
  return (
    <>
      <div className="actions">
        {(Object.keys(DOWNLOADS) as DownloadFormat[]).map((format) => (
          <button key={format} type="button" onClick={() => save(format)}>
            {DOWNLOADS[format]}
          </button>
        ))}
        {children}
      </div>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
    </>
  )
}
