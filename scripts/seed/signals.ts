import type { NewSignal } from '@hub/side-contract/signals/signal_outbox.queries'
import { DEFAULT_SIGNAL_ICD10, parseSignalIcd10 } from '../../subgraphs/health/src/config.js'
import {
  detectionEventSignal,
  diagnosisSignal,
  healthGroupSignal,
} from '../../subgraphs/health/src/services/signals.js'
import { pmpkSignal } from '../../subgraphs/education/src/services/pmpk.js'
import { addDays } from '@hub/subgraph-kit/validation'
import { namedUuid } from './pathway.js'
import { emptyChunk, type RegionChunk } from './region.js'

/** Records this recent may still wait for social: their signals reach the coordinator's queue when the hub starts. */
export const SIGNALS_WITHIN_DAYS = 30

/** What the region's health sends a signal for: the default list of the target group's МКБ-10 codes. */
const HEALTH_RULES = { icd10: parseSignalIcd10(DEFAULT_SIGNAL_ICD10) }

type Side = 'health' | 'education'

/**
 * The child-find signals of the synthetic region that social has not received yet: for each kind of signal, the
 * latest record of that kind in the last `SIGNALS_WITHIN_DAYS` days before the reference date (at most one per kind,
 * so a few whatever the number of children), as the emitting side's outbox holds it. Every earlier signal is taken as
 * delivered and decided: the criteria the seed writes are those decisions. Chosen among all chunks by the record's
 * date and id, and with ids derived from the record's, so the rows depend on no chunking and no random stream.
 */
export class SignalPicker {
  private readonly latest = new Map<string, { side: Side; signal: NewSignal }>()
  private readonly recentFrom: string

  /** `today`: the reference date, YYYY-MM-DD. */
  constructor(today: string) {
    this.recentFrom = addDays(today, -SIGNALS_WITHIN_DAYS)
  }

  /** Takes note of one chunk's records. */
  add(chunk: RegionChunk) {
    for (const row of chunk.health.healthGroupAssessments) {
      const record = { id: row.id, childId: row.child_id, group: row.health_group, assessedOn: row.assessed_on }
      this.consider('health', healthGroupSignal(record))
    }
    for (const row of chunk.health.detectionEvents) {
      const record = {
        id: row.id,
        childId: row.child_id,
        kind: row.kind,
        result: row.result ?? null,
        occurredOn: row.occurred_on,
      }
      this.consider('health', detectionEventSignal(record))
    }
    for (const row of chunk.health.diagnoses) {
      const record = { id: row.id, childId: row.child_id, icd10: row.icd10_code, diagnosedOn: row.diagnosed_on }
      this.consider('health', diagnosisSignal(HEALTH_RULES, record))
    }
    for (const row of chunk.education.pmpkConclusions) {
      this.consider(
        'education',
        pmpkSignal({
          id: row.id,
          childId: row.child_id,
          concludedOn: row.concluded_on,
          needsSpecialConditions: row.needs_special_conditions,
        }),
      )
    }
  }

  private consider(side: Side, signal: NewSignal | null) {
    if (!signal || signal.recordedOn < this.recentFrom) return
    const kept = this.latest.get(signal.kind)?.signal
    const later =
      !kept ||
      signal.recordedOn > kept.recordedOn ||
      (signal.recordedOn === kept.recordedOn && signal.sourceRecordId > kept.sourceRecordId)
    if (later) this.latest.set(signal.kind, { side, signal })
  }

  /** The outbox rows of the signals picked, as a chunk of their own (every other table empty). */
  chunk(): RegionChunk {
    const chunk = emptyChunk()
    const picked = [...this.latest.values()].sort(
      (a, b) =>
        a.signal.recordedOn.localeCompare(b.signal.recordedOn) ||
        a.signal.sourceRecordId.localeCompare(b.signal.sourceRecordId),
    )
    for (const { side, signal } of picked) {
      chunk[side].signalOutbox.push({
        id: namedUuid(`signal:${signal.sourceRecordId}`),
        child_id: signal.childId,
        kind: signal.kind,
        proposed_criterion: signal.proposedCriterion,
        source_record_id: signal.sourceRecordId,
        recorded_on: signal.recordedOn,
        // Written when the record was: the outbox sends them in that order.
        created_at: new Date(`${signal.recordedOn}T12:00:00Z`),
      })
    }
    return chunk
  }
}
