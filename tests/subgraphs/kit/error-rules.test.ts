import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'
import { ERROR_RULES, PARAM_WORDS, renderRule, ruleParamNames, type ErrorRule } from '@hub/platform/error-rules'
import { badUserInput, codeInputErrors, conflict, hubError, maskUnexpectedError, notFound } from '@hub/platform/errors'
import { requireNotInFuture, requirePeriod, today } from '@hub/subgraph-kit/validation'

const ROOT = join(import.meta.dirname, '../../..')
const RULES = Object.keys(ERROR_RULES) as ErrorRule[]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === '__generated__' ? [] : sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const SOURCES = [
  ...readdirSync(join(ROOT, 'subgraphs')).flatMap((name) => sourceFiles(join(ROOT, 'subgraphs', name, 'src'))),
  ...sourceFiles(join(ROOT, 'gateway/src')),
].map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))

/** The text from `open` (an opening bracket) to the bracket that closes it. */
function enclosed(text: string, open: number) {
  const pairs: Record<string, string> = { '(': ')', '{': '}' }
  const closing = pairs[text[open]!]!
  let depth = 0
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === text[open]) depth += 1
    if (text[i] === closing) depth -= 1
    if (depth === 0) return text.slice(open, i + 1)
  }
  return text.slice(open)
}

/** The innermost `{ … }` around a position. */
function objectAround(text: string, at: number) {
  let depth = 0
  for (let i = at; i >= 0; i -= 1) {
    if (text[i] === '}') depth += 1
    if (text[i] === '{') {
      if (depth === 0) return enclosed(text, i)
      depth -= 1
    }
  }
  return ''
}

describe('the catalogue of error rules', () => {
  it('gives every rule a Russian text whose parameters are plain names', () => {
    for (const rule of RULES) {
      expect(rule).toMatch(/^[A-Z][A-Z0-9_]*$/)
      expect(ERROR_RULES[rule], rule).toMatch(/[А-Яа-яЁё]/)
      for (const name of ruleParamNames(rule)) expect(name, rule).toMatch(/^[a-z][A-Za-z]*$/)
    }
  })

  it('fills every parameter and leaves the text undefined when one is missing', () => {
    expect(renderRule('DATE_IN_FUTURE', { today: '2026-12-07' })).toBe(
      'Дата не может быть позже сегодняшней (07.12.2026)',
    )
    expect(renderRule('DATE_IN_FUTURE', {})).toBeUndefined()
    expect(renderRule('SUBGRAPH_UNAVAILABLE', { side: 'health' })).toBe(
      'Сведения ведомства «Здравоохранение» сейчас недоступны; попробуйте позже',
    )
    expect(renderRule('NOT_FOUND', { record: 'referral' })).toBe('Не найдена запись: направление')
  })

  it('has a Russian word for every key of a parameter with words', () => {
    for (const words of Object.values(PARAM_WORDS)) {
      for (const [key, word] of Object.entries(words)) expect(word, key).toMatch(/^[^A-Za-z]+$/)
    }
  })
})

describe('the error helpers', () => {
  it('put the rule and its parameters beside the code and the field', () => {
    expect(badUserInput('input.days', 'NUMBER_RANGE', 'must be 1 to 366', { min: 1, max: 366 }).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      rule: 'NUMBER_RANGE',
      field: 'input.days',
      params: { min: 1, max: 366 },
    })
    expect(conflict('input.consentId', 'CONSENT_REVOKED', 'the consent is already revoked').extensions).toEqual({
      code: 'CONFLICT',
      rule: 'CONSENT_REVOKED',
      field: 'input.consentId',
    })
    expect(notFound('input.childId', 'child', 'x').extensions).toEqual({
      code: 'NOT_FOUND',
      rule: 'NOT_FOUND',
      field: 'input.childId',
      params: { record: 'child' },
    })
  })

  it('give the kit’s validators their own rules', () => {
    const future = () => requireNotInFuture('input.occurredOn', '2999-01-01')
    expect(future).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ rule: 'DATE_IN_FUTURE', params: { today: today() } }),
      }),
    )
    const long = () => requirePeriod('period', { from: '2001-01-01', to: '2020-01-01' })
    expect(long).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ rule: 'PERIOD_TOO_LONG', params: { years: 5 } }),
      }),
    )
  })

  it('give GraphQL’s own refusals a rule: a variable that does not fit, a query that does not validate, an internal fault', () => {
    const variable = codeInputErrors(
      { message: 'Variable "$input" got invalid value 5 at "input.sex"; Value "5" does not exist in "Sex" enum.' },
      new GraphQLError('x'),
    )
    expect(variable.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'INVALID_VALUE', field: 'input.sex' })
    const ruled = new GraphQLError('wrapped', {
      originalError: hubError('BAD_USER_INPUT', 'INVALID_DATE', 'Date: bad'),
    })
    expect(
      codeInputErrors({ message: 'wrapped', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, ruled).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'INVALID_DATE',
    })
    expect(
      maskUnexpectedError({ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })
        .extensions,
    ).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      rule: 'MALFORMED_REQUEST',
    })
    expect(maskUnexpectedError({ message: 'relation "x" does not exist' }, () => undefined).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      rule: 'INTERNAL',
    })
  })
})

describe('every error site of the hub', () => {
  it('builds its GraphQL errors with a rule: through the helpers, or naming one beside the code', () => {
    const unruled: string[] = []
    for (const { path, text } of SOURCES) {
      for (const match of text.matchAll(/new GraphQLError\(/g)) {
        const call = enclosed(text, match.index + match[0].length - 1)
        if (!/\brule\b/.test(call)) unruled.push(`${path}: ${call.slice(0, 80)}`)
      }
      for (const match of text.matchAll(/\bcode: '([A-Z_]+)'/g)) {
        const literal = objectAround(text, match.index)
        // An error's own extensions spread in keep the rule they carry.
        if (!/\brule\b|\.\.\.[\w.?]*extensions\b/.test(literal)) unruled.push(`${path}: ${literal.slice(0, 80)}`)
      }
    }
    expect(unruled).toEqual([])
  })

  it('names only rules of the catalogue in literal extensions', () => {
    const unknown: string[] = []
    for (const { path, text } of SOURCES) {
      for (const match of text.matchAll(/\brule: '([A-Za-z_]+)'/g)) {
        if (!Object.hasOwn(ERROR_RULES, match[1]!)) unknown.push(`${path}: ${match[1]}`)
      }
    }
    expect(unknown).toEqual([])
  })
})
