import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ExitProgrammeDocument,
  ProgrammeExitsDueDocument,
  type ProgrammeExitsDueQuery,
} from '../../schema/__generated__/operations.js'
import { auditView } from '@hub/subgraph-kit/access/audit'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import * as education from '../../subgraphs/education/test/support/factories.js'
import * as social from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { daysFromToday } from '@hub/testing/writes'

/**
 * The transitions queue's programmes due to end: social's programmes in force, education's enrolments, joined by the
 * gateway's query plan (social names the children, education says which are enrolled, social picks their programmes).
 */
describe.each(backends)('programmes due to end because the child is enrolled in a kindergarten (%s)', (backend) => {
  let hub: Hub
  let centre: { id: string }
  let ngoProvider: { id: string }
  const programmes = {} as Record<'enrolled' | 'signedAfter' | 'directed' | 'ngo', string>

  const dueList = async (variables: { provider?: string } = {}, as = viewers.coordinator('regional')) => {
    const response = await hub.query<ProgrammeExitsDueQuery>(ProgrammeExitsDueDocument, variables, as)
    return {
      due: response.data?.programmeExitsDue.programmes?.map((row) => [row.programme.id, row.enrolledOn]) ?? null,
      errors: response.errors,
    }
  }

  const childOf = async (programmeId: string) =>
    (
      await hub.databases.social.db
        .selectFrom('programme')
        .select('child_id')
        .where('id', '=', programmeId)
        .executeTakeFirstOrThrow()
    ).child_id

  beforeAll(async () => {
    hub = await startHub(backend)
    const db = hub.databases.social.db
    const kindergarten = await education.insertKindergarten(hub.databases.education.db)
    centre = await social.insertProvider(db, { side: 'SOCIAL', kind: 'SOCIAL_SERVICE_CENTRE' })
    ngoProvider = await social.insertProvider(db, { side: 'NGO' })
    const enrol = (childId: string, enrolledOn: string) =>
      education.insertPreschoolApplication(hub.databases.education.db, childId, {
        status: 'ENROLLED',
        kindergarten_id: kindergarten.id,
        group_type: 'GENERAL',
        enrolled_on: enrolledOn,
      })
    const withProgramme = async (providerId: string, signedOn: string) => {
      const child = await social.insertChild(db, { registry_status: 'PROGRAMME_ACTIVE' })
      const { programme } = await social.insertProgramme(db, child.id, providerId, { signed_on: signedOn })
      return { child, programme }
    }

    const enrolled = await withProgramme(centre.id, daysFromToday(-200))
    await enrol(enrolled.child.id, daysFromToday(-10))
    // A programme agreed for a child already in a kindergarten is not due to end.
    const signedAfter = await withProgramme(centre.id, daysFromToday(-5))
    await enrol(signedAfter.child.id, daysFromToday(-10))
    const directed = await withProgramme(centre.id, daysFromToday(-200))
    await education.insertPreschoolApplication(hub.databases.education.db, directed.child.id, {
      status: 'DIRECTED',
      kindergarten_id: kindergarten.id,
      group_type: 'GENERAL',
    })
    // The non-state provider's programme, with the family's consent for it.
    const family = await social.insertFamily(db)
    const mother = await social.insertRepresentative(db, family.id)
    const ngo = await withProgramme(ngoProvider.id, daysFromToday(-300))
    await db.updateTable('child').set({ family_id: family.id }).where('id', '=', ngo.child.id).execute()
    await social.insertConsent(db, ngo.child.id, mother.id, { recipient_provider_id: ngoProvider.id })
    await enrol(ngo.child.id, daysFromToday(-20))
    // Enrolled without a programme: nothing to end.
    await enrol((await social.insertChild(db)).id, daysFromToday(-3))
    programmes.enrolled = enrolled.programme.id
    programmes.signedAfter = signedAfter.programme.id
    programmes.directed = directed.programme.id
    programmes.ngo = ngo.programme.id
  })
  afterAll(() => hub?.stop())

  it('lists the programmes in force of children enrolled in a kindergarten, by the day of the enrolment', async () => {
    expect(await dueList()).toEqual({
      due: [
        [programmes.ngo, daysFromToday(-20)],
        [programmes.enrolled, daysFromToday(-10)],
      ],
      errors: undefined,
    })
    expect((await dueList({ provider: centre.id })).due).toEqual([[programmes.enrolled, daysFromToday(-10)]])
  })

  it('asks education once for the enrolments of all the children, and audits the reads on both sides', async () => {
    const { education: enrolments } = hub.databases
    enrolments.statements.length = 0
    await dueList()
    expect(enrolments.statements.filter((statement) => statement.includes('preschool_application'))).toHaveLength(1)
    const audited = async (side: 'social' | 'education', category: string) => {
      const audit = side === 'social' ? auditView(hub.databases.social.db) : auditView(hub.databases.education.db)
      const rows = await audit
        .selectFrom('access_audit')
        .select(['child_id', 'categories'])
        .where('operation', '=', 'ProgrammeExitsDue')
        .execute()
      return rows.filter((row) => row.categories.includes(category)).map((row) => row.child_id)
    }
    const enrolledChild = await childOf(programmes.enrolled)
    expect(await audited('education', 'education')).toContain(enrolledChild)
    expect(await audited('social', 'programme')).toContain(enrolledChild)
  })

  it('shows a provider’s staff only their own programmes and refuses another provider’s', async () => {
    const staff = viewers.specialist('ngo', ngoProvider.id)
    expect((await dueList({}, staff)).due).toEqual([[programmes.ngo, daysFromToday(-20)]])
    const other = await hub.query(ProgrammeExitsDueDocument, { provider: centre.id }, staff)
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'OWN_ORGANISATION_ONLY',
      field: 'provider',
    })
  })

  it('drops the programme from the list once it is ended with the transition as the reason', async () => {
    const { exitProgramme } = await hub.run(ExitProgrammeDocument, {
      input: {
        childId: await childOf(programmes.enrolled),
        exitedOn: daysFromToday(-10),
        reason: 'TRANSITION_TO_PRESCHOOL',
      },
    })
    expect(exitProgramme).toMatchObject({ id: programmes.enrolled, exitReason: 'TRANSITION_TO_PRESCHOOL' })
    expect((await dueList()).due).toEqual([[programmes.ngo, daysFromToday(-20)]])
  })

  it('says education is unavailable, rather than that nothing is due, when education does not answer', async () => {
    await hub.services.education.stop()
    const { due, errors } = await dueList()
    expect(due).toBeNull()
    expect(errors?.map((error) => error.extensions)).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'UNAVAILABLE' })]),
    )
  })
})
