import type { Claims } from '../roles'

/**
 * Who may take each step of the pathway, as social's policy decides for its mutations (the classes of callers it
 * names): the forms open only for them, so that nobody fills a form only to be refused.
 */
type SocialClass = 'owner' | 'regional' | 'otherSide' | 'provider' | 'none'

/** The caller's class for social: a provider's staff are NGO staff; social's own staff are the owner. */
export function socialClass(claims: Claims | null): SocialClass {
  if (claims?.role !== 'specialist' && claims?.role !== 'coordinator') return 'none'
  switch (claims.side) {
    case 'social':
      return 'owner'
    case 'regional':
      return 'regional'
    case 'ngo':
      return 'provider'
    case 'health':
    case 'education':
      return 'otherSide'
    default:
      return 'none'
  }
}

const among =
  (...classes: SocialClass[]) =>
  (claims: Claims | null) =>
    classes.includes(socialClass(claims))

/** Social, the regional coordinator, and health and education, who detect children and refer them. */
export const mayRefer = among('owner', 'regional', 'otherSide')

/**
 * Those who decide on a referral: social and the regional coordinator on any, another side's or a provider's staff
 * only on one addressed to their organisation, so only those whose token names one.
 */
export function mayDecide(claims: Claims | null) {
  return among('owner', 'regional')(claims) || (among('otherSide', 'provider')(claims) && Boolean(claims?.org))
}

/** Drafting, signing, reviewing and ending an ИПРП: social's staff and the regional coordinator. */
export const mayProgramme = among('owner', 'regional')

/** Sessions of social's own centres. */
export const mayRecordSocialSession = among('owner')

/** Whether the caller may decide on a referral addressed to this provider (social's `requireOwnReferral`). */
export function mayDecideFor(claims: Claims | null, providerId: string) {
  const caller = socialClass(claims)
  if (caller === 'owner' || caller === 'regional') return true
  return mayDecide(claims) && claims?.org === providerId
}
