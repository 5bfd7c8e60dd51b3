import type { GraphQLResolveInfo } from 'graphql'
import type { Kysely } from 'kysely'
import type { RequestAccess } from '../access/request.js'
import { idempotentlyById } from '../idempotency/idempotency.js'
import type { IdempotencyTables } from '../idempotency/idempotent_request.queries.js'
import { attachmentView, findAttachmentById, type AttachmentTables } from './attachment.queries.js'
import { checkScan, readScan, storeScan, type AttachmentContext, type AttachScanInput } from './attachments.js'

/** What the resolvers of scans need of a side's context. */
interface ScanContext<DB extends AttachmentTables & IdempotencyTables> {
  db: Kysely<DB>
  access: RequestAccess
  attachments: AttachmentContext<DB>
}

/** A side's attach mutation: one transaction, idempotent by the input's key like every creating mutation. */
export async function attachScanMutation<DB extends AttachmentTables & IdempotencyTables>(
  context: ScanContext<DB>,
  info: Pick<GraphQLResolveInfo, 'fieldName'>,
  input: AttachScanInput & { idempotencyKey?: string | null },
) {
  const { access, attachments, db } = context
  const scan = await checkScan(db, access, attachments.settings, input)
  return idempotentlyById(
    context,
    info,
    input,
    (trx) => storeScan(trx, access, attachments.settings, scan),
    (id) => findAttachmentById(attachmentView(db), attachments.settings.names, id),
  )
}

/** A side's query of one scan with its content. */
export function scanQuery<DB extends AttachmentTables & IdempotencyTables>(context: ScanContext<DB>, id: string) {
  return readScan(context.db, context.access, context.attachments.settings, id)
}
