/** СНИЛС is stored as its 11 digits and shown as `XXX-XXX-XXX YY`. */
export function formatSnils(digits: string) {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`
}

/** The check number of a СНИЛС from its first nine digits (weights 9…1, mod 101, 100 → 00). */
export function snilsCheckNumber(firstNine: string) {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (9 - i)
  const check = sum < 100 ? sum : sum % 101
  return check === 100 ? '00' : String(check).padStart(2, '0')
}
