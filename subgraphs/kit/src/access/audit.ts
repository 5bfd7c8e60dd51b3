import type { ColumnType, Generated, Kysely } from 'kysely'
import { badUserInput } from '../errors.js'
import { isUuid } from '../loaders.js'
import type { AuditRow } from './request.js'

/** The audit table every subgraph's database has (migration 2026_11_24_1200_create_access_audit). */
export interface AccessAuditTables {
  access_audit: {
    id: Generated<string>
    read_at: ColumnType<string, never, never>
    subject: string
    side: string | null
    organisation: string | null
    role: string
    child_id: string
    categories: string[]
    operation: string | null
    purpose: string
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
  'categories',
  'operation as operationName',
  'purpose',
] as const

export function insertAuditRows(db: AuditDatabase, rows: readonly AuditRow[]) {
  return db
    .insertInto('access_audit')
    .values(
      rows.map((row) => ({
        subject: row.subject,
        side: row.side,
        organisation: row.organisation,
        role: row.role,
        child_id: row.childId,
        categories: row.categories,
        operation: row.operationName,
        purpose: row.purpose,
      })),
    )
    .execute()
}

export type AuditEntryRow = Awaited<ReturnType<typeof listAuditRows>>[number]

export interface AuditFilter {
  childId?: string
  subject?: string
  from?: string
  to?: string
  first: number
}

/** The newest entries first, narrowed by child, reader and period. */
export function listAuditRows(db: AuditDatabase, filter: AuditFilter) {
  let query = db.selectFrom('access_audit').select(columns)
  if (filter.childId !== undefined) query = query.where('child_id', '=', filter.childId)
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
    subject?: string | null
    from?: Date | string | null
    to?: Date | string | null
    first?: number | null
  },
  { db }: { db: Kysely<DB> },
) {
  const first = args.first ?? 100
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE) {
    throw badUserInput('first', `must be a whole number from 1 to ${MAX_AUDIT_PAGE}`)
  }
  if (args.childId != null && !isUuid(args.childId)) throw badUserInput('childId', 'must be an id (UUID)')
  return listAuditRows(auditView(db), {
    childId: args.childId ?? undefined,
    subject: args.subject ?? undefined,
    from: args.from == null ? undefined : new Date(args.from).toISOString(),
    to: args.to == null ? undefined : new Date(args.to).toISOString(),
    first,
  })
}
