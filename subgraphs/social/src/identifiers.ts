/**
 * The identifiers social validates: СНИЛС of children, ИНН/ОГРН of
 * providers, ОКТМО of municipalities (DOMAIN.md, Identifiers).
 */

/** СНИЛС as its 11 digits, whatever separators it was written with; null when it is not 11 digits. */
export function snilsDigits(written: string) {
  const digits = written.replace(/[\s-]/g, '')
  return /^[0-9]{11}$/.test(digits) ? digits : null
}

/** СНИЛС is stored as its 11 digits and shown as `XXX-XXX-XXX YY`. */
export function formatSnils(digits: string) {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`
}

/** The check number of a СНИЛС from its first nine digits (weights 9…1; below 100 the sum, 100 and 101 → 00, above that mod 101). */
export function snilsCheckNumber(firstNine: string) {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (9 - i)
  const check = sum < 100 ? sum : sum % 101
  return check === 100 ? '00' : String(check).padStart(2, '0')
}

/** Numbers not greater than 001-001-998 were issued before the check number existed and carry none. */
const SNILS_CHECKED_FROM = 1_001_999

export function isValidSnils(digits: string) {
  if (!/^[0-9]{11}$/.test(digits)) return false
  return Number(digits.slice(0, 9)) < SNILS_CHECKED_FROM || snilsCheckNumber(digits.slice(0, 9)) === digits.slice(9)
}

const INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]
/** The weights of the eleventh and twelfth digits of an individual entrepreneur's ИНН. */
const PERSON_INN_WEIGHTS = [
  [7, 2, 4, 10, 3, 5, 9, 4, 6, 8],
  [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8],
] as const

/** The control sum of an ИНН's digits with the weights: the weighted sum mod 11, then mod 10. */
function innControl(digits: string, weights: readonly number[]) {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0)
  return String((sum % 11) % 10)
}

/** The check digit of an organisation's ИНН from its first nine digits. */
export function innCheckDigit(firstNine: string) {
  return innControl(firstNine, INN_WEIGHTS)
}

/** The two check digits of an individual entrepreneur's 12-digit ИНН from its first ten digits. */
export function personInnCheckDigits(firstTen: string) {
  const eleventh = innControl(firstTen, PERSON_INN_WEIGHTS[0])
  return eleventh + innControl(firstTen + eleventh, PERSON_INN_WEIGHTS[1])
}

/** The check digit of an ОГРН from its first twelve digits, taken as one number. */
export function ogrnCheckDigit(firstTwelve: string) {
  return String((BigInt(firstTwelve) % 11n) % 10n)
}

/** The check digit of an individual entrepreneur's ОГРНИП from its first fourteen digits, taken as one number. */
export function ogrnipCheckDigit(firstFourteen: string) {
  return String((BigInt(firstFourteen) % 13n) % 10n)
}

export function isValidInn(inn: string) {
  return /^[0-9]{10}$/.test(inn) && innCheckDigit(inn.slice(0, 9)) === inn[9]
}

/** An individual entrepreneur's ИНН: 12 digits, the last two check digits. */
export function isValidPersonInn(inn: string) {
  return /^[0-9]{12}$/.test(inn) && personInnCheckDigits(inn.slice(0, 10)) === inn.slice(10)
}

export function isValidOgrn(ogrn: string) {
  return /^[0-9]{13}$/.test(ogrn) && ogrnCheckDigit(ogrn.slice(0, 12)) === ogrn[12]
}

/** An individual entrepreneur's ОГРНИП: 15 digits, the last a check digit. */
export function isValidOgrnip(ogrnip: string) {
  return /^[0-9]{15}$/.test(ogrnip) && ogrnipCheckDigit(ogrnip.slice(0, 14)) === ogrnip[14]
}

/** A municipality's ОКТМО code: 8 digits. */
export function isValidOktmo(code: string) {
  return /^[0-9]{8}$/.test(code)
}
