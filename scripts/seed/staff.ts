import { createHash } from 'node:crypto'
import type { StaffMemberTable } from '../../subgraphs/social/src/db/database.js'
import type { Side } from '../../subgraphs/social/src/db/database.js'
import { FATHER_NAMES, MOTHER_NAMES, patronymicOf, SURNAMES, surnameOf, type Sex } from './names.js'

/** Named staff of each provider: its coordinator first, then the specialists who lead its programmes. */
const STAFF_PER_PROVIDER = 3

/** A number from a name, drawn from no random stream: the seed's other rows stay as they were. */
function hashed(name: string) {
  return createHash('sha1').update(name).digest().readUInt32BE(0)
}

function pick<T>(values: readonly T[], name: string) {
  return values[hashed(name) % values.length]!
}

export type DemoStaffMember = Pick<StaffMemberTable, 'subject' | 'name' | 'side' | 'organisation'>

/**
 * The members of staff of a provider as its identity provider would name them (`sub` and ФИО), as social's staff
 * directory records them when they sign in: a coordinator and two specialists, most of them women, as in the
 * profession. Derived from the provider's id by hashing.
 */
export function demoStaffOf(provider: { id: string; side: Side }): DemoStaffMember[] {
  return Array.from({ length: STAFF_PER_PROVIDER }, (_, index) => {
    const key = `staff:${provider.id}:${index}`
    const sex: Sex = hashed(`${key}:sex`) % 5 === 0 ? 'MALE' : 'FEMALE'
    const first = sex === 'MALE' ? pick(FATHER_NAMES, `${key}:name`).name : pick(MOTHER_NAMES, `${key}:name`)
    const name = [
      surnameOf(pick(SURNAMES, `${key}:surname`), sex),
      first,
      patronymicOf(pick(FATHER_NAMES, `${key}:father`), sex),
    ].join(' ')
    return {
      subject: `seed-staff-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`,
      name,
      side: provider.side.toLowerCase() as DemoStaffMember['side'],
      organisation: provider.id,
    }
  })
}

/** The lead specialist a seeded programme gets, chosen among the provider's specialists by the child's id. */
export function demoLeadOf(provider: { id: string; side: Side }, childId: string) {
  const [coordinator, ...specialists] = demoStaffOf(provider)
  return { lead: pick(specialists, `lead:${childId}`), assignedBy: coordinator! }
}
