import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from '../../db/database.js'
import { findSnapshotFigures } from './queries/indicator.queries.js'
import { findQuarterlyReportsByIds } from './queries/quarterly_report.queries.js'
import { FigureBook, parseIndicatorsId, type LiveFigures } from './services/indicators.js'

/**
 * The figures of each set of indicators asked for in one request: each live scope computed by one statement, every
 * filed report's territories read by one.
 */
async function loadFigureBooks(db: Kysely<DB>, live: LiveFigures, ids: readonly string[]) {
  const parsed = ids.map((id) => parseIndicatorsId('id', id))
  const frozen = parsed.flatMap((entry) => (entry.kind === 'report' ? [entry] : []))
  const snapshot =
    frozen.length === 0
      ? []
      : await findSnapshotFigures(
          db,
          frozen.map((entry) => entry.reportId),
          frozen.map((entry) => entry.municipality ?? ''),
        )
  return Promise.all(
    parsed.map((entry) =>
      entry.kind === 'live'
        ? live(entry.scope, db)
        : new FigureBook(
            snapshot.filter((row) => row.reportId === entry.reportId && row.territory === (entry.municipality ?? '')),
          ),
    ),
  )
}

/**
 * The monitoring module's loaders (sets of indicators and filed reports), spread into the request's loaders
 * (src/loaders.ts).
 */
export function createMonitoringLoaders(db: Kysely<DB>, live: LiveFigures) {
  return {
    figuresByIndicatorsId: new DataLoader<string, FigureBook>((ids) => loadFigureBooks(db, live, ids)),
    quarterlyReportById: loaderOfOne(
      (ids) => findQuarterlyReportsByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
  }
}
