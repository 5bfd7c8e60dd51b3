import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { findAttachmentStorage, type AttachmentDatabase } from './attachment.queries.js'

/** Where a side keeps the bytes of its attachments; the rows that describe them are always in its database. */
export interface AttachmentStore {
  /** How a new file's bytes go into its row: kept in it, or put into the object store and named by a key. */
  put(
    id: string,
    bytes: Uint8Array,
    mediaType: string,
  ): Promise<{ content: Uint8Array | null; objectKey: string | null }>
  /** The bytes of a stored file, wherever the row says they are. */
  get(db: AttachmentDatabase, id: string): Promise<Uint8Array>
}

/** An S3-compatible object store (MinIO, Ceph, a cloud's): path-style addressing, as such servers need. */
export interface S3Settings {
  url: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

async function fromRow(db: AttachmentDatabase, id: string, client: S3Client | undefined, bucket: string | undefined) {
  const stored = await findAttachmentStorage(db, id)
  if (stored.content !== null) return stored.content
  // A file put into an object store stays there when the side later moves to its database, and the reverse.
  if (!client || bucket === undefined) {
    throw new Error(`attachment ${id} is in an object store, and none is configured`)
  }
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: stored.objectKey! }))
  return object.Body!.transformToByteArray()
}

/** The bytes in the row itself (bytea): no other server to run, and a backup of the database holds them. */
export function databaseStore(): AttachmentStore {
  return {
    put: async (_id, bytes) => ({ content: bytes, objectKey: null }),
    get: (db, id) => fromRow(db, id, undefined, undefined),
  }
}

/**
 * The bytes in an object store, under `attachments/<id>`. A file is put before its row commits: a transaction that
 * then fails leaves an object no row names, never a row without its object.
 */
export function s3Store(settings: S3Settings): AttachmentStore {
  const client = new S3Client({
    endpoint: settings.url,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  })
  return {
    async put(id, bytes, mediaType) {
      const key = `attachments/${id}`
      await client.send(
        new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: bytes, ContentType: mediaType }),
      )
      return { content: null, objectKey: key }
    },
    get: (db, id) => fromRow(db, id, client, settings.bucket),
  }
}
