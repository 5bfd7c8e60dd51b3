import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertPmpkConclusion } from './support/factories.js'
import { pdfFile, pngFile } from '@hub/testing/files'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedWithoutWriting, expectRejected } from '@hub/testing/writes'
import { educationSubgraph } from './support/subgraph.js'

const ATTACHMENT = 'id kind fileName mediaType size sha256 uploadedBy'
const ATTACH = /* GraphQL */ `
  mutation AttachEducationScan($input: AttachScanInput!) {
    attachEducationScan(input: $input) { ${ATTACHMENT} }
  }
`
const READ = /* GraphQL */ `
  query EducationScan($id: ID!) {
    educationScan(id: $id) { attachment { ${ATTACHMENT} } content }
  }
`
const CONCLUSIONS = `fragment Selection on Child { education { pmpkConclusions { id attachments { ${ATTACHMENT} } } } }`

interface Attachment {
  id: string
  kind: string
  fileName: string
  uploadedBy: string
  mediaType: string
  sha256: string
}

describe.each(backends)('signed scans of ПМПК conclusions (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let childId: string
  let conclusionId: string

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
    childId = randomUUID()
    conclusionId = (await insertPmpkConclusion(education.db, childId)).id
  })
  afterAll(() => education?.stop())

  const attach = (kind: string, recordId: string, bytes: Buffer, as = viewers.coordinator('education')) =>
    education.query<{ attachEducationScan: Attachment }>(
      ATTACH,
      { input: { kind, recordId, fileName: 'заключение ПМПК.pdf', content: bytes.toString('base64') } },
      as,
    )

  it('attaches the scan of a conclusion, lists it on the conclusion, and audits each read of its content', async () => {
    const pdf = pdfFile('PMPK conclusion')
    const attached = await attach('PMPK_CONCLUSION_SCAN', conclusionId, pdf)
    expect(attached.errors).toBeUndefined()
    const { id, sha256 } = attached.data!.attachEducationScan
    expect(sha256).toBe(createHash('sha256').update(pdf).digest('hex'))
    // No person's name outside social: neither the uploaded file's name (it may name the child) nor the uploader's.
    expect(attached.data!.attachEducationScan).toMatchObject({
      fileName: 'заключение ПМПК.pdf',
      uploadedBy: 'education-coordinator',
    })

    const listed = await education.entities<{ education: { pmpkConclusions: { attachments: Attachment[] }[] } }>(
      [{ __typename: 'Child', id: childId }],
      CONCLUSIONS,
    )
    expect(listed.data!._entities[0]!.education.pmpkConclusions[0]!.attachments.map((row) => row.id)).toEqual([id])

    const read = await education.query<{ educationScan: { content: string } }>(READ, { id })
    expect(Buffer.from(read.data!.educationScan.content, 'base64').equals(pdf)).toBe(true)
    const audit = await education.db
      .selectFrom('access_audit')
      .select(['categories', 'operation'])
      .where('child_id', '=', childId)
      .where('operation', '=', 'EducationScan')
      .execute()
    expect(audit).toEqual([{ categories: ['pmpk'], operation: 'EducationScan' }])
  })

  it('refuses a text file named .pdf and a kind social keeps, storing nothing', async () => {
    await expectRefusedWithoutWriting(
      education.db,
      () => attach('PMPK_CONCLUSION_SCAN', conclusionId, Buffer.from('%PD текст, не PDF')),
      { code: 'BAD_USER_INPUT', field: 'input.content' },
    )
    expectRejected(await attach('CONSENT_SCAN', conclusionId, pngFile()), {
      code: 'BAD_USER_INPUT',
      field: 'input.kind',
    })
  })

  // Another side's read turns on the family's consent, which social answers: the hub's test (gateway/files) has it.
  it('refuses an analyst the content, and another side attaching', async () => {
    const { id } = (await attach('PMPK_CONCLUSION_SCAN', conclusionId, pngFile())).data!.attachEducationScan
    const read = await education.query(READ, { id }, viewers.analyst('education'))
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'CATEGORY_FORBIDDEN' })
    const bySocial = await attach('PMPK_CONCLUSION_SCAN', conclusionId, pngFile(), viewers.coordinator('social'))
    expect(bySocial.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_FORBIDDEN' })
  })
})
