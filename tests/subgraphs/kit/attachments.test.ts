import { createHash } from 'node:crypto'
import { GraphQLError } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadAttachmentConfig } from '@hub/subgraph-kit/attachments/config'
import { attachmentBodyBytes, checkContent, DEFAULT_MAX_ATTACHMENT_BYTES } from '@hub/platform/attachment-content'
import { s3Store } from '@hub/subgraph-kit/attachments/store'
import { ConfigError } from '@hub/platform/variables'
import { renderRule } from '@hub/platform/error-rules'
import { jpegFile, pdfFile, pngFile, startS3 } from '@hub/testing/files'

const base64 = (bytes: Buffer) => bytes.toString('base64')

async function refusal(content: string, maxBytes = DEFAULT_MAX_ATTACHMENT_BYTES) {
  const error = await checkContent(content, maxBytes).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(GraphQLError)
  const { extensions } = error as GraphQLError
  expect(extensions.field).toBe('input.content')
  return { rule: extensions.rule, text: renderRule(extensions.rule as never, extensions.params as never) }
}

describe('the content of a signed scan', () => {
  it.each([
    ['a PDF', pdfFile(), 'application/pdf'],
    ['a JPEG', jpegFile(), 'image/jpeg'],
    ['a PNG', pngFile(), 'image/png'],
  ])('accepts %s by its bytes, with its size and SHA-256', async (_name, bytes, mediaType) => {
    const checked = await checkContent(base64(bytes), DEFAULT_MAX_ATTACHMENT_BYTES)
    expect(checked.mediaType).toBe(mediaType)
    expect(checked.size).toBe(bytes.length)
    expect(checked.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(checked.bytes.equals(bytes)).toBe(true)
  })

  it('refuses a text file whatever it is called, naming what it is in Russian', async () => {
    expect(await refusal(base64(Buffer.from('Это не скан, а текст\n')))).toEqual({
      rule: 'ATTACHMENT_TYPE',
      text: 'Файл должен быть PDF, JPEG или PNG: загруженный файл — текстовый файл',
    })
  })

  it('refuses a recognised file of another type, and an empty one', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(20)])
    expect((await refusal(base64(gif))).text).toBe('Файл должен быть PDF, JPEG или PNG: загруженный файл — файл GIF')
    expect((await refusal('')).text).toContain('пустой файл')
  })

  it('refuses a file over the limit before decoding it, and a file over 10 MB by default', async () => {
    const twoMegabytes = Buffer.concat([pdfFile(), Buffer.alloc(2 * 1024 * 1024)])
    expect(await refusal(base64(twoMegabytes), 1.5 * 1024 * 1024)).toEqual({
      rule: 'ATTACHMENT_SIZE',
      text: 'Размер файла больше 1,5 МБ',
    })
    const oversized = Buffer.concat([pdfFile(), Buffer.alloc(DEFAULT_MAX_ATTACHMENT_BYTES)])
    expect(await refusal(base64(oversized))).toEqual({ rule: 'ATTACHMENT_SIZE', text: 'Размер файла больше 10 МБ' })
    // Exactly the limit passes: the limit is inclusive.
    const atLimit = Buffer.concat([pdfFile(), Buffer.alloc(DEFAULT_MAX_ATTACHMENT_BYTES - pdfFile().length)])
    expect((await checkContent(base64(atLimit), DEFAULT_MAX_ATTACHMENT_BYTES)).size).toBe(DEFAULT_MAX_ATTACHMENT_BYTES)
  })

  it('refuses what is not base64', async () => {
    expect((await refusal('not base64!')).rule).toBe('ATTACHMENT_ENCODING')
  })

  it('raises the body limit just enough for the largest file as base64', () => {
    const bytes = attachmentBodyBytes(DEFAULT_MAX_ATTACHMENT_BYTES)
    expect(bytes).toBeGreaterThan((DEFAULT_MAX_ATTACHMENT_BYTES * 4) / 3)
    expect(bytes).toBeLessThan((DEFAULT_MAX_ATTACHMENT_BYTES * 4) / 3 + 100 * 1024)
  })
})

describe('the configuration of attachments', () => {
  it('keeps the files in the database, up to 10 MB, unless told otherwise', () => {
    expect(loadAttachmentConfig('SOCIAL', {})).toEqual({ maxBytes: 10 * 1024 * 1024, s3: null })
  })

  it('takes an object store only with all four of its variables', () => {
    const env = {
      SOCIAL_ATTACHMENTS_S3_URL: 'http://127.0.0.1:9000',
      SOCIAL_ATTACHMENTS_S3_BUCKET: 'scans',
      SOCIAL_ATTACHMENTS_S3_ACCESS_KEY_ID: 'key',
      SOCIAL_ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'secret',
      SOCIAL_ATTACHMENTS_MAX_BYTES: '2000000',
    }
    expect(loadAttachmentConfig('SOCIAL', env)).toEqual({
      maxBytes: 2_000_000,
      s3: {
        url: 'http://127.0.0.1:9000/',
        bucket: 'scans',
        region: 'us-east-1',
        accessKeyId: 'key',
        secretAccessKey: 'secret',
      },
    })
    const { SOCIAL_ATTACHMENTS_S3_BUCKET: _bucket, ...withoutBucket } = env
    expect(() => loadAttachmentConfig('SOCIAL', withoutBucket)).toThrow(
      new ConfigError(
        'SOCIAL_ATTACHMENTS_S3_BUCKET: must be set with SOCIAL_ATTACHMENTS_S3_URL (an object store needs all four)',
      ),
    )
    expect(() => loadAttachmentConfig('EDUCATION', { EDUCATION_ATTACHMENTS_MAX_BYTES: '0' })).toThrow(
      /EDUCATION_ATTACHMENTS_MAX_BYTES/,
    )
  })
})

describe('an S3-compatible store', () => {
  let s3: Awaited<ReturnType<typeof startS3>>
  beforeAll(async () => {
    s3 = await startS3()
  })
  afterAll(() => s3?.stop())

  it('puts a file under its id and names it by a key, leaving nothing in the row', async () => {
    const store = s3Store(s3.settings)
    const bytes = pdfFile('Stored in S3')
    expect(await store.put('00000000-0000-4000-8000-000000000001', bytes, 'application/pdf')).toEqual({
      content: null,
      objectKey: 'attachments/00000000-0000-4000-8000-000000000001',
    })
  })
})
