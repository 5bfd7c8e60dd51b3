import { sql, type ColumnType, type Generated, type Insertable, type Kysely } from 'kysely'
import { anyUuid } from '../sql.js'

/** The kinds of signed document a scan can be of (`AttachmentKind` in the SDL); each side keeps the kinds it owns. */
export const ATTACHMENT_KINDS = [
  'PROGRAMME_SCAN',
  'CONSENT_SCAN',
  'DISABILITY_CERTIFICATE_SCAN',
  'PMPK_CONCLUSION_SCAN',
] as const
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number]

/** The table of each subgraph that keeps signed scans (migration 2026_12_10_1600_create_attachment). */
export interface AttachmentTables {
  attachment: {
    id: Generated<string>
    kind: AttachmentKind
    record_id: string
    child_id: string
    /** Only where the side keeps names (social, whose migration adds the column). */
    file_name?: string
    media_type: string
    size: number
    sha256: string
    content: Uint8Array | null
    object_key: string | null
    uploaded_at: ColumnType<Date, never, never>
    uploaded_by: string
    /** Only where the side keeps names (social). */
    uploaded_by_name?: string | null
    uploaded_by_side: string | null
    uploaded_by_organisation: string | null
  }
}

export type AttachmentDatabase = Kysely<AttachmentTables>

/** A subgraph's database seen through its attachment table alone (as `auditView` does for the audit table). */
export function attachmentView<DB extends AttachmentTables>(db: Kysely<DB>): AttachmentDatabase {
  return db as unknown as AttachmentDatabase
}

/** What describes a file; the bytes are read apart, and only when asked for. */
const common = [
  'attachment.id',
  'attachment.kind',
  'attachment.record_id as recordId',
  'attachment.child_id as childId',
  'attachment.media_type as mediaType',
  'attachment.size',
  'attachment.sha256',
  'attachment.uploaded_at as uploadedAt',
  'attachment.uploaded_by as uploadedBy',
] as const

/** With `names`, the file's and the uploader's names as kept; a side without them answers null for both. */
function columns(names: boolean) {
  return [
    ...common,
    names ? sql<string | null>`attachment.file_name`.as('fileName') : sql<string | null>`null`.as('fileName'),
    names
      ? sql<string | null>`attachment.uploaded_by_name`.as('uploadedByName')
      : sql<string | null>`null`.as('uploadedByName'),
  ]
}

export type AttachmentRow = Awaited<ReturnType<typeof findAttachmentsByRecordIds>>[number]

/** The files of many records, oldest first (the order they were attached in). */
export function findAttachmentsByRecordIds(db: AttachmentDatabase, names: boolean, recordIds: readonly string[]) {
  return db
    .selectFrom('attachment')
    .select(columns(names))
    .where('attachment.record_id', '=', anyUuid(recordIds))
    .orderBy('attachment.uploaded_at')
    .orderBy('attachment.id')
    .execute()
}

export function findAttachmentById(db: AttachmentDatabase, names: boolean, id: string) {
  return db.selectFrom('attachment').select(columns(names)).where('attachment.id', '=', id).executeTakeFirst()
}

/** Where a file's bytes are: in the row itself, or under a key of the object store. */
export function findAttachmentStorage(db: AttachmentDatabase, id: string) {
  return db
    .selectFrom('attachment')
    .select(['attachment.content', 'attachment.object_key as objectKey'])
    .where('attachment.id', '=', id)
    .executeTakeFirstOrThrow()
}

export function insertAttachment(
  db: AttachmentDatabase,
  names: boolean,
  row: Insertable<AttachmentTables['attachment']>,
) {
  return db.insertInto('attachment').values(row).returning(columns(names)).executeTakeFirstOrThrow()
}
