import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RecordDetectionEventDocument, RegisterChildDocument } from '../../schema/__generated__/operations.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertMunicipality, MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { daysFromToday } from '@hub/testing/writes'

/** A client that lost twenty answers in a row and sent the same request each time, all at once. */
describe.each(backends)('retried creating mutations through the gateway (%s)', (backend) => {
  let hub: Hub

  beforeAll(async () => {
    hub = await startHub(backend)
    await insertMunicipality(hub.databases.social.db)
  })
  afterAll(() => hub?.stop())

  it('registers one child for twenty parallel requests with one key, and gives all twenty the same answer', async () => {
    const input = {
      lastName: 'Ретраева',
      firstName: 'Алиса',
      birthDate: daysFromToday(-250),
      sex: 'FEMALE',
      municipality: MUNICIPALITY.oktmo,
      source: 'HEALTH',
      idempotencyKey: randomUUID(),
    }
    const responses = await Promise.all(Array.from({ length: 20 }, () => hub.query(RegisterChildDocument, { input })))
    expect(responses[0]!.errors).toBeUndefined()
    expect(responses[0]!.data).toMatchObject({ registerChild: { outcome: 'CREATED' } })
    for (const response of responses) expect(response).toEqual(responses[0])
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from child where last_name = 'Ретраева'`.execute(hub.databases.social.db)
    expect(rows[0]!.n).toBe(1)
    const { rows: history } = await sql<{ n: number }>`select count(*)::int as n from registry_status_change`.execute(
      hub.databases.social.db,
    )
    expect(history[0]!.n).toBe(1)
  })

  it('records one detection event for twenty parallel requests with one key on another side', async () => {
    const input = {
      childId: randomUUID(),
      kind: 'AUDIOLOGY_SCREENING',
      result: 'POSITIVE',
      occurredOn: daysFromToday(-1),
      organisation: 'ГБУЗ «Областной сурдологический центр»',
      idempotencyKey: randomUUID(),
    }
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        hub.query(RecordDetectionEventDocument, { input }, viewers.coordinator('health')),
      ),
    )
    expect(responses[0]!.errors).toBeUndefined()
    for (const response of responses) expect(response).toEqual(responses[0])
    const rows = await hub.databases.health.db
      .selectFrom('detection_event')
      .select('id')
      .where('child_id', '=', input.childId)
      .execute()
    expect(rows).toHaveLength(1)
  })
})
