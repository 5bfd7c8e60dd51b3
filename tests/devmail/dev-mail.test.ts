import { spawnSync } from 'node:child_process'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpReceiver } from '../support/smtp.js'

/** A letter as the hub's services send one: a text and an HTML part, and here an attachment around them. */
const LETTER = {
  from: 'Ранняя помощь <no-reply@early-help.localhost>',
  to: 'Орлова Марина <orlova@early-help.example.ru>',
  bcc: 'archive@early-help.example.ru',
  subject: 'Сроки по работе ранней помощи на 12.12.2026',
  text: 'Здравствуйте!\nОткрыть: http://127.0.0.1:4000/dashboard/notifications?from=mail&x=1\n',
  html:
    '<p>Здравствуйте!</p><p><a href="http://127.0.0.1:4000/dashboard/notifications">Открыть</a></p>' +
    '<script>document.title = "сценарий выполнен"</script><img src="http://tracker.example/pixel.png" alt="">',
  attachments: [{ filename: 'сводка.txt', content: 'вложение не показывается как текст письма' }],
}

describe('the development mail catcher', () => {
  let mail: Awaited<ReturnType<typeof startSmtpReceiver>>
  const page = (path: string) => fetch(`${mail.pageUrl}${path}`)

  beforeAll(async () => {
    mail = await startSmtpReceiver()
    const transport = nodemailer.createTransport(mail.url)
    try {
      await transport.sendMail({ ...LETTER, subject: 'Первое письмо', attachments: [] })
      await transport.sendMail(LETTER)
    } finally {
      transport.close()
    }
  })
  afterAll(() => mail?.stop())

  it('keeps every letter it is sent and lists it as JSON, newest first, decoded', async () => {
    const response = await page('/api/messages')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const [newest, first, ...more] = (await response.json()) as Record<string, unknown>[]
    expect(more).toEqual([])
    expect(first).toMatchObject({ subject: 'Первое письмо' })
    expect(newest).toMatchObject({
      from: LETTER.from,
      // The envelope's recipients, the blind copy among them.
      to: ['orlova@early-help.example.ru', 'archive@early-help.example.ru'],
      subject: LETTER.subject,
      text: LETTER.text,
      html: LETTER.html,
      raw: `/messages/${newest!.id as string}.eml`,
    })
    expect(Date.parse(newest!.date as string)).not.toBeNaN()
    expect(Date.parse(newest!.receivedAt as string)).toBeGreaterThanOrEqual(Date.parse(first!.receivedAt as string))
  })

  it('serves the raw message as it was received, with the envelope recipients on top', async () => {
    const [, letter] = await mail.received()
    const response = await page(`/messages/${letter!.id}.eml`)
    expect(response.headers.get('content-type')).toBe('message/rfc822')
    const raw = await response.text()
    expect(raw).toBe(letter!.raw)
    expect(raw).toMatch(
      /^Delivered-To: orlova@early-help\.example\.ru\r\nDelivered-To: archive@early-help\.example\.ru\r\n/,
    )
    expect(raw).toContain('Content-Type: multipart/mixed')
    expect(raw).not.toContain('Bcc:')
  })

  it('lists the letters on a Russian page, newest first: when, to whom, the subject', async () => {
    const response = await page('/')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await response.text()
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('<h1>Почта для разработки</h1>')
    expect(html).toContain('<th scope="col">Кому</th>')
    expect(html).toContain('Писем: 2, новые сверху')
    expect(html.indexOf(LETTER.subject)).toBeGreaterThan(0)
    expect(html.indexOf(LETTER.subject)).toBeLessThan(html.indexOf('Первое письмо'))
    expect(html).toContain('orlova@early-help.example.ru, archive@early-help.example.ru')
  })

  it('shows a letter’s text, and its HTML only in a sandboxed frame whose policy runs no script and loads nothing', async () => {
    const [, letter] = await mail.received()
    const shown = await (await page(`/messages/${letter!.id}`)).text()
    expect(shown).toContain(`<h1>${LETTER.subject}</h1>`)
    // The text part's address is a link; the page itself carries no script.
    expect(shown).toContain(
      '<a href="http://127.0.0.1:4000/dashboard/notifications?from=mail&#38;x=1" target="_blank" rel="noopener noreferrer">',
    )
    expect(shown).not.toContain('<script')
    expect(shown).not.toContain('вложение не показывается')
    const frame = /<iframe src="([^"]+)" sandbox="([^"]*)"/.exec(shown)
    expect(frame?.[1]).toBe(`/messages/${letter!.id}/html`)
    expect(frame?.[2]).not.toContain('allow-scripts')
    expect(frame?.[2]).not.toContain('allow-same-origin')

    const part = await page(frame![1]!)
    const policy = part.headers.get('content-security-policy')!
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain('img-src data:')
    expect(policy).toMatch(/sandbox(?! [^;]*allow-scripts)/)
    expect(await part.text()).toContain(LETTER.html)
  })

  it('answers an unknown letter with a Russian 404, and reads no file outside its folder', async () => {
    for (const path of ['/messages/1700000000000-deadbeef', '/messages/..%2F..%2Fpackage.json', '/messages/x.eml']) {
      const response = await page(path)
      expect(response.status, path).toBe(404)
      expect(await response.text()).toContain('Письмо не найдено')
    }
  })

  it('reads a letter of another mail program: other charsets, and a character split between two encoded words', async () => {
    const raw = [
      'From: =?UTF-8?Q?=D0=96=D1=83?= =?UTF-8?Q?=D0=BA?= <old@system.example>',
      'To: orlova@early-help.example.ru',
      // «Сводка» in windows-1251; the body «Привет» in KOI8-R.
      'Subject: =?windows-1251?Q?=D1=E2=EE=E4=EA=E0?=',
      'Content-Type: text/plain; charset=koi8-r',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '=F0=D2=C9=D7=C5=D4',
      '',
    ].join('\r\n')
    const transport = nodemailer.createTransport(mail.url)
    try {
      await transport.sendMail({ envelope: { from: 'old@system.example', to: 'orlova@early-help.example.ru' }, raw })
    } finally {
      transport.close()
    }
    const [newest] = (await (await page('/api/messages')).json()) as Record<string, unknown>[]
    expect(newest).toMatchObject({ from: 'Жук <old@system.example>', subject: 'Сводка', text: 'Привет\n', html: '' })
  })

  it('refuses to run in production', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'devmail/src/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', DEVMAIL_PORT: '0', DEVMAIL_SMTP_PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('the development mail catcher is refused when NODE_ENV=production')
  })
})
