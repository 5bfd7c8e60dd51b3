import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql'
import { badUserInput } from '@hub/platform/errors'
import { addDays, addMonths, today } from './validation.js'

/**
 * What a date input may be, beyond being a real calendar day (the `Date` scalar's rule). Bounds are inclusive;
 * `today` is the region's day (`HUB_TIME_ZONE`) when the request is checked. The README's "Bad input" table copies this one.
 */
export const DATE_RULES = {
  /** A child on the registry: early help runs from birth to 3, continued up to 8. */
  childBirth: {
    from: () => addDays(addMonths(today(), -12 * 8), 1),
    to: today,
    what: 'a child on the registry is under 8 years old',
  },
  /** A family member: a parent, a grandparent. */
  personBirth: { from: () => '1900-01-01', to: today, what: "a person's birth date" },
  /** A day in a family's life before the child, such as a member leaving it. */
  history: { from: () => '1900-01-01', to: today, what: "a day in a family's history" },
  /** Something that happened on the child's pathway: a detection, a decision, a session, a document. */
  event: { from: () => '2000-01-01', to: today, what: 'the day something happened' },
  /** A specialist's employment or training, which may predate the hub by decades. */
  career: { from: () => '1950-01-01', to: today, what: 'a day of a career' },
  /** The start or end of a term, which may lie ahead: a criterion's or a representation's validity, a calendar day. */
  term: { from: () => '2000-01-01', to: () => addMonths(today(), 12 * 25), what: 'the start or end of a term' },
  /** The day a change of reference data takes effect (an edition of the regional list of services): days to come only. */
  change: {
    from: today,
    to: () => addMonths(today(), 12),
    what: 'the day a change takes effect, today or within a year',
  },
  /** A filter or a period to read: only the scalar's own rule (a period's span is checked by the period's reader). */
  any: null,
} as const

export type DateRule = keyof typeof DATE_RULES

/**
 * The rules every input of a subgraph's schema is checked by, by position: `Type.field(argument)` for an argument,
 * `InputType.field` for a field of an input type.
 */
export interface InputRules {
  /** The most items each list input may hold. Every list input must have one: a schema with an uncapped list fails at start. */
  maxItems: Readonly<Record<string, number>>
  /** The plausible range of each `Date` input. Every one must have a rule, so that a new date input is thought about. */
  dates: Readonly<Record<string, DateRule>>
  /** Text inputs that may span several lines (notes, reasons, descriptions); every other text is one line. */
  multiLine: readonly string[]
}

/**
 * The rules of the kit's own SDL fragments (staffing, report freeze) and of federation's `_entities`, which a
 * subgraph adds to its own. The representations one request carries are bounded by what the gateway's limits let a
 * query ask for (15 aliases of pages of at most 1,000 rows).
 */
export const KIT_INPUT_RULES: InputRules = {
  maxItems: {
    'Query._entities(representations)': 20_000,
    // One per territory of a report: the region's municipalities and the region itself.
    'Mutation.freezeReportIndicators(input)': 200,
    'ReportFreezeInput.providers': 5_000,
    'ReportFreezeInput.childrenTurningThree': 50_000,
    'ProviderRequirementInput.requiredRoles': 20,
    // The webhook administration of every side (`events/resolvers.ts`).
    'CreateWebhookSubscriptionInput.eventTypes': 50,
    ...Object.fromEntries(
      ['Social', 'Health', 'Education', 'Ngo'].map((side) => [`Mutation.replay${side}WebhookDeliveries(ids)`, 500]),
    ),
  },
  dates: {
    'RegisterSpecialistInput.employedFrom': 'career',
    'RecordSpecialistTrainingInput.completedOn': 'career',
    'EndSpecialistEmploymentInput.employedUntil': 'term',
    'ReportFreezeInput.from': 'any',
    'ReportFreezeInput.to': 'any',
    // The versioned dictionaries (`reference/`): the day an import's changes take effect.
    'ReferenceImportInput.validFrom': 'term',
  },
  multiLine: [],
}

/**
 * Characters no text input may hold: controls (C0, DEL, C1), format characters (zero-width, bidi embeddings,
 * overrides and isolates, the soft hyphen, the BOM), private use, surrogates, unassigned code points, and the line and
 * paragraph separators. A line feed (alone or after a carriage return) is allowed in multi-line texts only.
 */
const SINGLE_LINE_REFUSED = /[\p{C}\p{Zl}\p{Zp}]/u
const MULTI_LINE_REFUSED = /(?!\r\n|\n)[\p{C}\p{Zl}\p{Zp}]/u

function codePoint(character: string) {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

function checkText(path: string, value: string, multiLine: boolean) {
  const refused = (multiLine ? MULTI_LINE_REFUSED : SINGLE_LINE_REFUSED).exec(value)
  if (refused) {
    const allowed = multiLine
      ? 'letters, digits, punctuation, symbols, spaces and line breaks'
      : 'letters, digits, punctuation, symbols and spaces on one line'
    throw badUserInput(
      path,
      'CONTROL_CHARACTERS',
      `must not hold control or invisible characters (${codePoint(refused[0])} at position ${refused.index + 1}); allowed: ${allowed}`,
      { position: refused.index + 1 },
    )
  }
}

function checkDate(path: string, value: string, rule: DateRule) {
  const bounds = DATE_RULES[rule]
  if (bounds === null) return
  const to = bounds.to()
  if (value > to) {
    throw bounds.to === today
      ? badUserInput(path, 'DATE_IN_FUTURE', `must not be in the future (today is ${to})`, { today: to })
      : badUserInput(path, 'DATE_TOO_LATE', `must not be after ${to} (${bounds.what})`, { latest: to })
  }
  const from = bounds.from()
  if (value < from) {
    throw badUserInput(path, 'DATE_TOO_EARLY', `must not be before ${from} (${bounds.what})`, { earliest: from })
  }
}

/** Items are the same when their coerced values are: input objects keep their type's field order. */
function itemKey(item: unknown) {
  return typeof item === 'string' ? item : JSON.stringify(item)
}

function unwrapNonNull(type: GraphQLInputType) {
  return isNonNullType(type) ? type.ofType : type
}

/** Whether values of this type hold anything the rules check: a text, a date or a list. */
function needsCheck(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const unwrapped = unwrapNonNull(type)
  if (isListType(unwrapped)) return true
  const named = getNamedType(unwrapped)
  if (isScalarType(named)) return named.name === 'String' || named.name === 'Date'
  if (!isInputObjectType(named) || seen.has(named.name)) return false
  seen.add(named.name)
  return Object.values(named.getFields()).some((field) => needsCheck(field.type, seen))
}

interface Position {
  position: string
  type: GraphQLInputType
}

/** Every argument of every field, and every field of the input types they reach, by position. */
function inputPositions(schema: GraphQLSchema) {
  const positions: Position[] = []
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const argument of field.args) {
          positions.push({ position: `${type.name}.${field.name}(${argument.name})`, type: argument.type })
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        positions.push({ position: `${type.name}.${field.name}`, type: field.type })
      }
    }
  }
  return positions
}

/**
 * What a schema's rules leave out: list inputs without a cap and date inputs without a range (a subgraph does not
 * start with any), and rules naming no input of the schema (a renamed field whose rule would silently lapse).
 */
export function missingInputRules(schema: GraphQLSchema, own: InputRules, shared: InputRules = KIT_INPUT_RULES) {
  const positions = inputPositions(schema)
  const known = new Set(positions.map(({ position }) => position))
  const uncapped = positions
    .filter(({ type }) => isListType(unwrapNonNull(type)))
    .filter(({ position }) => own.maxItems[position] === undefined && shared.maxItems[position] === undefined)
    .map(({ position }) => position)
  const undated = positions
    .filter(({ type }) => getNamedType(type).name === 'Date')
    .filter(({ position }) => own.dates[position] === undefined && shared.dates[position] === undefined)
    .map(({ position }) => position)
  const stale = [...Object.keys(own.maxItems), ...Object.keys(own.dates), ...own.multiLine].filter(
    (position) => !known.has(position),
  )
  return { uncapped, undated, stale }
}

/**
 * Checks every argument a field is called with before its resolver runs, so that bad input is refused before any
 * statement and nothing of it is stored: each text for refused characters, each `Date` against its field's range, each
 * list against its cap and for repeated items. The refusal is BAD_USER_INPUT naming the argument's path
 * (`input.members[1].lastName`) and the rule. Throws at start when a list or date input has no rule.
 */
export function applyInputRules(schema: GraphQLSchema, own: InputRules, shared: InputRules = KIT_INPUT_RULES) {
  const { uncapped, undated, stale } = missingInputRules(schema, own, shared)
  if (uncapped.length > 0 || undated.length > 0 || stale.length > 0) {
    throw new Error(
      `input rules: lists without a cap: ${uncapped.join(', ') || 'none'}; dates without a range: ${undated.join(', ') || 'none'}; rules naming no input: ${stale.join(', ') || 'none'}`,
    )
  }
  const maxItems = { ...shared.maxItems, ...own.maxItems }
  const dates = { ...shared.dates, ...own.dates }
  const multiLine = new Set([...shared.multiLine, ...own.multiLine])

  function check(path: string, position: string, type: GraphQLInputType, value: unknown) {
    if (value === null || value === undefined) return
    const unwrapped = unwrapNonNull(type)
    if (isListType(unwrapped)) {
      const items = value as readonly unknown[]
      const cap = maxItems[position]!
      if (items.length > cap)
        throw badUserInput(path, 'LIST_TOO_LONG', `must hold at most ${cap} items, got ${items.length}`, { max: cap })
      const itemType = unwrapped.ofType as GraphQLInputType
      // The gateway builds `_entities` representations itself; only what a caller writes must not repeat.
      const distinct = getNamedType(itemType).name !== '_Any'
      const seen = new Map<string, number>()
      items.forEach((item, index) => {
        if (distinct) {
          const key = itemKey(item)
          const first = seen.get(key)
          if (first !== undefined)
            throw badUserInput(`${path}[${index}]`, 'LIST_REPEATS', `repeats ${path}[${first}]; items must differ`, {
              first: first + 1,
            })
          seen.set(key, index)
        }
        check(`${path}[${index}]`, position, itemType, item)
      })
      return
    }
    const named = getNamedType(unwrapped)
    if (isInputObjectType(named)) {
      const fields = value as Record<string, unknown>
      for (const field of Object.values(named.getFields())) {
        check(`${path}.${field.name}`, `${named.name}.${field.name}`, field.type, fields[field.name])
      }
    } else if (named.name === 'String') {
      checkText(path, value as string, multiLine.has(position))
    } else if (named.name === 'Date') {
      checkDate(path, value as string, dates[position]!)
    }
  }

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      const checked: GraphQLArgument[] = field.args.filter((argument) => needsCheck(argument.type))
      if (checked.length === 0) continue
      const resolve = field.resolve ?? defaultFieldResolver
      const at = `${type.name}.${field.name}`
      field.resolve = (parent, args: Record<string, unknown>, context, info) => {
        for (const argument of checked) {
          check(argument.name, `${at}(${argument.name})`, argument.type, args[argument.name])
        }
        return resolve(parent, args, context, info)
      }
    }
  }
  return schema
}
