import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { createSocialServer } from '../src/server.js'
import { socialAttachments } from '../src/attachments.js'
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '@hub/platform/attachment-content'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  insertChild,
  insertConsent,
  insertCriterion,
  insertFamily,
  insertProgramme,
  insertProvider,
  insertRepresentative,
} from './support/factories.js'
import { jpegFile, pdfFile, pngFile, startS3 } from '@hub/testing/files'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedWithoutWriting, expectRejected } from '@hub/testing/writes'
import { socialSubgraph } from './support/subgraph.js'

const ATTACHMENT = 'id kind fileName mediaType size sha256 uploadedAt uploadedBy'
const ATTACH = /* GraphQL */ `
  mutation AttachSocialScan($input: AttachScanInput!) {
    attachSocialScan(input: $input) { ${ATTACHMENT} }
  }
`
const READ = /* GraphQL */ `
  query SocialScan($id: ID!) {
    socialScan(id: $id) { attachment { ${ATTACHMENT} } content }
  }
`
const REVOKE = /* GraphQL */ `
  mutation ($input: RevokeConsentInput!) {
    revokeConsent(input: $input) {
      id
      inForce
    }
  }
`
const CHILD_SCANS = /* GraphQL */ `
  fragment Selection on Child {
    programmes { id attachments { ${ATTACHMENT} } }
    consents { id inForce attachments { ${ATTACHMENT} } }
    criteria { id code attachments { ${ATTACHMENT} } }
  }
`

interface Attachment {
  id: string
  kind: string
  fileName: string
  mediaType: string
  size: number
  sha256: string
  uploadedBy: string
}
interface Scans {
  programmes: { id: string; attachments: Attachment[] }[]
  consents: { id: string; inForce: boolean; attachments: Attachment[] }[]
  criteria: { id: string; code: string; attachments: Attachment[] }[]
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const coordinator = viewers.coordinator('social')

describe.each(backends)('signed scans of social documents (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let childId: string
  let programmeId: string
  let consentId: string
  let disabilityId: string
  let healthGroupId: string
  let providerId: string

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    const family = await insertFamily(social.db)
    const mother = await insertRepresentative(social.db, family.id)
    const child = await insertChild(social.db, { family_id: family.id })
    childId = child.id
    const provider = await insertProvider(social.db)
    providerId = provider.id
    programmeId = (await insertProgramme(social.db, childId, providerId)).programme.id
    consentId = (await insertConsent(social.db, childId, mother.id)).id
    // The family let the non-state provider it was referred to see the child's data.
    await insertConsent(social.db, childId, mother.id, { recipient_provider_id: providerId })
    disabilityId = (await insertCriterion(social.db, childId, { code: 'DISABLED_CHILD', source: 'SOCIAL' })).id
    healthGroupId = (await insertCriterion(social.db, childId)).id
  })
  afterAll(() => social?.stop())

  const attach = (kind: string, recordId: string, bytes: Buffer, fileName: string, as = coordinator) =>
    social.query<{ attachSocialScan: Attachment }>(
      ATTACH,
      { input: { kind, recordId, fileName, content: bytes.toString('base64') } },
      as,
    )

  async function scansOfChild() {
    const response = await social.entities<Scans>([{ __typename: 'Child', id: childId }], CHILD_SCANS)
    expect(response.errors).toBeUndefined()
    return response.data!._entities[0]!
  }

  it('attaches a signed ИПРП as a PDF recognised by its bytes, lists it on the programme and reads it back', async () => {
    const pdf = pdfFile('Signed programme')
    const attached = await attach('PROGRAMME_SCAN', programmeId, pdf, 'ИПРП подписанная.pdf')
    expect(attached.errors).toBeUndefined()
    expect(attached.data!.attachSocialScan).toMatchObject({
      kind: 'PROGRAMME_SCAN',
      fileName: 'ИПРП подписанная.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      uploadedBy: 'social-coordinator',
    })
    const { id } = attached.data!.attachSocialScan
    const programme = (await scansOfChild()).programmes.find((row) => row.id === programmeId)!
    expect(programme.attachments.map((row) => row.id)).toEqual([id])

    const read = await social.query<{ socialScan: { attachment: Attachment; content: string } }>(READ, { id })
    expect(read.errors).toBeUndefined()
    expect(Buffer.from(read.data!.socialScan.content, 'base64').equals(pdf)).toBe(true)
    expect(read.data!.socialScan.attachment.sha256).toBe(sha256(pdf))
  })

  it('writes an access-audit row for the child on every read of a scan', async () => {
    const attached = await attach('PROGRAMME_SCAN', programmeId, pngFile(), 'page-2.png')
    const { id } = attached.data!.attachSocialScan
    const audited = () =>
      social.db
        .selectFrom('access_audit')
        .select(['child_id', 'categories', 'operation'])
        .where('child_id', '=', childId)
        .where('operation', '=', 'SocialScan')
        .execute()
    const before = (await audited()).length
    await social.query(READ, { id })
    await social.query(READ, { id })
    const rows = await audited()
    expect(rows).toHaveLength(before + 2)
    expect(rows.at(-1)!.categories).toEqual(['programme'])
  })

  it('refuses a text file named .pdf with the Russian rule, storing nothing', async () => {
    await expectRefusedWithoutWriting(
      social.db,
      () => attach('PROGRAMME_SCAN', programmeId, Buffer.from('Я не PDF, я текст'), 'скан.pdf'),
      { code: 'BAD_USER_INPUT', field: 'input.content' },
    )
    const refused = await attach('PROGRAMME_SCAN', programmeId, Buffer.from('Я не PDF, я текст'), 'скан.pdf')
    expect(refused.errors![0]!.extensions).toMatchObject({
      rule: 'ATTACHMENT_TYPE',
      params: { detected: 'текстовый файл' },
    })
  })

  it('refuses a file over the limit with nothing stored', async () => {
    const oversized = Buffer.concat([pdfFile(), Buffer.alloc(DEFAULT_MAX_ATTACHMENT_BYTES)])
    await expectRefusedWithoutWriting(social.db, () => attach('CONSENT_SCAN', consentId, oversized, 'согласие.pdf'), {
      code: 'BAD_USER_INPUT',
      field: 'input.content',
    })
  })

  it('refuses a kind another side keeps, a disability certificate on another criterion, and a missing record', async () => {
    expectRejected(await attach('PMPK_CONCLUSION_SCAN', programmeId, pdfFile(), 'пмпк.pdf'), {
      code: 'BAD_USER_INPUT',
      field: 'input.kind',
    })
    expectRejected(await attach('DISABILITY_CERTIFICATE_SCAN', healthGroupId, pdfFile(), 'мсэ.pdf'), {
      code: 'BAD_USER_INPUT',
      field: 'input.recordId',
      rule: 'DISABLED_CHILD',
    })
    expectRejected(await attach('CONSENT_SCAN', randomUUID(), pdfFile(), 'согласие.pdf'), {
      code: 'NOT_FOUND',
      field: 'input.recordId',
    })
  })

  it('keeps a consent’s scan when the consent is revoked', async () => {
    const jpeg = jpegFile()
    const attached = await attach('CONSENT_SCAN', consentId, jpeg, 'согласие.jpg')
    expect(attached.data!.attachSocialScan.mediaType).toBe('image/jpeg')
    const revoked = await social.query<{ revokeConsent: { inForce: boolean } }>(REVOKE, {
      input: { consentId, note: 'Отзыв по заявлению матери' },
    })
    expect(revoked.data!.revokeConsent.inForce).toBe(false)
    const consent = (await scansOfChild()).consents.find((row) => row.id === consentId)!
    expect(consent.inForce).toBe(false)
    expect(consent.attachments.map((row) => row.sha256)).toEqual([sha256(jpeg)])
    const read = await social.query<{ socialScan: { content: string } }>(READ, {
      id: attached.data!.attachSocialScan.id,
    })
    expect(Buffer.from(read.data!.socialScan.content, 'base64').equals(jpeg)).toBe(true)
  })

  it('attaches a disability certificate to the DISABLED_CHILD criterion', async () => {
    const attached = await attach('DISABILITY_CERTIFICATE_SCAN', disabilityId, pngFile(), 'справка МСЭ.png')
    expect(attached.errors).toBeUndefined()
    const criterion = (await scansOfChild()).criteria.find((row) => row.id === disabilityId)!
    expect(criterion.attachments.map((row) => row.kind)).toEqual(['DISABILITY_CERTIFICATE_SCAN'])
  })

  describe('who may read and attach', () => {
    let scanId: string
    beforeAll(async () => {
      scanId = (await attach('PROGRAMME_SCAN', programmeId, pdfFile(), 'ипрп.pdf')).data!.attachSocialScan.id
    })

    it('refuses an analyst', async () => {
      const read = await social.query(READ, { id: scanId }, viewers.analyst('regional'))
      expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'CATEGORY_FORBIDDEN' })
    })

    it('refuses a non-state provider the child was not referred to, reading or attaching', async () => {
      const stranger = viewers.specialist('ngo', randomUUID())
      const read = await social.query(READ, { id: scanId }, stranger)
      expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_REFERRED', field: 'id' })
      await expectRefusedWithoutWriting(
        social.db,
        () => attach('PROGRAMME_SCAN', programmeId, pdfFile(), 'чужая.pdf', stranger),
        { code: 'FORBIDDEN', field: 'input.recordId' },
      )
    })

    it('opens the scan to the provider the child was referred to', async () => {
      const read = await social.query(READ, { id: scanId }, viewers.specialist('ngo', providerId))
      expect(read.errors).toBeUndefined()
    })

    it('refuses another side and a provider not caring for the child a consent’s scan', async () => {
      const consentScan = (await attach('CONSENT_SCAN', consentId, pdfFile(), 'согласие-2.pdf')).data!.attachSocialScan
        .id
      const read = await social.query(READ, { id: consentScan }, viewers.specialist('education'))
      expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'CONSENT_REQUIRED' })
      const ngo = await social.query(READ, { id: consentScan }, viewers.specialist('ngo', randomUUID()))
      expect(ngo.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_REFERRED' })
    })

    it('answers null for an id that is no scan of social’s, and a malformed one', async () => {
      const unknown = await social.query<{ socialScan: null }>(READ, { id: randomUUID() })
      expect(unknown).toMatchObject({ data: { socialScan: null } })
      expect(unknown.errors).toBeUndefined()
      const malformed = await social.query<{ socialScan: null }>(READ, { id: 'не-id' })
      expect(malformed).toMatchObject({ data: { socialScan: null } })
      expect(malformed.errors).toBeUndefined()
    })
  })
})

describe.each(backends)('signed scans in an S3-compatible store (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let s3: Awaited<ReturnType<typeof startS3>>

  beforeAll(async () => {
    s3 = await startS3()
    social = await startSubgraphForTest<DB>(socialSubgraph, backend, (db) =>
      createSocialServer({ db, attachments: socialAttachments({ maxBytes: 1024 * 1024, s3: s3.settings }) }),
    )
  })
  afterAll(async () => {
    await social?.stop()
    await s3?.stop()
  })

  it('puts the bytes into the bucket, keeps only their key in the row, and reads them back', async () => {
    const child = await insertChild(social.db)
    const provider = await insertProvider(social.db)
    const { programme } = await insertProgramme(social.db, child.id, provider.id)
    const pdf = pdfFile('In the object store')
    const attached = await social.query<{ attachSocialScan: Attachment }>(ATTACH, {
      input: { kind: 'PROGRAMME_SCAN', recordId: programme.id, fileName: 'ипрп.pdf', content: pdf.toString('base64') },
    })
    expect(attached.errors).toBeUndefined()
    const { id } = attached.data!.attachSocialScan
    const row = await social.db
      .selectFrom('attachment')
      .select(['content', 'object_key'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ content: null, object_key: `attachments/${id}` })
    const read = await social.query<{ socialScan: { content: string } }>(READ, { id })
    expect(Buffer.from(read.data!.socialScan.content, 'base64').equals(pdf)).toBe(true)
  })

  it('holds its own limit: a file over 1 MB is refused and nothing reaches the bucket', async () => {
    const child = await insertChild(social.db)
    const provider = await insertProvider(social.db)
    const { programme } = await insertProgramme(social.db, child.id, provider.id)
    const refused = await social.query(ATTACH, {
      input: {
        kind: 'PROGRAMME_SCAN',
        recordId: programme.id,
        fileName: 'большой.pdf',
        content: Buffer.concat([pdfFile(), Buffer.alloc(1024 * 1024)]).toString('base64'),
      },
    })
    expect(refused.errors?.[0]?.extensions).toMatchObject({ rule: 'ATTACHMENT_SIZE', params: { max: '1' } })
  })
})
