import { createHash } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'
import { hubError } from '@hub/platform/errors'
import { addDays, addMonths } from '../validation.js'
import type { ViewerClass } from './policy.js'
import type { RequestAccess } from './request.js'

/** Counts from 1 to 4 could single a child out: an analyst sees them as "<5". */
export const SMALLEST_SHOWN = 5

/**
 * Cell keys are sums of record keys modulo 2^28: the record key of a child is the first 28 bits of the MD5 of its
 * registry id. The id is a random UUID no analyst answer carries, so the key is fixed for the child, uniformly
 * random, and unknown to the analyst, which is all the cell-key method asks of it.
 */
const RECORD_KEY_HEX_DIGITS = 7
const CELL_KEY_MODULUS = 2 ** (RECORD_KEY_HEX_DIGITS * 4)

/**
 * The noise an analyst's count gets, by where its cell key falls in [0, 1): -2 to +2, mean zero, nonzero for 60 % of
 * the cells. Looked up from the cell key, so the same children always get the same noise.
 */
const NOISE_TABLE: readonly { below: number; noise: number }[] = [
  { below: 0.1, noise: -2 },
  { below: 0.3, noise: -1 },
  { below: 0.7, noise: 0 },
  { below: 0.9, noise: 1 },
  { below: 1, noise: 2 },
]

/** A count and the cell key of the children behind it. */
export interface Cell {
  count: number
  cellKey: number
}

/** A count as one caller sees it: `count` null when it is hidden, `shown` what to print. */
export interface ShownCount {
  count: number | null
  shown: string
}

/**
 * Who reads figures depersonalised: analysts, and a non-state provider's staff, who may read only the children
 * referred to their organisation. Exact counts over periods of their choosing would let either tell the other children
 * apart by differencing two answers. Every other class that reads aggregates may find any child in the registry
 * (social's policy: identity `all`), so exact figures tell it nothing it could not read; tests/security checks that the
 * two lists stay in step.
 */
export const DEPERSONALISED_CLASSES: ReadonlySet<ViewerClass> = new Set(['analyst', 'provider'])

/** The caller sees only depersonalised, perturbed figures, for whole reporting periods. */
export function seesDepersonalised(access: RequestAccess) {
  return DEPERSONALISED_CLASSES.has(access.class)
}

function recordKey(childId: string) {
  return parseInt(createHash('md5').update(childId).digest('hex').slice(0, RECORD_KEY_HEX_DIGITS), 16)
}

/** The record key of a child id in SQL, as `recordKey` computes it. */
export function recordKeySql(childId: RawBuilder<unknown>) {
  return sql<number>`('x' || substr(md5((${childId})::text), 1, ${RECORD_KEY_HEX_DIGITS}))::bit(${sql.lit(
    RECORD_KEY_HEX_DIGITS * 4,
  )})::int`
}

/** The cell key of a sum of record keys computed in SQL (a bigint or numeric), as an int. */
export function cellKeySql(sumOfRecordKeys: RawBuilder<unknown>) {
  return sql<number>`(coalesce(${sumOfRecordKeys}, 0) % ${sql.lit(CELL_KEY_MODULUS)})::int`
}

/** The cell of some distinct children. */
export function cellOf(childIds: readonly string[]): Cell {
  const unique = [...new Set(childIds)]
  return { count: unique.length, cellKey: joinCellKeys(unique.map(recordKey)) }
}

/** The cell key of the union of disjoint sets of children, from their cell keys. */
export function joinCellKeys(cellKeys: readonly number[]) {
  return cellKeys.reduce((sum, key) => (sum + key) % CELL_KEY_MODULUS, 0)
}

function noiseOf(cellKey: number) {
  const at = cellKey / CELL_KEY_MODULUS
  return (NOISE_TABLE.find((row) => at < row.below) ?? NOISE_TABLE[NOISE_TABLE.length - 1]!).noise
}

/** A count hidden from the caller. */
export const HIDDEN: ShownCount = { count: null, shown: `<${SMALLEST_SHOWN}` }

/**
 * A count as the caller may see it: exact for staff who may find any child. Analysts and providers see 0 as 0, 1–4 as "<5", and any other count with
 * its cell's noise added, itself "<5" when the noise takes it below 5.
 */
export function shownCount(access: RequestAccess, cell: Cell): ShownCount {
  if (!seesDepersonalised(access) || cell.count === 0) return { count: cell.count, shown: String(cell.count) }
  if (cell.count < SMALLEST_SHOWN) return HIDDEN
  const perturbed = cell.count + noiseOf(cell.cellKey)
  return perturbed < SMALLEST_SHOWN ? HIDDEN : { count: perturbed, shown: String(perturbed) }
}

/** Whether an analyst or a provider is refused a list of this many children (1 to 4). */
export function isSuppressed(access: RequestAccess, count: number) {
  return seesDepersonalised(access) && count > 0 && count < SMALLEST_SHOWN
}

/**
 * Disjoint parts shown beside their total, as the caller may see them. For an analyst, a part hidden as 1–4 (or the
 * remainder the parts leave of the total, when that is 1–4) would come back as the total minus the other parts: the
 * smallest shown parts are hidden with it until at least two cells are hidden and they hold at least 5 children
 * together, so the subtraction gives only their sum.
 */
export function shownPartition(access: RequestAccess, total: Cell, parts: readonly Cell[]): ShownCount[] {
  const shown = parts.map((part) => shownCount(access, part))
  if (!seesDepersonalised(access)) return shown
  const remainder = total.count - parts.reduce((sum, part) => sum + part.count, 0)
  const unshownPrimary = remainder > 0 && remainder < SMALLEST_SHOWN
  const hidden = shown.flatMap((value, index) => (value.count === null && parts[index]!.count > 0 ? [index] : []))
  const primary = unshownPrimary || hidden.some((index) => parts[index]!.count < SMALLEST_SHOWN)
  if (!primary) return shown
  let cells = hidden.length + (remainder > 0 ? 1 : 0)
  let children = hidden.reduce((sum, index) => sum + parts[index]!.count, Math.max(remainder, 0))
  const complements = parts
    .map((part, index) => ({ index, count: part.count }))
    .filter(({ index, count }) => count > 0 && shown[index]!.count !== null)
    .sort((a, b) => a.count - b.count || a.index - b.index)
  for (const { index, count } of complements) {
    if (cells >= 2 && children >= SMALLEST_SHOWN) break
    shown[index] = HIDDEN
    cells += 1
    children += count
  }
  return shown
}

const WHOLE_PERIOD_RULE =
  'figures shown depersonalised (to analysts and providers) are asked only for a whole calendar month, quarter or year, from its first day'

/**
 * Analysts and providers ask for whole reporting periods only: a month, a quarter or a year, from its first to its last day.
 * Arbitrary periods would let two overlapping answers differ by a few days' children. Other callers keep any period.
 */
export function requireReportingPeriod<Period extends { from: string; to: string }>(
  access: RequestAccess,
  field: string,
  period: Period,
): Period {
  if (!seesDepersonalised(access)) return period
  const [, month, day] = period.from.split('-').map(Number) as [number, number, number]
  const lastDayAfter = (months: number) => addDays(addMonths(period.from, months), -1)
  const whole =
    day === 1 &&
    (period.to === lastDayAfter(1) ||
      ((month - 1) % 3 === 0 && period.to === lastDayAfter(3)) ||
      (month === 1 && period.to === lastDayAfter(12)))
  if (!whole) {
    throw hubError(
      'BAD_USER_INPUT',
      'WHOLE_REPORTING_PERIOD',
      `${field}: ${WHOLE_PERIOD_RULE} to its last (asked ${period.from}..${period.to})`,
      { field },
    )
  }
  return period
}
