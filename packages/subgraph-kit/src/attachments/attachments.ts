import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Category } from '../access/policy.js'
import type { RequestAccess } from '../access/request.js'
import type { RecordKind } from '@hub/platform/error-rules'
import { badUserInput, notFound } from '@hub/platform/errors'
import { isUuid, loaderOfMany } from '../loaders.js'
import {
  attachmentView,
  findAttachmentById,
  findAttachmentsByRecordIds,
  insertAttachment,
  type AttachmentKind,
  type AttachmentRow,
  type AttachmentTables,
} from './attachment.queries.js'
import type { AttachmentConfig } from './config.js'
import { checkContent } from '@hub/platform/attachment-content'
import { databaseStore, s3Store, type AttachmentStore } from './store.js'

/**
 * A kind of record a side lets scans be attached to: its scans are read under the same rule as the record, for the
 * record's child. `find` answers the record's child, or undefined when there is no such record; it may refuse a record
 * the kind does not fit (a criterion that is not a disability).
 */
export interface AttachableRecord<DB> {
  category: Category
  record: RecordKind
  find: (db: Kysely<DB>, recordId: string) => Promise<{ childId: string } | undefined>
}

/**
 * What a side keeps scans of and how: the kinds it owns, where the bytes go, how large a file may be, and whether it
 * keeps the names of files and uploaders (only a side that holds people's identity, whose table has their columns).
 */
export interface AttachmentSettings<DB> {
  kinds: Partial<Record<AttachmentKind, AttachableRecord<DB>>>
  store: AttachmentStore
  maxBytes: number
  names: boolean
}

/** The settings from a side's configuration: its object store when one is configured, else its database. */
export function attachmentSettings<DB>(
  kinds: AttachmentSettings<DB>['kinds'],
  config: AttachmentConfig,
  { names }: { names: boolean },
): AttachmentSettings<DB> {
  return Object.freeze({
    kinds,
    store: config.s3 ? s3Store(config.s3) : databaseStore(),
    maxBytes: config.maxBytes,
    names,
  })
}

export interface AttachScanInput {
  kind: AttachmentKind
  recordId: string
  fileName: string
  content: string
}

const MAX_FILE_NAME = 255

/** The name as the user's computer had it, without the folders some browsers send with it. */
function fileNameOf(value: string) {
  const name = value.split(/[\\/]/).pop()!.trim()
  if (name.length === 0 || name.length > MAX_FILE_NAME) {
    throw badUserInput('input.fileName', 'TEXT_LENGTH', `must be 1 to ${MAX_FILE_NAME} characters`, {
      min: 1,
      max: MAX_FILE_NAME,
    })
  }
  return name
}

function kindOf<DB>(settings: AttachmentSettings<DB>, kind: AttachmentKind) {
  const attachable = settings.kinds[kind]
  if (!attachable) throw badUserInput('input.kind', 'ATTACHMENT_KIND', `scans of ${kind} are kept by another side`)
  return attachable
}

/** The record a scan is for, refused unless the caller may read it: attaching never opens what reading would not. */
async function recordOf<DB>(db: Kysely<DB>, access: RequestAccess, attachable: AttachableRecord<DB>, recordId: string) {
  const record = isUuid(recordId) ? await attachable.find(db, recordId) : undefined
  if (!record) throw notFound('input.recordId', attachable.record, recordId)
  if (!(await access.may(attachable.category, record.childId))) {
    throw access.refusal('input.recordId', attachable.category)
  }
  return record
}

/**
 * Checks a scan before its mutation's transaction opens: the kind is this side's, the record exists and the caller may
 * read it (the grants behind that may need the database, which a transaction must not be holding on PGlite's one
 * connection), and the file passes by its content (type and size). A refused file leaves nothing behind.
 */
export async function checkScan<DB>(
  db: Kysely<DB>,
  access: RequestAccess,
  settings: AttachmentSettings<DB>,
  input: AttachScanInput,
) {
  const attachable = kindOf(settings, input.kind)
  const record = await recordOf(db, access, attachable, input.recordId)
  const fileName = fileNameOf(input.fileName)
  const checked = await checkContent(input.content, settings.maxBytes)
  return { kind: input.kind, recordId: input.recordId, childId: record.childId, fileName, ...checked }
}

export type CheckedScan = Awaited<ReturnType<typeof checkScan>>

/** Stores a checked scan, in the mutation's transaction: its bytes where the side keeps them, its row in its database. */
export async function storeScan<DB extends AttachmentTables>(
  trx: Kysely<DB>,
  access: RequestAccess,
  settings: AttachmentSettings<DB>,
  scan: CheckedScan,
) {
  const id = randomUUID()
  const stored = await settings.store.put(id, scan.bytes, scan.mediaType)
  const { viewer } = access
  const names = settings.names ? { file_name: scan.fileName, uploaded_by_name: viewer.name ?? null } : {}
  return insertAttachment(attachmentView(trx), settings.names, {
    id,
    kind: scan.kind,
    record_id: scan.recordId,
    child_id: scan.childId,
    media_type: scan.mediaType,
    size: scan.size,
    sha256: scan.sha256,
    content: stored.content,
    object_key: stored.objectKey,
    uploaded_by: viewer.subject,
    uploaded_by_side: viewer.side,
    uploaded_by_organisation: viewer.organisation,
    ...names,
  })
}

/**
 * A scan with its bytes (base64), for the caller who may read its record's category for its child: the read is
 * recorded in the access audit like any read of the record. null when there is no such scan; FORBIDDEN otherwise.
 */
export async function readScan<DB extends AttachmentTables>(
  db: Kysely<DB>,
  access: RequestAccess,
  settings: AttachmentSettings<DB>,
  id: string,
) {
  const attachment = isUuid(id) ? await findAttachmentById(attachmentView(db), settings.names, id) : undefined
  if (!attachment) return null
  const attachable = settings.kinds[attachment.kind]
  if (!attachable) return null
  const { category } = attachable
  if (!(await access.may(category, attachment.childId))) throw access.refusal('id', category)
  const bytes = await settings.store.get(attachmentView(db), attachment.id)
  return { attachment, content: Buffer.from(bytes).toString('base64') }
}

export type AttachmentContentParent = NonNullable<Awaited<ReturnType<typeof readScan>>>

/** One request's view of a side's scans: the loader of the records' files, and the settings. */
export function createAttachmentContext<DB extends AttachmentTables>(db: Kysely<DB>, settings: AttachmentSettings<DB>) {
  return {
    settings,
    byRecordId: loaderOfMany(
      (ids) => findAttachmentsByRecordIds(attachmentView(db), settings.names, ids),
      (row) => row.recordId,
      { isValidKey: isUuid },
    ),
  }
}

export type AttachmentContext<DB> = ReturnType<typeof createAttachmentContext<DB & AttachmentTables>>

/** What a file is called where its uploaded name is not kept: the kind of document and the type's extension. */
const KIND_FILE_NAMES: Record<AttachmentKind, string> = {
  PROGRAMME_SCAN: 'ИПРП',
  CONSENT_SCAN: 'согласие',
  DISABILITY_CERTIFICATE_SCAN: 'справка МСЭ',
  PMPK_CONCLUSION_SCAN: 'заключение ПМПК',
}
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

/**
 * The `Attachment` type's own resolvers: the file's name as uploaded, or one made of its kind where names are not
 * kept; who attached it, by name where the token carried one and the side keeps names, else by the account's id.
 */
export const attachmentFields = {
  fileName: (row: AttachmentRow) =>
    row.fileName ?? `${KIND_FILE_NAMES[row.kind]}.${EXTENSIONS[row.mediaType] ?? 'bin'}`,
  uploadedBy: (row: AttachmentRow) => row.uploadedByName ?? row.uploadedBy,
}
