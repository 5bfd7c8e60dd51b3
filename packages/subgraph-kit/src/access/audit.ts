import { sql, type ColumnType, type Generated, type Kysely } from 'kysely'
import { badUserInput } from '@hub/platform/errors'
import { isUuid } from '../loaders.js'
import { requirePeriodDay } from '../validation.js'
import type { AuditRow } from './request.js'

/**
 * The audit table every subgraph's database has (migrations 2026_11_24_1200_create_access_audit and
 * 2026_12_06_2300_chain_access_audit). A row names a child, or a family read as such; the chain's columns are set by
 * the database's trigger alone.
 */
export interface AccessAuditTables {
  access_audit: {
    id: Generated<string>
    read_at: ColumnType<string, never, never>
    subject: string
    side: string | null
    organisation: string | null
    role: string
    child_id: string | null
    family_id: string | null
    categories: string[]
    operation: string | null
    purpose: string
    chain_position: ColumnType<string, never, never>
    previous_hash: ColumnType<Uint8Array, never, never>
    row_hash: ColumnType<Uint8Array, never, never>
  }
  access_audit_head: {
    singleton: ColumnType<boolean, never, never>
    chain_position: ColumnType<string, never, never>
    row_hash: ColumnType<Uint8Array, never, never>
  }
}

type AuditDatabase = Kysely<AccessAuditTables>

/** A subgraph's database seen through its audit table alone (as `staffingView` does for the staffing tables). */
export function auditView<DB extends AccessAuditTables>(db: Kysely<DB>): AuditDatabase {
  return db as unknown as AuditDatabase
}

const columns = [
  'id',
  'read_at as readAt',
  'subject',
  'side',
  'organisation',
  'role',
  'child_id as childId',
  'family_id as familyId',
  'categories',
  'operation as operationName',
  'purpose',
] as const

/**
 * One statement of fixed text however many rows: each column goes as one array parameter and `unnest` makes the rows.
 * A registry page's 1,000 rows as 8,000 parameters took 50–100 ms to send and plan; as arrays they are one prepared
 * statement. The categories of a row travel joined by commas (they are the policy's words, which hold none).
 */
export function insertAuditRows(db: AuditDatabase, rows: readonly AuditRow[]) {
  const column = <T>(value: (row: AuditRow) => T) => rows.map(value)
  return sql`insert into "access_audit" (subject, side, organisation, role, child_id, family_id, categories, operation, purpose)
    select subject, side, organisation, role, child_id, family_id, string_to_array(categories, ','), operation, purpose
    from unnest(
      ${column((row) => row.subject)}::text[],
      ${column((row) => row.side)}::text[],
      ${column((row) => row.organisation)}::text[],
      ${column((row) => row.role)}::text[],
      ${column((row) => row.childId)}::uuid[],
      ${column((row) => row.familyId)}::uuid[],
      ${column((row) => row.categories.join(','))}::text[],
      ${column((row) => row.operationName)}::text[],
      ${column((row) => row.purpose)}::text[]
    ) as read (subject, side, organisation, role, child_id, family_id, categories, operation, purpose)`.execute(db)
}

export type AuditEntryRow = Awaited<ReturnType<typeof listAuditRows>>[number]

export interface AuditFilter {
  childId?: string
  familyId?: string
  subject?: string
  from?: string
  to?: string
  first: number
}

/** The newest entries first, narrowed by child, family, reader and period. */
export function listAuditRows(db: AuditDatabase, filter: AuditFilter) {
  let query = db.selectFrom('access_audit').select(columns)
  if (filter.childId !== undefined) query = query.where('child_id', '=', filter.childId)
  if (filter.familyId !== undefined) query = query.where('family_id', '=', filter.familyId)
  if (filter.subject !== undefined) query = query.where('subject', '=', filter.subject)
  if (filter.from !== undefined) query = query.where('read_at', '>=', filter.from)
  if (filter.to !== undefined) query = query.where('read_at', '<', filter.to)
  return query.orderBy('read_at', 'desc').orderBy('id', 'desc').limit(filter.first).execute()
}

export const MAX_AUDIT_PAGE = 1_000

/** The `accessAudit` query of every subgraph: its own audit, for its own administrators (gated `audit`). */
export function accessAuditResolver<DB extends AccessAuditTables>(
  _parent: unknown,
  args: {
    childId?: string | null
    familyId?: string | null
    subject?: string | null
    from?: Date | string | null
    to?: Date | string | null
    first?: number | null
  },
  { db }: { db: Kysely<DB> },
) {
  const first = args.first ?? 100
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE) {
    throw badUserInput('first', 'NUMBER_RANGE', `must be a whole number from 1 to ${MAX_AUDIT_PAGE}`, {
      min: 1,
      max: MAX_AUDIT_PAGE,
    })
  }
  if (args.childId != null && !isUuid(args.childId))
    throw badUserInput('childId', 'UUID_FORMAT', 'must be an id (UUID)')
  const from = args.from == null ? undefined : requirePeriodDay('from', new Date(args.from).toISOString())
  const to = args.to == null ? undefined : requirePeriodDay('to', new Date(args.to).toISOString())
  if (from !== undefined && to !== undefined && to < from)
    throw badUserInput('to', 'PERIOD_REVERSED', 'must not be before from')
  if (args.familyId != null && !isUuid(args.familyId))
    throw badUserInput('familyId', 'UUID_FORMAT', 'must be an id (UUID)')
  return listAuditRows(auditView(db), {
    childId: args.childId ?? undefined,
    familyId: args.familyId ?? undefined,
    subject: args.subject ?? undefined,
    from,
    to,
    first,
  })
}
