import type { Express, Request, RequestHandler, Response } from 'express'
import { GraphQLError, print } from 'graphql'
import {
  AttachEducationScanDocument,
  AttachSocialScanDocument,
  EducationScanDocument,
  ImportReferenceDocument,
  SocialScanDocument,
  type EducationScanQuery,
  type SocialScanQuery,
} from '@hub/schema/operations'
import type { RuleExtensions } from '@hub/platform/errors'
import { refuse } from '@hub/platform/limits'
import { runForCaller } from './caller-operation.js'

type Scan = NonNullable<SocialScanQuery['socialScan']>

/** The sides that keep signed scans, and the committed operation that reads one with its content. */
const READS: Readonly<Record<string, { query: string; pick: (data: never) => Scan | null | undefined }>> = {
  social: { query: print(SocialScanDocument), pick: (data: SocialScanQuery) => data.socialScan },
  education: { query: print(EducationScanDocument), pick: (data: EducationScanQuery) => data.educationScan },
}

/**
 * The only operations `POST /files` runs, text for text: the committed attach mutations and the import of a
 * dictionary's file (its body limit is the same, `GATEWAY_MAX_ATTACHMENT_BYTES`; the subgraph takes files up to 10 MB).
 */
const UPLOADS = new Set([
  print(AttachSocialScanDocument),
  print(AttachEducationScanDocument),
  print(ImportReferenceDocument),
])

/** `filename*` of RFC 6266 for the Cyrillic name, and a plain ASCII `filename` for clients that know no other. */
function disposition(kind: 'inline' | 'attachment', fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

function notFound(res: Response, message: string) {
  res.status(404).json({
    errors: [
      {
        message,
        extensions: {
          code: 'NOT_FOUND',
          rule: 'NOT_FOUND',
          params: { record: 'attachment' },
        } satisfies RuleExtensions<'NOT_FOUND'>,
      },
    ],
  })
}

/**
 * Downloads of signed scans, `GET /files/<side>/<id>` (`?download` asks the browser to save rather than show it). The
 * bytes come from the side's committed scan query run through this gateway with the caller's token and purpose, so
 * the owning subgraph authorises and audits the read exactly as it would the query.
 */
export function mountFileDownloads(app: Express, graphqlUrl: () => string) {
  app.get('/files/:side/:id', async (req: Request, res: Response) => {
    const side = String(req.params.side)
    const read = Object.hasOwn(READS, side) ? READS[side] : undefined
    if (!read) return notFound(res, `side: no side keeps scans under "${side}" (social, education)`)
    const id = String(req.params.id)
    const answer = await runForCaller(
      req,
      res,
      graphqlUrl(),
      { query: read.query, variables: { id }, record: read.pick },
      { what: `scan of ${side}` },
    )
    if (!answer) return
    const { attachment, content } = answer.record
    const kind = req.query.download === undefined ? 'inline' : 'attachment'
    res.setHeader('content-disposition', disposition(kind, attachment.fileName))
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('cache-control', 'no-store')
    res.type(attachment.mediaType).send(Buffer.from(content, 'base64'))
  })
}

/** At `POST /files`, after the body is parsed: anything but a committed upload mutation is refused unrun. */
export const onlyUploads: RequestHandler = (req, res, next) => {
  const body = req.body as { query?: unknown } | undefined
  if (typeof body?.query === 'string' && UPLOADS.has(body.query)) return next()
  refuse(
    res,
    400,
    new GraphQLError(
      'request body: /files runs only the committed AttachSocialScan, AttachEducationScan and ImportReference operations',
      {
        extensions: { code: 'BAD_REQUEST', rule: 'MALFORMED_REQUEST' },
      },
    ),
  )
}
