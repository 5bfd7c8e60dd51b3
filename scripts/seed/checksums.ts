import { snilsCheckNumber } from '../../subgraphs/social/src/snils.js'

const INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]

/** The check digit of an organisation's ИНН from its first nine digits. */
export function innCheckDigit(firstNine: string) {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (INN_WEIGHTS[i] ?? 0)
  return String((sum % 11) % 10)
}

/** The check digit of an ОГРН from its first twelve digits, taken as one number. */
export function ogrnCheckDigit(firstTwelve: string) {
  return String((BigInt(firstTwelve) % 11n) % 10n)
}

export function isValidInn(inn: string) {
  return /^[0-9]{10}$/.test(inn) && innCheckDigit(inn.slice(0, 9)) === inn[9]
}

export function isValidOgrn(ogrn: string) {
  return /^[0-9]{13}$/.test(ogrn) && ogrnCheckDigit(ogrn.slice(0, 12)) === ogrn[12]
}

/** Numbers up to 001-001-998 were issued before the checksum existed, so they cannot be validated. */
const SNILS_CHECKSUM_FROM = 1_001_999

export function isValidSnils(snils: string) {
  return (
    /^[0-9]{11}$/.test(snils) &&
    Number(snils.slice(0, 9)) >= SNILS_CHECKSUM_FROM &&
    snilsCheckNumber(snils.slice(0, 9)) === snils.slice(9)
  )
}
