import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { AccessAuditTables } from './audit.js'

/** The previous hash of the chain's first row. */
const GENESIS = Buffer.alloc(32)

/** Rows read per statement while walking the chain. */
const PAGE = 5_000

/** One row as the chain hashes it: every value in the text the database gives it (`access_audit_row_hash`). */
interface ChainRow {
  position: string
  id: string
  readAt: string
  subject: string
  side: string | null
  organisation: string | null
  role: string
  childId: string | null
  familyId: string | null
  categories: string[]
  operation: string | null
  purpose: string
  previousHash: Uint8Array
  rowHash: Uint8Array
}

type ChainDatabase = Kysely<AccessAuditTables>

/** The chain's rows after a place, in order; the time as the hash encodes it (UTC, microseconds). */
export function listAuditChainRows(db: ChainDatabase, after: string, limit: number) {
  return sql<ChainRow>`
    select chain_position::text as position, id::text as id,
      to_char(read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "readAt",
      subject, side, organisation, role, child_id::text as "childId", family_id::text as "familyId", categories,
      operation, purpose, previous_hash as "previousHash", row_hash as "rowHash"
    from access_audit where chain_position > ${after}::bigint order by chain_position limit ${limit}
  `.execute(db)
}

/** Rows that carry no place in the chain: written with its trigger set aside. */
export function findUnchainedAuditRow(db: ChainDatabase) {
  return db
    .selectFrom('access_audit')
    .select(sql<string>`id::text`.as('id'))
    .where('chain_position', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

/** Where the chain's trigger left its head. */
export function findAuditHead(db: ChainDatabase) {
  return db
    .selectFrom('access_audit_head')
    .select([sql<string>`chain_position::text`.as('position'), 'row_hash as rowHash'])
    .executeTakeFirst()
}

function field(value: string | null) {
  return value === null ? 'N' : `${Buffer.byteLength(value, 'utf8')}:${value}`
}

/** The hash the database's trigger gives a row: SHA-256 over the previous hash and the row's canonical encoding. */
export function auditRowHash(row: Omit<ChainRow, 'rowHash'>) {
  const encoded = [
    row.position,
    row.id,
    row.readAt,
    row.subject,
    row.side,
    row.organisation,
    row.role,
    row.childId,
    row.familyId,
    String(row.categories.length),
    ...row.categories,
    row.operation,
    row.purpose,
  ]
    .map(field)
    .join('')
  return createHash('sha256').update(row.previousHash).update(encoded, 'utf8').digest()
}

export interface ChainHead {
  position: string
  hash: string
}

export type ChainVerdict =
  | { ok: true; rows: number; head: ChainHead }
  | { ok: false; rows: number; problem: 'removed' | 'inserted' | 'altered'; position: string | null; detail: string }

/**
 * Walks a subgraph's access audit from its first row and stops at the first row that was removed, inserted or altered
 * since the trigger chained it. `expected`, a head printed by an earlier run and kept elsewhere, must still be in the
 * chain: a chain rewritten from that place on, even with every hash recomputed by the owner, is reported.
 */
export async function verifyAuditChain(db: ChainDatabase, expected?: ChainHead): Promise<ChainVerdict> {
  const broken = (
    rows: number,
    problem: 'removed' | 'inserted' | 'altered',
    position: string | null,
    detail: string,
  ): ChainVerdict => ({ ok: false, rows, problem, position, detail })

  const unchained = await findUnchainedAuditRow(db)
  if (unchained) return broken(0, 'inserted', null, `row id ${unchained.id} is outside the chain (no place, no hash)`)

  let previous: Buffer = GENESIS
  let position = 0n
  let rows = 0
  let expectedSeen = false
  for (;;) {
    const page = (await listAuditChainRows(db, String(position), PAGE)).rows
    for (const row of page) {
      const place = BigInt(row.position)
      if (place > position + 1n) {
        const missing = place - position - 1n
        return broken(
          rows,
          'removed',
          String(position + 1n),
          `${missing} row(s) missing at position ${position + 1n}${missing > 1n ? `–${place - 1n}` : ''} (before row id ${row.id})`,
        )
      }
      if (!Buffer.from(row.previousHash).equals(previous)) {
        return broken(
          rows,
          'inserted',
          row.position,
          `row id ${row.id} at position ${row.position} does not follow the row before it (a row was put in or replaced)`,
        )
      }
      const hash = auditRowHash(row)
      if (!hash.equals(Buffer.from(row.rowHash))) {
        return broken(rows, 'altered', row.position, `row id ${row.id} at position ${row.position} was altered`)
      }
      if (expected && row.position === expected.position) {
        if (hash.toString('hex') !== expected.hash) {
          return broken(
            rows,
            'altered',
            row.position,
            `position ${row.position} does not have the recorded head hash: the chain up to it was rewritten`,
          )
        }
        expectedSeen = true
      }
      previous = hash
      position = place
      rows += 1
    }
    if (page.length < PAGE) break
  }

  const head = await findAuditHead(db)
  if (head && BigInt(head.position) > position) {
    return broken(
      rows,
      'removed',
      String(position + 1n),
      `the chain's head is at position ${head.position} but its last row at ${position}: the newest rows were removed`,
    )
  }
  if (head && !Buffer.from(head.rowHash).equals(previous)) {
    return broken(rows, 'altered', String(position), `the chain's head does not hold the last row's hash`)
  }
  if (expected && !expectedSeen) {
    return broken(
      rows,
      'removed',
      expected.position,
      `the recorded head at position ${expected.position} is no longer in the chain (it ends at ${position})`,
    )
  }
  return { ok: true, rows, head: { position: String(position), hash: previous.toString('hex') } }
}
