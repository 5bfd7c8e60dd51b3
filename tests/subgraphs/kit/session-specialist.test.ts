import { randomUUID } from 'node:crypto'
import { GraphQLError } from 'graphql'
import type { Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StaffingTables } from '@hub/side-contract/staffing/database'
import { createStaffingLoaders } from '@hub/side-contract/staffing/loaders'
import { endSpecialistEmployment } from '@hub/side-contract/staffing/services'
import {
  optionalSpecialistId,
  requireSessionSpecialist,
  type SessionSpecialist,
} from '@hub/side-contract/staffing/sessions'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { snapshot } from '@hub/testing/writes'
import { healthSubgraph } from '../../../subgraphs/health/test/support/subgraph.js'

/** The code, field and message of the error a rule throws; fails when nothing is thrown. */
async function refusal(run: () => unknown) {
  try {
    await run()
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error
    return { code: error.extensions.code, field: error.extensions.field, message: error.message }
  }
  throw new Error('the input was accepted')
}

describe('the optional specialist of a session input', () => {
  it('is null when omitted and the id itself when it is one', () => {
    const id = randomUUID()
    expect(optionalSpecialistId(undefined)).toBeNull()
    expect(optionalSpecialistId(null)).toBeNull()
    expect(optionalSpecialistId(id)).toBe(id)
  })

  it.each(['ТН-0042', '', '42'])('refuses %j, which is not an id', async (value) => {
    expect(await refusal(() => optionalSpecialistId(value))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.specialistId',
      message: 'input.specialistId: must be an id (UUID)',
    })
  })
})

// The rules are the kit's and the same on every side; health's database stands for any side's here, as the staffing
// tables are identical in the four. Each side's wiring (which provider and role its sessions hold the specialist to)
// is tested with that side's sessions.
describe.each(backends)('the specialist who gave a session, by the rules every side shares (%s)', (backend) => {
  let database: TestDatabase<StaffingTables>
  const provider = randomUUID()
  let specialist: Awaited<ReturnType<typeof insertSpecialist>>

  beforeAll(async () => {
    database = await openTestDatabase<StaffingTables>(healthSubgraph, backend)
    specialist = await insertSpecialist(database.db, provider, {
      role: 'DEFECTOLOGIST',
      employed_from: '2024-09-02',
      employed_until: '2025-06-30',
    })
  })
  afterAll(() => database?.close())

  const session = (override: Partial<SessionSpecialist> = {}): SessionSpecialist => ({
    specialistId: specialist.id,
    date: '2025-03-12',
    dateField: 'input.deliveredOn',
    provider: { id: provider, named: "the session's provider (input.providerId)" },
    role: 'DEFECTOLOGIST',
    ...override,
  })

  const check = (given: SessionSpecialist) =>
    database.db.transaction().execute((trx) => requireSessionSpecialist(trx, given))

  async function refused(given: SessionSpecialist) {
    const before = await snapshot(database.db)
    const refused = await refusal(() => check(given))
    expect(await snapshot(database.db)).toEqual(before)
    return refused
  }

  const asRow = () => ({
    id: specialist.id,
    providerId: provider,
    personnelNumber: specialist.personnel_number,
    role: 'DEFECTOLOGIST',
    employedFrom: '2024-09-02',
    employedUntil: '2025-06-30',
  })

  it('names nobody, without a statement, when the session gives no specialist', async () => {
    database.statements.length = 0
    expect(await check(session({ specialistId: null }))).toBeNull()
    expect(database.statements.filter((statement) => statement.includes('"specialist"'))).toEqual([])
  })

  it.each([
    ['on the first day of the employment', '2024-09-02'],
    ['within it', '2025-03-12'],
    ['on its last day', '2025-06-30'],
  ])('returns the specialist of the session’s provider, in its role, employed %s', async (_when, date) => {
    expect(await check(session({ date }))).toEqual(asRow())
  })

  it('holds the specialist to neither a provider nor a role where the session gives none', async () => {
    expect(await check(session({ provider: undefined, role: undefined }))).toEqual(asRow())
    expect(await check(session({ role: null }))).toEqual(asRow())
  })

  it('takes a specialist still employed, with no end recorded, for any day from the start', async () => {
    const current = await insertSpecialist(database.db, provider, { employed_from: '2020-01-15', role: 'PSYCHOLOGIST' })
    expect(await check(session({ specialistId: current.id, date: '2026-11-20', role: 'PSYCHOLOGIST' }))).toMatchObject({
      id: current.id,
      employedUntil: null,
    })
  })

  it('answers NOT_FOUND for an id no specialist of this side has', async () => {
    const missing = randomUUID()
    expect(await refused(session({ specialistId: missing }))).toEqual({
      code: 'NOT_FOUND',
      field: 'input.specialistId',
      message: `input.specialistId: no specialist with id ${missing}`,
    })
  })

  it('refuses a specialist of another provider, naming the provider as the side names it', async () => {
    const other = randomUUID()
    const refusedAnswer = await refused(
      session({ provider: { id: other, named: "the session's provider (input.providerId)" } }),
    )
    expect(refusedAnswer).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.specialistId',
      message:
        "input.specialistId: must be a specialist of the session's provider (input.providerId); this one works for " +
        `provider ${provider}`,
    })
  })

  it.each([
    ['the day before the employment began', '2024-09-01'],
    ['the day after it ended', '2025-07-01'],
  ])('refuses a specialist not employed on the session’s date: %s', async (_when, date) => {
    expect(await refused(session({ date, dateField: 'input.heldOn' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.specialistId',
      message:
        `input.specialistId: must be a specialist employed on the session's date (input.heldOn ${date}), from ` +
        'employedFrom to employedUntil; this one was employed from 2024-09-02 until 2025-06-30',
    })
  })

  it('refuses a role that is not the specialist’s', async () => {
    expect(await refused(session({ role: 'SPEECH_THERAPIST' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.specialistRole',
      message:
        'input.specialistRole: must agree with the role of the specialist named by input.specialistId: the ' +
        'specialist is DEFECTOLOGIST, not SPEECH_THERAPIST',
    })
  })

  it('checks the provider first, then the date, then the role', async () => {
    const wrong = { date: '2030-01-01', role: 'NURSE' as const }
    expect(await refused(session({ ...wrong, provider: { id: randomUUID(), named: 'x' } }))).toMatchObject({
      message: expect.stringContaining('must be a specialist of x'),
    })
    expect(await refused(session(wrong))).toMatchObject({
      message: expect.stringContaining("must be a specialist employed on the session's date"),
    })
  })

  it('loads specialists by id in one statement, in key order, with null for an unknown or malformed id', async () => {
    const other = await insertSpecialist(database.db, randomUUID(), { role: 'NURSE' })
    const loaders = createStaffingLoaders(database.db)
    database.statements.length = 0
    const loaded = await Promise.all(
      [other.id, randomUUID(), 'ТН-1', specialist.id].map((id) => loaders.specialistById.load(id)),
    )
    expect(loaded.map((row) => row?.id ?? null)).toEqual([other.id, null, null, specialist.id])
    expect(loaded[3]).toEqual(asRow())
    expect(database.statements).toHaveLength(1)
  })

  describe('an end of employment against the side’s sessions', () => {
    async function end(employedUntil: string, lastSessionOn: string | undefined) {
      const current = await insertSpecialist(database.db, provider, { employed_from: '2024-09-02' })
      const asked: string[] = []
      const findLastSessionOn = async (_trx: Transaction<StaffingTables>, specialistId: string) => {
        asked.push(specialistId)
        return lastSessionOn
      }
      const run = () =>
        database.db
          .transaction()
          .execute((trx) =>
            endSpecialistEmployment(trx, { specialistId: current.id, employedUntil }, findLastSessionOn),
          )
      return { current, asked, run }
    }

    it('ends it on the day of the specialist’s last session, asking the side for that session', async () => {
      const { current, asked, run } = await end('2025-05-20', '2025-05-20')
      expect(await run()).toMatchObject({ id: current.id, employedUntil: '2025-05-20' })
      expect(asked).toEqual([current.id])
    })

    it('ends the employment of a specialist who gave no session', async () => {
      const { run } = await end('2024-09-02', undefined)
      expect(await run()).toMatchObject({ employedUntil: '2024-09-02' })
    })

    // PGlite serves one connection, so two transactions cannot overlap there: the race exists on PostgreSQL only.
    if (backend === 'postgres')
      it('waits while a session naming the specialist is being recorded, and ends the employment once it commits', async () => {
        const { current, run } = await end('2025-05-20', undefined)
        let locked!: () => void
        let release!: () => void
        const lockTaken = new Promise<void>((resolve) => (locked = resolve))
        const released = new Promise<void>((resolve) => (release = resolve))
        const recording = database.db.transaction().execute(async (trx) => {
          await requireSessionSpecialist(trx, session({ specialistId: current.id, provider: undefined, role: null }))
          locked()
          await released
        })
        await lockTaken
        let ended = false
        const ending = run().then(() => (ended = true))
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(ended).toBe(false)
        release()
        await Promise.all([recording, ending])
        expect(ended).toBe(true)
      })

    it('refuses an end before the specialist’s last session, and writes nothing', async () => {
      const { run } = await end('2025-05-19', '2025-05-20')
      const before = await snapshot(database.db)
      expect(await refusal(run)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.employedUntil',
        message: 'input.employedUntil: must not be before the specialist’s last recorded session (2025-05-20)',
      })
      expect(await snapshot(database.db)).toEqual(before)
    })
  })
})
