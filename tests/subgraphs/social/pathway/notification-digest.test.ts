import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../../subgraphs/social/src/db/database.js'
import {
  runNotificationRound,
  smtpMailer,
  type Mailer,
} from '../../../../subgraphs/social/src/modules/pathway/services/notification-scheduler.js'
import { viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  consentForEveryChild,
  insertChild,
  insertChildFindSignal,
  insertProvider,
  insertReferral,
} from '../../../../subgraphs/social/test/support/factories.js'
import { startSmtpReceiver } from '../../../support/smtp.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { at, NOTIFY } from '../../../../subgraphs/social/test/support/notifications.js'
import { socialSubgraph } from '../../../../subgraphs/social/test/support/subgraph.js'

const SETTINGS = /* GraphQL */ `
  mutation ($input: NotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      digest
    }
  }
`

const COORDINATOR: TestViewer = {
  ...viewers.coordinator('regional'),
  subject: 'orlova',
  name: 'Орлова Марина Сергеевна',
}

describe.each(backends)('the daily deadline digest by e-mail (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>
  let mailer: Mailer
  let provider: { id: string; name: string }
  let referral: { id: string }
  const options = () => ({ ...NOTIFY, smtpUrl: smtp.url })
  const lastDigest = async (subject: string) =>
    (
      await social.db
        .selectFrom('notification_recipient')
        .select('last_digest_on')
        .where('subject', '=', subject)
        .executeTakeFirstOrThrow()
    ).last_digest_on

  beforeAll(async () => {
    ;[social, smtp] = await Promise.all([startSubgraphForTest<DB>(socialSubgraph, backend), startSmtpReceiver()])
    mailer = smtpMailer(smtp.url, NOTIFY.mailFrom)
    provider = await insertProvider(social.db)
    const other = await insertProvider(social.db)
    const child = await insertChild(social.db, {
      last_name: 'Снегирёв',
      first_name: 'Тимофей',
      patronymic: 'Андреевич',
      birth_date: '2025-03-14',
    })
    // Received on Tuesday 1 December: the need determination is due on Tuesday 15 December (ten working days).
    referral = await insertReferral(social.db, child.id, provider.id, {
      received_on: '2026-12-01',
      reason: 'Подозрение на тугоухость (H90.3), отставание речевого развития',
    })
    await consentForEveryChild(social.db, { recipient_side: null, recipient_provider_id: provider.id })

    await social.query(SETTINGS, { input: { email: 'orlova@region.example.ru', digest: true } }, COORDINATOR)
    // The provider's specialist has registered an address but does not want the digest.
    await social.query(
      SETTINGS,
      { input: { email: 'staff@ngo.example.ru', digest: false } },
      { ...viewers.specialist('ngo', provider.id), subject: 'opted-out' },
    )
    // Another provider's coordinator wants it, but nothing of theirs is due.
    await social.query(
      SETTINGS,
      { input: { email: 'other@ngo.example.ru', digest: true } },
      { ...viewers.coordinator('ngo', other.id), subject: 'nothing-due' },
    )
  })

  afterAll(async () => {
    mailer?.close()
    await Promise.all([social?.stop(), smtp?.stop()])
  })

  it('sends nothing before the region’s digest hour', async () => {
    const round = await runNotificationRound(social.db, options(), mailer, at('2026-12-12', '06:59'))
    expect(round.created).toBe(1)
    expect(round.sent).toBe(0)
    expect(await lastDigest('orlova')).toBeNull()
  })

  it('e-mails the registered coordinator exactly one digest: what is due, by when, where, and a link', async () => {
    const round = await runNotificationRound(social.db, options(), mailer, at('2026-12-12', '07:30'))
    expect(round).toEqual({ created: 0, sent: 1, failed: 0 })
    const [mail, ...more] = await smtp.until(1)
    expect(more).toEqual([])
    expect(mail!.to).toEqual(['orlova@region.example.ru'])
    expect(mail!.subject).toBe('Сроки по работе ранней помощи на 12.12.2026')
    const link = `https://hub.example.ru/dashboard/referrals/${referral.id}/decision`
    for (const body of [mail!.text, mail!.html]) {
      // Saturday the 12th: Monday and Tuesday are the working days left.
      expect(body).toContain(
        'Определение нуждаемости по направлению от 01.12.2026 — срок 15.12.2026, осталось 2 рабочих дня',
      )
      expect(body).toContain(provider.name)
      expect(body).toContain(link)
      expect(body).toContain('Орлова Марина Сергеевна')
    }
    expect(mail!.text).toContain('не содержит имён детей, дат рождения и сведений о здоровье')
  })

  it('carries no name, birth date or health data of the child', async () => {
    const [mail] = await smtp.received()
    for (const secret of [
      'Снегирёв',
      'Тимофей',
      'Андреевич',
      '14.03.2025',
      '2025-03-14',
      'H90',
      'тугоухость',
      'речевого',
    ]) {
      expect(mail!.raw).not.toContain(secret)
      expect(mail!.text).not.toContain(secret)
      expect(mail!.html).not.toContain(secret)
    }
  })

  it('sends a user nothing more the same day, and nothing to one who opted out or has nothing due', async () => {
    const round = await runNotificationRound(social.db, options(), mailer, at('2026-12-12', '18:00'))
    expect(round).toEqual({ created: 0, sent: 0, failed: 0 })
    expect(await lastDigest('orlova')).toBe('2026-12-12')
    expect(await lastDigest('nothing-due')).toBe('2026-12-12')
    expect(await lastDigest('opted-out')).toBeNull()
    expect((await smtp.received()).flatMap((mail) => mail.to)).toEqual(['orlova@region.example.ru'])
  })

  it('retries on the next round a digest the mail server did not take', async () => {
    const refused = smtpMailer('smtp://127.0.0.1:1', NOTIFY.mailFrom)
    const failed = await runNotificationRound(social.db, options(), refused, at('2026-12-16', '07:05'))
    refused.close()
    // The due day has passed: the sweep writes the breach even when the mail cannot go.
    expect(failed).toEqual({ created: 1, sent: 0, failed: 1 })
    expect(await lastDigest('orlova')).toBe('2026-12-12')
    const retried = await runNotificationRound(social.db, options(), mailer, at('2026-12-16', '07:15'))
    expect(retried).toEqual({ created: 0, sent: 1, failed: 0 })
    const [, mail] = await smtp.until(2)
    expect(mail!.subject).toBe('Сроки по работе ранней помощи на 16.12.2026')
    expect(mail!.text).toContain('срок 15.12.2026, просрочено на 1 рабочий день')
  })

  it('lists a new child-find signal’s handling without the child or what health recorded, to the coordination only', async () => {
    const child = await insertChild(social.db, {
      last_name: 'Жаворонкова',
      first_name: 'Алиса',
      birth_date: '2026-02-03',
    })
    // Received on Monday 14 December: the decision is due on Monday 21 December (five working days).
    const signal = await insertChildFindSignal(social.db, child.id, {
      kind: 'LISTED_DIAGNOSIS',
      proposed_criterion: 'DEVELOPMENTAL_PARTICULARITY',
      received_at: at('2026-12-14'),
    })
    const round = await runNotificationRound(social.db, options(), mailer, at('2026-12-18', '07:30'))
    expect(round).toMatchObject({ sent: 1, failed: 0 })
    const mail = (await smtp.until(3))[2]!
    expect(mail.to).toEqual(['orlova@region.example.ru'])
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Рассмотрение сигнала выявления — срок 21.12.2026, осталось 1 рабочий день')
      expect(body).toContain(`https://hub.example.ru/dashboard/signals/${signal.id}`)
    }
    for (const secret of ['Жаворонкова', 'Алиса', '03.02.2026', 'диагноз', 'МКБ', 'группа здоровья']) {
      expect(mail.raw).not.toContain(secret)
      expect(mail.text).not.toContain(secret)
    }
    expect(await smtp.received()).toHaveLength(3)
  })
})
