import { GraphQLError } from 'graphql'
import type { Kysely } from 'kysely'
import type { ErrorRule } from '@hub/platform/error-rules'
import type { ReferenceChange } from '@hub/subgraph-kit/reference/diff'
import { missingColumns, rowReader, type FileProblem, type FileTable } from '@hub/subgraph-kit/reference/file'
import {
  readCodedRows,
  type AppliedImport,
  type ReadEntries,
  type ReferenceEntry,
  type ReferenceKind,
} from '@hub/subgraph-kit/reference/kinds'
import type { ReferenceDatabase } from '@hub/subgraph-kit/reference/tables'
import { today } from '@hub/subgraph-kit/validation'
import type { DB, ModerationStatus, ProviderKind, Side } from '../../../db/database.js'
import { enumTerms } from '../../../enum-terms.js'
import { isValidInn, isValidOgrn, isValidOgrnip, isValidOktmo, isValidPersonInn } from '../../../identifiers.js'
import { requireEmail, requirePhone } from '../../families/services/families.js'
import { findMunicipalitiesByOktmos } from '../queries/municipality.queries.js'
import {
  findProvidersByInns,
  findProvidersByOgrns,
  insertProvider,
  replaceProviderCoverage,
  updateProvider,
  type ProviderRow,
} from '../queries/provider.queries.js'
import { findServiceTypesByCodes } from '../queries/service_type.queries.js'
import { requireServiceInForce } from './catalogue.js'

/** What the registry file states of a provider besides its ОГРН (the entry's code) and its name. */
export interface ProviderAttributes {
  inn: string
  kind: ProviderKind
  side: Side
  oktmo: string
  address: string | null
  remote: boolean
  municipalities: string[]
  services: string[]
  /** The moderation state the region's registry gives; null: the file does not say. */
  status: ModerationStatus | null
  phone: string | null
  email: string | null
  website: string | null
}

const REQUIRED = ['INN', 'KIND', 'SIDE', 'OKTMO', 'REMOTE', 'MUNICIPALITIES', 'SERVICES'] as const
const MAX_NAME = 300
const MAX_ADDRESS = 500

const kinds = enumTerms<ProviderKind>('ProviderKind')
const sides = enumTerms<Side>('Side', { НКО: 'NGO', соцзащита: 'SOCIAL' })
const statuses = enumTerms<ModerationStatus>('ModerationStatus')
const YES_NO: Readonly<Record<string, boolean>> = { '1': true, '0': false, да: true, нет: false }

/** A list of codes written in one cell: separated by commas, semicolons or spaces; sorted, each once. */
const codeList = (text: string) => [...new Set(text.split(/[\s,;]+/).filter((code) => code !== ''))].sort()

/** A site's address as written, with `https://` when it names none; null when it is not a web address. */
function websiteAddress(text: string) {
  const written = /^[a-z]+:\/\//i.test(text) ? text : `https://${text}`
  const url = URL.canParse(written) ? new URL(written) : null
  return url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? written : null
}

/** What a service of the mutations returns, or the problem its refusal names, put at the row's column. */
function readWith<T>(problems: FileProblem[], row: number, column: string, read: () => T): T | null {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error
    const { rule, params } = error.extensions as { rule: ErrorRule; params?: Record<string, string | number> }
    problems.push({ row, column, rule, ...(params ? { params } : {}) })
    return null
  }
}

/** The attributes of one row, or null with its problems. */
function readRow(row: number, values: Readonly<Record<string, string>>, problems: FileProblem[]) {
  const found: FileProblem[] = []
  const { problem, value, required } = rowReader(row, values, found)
  const ogrn = value('OGRN')
  const inn = required('INN')
  if (inn !== '') {
    if (!/^([0-9]{10}|[0-9]{12})$/.test(inn)) problem('INN', 'PROVIDER_INN_FORMAT')
    else if (!(inn.length === 10 ? isValidInn(inn) : isValidPersonInn(inn))) problem('INN', 'CHECK_DIGIT')
    else if (/^([0-9]{13}|[0-9]{15})$/.test(ogrn) && (ogrn.length === 13) !== (inn.length === 10)) {
      problem('INN', 'PROVIDER_INN_KIND')
    }
  }
  if (/^([0-9]{13}|[0-9]{15})$/.test(ogrn) && !(ogrn.length === 13 ? isValidOgrn(ogrn) : isValidOgrnip(ogrn))) {
    problem('OGRN', 'CHECK_DIGIT')
  }
  if (value('NAME').length > MAX_NAME) problem('NAME', 'TEXT_TOO_LONG', { max: MAX_NAME })
  const enumValue = <Value extends string>(column: string, terms: ReturnType<typeof enumTerms<Value>>) => {
    const text = required(column)
    const read = text === '' ? undefined : terms.read(text)
    if (text !== '' && !read) problem(column, 'IMPORT_VALUE', { allowed: terms.allowed })
    return read ?? null
  }
  const kind = enumValue('KIND', kinds)
  const side = enumValue('SIDE', sides)
  const status = value('STATUS') === '' ? null : enumValue('STATUS', statuses)
  const oktmo = required('OKTMO')
  if (oktmo !== '' && !isValidOktmo(oktmo)) problem('OKTMO', 'OKTMO_FORMAT')
  const remote = YES_NO[required('REMOTE').toLowerCase()]
  if (value('REMOTE') !== '' && remote === undefined) problem('REMOTE', 'YES_NO')
  const municipalities = codeList(required('MUNICIPALITIES'))
  if (municipalities.some((code) => !isValidOktmo(code))) problem('MUNICIPALITIES', 'OKTMO_FORMAT')
  const address = value('ADDRESS').replace(/\s+/g, ' ')
  if (address.length > MAX_ADDRESS) problem('ADDRESS', 'TEXT_TOO_LONG', { max: MAX_ADDRESS })
  const phone =
    value('PHONE') === '' ? null : readWith(found, row, 'PHONE', () => requirePhone('PHONE', value('PHONE')))
  const email =
    value('EMAIL') === '' ? null : readWith(found, row, 'EMAIL', () => requireEmail('EMAIL', value('EMAIL')))
  const website = value('WEBSITE') === '' ? null : websiteAddress(value('WEBSITE'))
  if (value('WEBSITE') !== '' && website === null) problem('WEBSITE', 'WEBSITE_FORMAT')
  problems.push(...found)
  if (found.length > 0 || kind === null || side === null || remote === undefined) return null
  return {
    inn,
    kind,
    side,
    oktmo,
    address: address === '' ? null : address,
    remote,
    municipalities,
    services: codeList(value('SERVICES')),
    status,
    phone,
    email,
    website,
  } satisfies ProviderAttributes
}

/**
 * The providers of a region's registry file: each row a provider named by its ОГРН (ОГРНИП for an individual
 * entrepreneur), with its ИНН, both with their check digits; its kind, side and moderation state as the codes or the
 * Russian terms of the schema; its municipality and those it serves as ОКТМО; its services as codes of the regional
 * list.
 */
function readProviders(table: FileTable): ReadEntries {
  const coded = readCodedRows(table, {
    code: 'OGRN',
    name: 'NAME',
    format: { pattern: /^([0-9]{13}|[0-9]{15})$/, rule: 'PROVIDER_OGRN_FORMAT', letters: 'upper' },
  })
  const missing = missingColumns(table, REQUIRED)
  if (missing.length > 0 || coded.entries.length + coded.problems.length === 0) {
    return { entries: [], problems: [...coded.problems, ...missing] }
  }
  const problems = [...coded.problems]
  const byRow = new Map(coded.entries.map((entry) => [entry.row, entry]))
  const innRows = new Map<string, number>()
  const entries: ReadEntries['entries'] = []
  for (const { row, values } of table.rows) {
    const attributes = readRow(row, values, problems)
    const entry = byRow.get(row)
    if (!attributes || !entry) continue
    const earlier = innRows.get(attributes.inn)
    if (earlier !== undefined) {
      problems.push({
        row,
        column: 'INN',
        rule: 'PROVIDER_INN_DUPLICATE',
        params: { inn: attributes.inn, row: earlier },
      })
      continue
    }
    innRows.set(attributes.inn, row)
    entries.push({ ...entry, attributes: { ...attributes } })
  }
  problems.sort((a, b) => a.row - b.row)
  return { entries, problems }
}

/** Social's dictionaries live in social's database: the kit's view of it, seen whole again. */
const socialDb = (db: ReferenceDatabase) => db as unknown as Kysely<DB>

const attributesOf = (entry: ReferenceEntry) => entry.attributes as unknown as ProviderAttributes

/**
 * What only social's records show: a municipality it does not know, a service not in the regional list today, an
 * ИНН another provider of the registry holds under another ОГРН.
 */
async function checkProviders(db: ReferenceDatabase, entries: ReadEntries['entries']): Promise<FileProblem[]> {
  const social = socialDb(db)
  const problems: FileProblem[] = []
  const providers = entries.map((entry) => ({ entry, provider: attributesOf(entry) }))
  const oktmos = [...new Set(providers.flatMap(({ provider }) => [provider.oktmo, ...provider.municipalities]))]
  const known = new Set((await findMunicipalitiesByOktmos(social, oktmos)).map((row) => row.oktmo))
  const day = today()
  const codes = [...new Set(providers.flatMap(({ provider }) => provider.services))]
  const catalogue = new Map((await findServiceTypesByCodes(social, codes, day)).map((row) => [row.code, row]))
  const held = new Map(
    (
      await findProvidersByInns(
        social,
        providers.map(({ provider }) => provider.inn),
      )
    ).map((row) => [row.inn, row]),
  )
  for (const { entry, provider } of providers) {
    const { row } = entry
    if (!known.has(provider.oktmo)) {
      problems.push({ row, column: 'OKTMO', rule: 'UNKNOWN_MUNICIPALITY', params: { oktmo: provider.oktmo } })
    }
    for (const oktmo of provider.municipalities.filter((code) => !known.has(code))) {
      problems.push({ row, column: 'MUNICIPALITIES', rule: 'UNKNOWN_MUNICIPALITY', params: { oktmo } })
    }
    for (const code of provider.services) {
      const service = catalogue.get(code)
      if (!service) problems.push({ row, column: 'SERVICES', rule: 'UNKNOWN_SERVICE', params: { service: code } })
      else readWith(problems, row, 'SERVICES', () => requireServiceInForce('SERVICES', service, day))
    }
    const holder = held.get(provider.inn)
    if (holder && holder.ogrn !== entry.code) {
      problems.push({
        row,
        column: 'INN',
        rule: 'PROVIDER_INN_TAKEN',
        params: { inn: provider.inn, ogrn: holder.ogrn },
      })
    }
  }
  return problems
}

const day = (iso: string) => iso.split('-').reverse().join('.')

/**
 * The moderation state a changed entry gives a provider social holds: the hub's moderation stands, unless the file
 * states a state anew — a provider back in the file after it left it, or a state other than the one the file stated
 * before. A provider social holds that the dictionary did not (the first import over the registry) keeps its state.
 */
function statedAnew(change: ReferenceChange): ModerationStatus | null {
  const stated = attributesOf(change.after).status
  if (stated === null || change.before === null) return null
  return !change.before.active || attributesOf(change.before).status !== stated ? stated : null
}

/**
 * Carries an applied registry file into the registry of providers, matching providers by ОГРН: a provider new to the
 * hub is added in the state the file states (by default PENDING: a coordinator approves it); a provider the hub holds
 * takes the file's details and coverage and keeps its moderation (see `statedAnew`); a provider the file no longer
 * lists is never deleted — an APPROVED one is SUSPENDED, so that it receives no new referrals, while its referrals and
 * programmes keep it.
 */
async function applyProviders(db: ReferenceDatabase, changes: readonly ReferenceChange[], applied: AppliedImport) {
  const social = socialDb(db)
  const held = new Map<string, ProviderRow>(
    (
      await findProvidersByOgrns(
        social,
        changes.map((change) => change.code),
      )
    ).map((row) => [row.ogrn, row]),
  )
  const since = day(applied.validFrom)
  for (const change of changes) {
    const provider = held.get(change.code)
    if (change.type === 'RETIRED') {
      if (provider?.moderationStatus === 'APPROVED') {
        await updateProvider(social, provider.id, {
          moderation_status: 'SUSPENDED',
          moderation_note: `Нет в реестре поставщиков региона с ${since}: новых направлений не получает`,
        })
      }
      continue
    }
    const stated = attributesOf(change.after)
    const details = {
      name: change.after.name,
      side: stated.side,
      kind: stated.kind,
      inn: stated.inn,
      municipality_oktmo: stated.oktmo,
      address: stated.address,
      remote_delivery: stated.remote,
      phone: stated.phone,
      email: stated.email,
      website: stated.website,
    }
    const note = `Состояние из реестра поставщиков региона, загруженного с ${since}`
    let id: string
    if (!provider) {
      id = (
        await insertProvider(social, {
          ...details,
          ogrn: change.code,
          moderation_status: stated.status ?? 'PENDING',
          moderation_note: stated.status ? note : null,
        })
      ).id
    } else {
      const status = statedAnew(change)
      id = (
        await updateProvider(social, provider.id, {
          ...details,
          ...(status && status !== provider.moderationStatus
            ? { moderation_status: status, moderation_note: note }
            : {}),
        })
      ).id
    }
    await replaceProviderCoverage(social, id, { municipalities: stated.municipalities, services: stated.services })
  }
}

/**
 * The region's registry of early-help providers as it kept it before the hub: a CSV (or JSON) of `OGRN`, `INN`,
 * `NAME`, `KIND`, `SIDE`, `OKTMO`, `ADDRESS`, `REMOTE`, `MUNICIPALITIES`, `SERVICES` and the optional `STATUS`,
 * `PHONE`, `EMAIL`, `WEBSITE` (`samples/reference/providers.csv`). There is no federal format: each region keeps its
 * own registry, so the hub documents the columns it accepts.
 */
export const PROVIDERS_KIND: ReferenceKind = {
  code: 'providers',
  name: 'Реестр поставщиков',
  title: 'Реестр поставщиков услуг ранней помощи региона',
  source:
    'Действующий реестр поставщиков региона как CSV или JSON со столбцами OGRN, INN, NAME, KIND, SIDE, OKTMO, ADDRESS, REMOTE, MUNICIPALITIES, SERVICES и необязательными STATUS, PHONE, EMAIL, WEBSITE',
  formats: ['CSV', 'JSON'],
  attributeLabels: {
    inn: 'ИНН',
    kind: 'тип',
    side: 'ведомство',
    oktmo: 'ОКТМО',
    address: 'адрес',
    remote: 'дистанционно',
    municipalities: 'обслуживаемые МО',
    services: 'услуги',
    status: 'состояние в реестре региона',
    phone: 'телефон',
    email: 'эл. почта',
    website: 'сайт',
  },
  read: readProviders,
  check: checkProviders,
  apply: applyProviders,
}
