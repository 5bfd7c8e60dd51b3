import type { Express, Request, Response } from 'express'
import { print, type DocumentNode } from 'graphql'
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js'
import {
  ChildCardDocument,
  ConsentDocumentDocument,
  ProgrammeDocumentDocument,
  ReferralDocumentDocument,
  type ChildCardQuery,
  type ConsentDocumentQuery,
  type ProgrammeDocumentQuery,
  type ReferralDocumentQuery,
} from '@hub/schema/operations'
import type { TokenVerifier } from '@hub/platform/auth/tokens'
import type { RecordKind } from '@hub/platform/error-rules'
import { refuseFileName, runForCaller } from '../caller-operation.js'
import { enumLabels, type EnumLabels } from '@hub/platform/enum-labels'
import { childCardDocument } from './child-card.js'
import { consentDocument, type Operator } from './consent.js'
import { printingFor, renderPdf, type LayoutContext } from './pdf.js'
import { programmeDocument } from './programme.js'
import { referralDocument } from './referral.js'

/** One printed document: the committed operation behind it, the record it prints and its layout. */
interface DocumentKind<Data, Found> {
  record: RecordKind
  operation: DocumentNode
  found: (data: Data) => Found | null | undefined
  fileName: (found: Found) => string
  layout: (found: Found, context: LayoutContext) => TDocumentDefinitions
}

const kind = <Data, Found>(definition: DocumentKind<Data, Found>) => definition as DocumentKind<unknown, unknown>

/** The file name's date part: the record's own date, as `2026-03-01`. */
const day = (value: unknown) => String(value).slice(0, 10)

const KINDS: Readonly<Record<string, DocumentKind<unknown, unknown>>> = {
  programme: kind({
    record: 'programme',
    operation: ProgrammeDocumentDocument,
    found: (data: ProgrammeDocumentQuery) => data.programme,
    fileName: (programme) => `iprp-v${programme.version}-${day(programme.createdAt)}`,
    layout: programmeDocument,
  }),
  referral: kind({
    record: 'referral',
    operation: ReferralDocumentDocument,
    found: (data: ReferralDocumentQuery) => data.referral,
    fileName: (referral) => `napravlenie-${day(referral.receivedOn)}`,
    layout: referralDocument,
  }),
  consent: kind({
    record: 'consent',
    operation: ConsentDocumentDocument,
    found: (data: ConsentDocumentQuery) => data.consent,
    fileName: (consent) => `soglasie-${day(consent.givenAt)}`,
    layout: consentDocument,
  }),
  'child-card': kind({
    record: 'child',
    operation: ChildCardDocument,
    found: (data: ChildCardQuery) => data.child,
    fileName: (child) => `kartochka-${day(child.birthDate)}`,
    layout: childCardDocument,
  }),
}

/**
 * Printed documents, `GET /documents/<kind>/<id>.pdf` (kinds: programme, referral, consent, child-card). Each runs its
 * committed operation through this gateway's own endpoint with the caller's token and purpose, so the owning subgraphs
 * decide and audit every read exactly as for the query; a part the caller may not read prints «нет доступа», and a
 * document whose record the caller may not read is refused as the query is. File names carry no personal data.
 */
export function mountDocuments(
  app: Express,
  graphqlUrl: () => string,
  { supergraphSdl, verifier, operator }: { supergraphSdl: string; verifier: TokenVerifier; operator: Operator },
) {
  const described = enumLabels(supergraphSdl)
  // A table cell prints the term alone; the consent prints what a scope covers too (consent.ts).
  const label: EnumLabels = (enumName, key) =>
    described(enumName, key)
      .split(/\n\s*\n/)[0]!
      .trim()
  for (const [name, document] of Object.entries(KINDS)) {
    const query = print(document.operation)
    app.get(`/documents/${name}/:file`, async (req: Request, res: Response) => {
      const match = /^(.+)\.pdf$/.exec(String(req.params.file))
      if (!match) {
        refuseFileName(res, document.record, `<${document.record} id>.pdf`)
        return
      }
      const answer = await runForCaller(
        req,
        res,
        graphqlUrl(),
        { query: query, variables: { id: match[1] }, record: document.found },
        { partial: true, what: document.record },
      )
      if (!answer) return
      const printing = await printingFor(verifier, req.headers.authorization)
      const pdf = await renderPdf(
        document.layout(answer.record, { errors: answer.errors, label, described, operator, printing }),
      )
      res.setHeader('content-disposition', `attachment; filename="${document.fileName(answer.record)}.pdf"`)
      res.type('application/pdf').send(pdf)
    })
  }
}
