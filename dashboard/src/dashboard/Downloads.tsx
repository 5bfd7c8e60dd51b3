import { useRef, useState } from 'react'
import { errorText } from '../shared/errors'
import type { GraphQLResult } from '../shared/graphql'
import { EXPORT_LIMIT, saveCsv, saveXlsx, type Column } from './export'

/** One page of a list as a download fetches it: its rows as the screen shows them, and where the next page starts. */
export interface ListPage<R> {
  rows: readonly R[]
  totalCount: number
  endCursor: string | null | undefined
  hasNextPage: boolean
}

/** Rows fetched a page at a time for a download: the list's own committed operation, with the screen's variables. */
export const EXPORT_PAGE_SIZE = 500

/**
 * The list of one answer of a committed operation, or the refusal that left it out as an exception in Russian (a
 * download never writes a file without its rows).
 */
export function listOf<R, L>(result: GraphQLResult<R>, pick: (data: R) => L | null | undefined): L {
  const list = result.data ? pick(result.data) : null
  if (list === null || list === undefined) {
    throw new Error(result.errors?.[0] ? errorText(result.errors[0]) : 'шлюз не вернул список')
  }
  return list
}

/**
 * Where a download's rows come from: the rows the screen already holds, or every page of a paginated list, from its
 * first, with `total` as the screen counted it.
 */
export type ListSource<R> =
  { rows: readonly R[] } | { total: number; page: (after: string | null) => Promise<ListPage<R>> }

type Progress =
  | { status: 'idle'; message?: string }
  | { status: 'collecting'; done: number; total: number }
  | { status: 'refused' | 'failed'; message: string }

const count = (value: number) => value.toLocaleString('ru-RU')

const tooLong = (total: number) =>
  `Строк в списке: ${count(total)}, а выгрузить можно не более ${count(EXPORT_LIMIT)}. ` +
  'Сузьте список фильтрами и выгрузите его частями.'

/**
 * «Скачать CSV» and «Скачать XLSX» of one list, written from exactly the rows its operation returned to the viewer.
 * A paginated list is fetched page by page («Выгружено N из M», with «Отменить»), and refused above EXPORT_LIMIT.
 */
export function Downloads<R>({
  title,
  columns,
  source,
}: {
  title: string
  columns: readonly Column<R>[]
  source: ListSource<R>
}) {
  const [progress, setProgress] = useState<Progress>({ status: 'idle' })
  const cancelled = useRef(false)
  const total = 'rows' in source ? source.rows.length : source.total

  const collect = async () => {
    if ('rows' in source) return source.rows
    const rows: R[] = []
    let after: string | null = null
    for (;;) {
      const page: ListPage<R> = await source.page(after)
      if (page.totalCount > EXPORT_LIMIT) throw new RangeError(tooLong(page.totalCount))
      rows.push(...page.rows)
      if (cancelled.current) return null
      setProgress({ status: 'collecting', done: rows.length, total: page.totalCount })
      if (!page.hasNextPage || !page.endCursor) return rows
      after = page.endCursor
    }
  }

  const download = async (save: typeof saveCsv) => {
    if (total > EXPORT_LIMIT) {
      setProgress({ status: 'refused', message: tooLong(total) })
      return
    }
    cancelled.current = false
    setProgress({ status: 'collecting', done: 0, total })
    try {
      const rows = await collect()
      if (rows === null) {
        setProgress({ status: 'idle', message: 'Выгрузка отменена.' })
        return
      }
      await save({ title, columns, rows })
      setProgress({ status: 'idle' })
    } catch (error) {
      setProgress(
        error instanceof RangeError
          ? { status: 'refused', message: error.message }
          : { status: 'failed', message: `Выгрузка не удалась: ${(error as Error).message}` },
      )
    }
  }

  const busy = progress.status === 'collecting'
  return (
    <div className="downloads">
      <div className="actions">
        <button type="button" disabled={busy || total === 0} onClick={() => void download(saveCsv)}>
          Скачать CSV
        </button>
        <button type="button" disabled={busy || total === 0} onClick={() => void download(saveXlsx)}>
          Скачать XLSX
        </button>
        {busy && (
          <>
            <span role="status">
              Выгружено {count(progress.done)} из {count(progress.total)}
            </span>
            <button type="button" onClick={() => (cancelled.current = true)}>
              Отменить
            </button>
          </>
        )}
      </div>
      {progress.status === 'idle' && progress.message && (
        <p className="muted" role="status">
          {progress.message}
        </p>
      )}
      {(progress.status === 'refused' || progress.status === 'failed') && (
        <p className="notice notice-error" role="alert">
          {progress.message}
        </p>
      )}
    </div>
  )
}
