import { describe, expect, it } from 'vitest'
import {
  formatSnils,
  isValidInn,
  isValidOgrn,
  isValidOgrnip,
  isValidOktmo,
  isValidPersonInn,
  isValidSnils,
  snilsDigits,
} from '../src/identifiers.js'

describe('identifiers', () => {
  it('reads a СНИЛС in any formatting as its 11 digits', () => {
    expect(snilsDigits('112-233-445 95')).toBe('11223344595')
    expect(snilsDigits(' 112 233 445 95 ')).toBe('11223344595')
    expect(snilsDigits('1122334459')).toBeNull()
    expect(snilsDigits('112-233-445 9X')).toBeNull()
    expect(formatSnils('11223344595')).toBe('112-233-445 95')
  })

  it('checks the СНИЛС check number, including sums of 100, 101 and above', () => {
    expect(isValidSnils('11223344595')).toBe(true)
    expect(isValidSnils('11223344596')).toBe(false)
    // 9·0+8·0+7·1+6·0+5·0+4·1+3·9+2·9+1·9 = 65 … and a sum above 101 taken mod 101:
    expect(isValidSnils('00100199965')).toBe(true)
    // 9·9+8·9+7·9+6·9+5·9+4·9+3·9+2·9+1·9 = 405 → 405 mod 101 = 1
    expect(isValidSnils('99999999901')).toBe(true)
    // 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8+1·9 = 165 → 165 mod 101 = 64
    expect(isValidSnils('12345678964')).toBe(true)
  })

  it('accepts numbers not greater than 001-001-998 without a check number', () => {
    expect(isValidSnils('00100199800')).toBe(true)
    expect(isValidSnils('00100199812')).toBe(true)
    expect(isValidSnils('00100199900')).toBe(false)
  })

  it('checks ИНН and ОГРН check digits against published numbers', () => {
    expect(isValidInn('7707083893')).toBe(true)
    expect(isValidInn('7707083894')).toBe(false)
    expect(isValidOgrn('1027700132195')).toBe(true)
    expect(isValidOgrn('1027700132196')).toBe(false)
  })

  it('checks an individual entrepreneur’s 12-digit ИНН and 15-digit ОГРНИП against published numbers', () => {
    expect(isValidPersonInn('500100732259')).toBe(true)
    expect(isValidPersonInn('500100732258')).toBe(false)
    expect(isValidPersonInn('500100732269')).toBe(false)
    expect(isValidPersonInn('7707083893')).toBe(false)
    expect(isValidOgrnip('304500116000157')).toBe(true)
    expect(isValidOgrnip('304500116000158')).toBe(false)
    expect(isValidOgrnip('1027700132195')).toBe(false)
  })

  it('takes an 8-digit ОКТМО', () => {
    expect(isValidOktmo('98601000')).toBe(true)
    expect(isValidOktmo('9860100')).toBe(false)
    expect(isValidOktmo('98601000123')).toBe(false)
  })
})
