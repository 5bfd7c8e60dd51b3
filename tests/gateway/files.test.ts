import { print } from 'graphql'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AttachEducationScanDocument,
  AttachSocialScanDocument,
  ChildScansDocument,
  type AttachEducationScanMutation,
  type AttachSocialScanMutation,
  type ChildScansQuery,
} from '../../schema/__generated__/operations.js'
import { authorizationFor, viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertPmpkConclusion } from '../../subgraphs/education/test/support/factories.js'
import {
  insertChild,
  insertConsent,
  insertFamily,
  insertProgramme,
  insertProvider,
  insertRepresentative,
} from '../../subgraphs/social/test/support/factories.js'
import { pdfFile, pngFile } from '@hub/testing/files'
import { postGraphQL } from '@hub/testing/graphql'
import { startHub, type Hub } from '../support/hub.js'

/** Uploads through the gateway's POST /files and downloads through GET /files/<side>/<id>, with the caller's token. */
describe.each(backends)('signed scans through the gateway (%s)', (backend) => {
  let hub: Hub
  let filesUrl: string
  let childId: string
  let programmeId: string
  let conclusionId: string
  let motherId: string

  beforeAll(async () => {
    hub = await startHub(backend)
    filesUrl = hub.gateway.url.replace(/\/graphql$/, '/files')
    const { social, education } = hub.databases
    const family = await insertFamily(social.db)
    motherId = (await insertRepresentative(social.db, family.id)).id
    childId = (await insertChild(social.db, { family_id: family.id })).id
    const provider = await insertProvider(social.db, { side: 'SOCIAL' })
    programmeId = (await insertProgramme(social.db, childId, provider.id)).programme.id
    conclusionId = (await insertPmpkConclusion(education.db, childId)).id
  })
  afterAll(() => hub?.stop())

  const upload = async <T>(
    document: typeof AttachSocialScanDocument | typeof AttachEducationScanDocument,
    input: Record<string, unknown>,
    as: TestViewer,
    url = filesUrl,
  ) => postGraphQL<T>(url, print(document), { input }, await authorizationFor(as))

  const download = async (path: string, as?: TestViewer) =>
    fetch(`${filesUrl}/${path}`, { headers: as ? { authorization: await authorizationFor(as) } : {} })

  async function attachProgrammeScan(bytes: Buffer, fileName: string) {
    const response = await upload<AttachSocialScanMutation>(
      AttachSocialScanDocument,
      { kind: 'PROGRAMME_SCAN', recordId: programmeId, fileName, content: bytes.toString('base64') },
      viewers.coordinator('social'),
    )
    expect(response.errors).toBeUndefined()
    return response.data!.attachSocialScan
  }

  it('takes a scan at POST /files and gives its bytes back at GET /files/social/<id>, shown or saved', async () => {
    const pdf = pdfFile('Through the gateway')
    const attachment = await attachProgrammeScan(pdf, 'ИПРП Иванов.pdf')
    const shown = await download(`social/${attachment.id}`, viewers.coordinator('regional'))
    expect(shown.status).toBe(200)
    expect(shown.headers.get('content-type')).toBe('application/pdf')
    expect(shown.headers.get('content-disposition')).toBe(
      `inline; filename="____ ______.pdf"; filename*=UTF-8''${encodeURIComponent('ИПРП Иванов.pdf')}`,
    )
    expect(Buffer.from(await shown.arrayBuffer()).equals(pdf)).toBe(true)
    const saved = await download(`social/${attachment.id}?download`, viewers.coordinator('regional'))
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; /)

    const audit = await hub.databases.social.db
      .selectFrom('access_audit')
      .select(['subject', 'categories'])
      .where('child_id', '=', childId)
      .where('operation', '=', 'SocialScan')
      .execute()
    expect(audit).toContainEqual({ subject: 'regional-coordinator', categories: ['programme'] })

    // The regional coordinator sees the ПМПК conclusions only with the family's consent: that part alone is refused.
    const listed = await hub.query<ChildScansQuery>(ChildScansDocument, { id: childId })
    expect(listed.errors?.map((error) => error.extensions?.field)).toEqual(['ChildEducation.pmpkConclusions'])
    expect(listed.data!.child!.programmes[0]!.attachments.map((row) => row.id)).toContain(attachment.id)
  })

  it('keeps the larger body limit to /files: the same scan over /graphql is too large', async () => {
    // About 400 KB as base64: over the 256 KiB of /graphql, well under what /files takes.
    const large = Buffer.concat([pngFile(8, 8), Buffer.alloc(300 * 1024)])
    const input = {
      kind: 'PROGRAMME_SCAN',
      recordId: programmeId,
      fileName: 'скан.png',
      content: large.toString('base64'),
    }
    const viaGraphql = await upload(AttachSocialScanDocument, input, viewers.coordinator('social'), hub.gateway.url)
    expect(viaGraphql.status).toBe(413)
    const viaFiles = await upload<AttachSocialScanMutation>(
      AttachSocialScanDocument,
      input,
      viewers.coordinator('social'),
    )
    expect(viaFiles.data?.attachSocialScan.mediaType).toBe('image/png')
  })

  it('runs nothing but the committed attach mutations at /files', async () => {
    const response = await postGraphQL(
      filesUrl,
      print(ChildScansDocument),
      { id: childId },
      await authorizationFor(viewers.coordinator('social')),
    )
    expect(response.status).toBe(400)
    expect(response.errors?.[0]?.extensions?.rule).toBe('MALFORMED_REQUEST')
  })

  it('refuses a download without a token, to an analyst, and of a scan or side that does not exist', async () => {
    const { id } = await attachProgrammeScan(pngFile(), 'страница.png')
    expect((await download(`social/${id}`)).status).toBe(401)
    const analyst = await download(`social/${id}`, viewers.analyst('regional'))
    expect(analyst.status).toBe(403)
    expect(((await analyst.json()) as { errors: { extensions: { rule: string } }[] }).errors[0]!.extensions.rule).toBe(
      'CATEGORY_FORBIDDEN',
    )
    expect((await download(`social/${conclusionId}`, viewers.coordinator('regional'))).status).toBe(404)
    expect((await download(`health/${id}`, viewers.coordinator('regional'))).status).toBe(404)
    // Education's scan ids are education's: social's id is no scan there.
    expect((await download(`education/${id}`, viewers.coordinator('education'))).status).toBe(404)
  })

  it('opens a ПМПК conclusion’s scan to social only once the family consents to it', async () => {
    const response = await upload<AttachEducationScanMutation>(
      AttachEducationScanDocument,
      {
        kind: 'PMPK_CONCLUSION_SCAN',
        recordId: conclusionId,
        fileName: 'заключение.pdf',
        content: pdfFile('PMPK').toString('base64'),
      },
      viewers.coordinator('education'),
    )
    expect(response.errors).toBeUndefined()
    const { id } = response.data!.attachEducationScan
    const before = await download(`education/${id}`, viewers.specialist('social'))
    expect(before.status).toBe(403)
    expect(((await before.json()) as { errors: { extensions: { rule: string } }[] }).errors[0]!.extensions.rule).toBe(
      'CONSENT_REQUIRED',
    )
    await insertConsent(hub.databases.social.db, childId, motherId, { recipient_side: 'SOCIAL', scopes: ['PMPK'] })
    const after = await download(`education/${id}`, viewers.specialist('social'))
    expect(after.status).toBe(200)
    expect(after.headers.get('content-type')).toBe('application/pdf')
    const audit = await hub.databases.education.db
      .selectFrom('access_audit')
      .select(['side', 'categories'])
      .where('child_id', '=', childId)
      .where('operation', '=', 'EducationScan')
      .execute()
    expect(audit).toEqual([{ side: 'social', categories: ['pmpk'] }])
  })
})
