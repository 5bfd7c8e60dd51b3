import type { Kysely } from 'kysely'
import { addSessionSpecialist, dropSessionSpecialist } from '@hub/side-contract/staffing/migration'

// The specialist who gave a session (its role was already recorded); nullable: sessions recorded earlier name none, and
// naming one stays optional. The statements are the kit's, the same on every side.
export async function up(db: Kysely<any>) {
  await addSessionSpecialist(db, 'rehabilitation_session', { withRole: false })
}

export async function down(db: Kysely<any>) {
  await dropSessionSpecialist(db, 'rehabilitation_session', { withRole: false })
}
