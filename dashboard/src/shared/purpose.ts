/**
 * The purpose of access the user chose for this browser tab (`x-access-purpose`): a family's consent opens data for
 * its purpose only, and every read is audited under it. Kept in sessionStorage like the session itself.
 */
export const PURPOSES = ['EARLY_HELP', 'NEED_DETERMINATION', 'TRANSITION'] as const
export type AccessPurposeCode = (typeof PURPOSES)[number]

const PURPOSE_KEY = 'early-help-hub.purpose'

export function readPurpose(): AccessPurposeCode {
  const stored = sessionStorage.getItem(PURPOSE_KEY)
  return PURPOSES.find((purpose) => purpose === stored) ?? 'EARLY_HELP'
}

export function savePurpose(purpose: AccessPurposeCode) {
  sessionStorage.setItem(PURPOSE_KEY, purpose)
}
