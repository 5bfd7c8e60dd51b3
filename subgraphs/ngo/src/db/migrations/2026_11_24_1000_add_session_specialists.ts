import type { Kysely } from 'kysely'
import { addSessionSpecialist, dropSessionSpecialist } from '@hub/side-contract/staffing/migration'

// The specialist who gave a session, and their role, which this side's sessions did not record before; both nullable:
// sessions recorded earlier name neither, and both stay optional. The statements are the kit's, the same on every side.
export async function up(db: Kysely<any>) {
  await addSessionSpecialist(db, 'ngo_session', { withRole: true })
}

export async function down(db: Kysely<any>) {
  await dropSessionSpecialist(db, 'ngo_session', { withRole: true })
}
