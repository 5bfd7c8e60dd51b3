import { parseArgs } from 'node:util'
import { ROLES, SIDES, viewerFromClaims } from '@hub/platform/auth/viewer'
import { DEV_TOKEN_TTL_SECONDS, openDevSignIn } from './dev-sign-in.js'

// `npm run token -- --side health --role specialist [--org ID] [--sub NAME] [--name ФИО] [--hours N]`: a development
// token; `--name` is the display name a staff member's token carries.
const usage = `usage: npm run token -- --role <${ROLES.filter((role) => role !== 'service').join('|')}> [--side <${SIDES.join('|')}>] [--org ID] [--sub NAME] [--name ФИО] [--hours N]`

function fail(message: string): never {
  console.error(`${message}\n${usage}`)
  process.exit(2)
}

let values
try {
  ;({ values } = parseArgs({
    options: {
      side: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      hours: { type: 'string' },
    },
  }))
} catch (error) {
  fail((error as Error).message)
}
const { side, role, org, sub, name, hours } = values
if (role === 'service') fail('--role: service tokens are signed by the subgraphs themselves')
const subject = sub ?? `dev-${side ?? 'public'}-${role ?? ''}`
const viewer = viewerFromClaims({ sub: subject, side, role, org, name })
if (typeof viewer === 'string') fail(`--${viewer.match(/"(\w+)"/)?.[1] ?? 'role'}: ${viewer}`)
const ttl = hours === undefined ? DEV_TOKEN_TTL_SECONDS : Number(hours) * 3600
if (!Number.isFinite(ttl) || ttl <= 0) fail(`--hours: must be a positive number, got "${hours}"`)

try {
  const signIn = await openDevSignIn()
  console.log(
    await signIn.sign(
      subject,
      { side: viewer.side ?? undefined, org: viewer.organisation ?? undefined, role: viewer.role, name: viewer.name },
      ttl,
    ),
  )
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
