import { sql, type Insertable, type Kysely } from 'kysely'
import { columns } from '../../../db/columns.js'
import type { DB, StaffMemberTable } from '../../../db/database.js'

export type StaffMemberRow = Awaited<ReturnType<typeof findStaffMembersBySubjects>>[number]

export function findStaffMembersBySubjects(db: Kysely<DB>, subjects: readonly string[]) {
  if (subjects.length === 0) return Promise.resolve([])
  return db.selectFrom('staff_member').select(columns.staffMember).where('subject', 'in', subjects).execute()
}

/**
 * Records a member of staff as the identity provider named them, or their new name, side or organisation; the first
 * sighting stays, the last moves.
 */
export function upsertStaffMember(
  db: Kysely<DB>,
  row: Pick<Insertable<StaffMemberTable>, 'subject' | 'name' | 'side' | 'organisation'>,
) {
  return db
    .insertInto('staff_member')
    .values(row)
    .onConflict((oc) =>
      oc.column('subject').doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        side: (eb) => eb.ref('excluded.side'),
        organisation: (eb) => eb.ref('excluded.organisation'),
        last_seen_at: sql<Date>`now()`,
      }),
    )
    .execute()
}

/**
 * Who may lead a programme of a provider: its own staff, and for a state provider also the staff of social and of the
 * regional coordination who work for no single provider. By name.
 */
export function listStaffEligibleToLead(db: Kysely<DB>, provider: { id: string; side: string }) {
  return db
    .selectFrom('staff_member')
    .select(columns.staffMember)
    .where((eb) =>
      provider.side === 'NGO'
        ? eb('staff_member.organisation', '=', provider.id)
        : eb.or([
            eb('staff_member.organisation', '=', provider.id),
            eb.and([
              eb('staff_member.organisation', 'is', null),
              eb('staff_member.side', 'in', ['social', 'regional']),
            ]),
          ]),
    )
    .orderBy('staff_member.name')
    .orderBy('staff_member.subject')
    .execute()
}
