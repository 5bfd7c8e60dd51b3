import { describe, expect, it } from 'vitest'
import { describeError, errorText, refusalText } from '../../dashboard/src/shared/errors.js'
import { ERROR_CODES } from '@hub/platform/errors'
import { ERROR_RULES, PARAM_WORDS, ruleParamNames, type ErrorRule } from '@hub/platform/error-rules'

/** A value for each parameter: a key with words where the parameter has them, a day or a number otherwise. */
function sampleParams(rule: ErrorRule) {
  return Object.fromEntries(
    ruleParamNames(rule).map((name) => {
      const words = (PARAM_WORDS as Record<string, Record<string, string>>)[name]
      return [name, words ? Object.keys(words)[0]! : name === 'today' ? '2026-12-07' : 12]
    }),
  )
}

// A word of two Latin letters or more: codes such as G80.1, d310 or the letters b, s, d, e of МКФ are not words, nor
// the names of file formats (PDF, JPEG, PNG, GeoJSON) and the beginning of a web address (https://), which Russian writes in Latin letters too.
const LATIN_WORD =
  /(?<![\p{L}\p{N}])(?!(?:PDF|JPEG|PNG|GeoJSON|https?:\/\/)(?![\p{L}\p{N}]))[A-Za-z]{2,}(?![\p{L}\p{N}])/u

describe('the dashboard’s error texts', () => {
  it.each(Object.keys(ERROR_RULES) as ErrorRule[])('says %s in Russian, every value filled in', (rule) => {
    const code = rule === 'SUBGRAPH_UNAVAILABLE' ? 'UNAVAILABLE' : 'BAD_USER_INPUT'
    const text = errorText({ message: 'English', extensions: { code, rule, params: sampleParams(rule) } })
    expect(text).not.toMatch(/[{}]/)
    expect(text).not.toMatch(LATIN_WORD)
    expect(text).toMatch(/[А-Яа-яЁё]/)
    expect(text).not.toContain('English')
  })

  it('shows a side, a category and a record by their Russian words', () => {
    const unavailable = { code: 'UNAVAILABLE', rule: 'SUBGRAPH_UNAVAILABLE', params: { side: 'health' } }
    expect(errorText({ message: 'x', extensions: unavailable })).toBe(
      'Сведения ведомства «Здравоохранение» сейчас недоступны; попробуйте позже',
    )
    const forbidden = { code: 'FORBIDDEN', rule: 'CONSENT_REQUIRED', params: { category: 'health' } }
    expect(errorText({ message: 'x', extensions: forbidden })).toBe(
      'Нет доступа: нужно согласие законного представителя на передачу вам сведений: медицинские сведения',
    )
    expect(refusalText({ message: 'x', extensions: forbidden })).toBe(
      'Скрыто: нужно согласие законного представителя на передачу вам сведений: медицинские сведения',
    )
  })

  it('names the field by the form’s label, also inside a list', () => {
    const labels = { 'input.birthDate': 'Дата рождения', 'input.members.lastName': 'Фамилия члена семьи' }
    const future = { code: 'BAD_USER_INPUT', rule: 'DATE_IN_FUTURE', params: { today: '2026-12-07' } }
    expect(describeError({ message: 'x', extensions: { ...future, field: 'input.birthDate' } }, labels)).toEqual({
      label: 'Дата рождения',
      text: 'Дата не может быть позже сегодняшней (07.12.2026)',
    })
    const name = { code: 'BAD_USER_INPUT', rule: 'PERSON_NAME', field: 'input.members[2].lastName' }
    expect(errorText({ message: 'x', extensions: name }, labels)).toBe(
      'Фамилия члена семьи: Только буквы, а между ними пробелы, дефисы или апострофы',
    )
    expect(describeError({ message: 'x', extensions: { ...name, field: 'input.note' } }, labels)).toEqual({
      text: 'Только буквы, а между ними пробелы, дефисы или апострофы',
    })
  })

  it.each(ERROR_CODES)('falls back to what %s means when the rule is unknown or its values are missing', (code) => {
    const unknown = errorText({ message: 'input.x: must be something', extensions: { code, rule: 'NO_SUCH_RULE' } })
    const missing = errorText({ message: 'input.x: must be something', extensions: { code, rule: 'DATE_IN_FUTURE' } })
    for (const text of [unknown, missing]) {
      expect(text).toMatch(/[А-Яа-яЁё]/)
      expect(text).not.toMatch(LATIN_WORD)
      expect(text).not.toMatch(/[{}]/)
    }
    if (code === 'UNAUTHENTICATED') expect(unknown).toBe('Сеанс истёк, войдите снова')
    if (code === 'FORBIDDEN') expect(unknown).toMatch(/^Нет доступа: /)
  })

  it('names the ministry of an UNAVAILABLE without a rule by the gateway’s serviceName', () => {
    expect(errorText({ message: 'x', extensions: { code: 'UNAVAILABLE', serviceName: 'education' } })).toBe(
      'Сведения ведомства «Образование» сейчас недоступны; попробуйте позже',
    )
  })
})
