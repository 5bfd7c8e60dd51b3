import { parseArgs } from 'node:util'
import { openDatabase } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import type { DB as SocialDB } from '../subgraphs/social/src/db/database.js'
import { migrations as socialMigrations } from '../subgraphs/social/src/db/migrations/index.js'
import { upsertNotificationRecipient } from '../subgraphs/social/src/modules/pathway/queries/notification_recipient.queries.js'
import { demoUsers } from '../idp/src/users.js'
import { subgraphConfigs } from './hub-processes.js'
import { seedRegion } from './seed.js'
import { regionToday } from './seed/days.js'

/**
 * `npm start`'s work on the databases before the hub starts, run as a process of its own (scripts/start.ts): seeds the
 * synthetic region on the first run (with the demo regional coordinator opted in to the daily digest), and names for
 * each side a provider whose staff the printed development tokens sign in as. An embedded database holds its memory until its process ends, so the starter, which stays up beside
 * the hub, opens none itself.
 */
const { values } = parseArgs({ options: { children: { type: 'string' } } })
const configs = subgraphConfigs(process.env)

async function registryIsEmpty() {
  const social = openDatabase<SocialDB>(configs.social.database, { poolSize: 1 })
  try {
    await migrateToLatest(social.db, socialMigrations)
    const row = await social.db
      .selectFrom('child')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return Number(row.count) === 0
  } finally {
    await social.close()
  }
}

async function sampleOrganisations() {
  const social = openDatabase<SocialDB>(configs.social.database, { poolSize: 1 })
  try {
    const rows = await social.db
      .selectFrom('provider')
      .select(['side', (eb) => eb.fn.min<string>(eb.cast('id', 'text')).as('id')])
      .where('moderation_status', '=', 'APPROVED')
      .groupBy('side')
      .execute()
    return Object.fromEntries(rows.map((row) => [row.side.toLowerCase(), row.id]))
  } finally {
    await social.close()
  }
}

/**
 * The demo regional coordinator wants the daily digest of deadlines at the address the development identity provider
 * gives her, as if she had ticked it in «Уведомления»: the first round from the digest hour on mails it to the
 * development mail catcher, so a newcomer sees the e-mail without setting anything up. She may untick it there.
 */
async function optInDemoCoordinator() {
  const coordinator = demoUsers().find((user) => user.id === 'regional-coordinator')!
  const social = openDatabase<SocialDB>(configs.social.database, { poolSize: 1 })
  try {
    await upsertNotificationRecipient(social.db, {
      subject: coordinator.login,
      name: coordinator.name,
      email: coordinator.email!,
      side: 'regional',
      role: 'coordinator',
      organisation: null,
      digest: true,
    })
  } finally {
    await social.close()
  }
}

if (await registryIsEmpty()) {
  console.log('first run: seeding the synthetic region…')
  await seedRegion({
    children: values.children === undefined ? undefined : Number(values.children),
    today: regionToday(),
    reset: false,
    fileReports: true,
    log: console.log,
  })
  await optInDemoCoordinator()
}
const organisations = await sampleOrganisations()
// The channel to the starter would keep this process alive; it ends once the answer is sent.
process.send?.({ organisations }, () => process.disconnect())
