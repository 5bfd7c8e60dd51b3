import type { EducationSeedRows } from '../../subgraphs/education/src/db/seed.js'
import type { HealthSeedRows } from '../../subgraphs/health/src/db/seed.js'
import type { NgoSeedRows } from '../../subgraphs/ngo/src/db/seed.js'
import { readFileSync } from 'node:fs'
import type { Geometry, ProviderKind, Side, SpecialistRole } from '../../subgraphs/social/src/db/database.js'
import { demoStaffOf } from './staff.js'
import type { SocialSeedRows } from '../../subgraphs/social/src/db/seed.js'
import { formatSnils, innCheckDigit, ogrnCheckDigit, snilsCheckNumber } from '../../subgraphs/social/src/identifiers.js'
import { nameKey } from '../../subgraphs/social/src/names.js'
import {
  CHILD_NAMES,
  FATHER_NAMES,
  GRANDFATHER_NAMES,
  GRANDMOTHER_NAMES,
  MOTHER_NAMES,
  SURNAMES,
  patronymicOf,
  surnameOf,
  transliterate,
  type MaleName,
  type Sex,
} from './names.js'
import type { ServiceCode } from './catalogue.js'
import { addNgoActivity } from './ngo-activity.js'
import { PathwayWriter, StatusHistory, type PathwayReference, type ProviderRef } from './pathway.js'
import { addYears, DAY_MS, dayOf, isoOf, previousQuarterStart, referenceDayOf, russianDate, yearOf } from './days.js'
import { Random } from './random.js'

/**
 * The fictional «Заозёрская область»: eleven municipalities, the providers
 * of all four sides, the regional service catalogue, kindergartens, parent
 * groups, and as many children 0–3 of the early-help target group as asked,
 * each with a family and the facts every side holds about them.
 *
 * Everything is derived from one seed and a reference date ("today"), so the
 * same seed, date and number of children give byte-identical rows, and
 * the ids in the health, education and ngo parts are the ones social issued.
 */

export const DEFAULT_SEED = 20_261_101

/** Children per chunk: a chunk's rows of every side are inserted together and then dropped. */
export const DEFAULT_CHUNK_SIZE = 1000

/** Keeps the per-index СНИЛС permutation (479 001 599 × index) exact in double arithmetic. */
export const MAX_CHILDREN = 1_000_000

/** One slice of the region: the rows each subgraph's database receives. */
export interface RegionChunk {
  social: SocialSeedRows
  health: HealthSeedRows
  education: EducationSeedRows
  ngo: NgoSeedRows
}

export interface RegionOptions {
  children: number
  /** The reference date, YYYY-MM-DD: the region's births, pathway, sessions and staff lead up to it. */
  today: string
  seed?: number
  chunkSize?: number
}

export interface Region {
  /** Municipalities, the service catalogue, providers, kindergartens and parent groups: the same whatever the number of children. */
  reference: RegionChunk
  /** The children with their families and every side's facts, `chunkSize` children at a time; each call starts afresh. */
  chunks(): Generator<RegionChunk>
}

type Child = SocialSeedRows['children'][number]
type RegistryStatus = Child['registry_status']
type CriterionCode = SocialSeedRows['criteria'][number]['code']
type HealthGroup = HealthSeedRows['healthGroupAssessments'][number]['health_group']
type EventKind = HealthSeedRows['detectionEvents'][number]['kind']
type EventResult = HealthSeedRows['detectionEvents'][number]['result']
type RiskKind = HealthSeedRows['riskFactors'][number]['kind']
type Relation = SocialSeedRows['legalRepresentatives'][number]['relation']
type Member = SocialSeedRows['familyMembers'][number]
type ContactKind = SocialSeedRows['memberContacts'][number]['kind']
type PreschoolStatus = EducationSeedRows['preschoolApplications'][number]['status']
type GroupType = NonNullable<EducationSeedRows['preschoolApplications'][number]['group_type']>

/** 1 September, when kindergarten groups are filled, of the first year the child is at least `ageDays` old by then. */
function firstSeptemberAtAge(birthDay: number, ageDays: number) {
  let year = yearOf(birthDay)
  while (Date.UTC(year, 8, 1) / DAY_MS - birthDay < ageDays) year++
  return Date.UTC(year, 8, 1) / DAY_MS
}

const REGION_GENITIVE = 'Заозёрской области'
/** The region's two-digit code in the fictional ИНН/ОГРН and ОКТМО ranges. */
const REGION_CODE = '98'

interface MunicipalitySpec {
  oktmo: string
  name: string
  genitive: string
  adjective: string
  city: boolean
  /** Relative share of the region's births. */
  births: number
  /** Sparse and far from the regional centre: served mostly remotely. */
  remote: boolean
  /** The first is the administrative centre. */
  settlements: readonly string[]
}

const MUNICIPALITIES: readonly MunicipalitySpec[] = [
  {
    oktmo: '98701000',
    name: 'г. Светлогорск',
    genitive: 'г. Светлогорска',
    adjective: 'Светлогорская',
    city: true,
    births: 28,
    remote: false,
    settlements: ['г. Светлогорск'],
  },
  {
    oktmo: '98705000',
    name: 'г. Верхнекамск',
    genitive: 'г. Верхнекамска',
    adjective: 'Верхнекамская',
    city: true,
    births: 12,
    remote: false,
    settlements: ['г. Верхнекамск'],
  },
  {
    oktmo: '98710000',
    name: 'г. Лесогорск',
    genitive: 'г. Лесогорска',
    adjective: 'Лесогорская',
    city: true,
    births: 8,
    remote: false,
    settlements: ['г. Лесогорск'],
  },
  {
    oktmo: '98605000',
    name: 'Северо-Озёрский муниципальный район',
    genitive: 'Северо-Озёрского района',
    adjective: 'Северо-Озёрская',
    city: false,
    births: 9,
    remote: false,
    settlements: ['пгт Северо-Озёрск', 'с. Никольское', 'с. Покровка', 'д. Малые Ключи'],
  },
  {
    oktmo: '98610000',
    name: 'Южно-Озёрский муниципальный район',
    genitive: 'Южно-Озёрского района',
    adjective: 'Южно-Озёрская',
    city: false,
    births: 7,
    remote: false,
    settlements: ['г. Южноозёрск', 'с. Ивановка', 'с. Рыбачье', 'п. Заозёрный'],
  },
  {
    oktmo: '98615000',
    name: 'Берёзовский муниципальный район',
    genitive: 'Берёзовского района',
    adjective: 'Берёзовская',
    city: false,
    births: 6,
    remote: false,
    settlements: ['пгт Берёзово', 'с. Кедровка', 'д. Сосновка'],
  },
  {
    oktmo: '98620000',
    name: 'Заречный муниципальный район',
    genitive: 'Заречного района',
    adjective: 'Заречная',
    city: false,
    births: 8,
    remote: false,
    settlements: ['г. Заречный', 'с. Луговое', 'с. Троицкое', 'д. Речица'],
  },
  {
    oktmo: '98625000',
    name: 'Каменский муниципальный район',
    genitive: 'Каменского района',
    adjective: 'Каменская',
    city: false,
    births: 5,
    remote: true,
    settlements: ['с. Каменка', 'с. Горное', 'д. Утёсово'],
  },
  {
    oktmo: '98630000',
    name: 'Сосновоборский муниципальный район',
    genitive: 'Сосновоборского района',
    adjective: 'Сосновоборская',
    city: false,
    births: 6,
    remote: false,
    settlements: ['г. Сосновый Бор', 'с. Липовка', 'д. Боровое'],
  },
  {
    oktmo: '98635000',
    name: 'Тихореченский муниципальный район',
    genitive: 'Тихореченского района',
    adjective: 'Тихореченская',
    city: false,
    births: 4,
    remote: true,
    settlements: ['с. Тихоречье', 'с. Верхняя Тёша', 'д. Омутная'],
  },
  {
    oktmo: '98640000',
    name: 'Ключевской муниципальный район',
    genitive: 'Ключевского района',
    adjective: 'Ключевская',
    city: false,
    births: 3,
    remote: true,
    settlements: ['пгт Ключи', 'с. Северное', 'д. Кедровый Лог'],
  },
]

const CAPITAL = MUNICIPALITIES[0] as MunicipalitySpec

const socialServiceCentre = (municipality: MunicipalitySpec) =>
  `ГБУ СО «Комплексный центр социального обслуживания населения ${municipality.genitive}»`

const municipalityNamed = (name: string) => {
  const found = MUNICIPALITIES.find((municipality) => municipality.name === name)
  if (!found) throw new Error(`No municipality named ${name}`)
  return found
}

/** What each side's providers offer from the regional catalogue (the codes of the social migration's catalogue). */
const SERVICES_BY_SIDE: Readonly<Record<Side, readonly ServiceCode[]>> = {
  SOCIAL: [
    'NEED_DETERMINATION',
    'IPRP_DEVELOPMENT',
    'IPRP_REVIEW',
    'CONSULTATION',
    'DAILY_ROUTINES',
    'SELF_CARE',
    'SOCIAL_EMOTIONAL',
    'FAMILY_PSYCHOLOGICAL_SUPPORT',
    'PARENT_GROUP',
  ],
  HEALTH: ['NEED_DETERMINATION', 'IPRP_DEVELOPMENT', 'IPRP_REVIEW', 'MOBILITY', 'ASSISTIVE_TECHNOLOGY'],
  EDUCATION: [
    'NEED_DETERMINATION',
    'IPRP_DEVELOPMENT',
    'IPRP_REVIEW',
    'CONSULTATION',
    'COMMUNICATION_SPEECH',
    'COGNITIVE',
  ],
  NGO: [
    'CONSULTATION',
    'DAILY_ROUTINES',
    'COMMUNICATION_SPEECH',
    'MOBILITY',
    'SELF_CARE',
    'COGNITIVE',
    'SOCIAL_EMOTIONAL',
    'ASSISTIVE_TECHNOLOGY',
    'FAMILY_PSYCHOLOGICAL_SUPPORT',
    'PARENT_GROUP',
  ],
}

const PROVIDER_KIND: Readonly<Record<Side, ProviderKind>> = {
  SOCIAL: 'SOCIAL_SERVICE_CENTRE',
  HEALTH: 'MEDICAL_ORGANISATION',
  EDUCATION: 'PPMS_CENTRE',
  NGO: 'NON_PROFIT',
}

interface NgoSpec {
  name: string
  municipality: MunicipalitySpec
  remote: boolean
  groups: readonly { name: string; topic: Topic; municipality: MunicipalitySpec }[]
}

/** What a parent group is about, matched to a child's condition. */
export type Topic = 'PREMATURE' | 'DOWN' | 'HEARING' | 'MOTOR' | 'SPEECH' | 'GENERAL'

/** Run remotely: the group for families whose municipality has none. */
const ONLINE_GROUP = 'Онлайн-клуб для родителей „На связи“'

const NGOS: readonly NgoSpec[] = [
  {
    name: 'АНО «Центр ранней помощи „Шаг навстречу“»',
    municipality: CAPITAL,
    remote: true,
    groups: [
      {
        name: 'Группа поддержки родителей недоношенных детей „Маленькое чудо“',
        topic: 'PREMATURE',
        municipality: CAPITAL,
      },
      { name: ONLINE_GROUP, topic: 'GENERAL', municipality: CAPITAL },
      { name: 'Школа для родителей детей с нарушениями слуха', topic: 'HEARING', municipality: CAPITAL },
    ],
  },
  {
    name: 'Региональная общественная организация родителей детей-инвалидов «Солнечный круг»',
    municipality: CAPITAL,
    remote: false,
    groups: [
      { name: 'Родительский клуб „Солнечные дети“', topic: 'DOWN', municipality: CAPITAL },
      { name: 'Клуб семей детей с ДЦП „Шаг за шагом“', topic: 'MOTOR', municipality: CAPITAL },
      {
        name: 'Родительский клуб „Солнечные дети“ (Верхнекамск)',
        topic: 'DOWN',
        municipality: municipalityNamed('г. Верхнекамск'),
      },
    ],
  },
  {
    name: 'Благотворительный фонд «Открытые ладони»',
    municipality: CAPITAL,
    remote: true,
    groups: [
      { name: 'Группа взаимопомощи „Мамы особых детей“', topic: 'GENERAL', municipality: CAPITAL },
      {
        name: 'Группа взаимопомощи „Мамы особых детей“ (Каменка)',
        topic: 'GENERAL',
        municipality: municipalityNamed('Каменский муниципальный район'),
      },
    ],
  },
  {
    name: 'АНО «Особое детство»',
    municipality: municipalityNamed('г. Верхнекамск'),
    remote: true,
    groups: [
      {
        name: 'Родительский клуб „Особое детство“',
        topic: 'GENERAL',
        municipality: municipalityNamed('г. Верхнекамск'),
      },
      { name: 'Клуб „Говорим вместе“', topic: 'SPEECH', municipality: municipalityNamed('г. Верхнекамск') },
    ],
  },
  {
    name: 'АНО социальных услуг «Радуга»',
    municipality: municipalityNamed('г. Лесогорск'),
    remote: false,
    groups: [
      { name: 'Родительская гостиная „Радуга“', topic: 'GENERAL', municipality: municipalityNamed('г. Лесогорск') },
      {
        name: 'Группа поддержки семей „Радуга“ (Сосновый Бор)',
        topic: 'GENERAL',
        municipality: municipalityNamed('Сосновоборский муниципальный район'),
      },
    ],
  },
  {
    name: 'АНО «Семейный центр „Берёзка“»',
    municipality: municipalityNamed('Берёзовский муниципальный район'),
    remote: false,
    groups: [
      {
        name: 'Клуб молодой семьи „Берёзка“',
        topic: 'GENERAL',
        municipality: municipalityNamed('Берёзовский муниципальный район'),
      },
      {
        name: 'Выездная родительская группа „Берёзка“ (Тихоречье)',
        topic: 'GENERAL',
        municipality: municipalityNamed('Тихореченский муниципальный район'),
      },
    ],
  },
  {
    name: 'Местная общественная организация «Родительский клуб „Вместе“»',
    municipality: municipalityNamed('Заречный муниципальный район'),
    remote: false,
    groups: [
      {
        name: 'Родительский клуб „Вместе“',
        topic: 'GENERAL',
        municipality: municipalityNamed('Заречный муниципальный район'),
      },
      {
        name: 'Родительский клуб „Вместе“ (Южноозёрск)',
        topic: 'GENERAL',
        municipality: municipalityNamed('Южно-Озёрский муниципальный район'),
      },
    ],
  },
]

/** Children's homes: the ORPHAN_INSTITUTION children live there and have no family record. */
const ORPHAN_INSTITUTIONS: readonly { name: string; municipality: MunicipalitySpec }[] = [
  { name: 'ГКУЗ «Специализированный дом ребёнка»', municipality: CAPITAL },
  {
    name: 'ГКУ «Лесогорский центр содействия семейному воспитанию»',
    municipality: municipalityNamed('г. Лесогорск'),
  },
]

const PERINATAL_CENTRE = 'ГБУЗ «Областной перинатальный центр»'
const CHILDREN_HOSPITAL = 'ГБУЗ «Областная детская клиническая больница»'
const SCREENING_LAB = `Медико-генетическая консультация ${CHILDREN_HOSPITAL}`
const HEARING_CENTRE = `Центр реабилитации слуха ${CHILDREN_HOSPITAL}`

const KINDERGARTEN_NICKNAMES = [
  'Солнышко',
  'Ромашка',
  'Колокольчик',
  'Теремок',
  'Родничок',
  'Берёзка',
  'Радуга',
  'Сказка',
  'Золотой ключик',
  'Звёздочка',
  'Алёнушка',
  'Журавушка',
  'Колосок',
  'Светлячок',
]

const STREETS = [
  'ул. Ленина',
  'ул. Советская',
  'ул. Садовая',
  'ул. Молодёжная',
  'ул. Школьная',
  'ул. Лесная',
  'ул. Центральная',
  'ул. Мира',
  'ул. Набережная',
  'ул. Озёрная',
  'ул. Гагарина',
  'ул. Строителей',
  'пр. Победы',
  'ул. Пушкина',
  'ул. Заводская',
  'ул. Полевая',
  'ул. Берёзовая',
  'ул. Северная',
]

const MOBILE_CODES = [
  '900',
  '902',
  '904',
  '908',
  '912',
  '914',
  '922',
  '924',
  '950',
  '951',
  '953',
  '961',
  '964',
  '977',
  '982',
  '996',
  '999',
]

/** RFC 2606 domains: synthetic addresses must never reach a real mailbox. */
const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net']

interface KindergartenRef {
  id: string
  kind: 'GENERAL' | 'COMBINED' | 'COMPENSATORY'
}

interface GroupRef {
  id: string
  name: string
  oktmo: string
  topic: Topic
}

/** What the household generator needs to know about the reference data, by municipality. */
interface ReferenceIndex {
  kindergartens: Map<string, KindergartenRef[]>
  providers: ProviderRef[]
  groups: GroupRef[]
  onlineGroup: GroupRef
  clinics: Map<string, string>
  maternities: Map<string, string>
  snilsOffset: number
  /** The day of the reference date: every date of the region is computed against it. */
  today: number
}

/**
 * The fictional boundaries of the municipalities (`npm run boundaries` makes them from the municipalities above);
 * read from the file, so that the generator can use this region without a cycle.
 */
const BOUNDARIES = new Map(
  (
    JSON.parse(readFileSync(new URL('./boundaries.json', import.meta.url), 'utf8')) as {
      features: { properties: { oktmo: string }; geometry: Geometry }[]
    }
  ).features.map((feature) => [feature.properties.oktmo, feature.geometry]),
)

function buildReference(random: Random, today: number): { rows: RegionChunk; index: ReferenceIndex } {
  const rows = emptyChunk()
  rows.social.municipalities = MUNICIPALITIES.map(({ oktmo, name, remote }) => ({
    oktmo,
    name,
    remote,
    boundary: BOUNDARIES.has(oktmo) ? JSON.stringify(BOUNDARIES.get(oktmo)) : null,
  }))

  const providers: ProviderRef[] = []
  // Spaced serial numbers keep every ИНН and ОГРН unique while the digits still look random.
  const addProvider = (name: string, side: Side, municipality: MunicipalitySpec, remote: boolean) => {
    const index = rows.social.providers.length
    const office = String(MUNICIPALITIES.indexOf(municipality) + 1).padStart(2, '0')
    const innBody = `${REGION_CODE}${office}${10_000 + index * 311 + random.int(0, 300)}`
    const registered = String(random.int(2, 23)).padStart(2, '0')
    const ogrnBody = `1${registered}${REGION_CODE}${office}${10_000 + index * 457 + random.int(0, 400)}`
    const id = random.uuid()
    rows.social.providers.push({
      id,
      name,
      side,
      kind: PROVIDER_KIND[side],
      inn: innBody + innCheckDigit(innBody),
      ogrn: ogrnBody + ogrnCheckDigit(ogrnBody),
      municipality_oktmo: municipality.oktmo,
      remote_delivery: remote,
    })
    // A provider that works remotely serves the whole region; the others serve their own municipality.
    const serves = (remote ? MUNICIPALITIES : [municipality]).map((served) => served.oktmo)
    for (const oktmo of serves) rows.social.providerMunicipalities.push({ provider_id: id, municipality_oktmo: oktmo })
    for (const code of SERVICES_BY_SIDE[side])
      rows.social.providerServices.push({ provider_id: id, service_code: code })
    providers.push({
      id,
      name,
      side,
      oktmo: municipality.oktmo,
      remote,
      serves: new Set(serves),
      services: new Set(SERVICES_BY_SIDE[side]),
    })
    return id
  }

  const clinics = new Map<string, string>()
  const maternities = new Map<string, string>()
  addProvider(`ГАУ СО «Региональный ресурсный центр ранней помощи ${REGION_GENITIVE}»`, 'SOCIAL', CAPITAL, true)
  addProvider(CHILDREN_HOSPITAL, 'HEALTH', CAPITAL, true)
  addProvider(PERINATAL_CENTRE, 'HEALTH', CAPITAL, false)
  addProvider('ГБОУ «Областной центр диагностики и консультирования»', 'EDUCATION', CAPITAL, true)
  for (const municipality of MUNICIPALITIES) {
    addProvider(socialServiceCentre(municipality), 'SOCIAL', municipality, municipality.remote || random.chance(0.3))
    const clinic = municipality.city
      ? `ГБУЗ «${municipality.adjective} детская городская поликлиника»`
      : `ГБУЗ «${municipality.adjective} центральная районная больница»`
    addProvider(clinic, 'HEALTH', municipality, false)
    clinics.set(municipality.oktmo, clinic)
    maternities.set(
      municipality.oktmo,
      municipality.city ? `ГБУЗ «${municipality.adjective} городской родильный дом»` : clinic,
    )
    if (municipality.city || municipality.births >= 8) {
      addProvider(
        `ГБУ «Центр психолого-педагогической, медицинской и социальной помощи ${municipality.genitive}»`,
        'EDUCATION',
        municipality,
        random.chance(0.5),
      )
    }
  }

  const groups: GroupRef[] = []
  for (const ngo of NGOS) {
    const id = addProvider(ngo.name, 'NGO', ngo.municipality, ngo.remote)
    for (const group of ngo.groups) {
      const groupId = random.uuid()
      rows.ngo.parentGroups.push({
        id: groupId,
        provider_id: id,
        name: group.name,
        municipality_oktmo: group.municipality.oktmo,
      })
      groups.push({ id: groupId, name: group.name, oktmo: group.municipality.oktmo, topic: group.topic })
    }
  }
  const onlineGroup = groups.find((group) => group.name === ONLINE_GROUP)
  if (!onlineGroup) throw new Error(`The parent group ${ONLINE_GROUP} is missing from the NGO list`)

  const kindergartens = new Map<string, KindergartenRef[]>()
  for (const municipality of MUNICIPALITIES) {
    const list: KindergartenRef[] = []
    let number = 0
    const count = Math.max(2, Math.round(municipality.births * 0.9))
    for (let i = 0; i < count; i++) {
      number += random.int(1, 4)
      const kind = random.weighted<KindergartenRef['kind']>([
        ['GENERAL', 75],
        ['COMBINED', 20],
        ['COMPENSATORY', municipality.city ? 5 : 0],
      ])
      const nickname = random.pick(KINDERGARTEN_NICKNAMES)
      const name =
        kind === 'COMPENSATORY'
          ? `МБДОУ «Детский сад компенсирующего вида № ${number}»`
          : kind === 'COMBINED'
            ? `МБДОУ «Детский сад комбинированного вида № ${number} „${nickname}“»`
            : municipality.city
              ? `МБДОУ «Детский сад № ${number} „${nickname}“»`
              : `МБДОУ «Детский сад „${nickname}“ ${random.pick(municipality.settlements)}»`
      const id = random.uuid()
      // The department's code is the kindergarten's ИНН, numbered apart from the providers' so none is shared.
      const office = String(MUNICIPALITIES.indexOf(municipality) + 1).padStart(2, '0')
      const innBody = `${REGION_CODE}${office}${60_000 + rows.education.kindergartens.length}`
      const code = innBody + innCheckDigit(innBody)
      rows.education.kindergartens.push({ id, code, name, municipality_oktmo: municipality.oktmo })
      list.push({ id, kind })
    }
    kindergartens.set(municipality.oktmo, list)
  }

  return {
    rows,
    index: {
      kindergartens,
      providers,
      groups,
      onlineGroup,
      clinics,
      maternities,
      snilsOffset: random.int(0, 899_999_999),
      today,
    },
  }
}

type EarlyHelpUnit = EducationSeedRows['earlyHelpUnits'][number]

/** The early-help units' ids by the municipality of their kindergarten. */
function unitsByMunicipality(education: EducationSeedRows) {
  const municipalityOf = new Map(
    education.kindergartens.map((kindergarten) => [kindergarten.id, kindergarten.municipality_oktmo]),
  )
  const units = new Map<string, string[]>()
  for (const unit of education.earlyHelpUnits) {
    const oktmo = municipalityOf.get(unit.kindergarten_id) as string
    units.set(oktmo, [...(units.get(oktmo) ?? []), unit.id])
  }
  return units
}

/** A kindergarten has at most one unit of each form: its code in the department's file is the form's abbreviation. */
const UNIT_CODES: Readonly<Record<EarlyHelpUnit['kind'], string>> = {
  CONSULTATION_POINT: 'КП',
  LEKOTEKA: 'ЛЕК',
  SHORT_STAY_GROUP: 'ГКП',
  EARLY_HELP_SERVICE: 'СРП',
}

/**
 * The kindergartens' early-help units (консультационный пункт, лекотека, группа кратковременного пребывания, служба
 * ранней помощи). They draw on a random stream of their own, so that adding them left every other row as it was.
 */
function buildEarlyHelpUnits(random: Random, index: ReferenceIndex) {
  const units: EarlyHelpUnit[] = []
  const add = (kindergartenId: string, kind: EarlyHelpUnit['kind'], title: string) =>
    units.push({ id: random.uuid(), kindergarten_id: kindergartenId, kind, title, code: UNIT_CODES[kind] })
  for (const kindergartens of index.kindergartens.values()) {
    for (const kindergarten of kindergartens) {
      // Kindergartens with groups for children with ОВЗ have the specialists a service of early help needs.
      if (kindergarten.kind !== 'GENERAL' && random.chance(0.7))
        add(kindergarten.id, 'EARLY_HELP_SERVICE', 'Служба ранней помощи')
      if (random.chance(0.4)) {
        add(kindergarten.id, 'CONSULTATION_POINT', 'Консультационный пункт для родителей детей раннего возраста')
      }
      if (random.chance(0.1)) add(kindergarten.id, 'LEKOTEKA', `Лекотека «${random.pick(KINDERGARTEN_NICKNAMES)}»`)
      if (random.chance(0.15)) {
        add(kindergarten.id, 'SHORT_STAY_GROUP', 'Группа кратковременного пребывания для детей раннего возраста')
      }
    }
  }
  return units
}

/**
 * The roles each side's providers employ: every role the catalogue requires for the services that side offers
 * (SERVICES_BY_SIDE), and some the Standard recommends. The seed test checks them against the migrated catalogue.
 */
const STAFF_BY_SIDE: Readonly<Record<Side, readonly SpecialistRole[]>> = {
  SOCIAL: ['SOCIAL_WORKER', 'PSYCHOLOGIST', 'DEFECTOLOGIST', 'SPEECH_THERAPIST', 'OCCUPATIONAL_THERAPIST'],
  HEALTH: [
    'PAEDIATRICIAN',
    'NEUROLOGIST',
    'PSYCHOLOGIST',
    'DEFECTOLOGIST',
    'SPEECH_THERAPIST',
    'ADAPTIVE_PE_INSTRUCTOR',
    'OCCUPATIONAL_THERAPIST',
    'NURSE',
  ],
  EDUCATION: ['PSYCHOLOGIST', 'DEFECTOLOGIST', 'SPEECH_THERAPIST', 'EDUCATOR'],
  NGO: [
    'SOCIAL_WORKER',
    'PSYCHOLOGIST',
    'DEFECTOLOGIST',
    'SPEECH_THERAPIST',
    'ADAPTIVE_PE_INSTRUCTOR',
    'OCCUPATIONAL_THERAPIST',
  ],
}

/** Roles that providers outside the regional centre often cannot fill: the providers the hub flags. */
const SCARCE_ROLES: ReadonlySet<SpecialistRole> = new Set([
  'DEFECTOLOGIST',
  'SPEECH_THERAPIST',
  'ADAPTIVE_PE_INSTRUCTOR',
  'OCCUPATIONAL_THERAPIST',
])

interface Course {
  title: string
  /** Academic hours. */
  hours: number
  /** Whom the course is for; every role when absent. */
  roles?: readonly SpecialistRole[]
}

/** Courses of повышение квалификации in early help. */
const COURSES: readonly Course[] = [
  { title: 'Организация и содержание ранней помощи детям и их семьям', hours: 72 },
  { title: 'Оценка функционирования ребёнка раннего возраста на основе МКФ-ДП', hours: 36 },
  { title: 'Разработка и реализация индивидуальной программы ранней помощи', hours: 72 },
  { title: 'Семейно-центрированный подход в ранней помощи', hours: 24 },
  { title: 'Профессиональная переподготовка «Специалист в области ранней помощи детям и их семьям»', hours: 260 },
  {
    title: 'Альтернативная и дополнительная коммуникация для детей раннего возраста',
    hours: 36,
    roles: ['SPEECH_THERAPIST', 'DEFECTOLOGIST'],
  },
  {
    title: 'Двигательное развитие и позиционирование детей с нарушениями движений',
    hours: 72,
    roles: ['ADAPTIVE_PE_INSTRUCTOR'],
  },
  {
    title: 'Эрготерапия в ранней помощи: самообслуживание и ассистивные технологии',
    hours: 72,
    roles: ['OCCUPATIONAL_THERAPIST'],
  },
  { title: 'Поддержка семьи в трудной жизненной ситуации', hours: 36, roles: ['SOCIAL_WORKER', 'PSYCHOLOGIST'] },
  {
    title: 'Ранняя диагностика нарушений развития у детей первых трёх лет жизни',
    hours: 36,
    roles: ['PAEDIATRICIAN', 'NEUROLOGIST'],
  },
]

type SideSeedRows = RegionChunk[Lowercase<Side>]

/**
 * The specialists of every provider, each in the database of the provider's side, with their training. Most providers
 * employ every role their services need; outside the regional centre a scarce role is sometimes vacant, its last
 * holder gone, and that provider is one the hub flags. A random stream of their own keeps every other row as it was.
 */
function addStaffing(random: Random, reference: RegionChunk, today: number) {
  const sideRows = (side: Side): SideSeedRows => reference[side.toLowerCase() as Lowercase<Side>]
  for (const provider of reference.social.providers) {
    const rows = sideRows(provider.side)
    const central = provider.municipality_oktmo === CAPITAL.oktmo
    let personnelNumber = random.int(1, 400)
    const employ = (role: SpecialistRole, from: number, until: number | null) => {
      const id = random.uuid()
      rows.specialists.push({
        id,
        provider_id: provider.id,
        personnel_number: String(personnelNumber++).padStart(4, '0'),
        role,
        employed_from: isoOf(from),
        employed_until: until === null ? null : isoOf(until),
      })
      const courses = COURSES.filter((course) => !course.roles || course.roles.includes(role))
      const last = until ?? today
      for (let i = random.int(0, 3); i > 0; i--) {
        const course = random.pick(courses)
        rows.specialistTrainings.push({
          id: random.uuid(),
          specialist_id: id,
          course: course.title,
          hours: course.hours,
          // Some courses were taken before this job; none after it ended.
          completed_on: isoOf(random.int(Math.max(from - 730, last - 3650), last)),
          certificate_number: random.digits(12),
        })
      }
    }
    for (const role of STAFF_BY_SIDE[provider.side]) {
      const hired = () => today - random.int(60, 15 * 365)
      if (!central && SCARCE_ROLES.has(role) && random.chance(0.1)) {
        // Vacant: the last holder has left and nobody has been taken on since.
        const from = hired()
        employ(role, from, random.int(from, today - 30))
        continue
      }
      for (let i = central ? random.int(1, 3) : 1; i > 0; i--) employ(role, hired(), null)
      if (random.chance(0.1)) {
        const from = hired()
        employ(role, from, random.int(from, today - 1))
      }
    }
  }
}

/** A chunk with no rows, to be filled. */
export function emptyChunk(): RegionChunk {
  return {
    social: {
      municipalities: [],
      providerMunicipalities: [],
      providerServices: [],
      providers: [],
      families: [],
      familyMembers: [],
      legalRepresentatives: [],
      memberContacts: [],
      familySituations: [],
      children: [],
      criteria: [],
      statusChanges: [],
      possibleDuplicates: [],
      referrals: [],
      referralPauses: [],
      programmes: [],
      staffMembers: [],
      programmeLeads: [],
      programmeGoals: [],
      programmeServices: [],
      programmeReviews: [],
      programmeReviewRatings: [],
      sessions: [],
      consents: [],
      specialists: [],
      specialistTrainings: [],
    },
    health: {
      healthGroupAssessments: [],
      detectionEvents: [],
      diagnoses: [],
      riskFactors: [],
      dispensaryObservations: [],
      rehabilitationEpisodes: [],
      rehabilitationSessions: [],
      signalOutbox: [],
      specialists: [],
      specialistTrainings: [],
    },
    education: {
      kindergartens: [],
      earlyHelpUnits: [],
      pmpkConclusions: [],
      preschoolApplications: [],
      sessions: [],
      signalOutbox: [],
      specialists: [],
      specialistTrainings: [],
    },
    ngo: {
      parentGroups: [],
      sessions: [],
      parentGroupParticipations: [],
      parentGroupMeetings: [],
      volunteers: [],
      volunteerHours: [],
      specialists: [],
      specialistTrainings: [],
    },
  }
}

/**
 * Running numbers of documents, per series and year, so that decision and
 * conclusion numbers never repeat. A series starts at a random number: the
 * commission also decided on children outside the target group.
 */
class DocumentNumbers {
  private readonly next = new Map<string, number>()

  constructor(private readonly random: Random) {}

  take(series: string, day: number) {
    const key = `${series}-${yearOf(day)}`
    const number = this.next.get(key) ?? this.random.int(1, 150)
    this.next.set(key, number + 1)
    return `${key}/${number}`
  }
}

interface Situation {
  id: string
  kind: 'TJS' | 'SOP'
  number: string
  decided: number
  ended: number | null
}

interface ChildDraft {
  index: number
  birth: number
  sex: Sex
  lastName: string
  firstName: string
  patronymic: string | null
  municipality: MunicipalitySpec
  familyId: string | null
  /** The family's legal representatives, the one who usually signs first. */
  representativeIds: readonly string[]
  situations: readonly Situation[]
  /** Set for a child in a children's home: the home, the day of placement and the order's number. */
  placement: { institution: string; day: number; document: string } | null
  /** Twins share a birth day and, mostly, a condition. */
  twinOf: Profile | null
}

interface ChildOutcome {
  profile: Profile
  registered: number
  status: RegistryStatus
  topic: Topic
}

type Profile =
  | 'PREMATURE'
  | 'PERINATAL_CNS'
  | 'CEREBRAL_PALSY'
  | 'DOWN_SYNDROME'
  | 'HEARING_LOSS'
  | 'SCREENED_DISORDER'
  | 'HEART_DEFECT'
  | 'NEURAL_MALFORMATION'
  | 'SPEECH_DELAY'
  | 'AUTISM'
  | 'PARENT_CONCERN'
  | 'SOCIAL_RISK'

const PROFILE_WEIGHTS: readonly (readonly [Profile, number])[] = [
  ['PREMATURE', 20],
  ['PERINATAL_CNS', 14],
  ['CEREBRAL_PALSY', 4],
  ['DOWN_SYNDROME', 3],
  ['HEARING_LOSS', 4],
  ['SCREENED_DISORDER', 2],
  ['HEART_DEFECT', 4],
  ['NEURAL_MALFORMATION', 3],
  ['SPEECH_DELAY', 15],
  ['AUTISM', 2],
  ['PARENT_CONCERN', 12],
  ['SOCIAL_RISK', 10],
]

const PROGRAMME_STATUSES: readonly RegistryStatus[] = ['PROGRAMME_ACTIVE', 'COMPLETED', 'EXITED']

type PmpkCategory = 'SPEECH' | 'HEARING' | 'MOTOR' | 'INTELLECTUAL' | 'AUTISM' | 'GENERAL'

const PMPK_CONDITIONS: Readonly<Record<PmpkCategory, readonly string[]>> = {
  SPEECH: [
    'Адаптированная образовательная программа для обучающихся с тяжёлыми нарушениями речи',
    'Занятия с учителем-логопедом',
    'Сопровождение педагога-психолога',
  ],
  HEARING: [
    'Адаптированная образовательная программа для глухих и слабослышащих обучающихся',
    'Занятия с учителем-дефектологом (сурдопедагогом)',
    'Использование индивидуальных слуховых аппаратов',
  ],
  MOTOR: [
    'Адаптированная образовательная программа для обучающихся с нарушениями опорно-двигательного аппарата',
    'Услуги ассистента (помощника)',
    'Занятия с инструктором по адаптивной физической культуре',
  ],
  INTELLECTUAL: [
    'Адаптированная образовательная программа для обучающихся с умственной отсталостью',
    'Занятия с учителем-дефектологом (олигофренопедагогом)',
    'Сопровождение педагога-психолога',
  ],
  AUTISM: [
    'Адаптированная образовательная программа для обучающихся с расстройствами аутистического спектра',
    'Услуги тьютора',
    'Сопровождение педагога-психолога',
  ],
  GENERAL: ['Сопровождение педагога-психолога', 'Занятия с учителем-дефектологом'],
}

const PMPK_COMMISSIONS: Readonly<Record<string, { name: string; series: string }>> = {
  '98705000': { name: 'Территориальная ПМПК г. Верхнекамска', series: 'ТПМПК-В' },
  '98710000': { name: 'Территориальная ПМПК г. Лесогорска', series: 'ТПМПК-Л' },
}
const CENTRAL_PMPK = { name: `Центральная ПМПК ${REGION_GENITIVE}`, series: 'ЦПМПК' }

/**
 * One child's story: the signals, diagnoses and criteria of their condition
 * written as rows of every side. Facts dated after the reference date have
 * not happened yet and are dropped as they are recorded.
 */
class ChildStory {
  readonly id: string
  criteriaCount = 0
  /** A ПМПК found that the child needs special conditions of education. */
  ovz = false
  firstSignal = Number.POSITIVE_INFINITY
  /** The criterion of the first signal: whence the child was referred. */
  firstCriterion: { code: CriterionCode; source: Side } | null = null
  readonly diagnoses: { code: string; day: number }[] = []
  /** The last day any side recorded a fact about the child. */
  lastFact = Number.NEGATIVE_INFINITY
  private readonly assessments: { day: number; group: HealthGroup }[] = []
  private disabledSince: number | null = null

  constructor(
    private readonly random: Random,
    private readonly numbers: DocumentNumbers,
    readonly index: ReferenceIndex,
    private readonly chunk: RegionChunk,
    readonly draft: ChildDraft,
  ) {
    this.id = random.uuid()
  }

  get birth() {
    return this.draft.birth
  }
  get today() {
    return this.index.today
  }
  get age() {
    return this.today - this.draft.birth
  }
  get clinic() {
    return this.index.clinics.get(this.draft.municipality.oktmo) ?? CHILDREN_HOSPITAL
  }
  get disabled() {
    return this.disabledSince !== null
  }

  private noteFact(day: number) {
    this.lastFact = Math.max(this.lastFact, day)
  }

  criterion(
    code: CriterionCode,
    source: Side,
    document: string,
    validFrom: number,
    validTo: number | null = null,
    evidenceDay = validFrom,
    familySituationId: string | null = null,
  ) {
    if (validFrom > this.today || (validTo !== null && validTo < validFrom)) return
    const evidence = Math.min(evidenceDay, this.today)
    this.chunk.social.criteria.push({
      id: this.random.uuid(),
      child_id: this.id,
      code,
      source,
      evidence_document: document,
      evidence_date: isoOf(evidence),
      valid_from: isoOf(validFrom),
      valid_to: validTo === null ? null : isoOf(validTo),
      family_situation_id: familySituationId,
    })
    this.criteriaCount++
    if (validFrom < this.firstSignal) {
      this.firstSignal = validFrom
      this.firstCriterion = { code, source }
    }
    this.noteFact(Math.max(validFrom, evidence))
  }

  diagnosis(code: string, day: number, primary: boolean) {
    if (day > this.today) return
    this.diagnoses.push({ code, day })
    this.noteFact(day)
    this.chunk.health.diagnoses.push({
      id: this.random.uuid(),
      child_id: this.id,
      icd10_code: code,
      diagnosed_on: isoOf(day),
      is_primary: primary,
    })
  }

  event(kind: EventKind, result: EventResult, day: number, organisation: string) {
    if (day > this.today) return
    this.noteFact(day)
    this.chunk.health.detectionEvents.push({
      id: this.random.uuid(),
      child_id: this.id,
      kind,
      result,
      occurred_on: isoOf(day),
      organisation,
    })
  }

  risk(kind: RiskKind, day: number, details: string | null) {
    if (day > this.today) return
    this.noteFact(day)
    this.chunk.health.riskFactors.push({
      id: this.random.uuid(),
      child_id: this.id,
      kind,
      noted_on: isoOf(day),
      details,
    })
  }

  /** The health group at the first month's examination and at the one-year examination. */
  healthGroups(first: HealthGroup, later: HealthGroup = first) {
    const severe = first === 'IV' || first === 'V'
    this.assessments.push({
      day: this.birth + (severe ? this.random.int(7, 14) : this.random.int(28, 35)),
      group: first,
    })
    this.assessments.push({ day: this.birth + this.random.int(365, 385), group: later })
  }

  /** An МСЭ decision: the child becomes ребёнок-инвалид, health group V from then on. */
  disability(day: number, untilAdulthood: boolean) {
    if (day > this.today) return
    this.disabledSince = day
    const validTo = untilAdulthood ? addYears(this.birth, 18) - 1 : addYears(day, this.random.pick([1, 2])) - 1
    this.criterion('DISABLED_CHILD', 'SOCIAL', `Справка МСЭ-${yearOf(day)} № ${this.random.digits(7)}`, day, validTo)
    this.assessments.push({ day: day + this.random.int(5, 30), group: 'V' })
  }

  /** Writes the assessments that have happened and the HEALTH_GROUP_IV_V criterion they justify. */
  finishHealthGroups() {
    const done = this.assessments
      .filter((assessment) => assessment.day <= this.today)
      .sort((a, b) => a.day - b.day)
      .map((assessment) =>
        this.disabledSince !== null && assessment.day >= this.disabledSince
          ? { ...assessment, group: 'V' as const }
          : assessment,
      )
    for (const { day, group } of done) {
      this.noteFact(day)
      this.chunk.health.healthGroupAssessments.push({
        id: this.random.uuid(),
        child_id: this.id,
        health_group: group,
        assessed_on: isoOf(day),
      })
    }
    // The criterion covers each run of IV/V assessments; a run the child left is kept, closed, as history.
    let runStart: number | null = null
    let runLast = 0
    for (const { day, group } of done) {
      const severe = group === 'IV' || group === 'V'
      if (severe) {
        runStart ??= day
        runLast = day
      } else if (runStart !== null) {
        this.healthGroupCriterion(runStart, day - 1, runLast)
        runStart = null
      }
    }
    if (runStart !== null) this.healthGroupCriterion(runStart, null, runLast)
  }

  private healthGroupCriterion(from: number, to: number | null, evidence: number) {
    this.criterion(
      'HEALTH_GROUP_IV_V',
      'HEALTH',
      `Карта профилактического осмотра несовершеннолетнего (ф. 030-ПО/у-17) № ${this.random.digits(6)}`,
      from,
      to,
      evidence,
    )
  }

  /** A ПМПК conclusion; with special conditions it makes the child OVZ_PMPK. */
  pmpk(category: PmpkCategory, earliest: number, specialConditions: boolean) {
    const from = Math.max(earliest, this.birth + 540)
    if (from > this.today) return
    const day = this.random.int(from, Math.min(this.today, from + 240))
    const commission = PMPK_COMMISSIONS[this.draft.municipality.oktmo] ?? CENTRAL_PMPK
    const number = this.numbers.take(commission.series, day)
    const conditions = PMPK_CONDITIONS[category]
    this.noteFact(day)
    this.chunk.education.pmpkConclusions.push({
      id: this.random.uuid(),
      child_id: this.id,
      number,
      commission: commission.name,
      concluded_on: isoOf(day),
      needs_special_conditions: specialConditions,
      recommended_programme: specialConditions ? 'ADAPTED' : 'GENERAL',
      recommended_conditions: specialConditions ? conditions.slice(0, this.random.int(2, conditions.length)) : [],
    })
    if (specialConditions) {
      this.ovz = true
      this.criterion('OVZ_PMPK', 'EDUCATION', `Заключение ПМПК № ${number}`, day)
    }
  }
}

/** Picks a condition the child can already show at their age, and whether it fits the family. */
function chooseProfile(random: Random, draft: ChildDraft, age: number): Profile {
  if (draft.twinOf && random.chance(0.8)) return draft.twinOf
  const socialWeight = draft.situations.length > 0 ? 40 : 0
  const profile = random.weighted(
    PROFILE_WEIGHTS.map(([name, weight]) => [name, name === 'SOCIAL_RISK' ? socialWeight : weight] as const),
  )
  // Cerebral palsy is not diagnosed before about eight months, a speech delay before nine, autism before eighteen.
  if (profile === 'CEREBRAL_PALSY' && age < 240) return 'PERINATAL_CNS'
  if (profile === 'SPEECH_DELAY' && age < 270) return 'PARENT_CONCERN'
  if (profile === 'AUTISM' && age < 540) return 'PARENT_CONCERN'
  return profile
}

interface Condition {
  /** Catalogue services that suit the condition, for the sessions the child receives. */
  services: readonly ServiceCode[]
  topic: Topic
}

/** Writes the child's condition as every side records it. */
function tellCondition(story: ChildStory, random: Random, profile: Profile): Condition {
  const { birth, age } = story
  const female = story.draft.sex === 'FEMALE'
  const neurologist = `Заключение врача-невролога № ${random.digits(5)}`

  // Every newborn is screened in the maternity: audiology on day 3, the 36-disease blood test on day 4 (day 7 if preterm).
  const maternity = story.index.maternities.get(story.draft.municipality.oktmo) ?? PERINATAL_CENTRE
  const preterm = profile === 'PREMATURE'
  const hearingPositive = profile === 'HEARING_LOSS'
  const screeningPositive = profile === 'SCREENED_DISORDER'
  // A few healthy newborns fail the first audiology test too and pass the retest a month later.
  const falsePositive = !hearingPositive && random.chance(0.03)
  story.event(
    'AUDIOLOGY_SCREENING',
    hearingPositive || falsePositive ? 'POSITIVE' : 'NEGATIVE',
    birth + 3,
    preterm ? PERINATAL_CENTRE : maternity,
  )
  if (falsePositive) story.event('AUDIOLOGY_SCREENING', 'NEGATIVE', birth + random.int(28, 40), HEARING_CENTRE)
  story.event(
    'NEONATAL_SCREENING',
    screeningPositive ? 'POSITIVE' : 'NEGATIVE',
    birth + (preterm ? 7 : 4),
    SCREENING_LAB,
  )
  story.event('PAEDIATRIC_VISIT', null, birth + random.int(28, 35), story.clinic)
  if (age > 400) story.event('PAEDIATRIC_VISIT', null, birth + random.int(365, 390), story.clinic)

  if (random.chance(0.05))
    story.risk(
      'HEREDITARY_BURDEN',
      birth + 1,
      random.pick([
        'Отягощённый наследственный анамнез по эпилепсии',
        'Нарушения слуха у родственников первой степени',
        'Задержка речевого развития у сибсов',
      ]),
    )
  if (random.chance(0.04))
    story.risk(
      'INTRAUTERINE_INFECTION',
      birth + 2,
      random.pick(['Цитомегаловирусная инфекция', 'Внутриутробная инфекция неуточнённая', 'Токсоплазмоз']),
    )

  switch (profile) {
    case 'PREMATURE': {
      const weeks = random.weighted([
        [random.int(24, 27), 15],
        [random.int(28, 31), 30],
        [random.int(32, 36), 55],
      ])
      const grams = weeks < 28 ? random.int(560, 1100) : weeks < 32 ? random.int(950, 1800) : random.int(1500, 2700)
      story.diagnosis(weeks < 28 ? 'P07.2' : 'P07.3', birth + 1, true)
      if (grams < 2500) story.diagnosis(grams < 1000 ? 'P07.0' : 'P07.1', birth + 1, false)
      story.risk('PREMATURITY', birth + 1, `Срок гестации ${weeks} нед.`)
      if (grams < 2500) story.risk('LOW_BIRTH_WEIGHT', birth + 1, `Масса тела при рождении ${grams} г`)
      let severe = weeks < 28
      if (weeks < 32 && random.chance(0.4)) {
        story.diagnosis(random.pick(['P91.1', 'P91.2']), birth + random.int(7, 21), false)
        story.risk('PERINATAL_CNS_LESION', birth + 7, 'По данным нейросонографии')
        severe = true
      }
      if (weeks < 32 && random.chance(0.3))
        story.diagnosis(random.pick(['P52.1', 'P52.2']), birth + random.int(2, 7), false)
      if (weeks < 30 && random.chance(0.35)) story.diagnosis('H35.1', birth + random.int(30, 60), false)
      story.criterion(
        'DEVELOPMENTAL_PARTICULARITY',
        'HEALTH',
        `Выписной эпикриз отделения патологии новорождённых № ${random.digits(5)}`,
        birth + random.int(2, 5),
      )
      story.healthGroups(severe ? 'IV' : 'III', severe && random.chance(0.5) ? 'IV' : 'III')
      if (age > 540 && random.chance(0.1)) story.pmpk('GENERAL', birth + 540, random.chance(0.3))
      return { services: ['DAILY_ROUTINES', 'MOBILITY', 'COGNITIVE', 'COMMUNICATION_SPEECH'], topic: 'PREMATURE' }
    }
    case 'PERINATAL_CNS': {
      story.diagnosis(random.pick(['P91.6', 'P91.3', 'P91.4', 'P91.0']), birth + random.int(2, 10), true)
      if (random.chance(0.5))
        story.risk('BIRTH_ASPHYXIA', birth, `Оценка по шкале Апгар ${random.int(2, 5)}/${random.int(5, 7)} баллов`)
      story.risk('PERINATAL_CNS_LESION', birth + random.int(2, 10), null)
      const day = birth + random.int(20, 90)
      story.event('SPECIALIST_VISIT', null, day, story.clinic)
      story.criterion('DEVELOPMENTAL_PARTICULARITY', 'HEALTH', neurologist, Math.min(day, story.today))
      const group = random.chance(0.3) ? 'IV' : 'III'
      story.healthGroups(group, group === 'IV' && random.chance(0.4) ? 'IV' : 'III')
      return { services: ['MOBILITY', 'DAILY_ROUTINES', 'COGNITIVE'], topic: 'GENERAL' }
    }
    case 'CEREBRAL_PALSY': {
      if (random.chance(0.4)) {
        story.diagnosis('P07.3', birth + 1, false)
        story.risk('PREMATURITY', birth + 1, `Срок гестации ${random.int(27, 34)} нед.`)
      } else {
        story.diagnosis(random.pick(['P91.6', 'P91.2']), birth + random.int(2, 14), false)
        story.risk('BIRTH_ASPHYXIA', birth, `Оценка по шкале Апгар ${random.int(1, 4)}/${random.int(4, 6)} баллов`)
      }
      story.risk('PERINATAL_CNS_LESION', birth + 7, null)
      story.criterion('DEVELOPMENTAL_PARTICULARITY', 'HEALTH', neurologist, birth + random.int(60, 150))
      const diagnosed = birth + random.int(240, Math.min(540, age))
      story.event('SPECIALIST_VISIT', null, diagnosed, CHILDREN_HOSPITAL)
      story.diagnosis(random.pick(['G80.0', 'G80.1', 'G80.1', 'G80.2', 'G80.3']), diagnosed, true)
      story.healthGroups('III', 'IV')
      story.disability(diagnosed + random.int(30, 90), random.chance(0.4))
      if (random.chance(0.5)) story.pmpk('MOTOR', diagnosed + 60, true)
      return { services: ['MOBILITY', 'ASSISTIVE_TECHNOLOGY', 'SELF_CARE', 'DAILY_ROUTINES'], topic: 'MOTOR' }
    }
    case 'DOWN_SYNDROME': {
      story.criterion(
        'DEVELOPMENTAL_PARTICULARITY',
        'HEALTH',
        `Выписной эпикриз № ${random.digits(5)}`,
        birth + random.int(2, 6),
      )
      const karyotype = birth + random.int(7, 25)
      story.diagnosis(random.chance(0.85) ? 'Q90.0' : 'Q90.9', karyotype, true)
      story.criterion(
        'GENETIC_DISORDER',
        'HEALTH',
        `Заключение врача-генетика (кариотип 47,${female ? 'XX' : 'XY'},+21) № ${random.digits(5)}`,
        karyotype,
      )
      if (random.chance(0.4)) story.diagnosis(random.pick(['Q21.0', 'Q21.1']), birth + random.int(3, 30), false)
      story.healthGroups('IV')
      if (random.chance(0.85)) story.disability(birth + random.int(60, 200), true)
      if (random.chance(0.5)) story.pmpk('INTELLECTUAL', birth + 540, true)
      return { services: ['COMMUNICATION_SPEECH', 'MOBILITY', 'COGNITIVE', 'SELF_CARE'], topic: 'DOWN' }
    }
    case 'HEARING_LOSS': {
      story.criterion(
        'SCREENING_POSITIVE',
        'HEALTH',
        `Протокол аудиологического скрининга № ${random.digits(5)}`,
        birth + 3,
      )
      story.event('AUDIOLOGY_SCREENING', 'POSITIVE', birth + random.int(28, 40), HEARING_CENTRE)
      const confirmed = birth + random.int(60, 120)
      story.event('AUDIOLOGY_SCREENING', 'CONFIRMED', confirmed, HEARING_CENTRE)
      story.diagnosis(random.chance(0.6) ? 'H90.3' : 'H90.5', confirmed, true)
      const disabled = random.chance(0.45)
      story.healthGroups('III', 'IV')
      if (disabled) story.disability(confirmed + random.int(60, 240), false)
      if (random.chance(0.4)) story.pmpk('HEARING', confirmed + 120, true)
      return {
        services: ['COMMUNICATION_SPEECH', 'ASSISTIVE_TECHNOLOGY', 'FAMILY_PSYCHOLOGICAL_SUPPORT'],
        topic: 'HEARING',
      }
    }
    case 'SCREENED_DISORDER': {
      const code = random.weighted([
        ['E03.1', 35],
        ['E70.0', 25],
        ['E84.9', 25],
        ['G12.0', 15],
      ])
      story.criterion(
        'SCREENING_POSITIVE',
        'HEALTH',
        `Извещение о положительном результате неонатального скрининга № ${random.digits(5)}`,
        birth + 4,
      )
      const confirmed = birth + random.int(10, 25)
      story.event('NEONATAL_SCREENING', 'CONFIRMED', confirmed, SCREENING_LAB)
      story.diagnosis(code, confirmed, true)
      if (code !== 'E03.1')
        story.criterion(
          'GENETIC_DISORDER',
          'HEALTH',
          `Заключение врача-генетика № ${random.digits(5)}`,
          confirmed + random.int(0, 10),
        )
      if (code === 'G12.0') {
        story.healthGroups('IV')
        story.disability(confirmed + random.int(30, 90), false)
      } else if (code === 'E84.9') {
        story.healthGroups('IV')
        if (random.chance(0.6)) story.disability(confirmed + random.int(60, 180), false)
      } else {
        story.healthGroups('III')
      }
      return {
        services: ['DAILY_ROUTINES', 'FAMILY_PSYCHOLOGICAL_SUPPORT', code === 'G12.0' ? 'MOBILITY' : 'COGNITIVE'],
        topic: 'GENERAL',
      }
    }
    case 'HEART_DEFECT': {
      const code = random.weighted([
        ['Q21.0', 45],
        ['Q21.1', 35],
        ['Q24.9', 20],
      ])
      story.diagnosis(code, birth + random.int(1, 45), true)
      const severe = random.chance(0.55)
      story.healthGroups(severe ? 'IV' : 'III')
      if (!severe)
        story.criterion(
          'PARENT_CONCERN',
          'SOCIAL',
          `Заявление законного представителя вх. № ${random.digits(4)}`,
          birth + random.int(30, 200),
        )
      if (code === 'Q24.9' && random.chance(0.4)) story.disability(birth + random.int(90, 300), false)
      return { services: ['DAILY_ROUTINES', 'FAMILY_PSYCHOLOGICAL_SUPPORT', 'MOBILITY'], topic: 'GENERAL' }
    }
    case 'NEURAL_MALFORMATION': {
      // Malformations show at birth; epilepsy is diagnosed from about three months.
      const code = random.weighted([
        ['Q03.9', 35],
        ['Q05.9', 25],
        ['G40.9', age > 120 ? 40 : 0],
      ])
      const day = code === 'G40.9' ? birth + random.int(90, Math.min(540, age)) : birth + random.int(1, 14)
      story.diagnosis(code, day, true)
      story.criterion('DEVELOPMENTAL_PARTICULARITY', 'HEALTH', neurologist, Math.min(day, story.today))
      story.healthGroups(code === 'G40.9' ? 'III' : 'IV', 'IV')
      if (random.chance(code === 'Q05.9' ? 0.9 : code === 'Q03.9' ? 0.7 : 0.4))
        story.disability(day + random.int(60, 200), false)
      if (random.chance(0.4)) story.pmpk('MOTOR', day + 90, true)
      return { services: ['MOBILITY', 'ASSISTIVE_TECHNOLOGY', 'SELF_CARE'], topic: 'MOTOR' }
    }
    case 'SPEECH_DELAY': {
      const noticed = birth + random.int(270, age)
      story.event('SPECIALIST_VISIT', null, noticed, story.clinic)
      const code =
        noticed - birth < 540
          ? 'R62.0'
          : random.weighted([
              ['F80.1', 50],
              ['F80.2', 20],
              ['R62.0', 30],
            ])
      story.diagnosis(code, noticed, true)
      if (random.chance(0.75)) story.criterion('DEVELOPMENTAL_PARTICULARITY', 'HEALTH', neurologist, noticed)
      else
        story.criterion(
          'DEVELOPMENTAL_PARTICULARITY',
          'NGO',
          `Заключение специалиста службы ранней помощи № ${random.digits(4)}`,
          noticed,
        )
      story.healthGroups(random.chance(0.6) ? 'II' : 'III')
      if (random.chance(0.55)) story.pmpk('SPEECH', noticed + 30, random.chance(0.7))
      return { services: ['COMMUNICATION_SPEECH', 'COGNITIVE', 'SOCIAL_EMOTIONAL'], topic: 'SPEECH' }
    }
    case 'AUTISM': {
      const noticed = birth + random.int(540, age)
      story.event('SPECIALIST_VISIT', null, noticed, CHILDREN_HOSPITAL)
      story.criterion(
        'DEVELOPMENTAL_PARTICULARITY',
        'HEALTH',
        `Заключение врача-психиатра № ${random.digits(5)}`,
        noticed,
      )
      const diagnosed = noticed - birth >= 730 && random.chance(0.7)
      story.diagnosis(diagnosed ? 'F84.0' : 'R62.0', noticed, true)
      story.healthGroups('II', 'III')
      if (diagnosed && random.chance(0.3)) story.disability(noticed + random.int(60, 180), false)
      if (random.chance(0.7)) story.pmpk('AUTISM', noticed + 30, true)
      return { services: ['SOCIAL_EMOTIONAL', 'COMMUNICATION_SPEECH', 'DAILY_ROUTINES'], topic: 'SPEECH' }
    }
    case 'PARENT_CONCERN':
    case 'SOCIAL_RISK': {
      if (profile === 'PARENT_CONCERN') {
        const day = birth + random.int(14, Math.max(15, age))
        // The parents turned to their social service centre, a non-state early-help service or a ППМС-центр.
        const [source, document] = random.weighted<readonly [Side, string]>([
          [['SOCIAL', 'Заявление законного представителя вх.'], 60],
          [['NGO', 'Обращение в службу ранней помощи'], 25],
          [['EDUCATION', 'Запрос родителей в ППМС-центр'], 15],
        ])
        story.criterion('PARENT_CONCERN', source, `${document} № ${random.digits(4)}`, day)
        if (day - birth > 270 && random.chance(0.2)) story.diagnosis('R62.0', day + random.int(5, 40), true)
      }
      story.healthGroups(
        random.weighted<HealthGroup>([
          ['I', 30],
          ['II', 60],
          ['III', 10],
        ]),
      )
      return {
        services: ['CONSULTATION', 'DAILY_ROUTINES', 'FAMILY_PSYCHOLOGICAL_SUPPORT', 'SOCIAL_EMOTIONAL'],
        topic: 'GENERAL',
      }
    }
  }
}

/**
 * Where a child stands in the registry: the longer since registration, the further along the pathway. Early help ends
 * at three, so a child who has turned three has left it: completed, exited, or never needed a programme.
 */
function chooseStatus(random: Random, since: number, age: number, profile: Profile, grown: boolean): RegistryStatus {
  if (grown) {
    return random.weighted<RegistryStatus>([
      ['NOT_IN_NEED', 5],
      ['CONSULTATION_ONLY', 10],
      ['COMPLETED', 60],
      ['EXITED', 25],
    ])
  }
  if (since < 14) {
    return random.weighted<RegistryStatus>([
      ['POTENTIALLY_IN_NEED', 70],
      ['REFERRED', 30],
    ])
  }
  if (since < 45) {
    return random.weighted<RegistryStatus>([
      ['POTENTIALLY_IN_NEED', 25],
      ['REFERRED', 35],
      ['IN_NEED', 15],
      ['NOT_IN_NEED', 5],
      ['CONSULTATION_ONLY', 10],
      ['PROGRAMME_ACTIVE', 10],
    ])
  }
  const mild = profile === 'PARENT_CONCERN' || profile === 'SOCIAL_RISK'
  const nearingThree = age > 900
  return random.weighted<RegistryStatus>([
    ['POTENTIALLY_IN_NEED', 8],
    ['REFERRED', 5],
    ['IN_NEED', 4],
    ['NOT_IN_NEED', mild ? 15 : 4],
    ['CONSULTATION_ONLY', mild ? 25 : 8],
    ['PROGRAMME_ACTIVE', 50],
    ['COMPLETED', nearingThree ? 15 : 4],
    ['EXITED', nearingThree ? 20 : 5],
  ])
}

function writeChild(
  random: Random,
  numbers: DocumentNumbers,
  index: ReferenceIndex,
  pathway: PathwayWriter,
  chunk: RegionChunk,
  draft: ChildDraft,
): ChildOutcome {
  const { today } = index
  const story = new ChildStory(random, numbers, index, chunk, draft)
  const profile = chooseProfile(random, draft, story.age)
  const { services, topic } = tellCondition(story, random, profile)

  if (draft.placement) {
    story.criterion('ORPHAN_INSTITUTION', 'SOCIAL', draft.placement.document, draft.placement.day)
  }
  for (const situation of draft.situations) {
    story.criterion(
      situation.kind === 'SOP' ? 'FAMILY_SOP' : 'FAMILY_TJS',
      'SOCIAL',
      situation.kind === 'SOP' ? `Постановление КДН и ЗП № ${situation.number}` : `Решение УСЗН № ${situation.number}`,
      Math.max(situation.decided, draft.birth),
      situation.ended,
      situation.decided,
      situation.id,
    )
  }
  story.finishHealthGroups()
  // Every child on the registry is there for at least one reason.
  if (story.criteriaCount === 0) {
    story.criterion(
      'PARENT_CONCERN',
      'SOCIAL',
      `Заявление законного представителя вх. № ${random.digits(4)}`,
      Math.min(today, draft.birth + random.int(14, 120)),
    )
  }

  const registered = Math.min(today, story.firstSignal + random.int(0, 21))
  const age = story.age
  const thirdBirthday = addYears(draft.birth, 3)
  const chosen = chooseStatus(random, today - registered, age, profile, thirdBirthday <= today)
  // The head of a children's home represents its children, but the registry holds no family record for them, so
  // nobody here can sign their ИПРП: they wait in need of one.
  const status = draft.familyId === null && PROGRAMME_STATUSES.includes(chosen) ? 'IN_NEED' : chosen
  const newborn = age < 60
  const snils = newborn && random.chance(0.6) ? null : snilsForIndex(draft.index, index.snilsOffset)
  const registeredAt = new Date(registered * DAY_MS + random.int(9 * 60, 17 * 60) * 60_000)

  chunk.social.children.push({
    id: story.id,
    family_id: draft.familyId,
    last_name: draft.lastName,
    first_name: draft.firstName,
    patronymic: draft.patronymic,
    name_key: nameKey({ lastName: draft.lastName, firstName: draft.firstName, patronymic: draft.patronymic }),
    birth_date: isoOf(draft.birth),
    sex: draft.sex,
    snils,
    municipality_oktmo: draft.municipality.oktmo,
    registry_status: status,
    registered_at: registeredAt,
  })

  const application = writePreschoolApplication(random, index, chunk, story.id, draft, status, story.ovz)
  pathway.write(chunk, {
    id: story.id,
    oktmo: draft.municipality.oktmo,
    representativeIds: draft.representativeIds,
    registeredAt,
    thirdBirthday,
    status,
    severe: GRAVE_PROFILES.has(profile) || story.disabled,
    services,
    signal: signalOf(index, story),
    diagnoses: story.diagnoses,
    lastFact: Math.max(story.lastFact, application?.lastDay ?? Number.NEGATIVE_INFINITY),
    preschool: application,
  })
  writeConsents(random, chunk, story.id, draft, registeredAt, today)
  return { registered, status, topic, profile }
}

const CONSENT_PURPOSE = 'EARLY_HELP'

/**
 * Entering early help, almost every family agrees in writing that the regional coordinator may see the child's
 * health, ПМПК and family data; some also let the health side see the ПМПК conclusion and the education side the
 * health data; a few revoke a consent later. A child without a representative (in an institution) has none.
 */
function writeConsents(
  random: Random,
  chunk: RegionChunk,
  childId: string,
  draft: ChildDraft,
  registeredAt: Date,
  today: number,
) {
  const signer = draft.representativeIds[0]
  if (signer === undefined || !random.chance(0.95)) return
  const given = new Date(Math.max(registeredAt.getTime(), (today - random.int(1, 60)) * DAY_MS))
  const consent = (recipient: 'REGIONAL' | 'HEALTH' | 'EDUCATION', scopes: ('HEALTH' | 'PMPK' | 'FAMILY')[]) => {
    const revokedAt = given.getTime() + random.int(1, 30) * DAY_MS
    const revoked = random.chance(0.03) && revokedAt <= today * DAY_MS
    chunk.social.consents.push({
      id: random.uuid(),
      child_id: childId,
      representative_id: signer,
      purpose: CONSENT_PURPOSE,
      recipient_side: recipient,
      recipient_provider_id: null,
      scopes,
      document: `Согласие на обработку и передачу персональных данных № ${random.digits(6)}`,
      given_at: given.toISOString(),
      revoked_at: revoked ? new Date(revokedAt).toISOString() : null,
      revocation_note: revoked ? 'Заявление законного представителя об отзыве согласия' : null,
    })
  }
  consent('REGIONAL', ['FAMILY', 'HEALTH', 'PMPK'])
  if (random.chance(0.3)) consent('HEALTH', ['PMPK'])
  if (random.chance(0.3)) consent('EDUCATION', ['HEALTH'])
}

/** Conditions with lasting limitations: goals move slowly, and a child may die of one. */
const GRAVE_PROFILES: ReadonlySet<Profile> = new Set([
  'CEREBRAL_PALSY',
  'DOWN_SYNDROME',
  'SCREENED_DISORDER',
  'HEART_DEFECT',
  'NEURAL_MALFORMATION',
])

const CRITERION_REASONS: Readonly<Record<CriterionCode, string>> = {
  DISABLED_CHILD: 'Ребёнок-инвалид',
  HEALTH_GROUP_IV_V: 'IV–V группа здоровья',
  ORPHAN_INSTITUTION: 'Ребёнок воспитывается в организации для детей-сирот',
  FAMILY_TJS: 'Семья находится в трудной жизненной ситуации',
  FAMILY_SOP: 'Семья находится в социально опасном положении',
  DEVELOPMENTAL_PARTICULARITY: 'Особенности физического и (или) психического развития',
  PARENT_CONCERN: 'Обеспокоенность родителей развитием ребёнка',
  SCREENING_POSITIVE: 'Положительный результат скрининга новорождённого',
  GENETIC_DISORDER: 'Генетическое нарушение',
  OVZ_PMPK: 'Заключение ПМПК о специальных условиях образования',
}

/** Who sent the first signal about the child, and so referred it: the source of its first criterion. */
function signalOf(index: ReferenceIndex, story: ChildStory) {
  const first = story.firstCriterion
  if (!first) throw new Error(`The child ${story.id} has no criterion`)
  const { municipality, placement } = story.draft
  const organisation = () => {
    switch (first.source) {
      case 'HEALTH':
        return story.clinic
      case 'EDUCATION': {
        if (first.code === 'OVZ_PMPK') return (PMPK_COMMISSIONS[municipality.oktmo] ?? CENTRAL_PMPK).name
        const centres = index.providers.filter((provider) => provider.side === 'EDUCATION')
        const near = centres.find((centre) => centre.oktmo === municipality.oktmo) ?? centres[0]
        return near?.name ?? CENTRAL_PMPK.name
      }
      case 'NGO': {
        const ngos = index.providers.filter((provider) => provider.side === 'NGO')
        const near = ngos.find((ngo) => ngo.oktmo === municipality.oktmo) ?? ngos.find((ngo) => ngo.remote)
        return near?.name ?? CHILDREN_HOSPITAL
      }
      case 'SOCIAL':
        if (placement) return placement.institution
        if (first.code === 'FAMILY_SOP') {
          return `Комиссия по делам несовершеннолетних и защите их прав ${municipality.genitive}`
        }
        // The family applied to its social service centre.
        if (first.code === 'PARENT_CONCERN') return socialServiceCentre(municipality)
        return `Управление социальной защиты населения ${municipality.genitive}`
    }
  }
  return {
    side: first.source,
    organisation: organisation(),
    reason: `${CRITERION_REASONS[first.code]}: направление на определение нуждаемости в услугах ранней помощи`,
  }
}

/**
 * Distinct children get distinct СНИЛС without a record of those issued:
 * multiplying the index by a number coprime to 9·10⁸ permutes the nine-digit
 * range, which starts above 001-001-998 so that every number has a checksum.
 */
function snilsForIndex(index: number, offset: number) {
  const firstNine = String(100_000_000 + ((479_001_599 * index + offset) % 900_000_000))
  return firstNine + snilsCheckNumber(firstNine)
}

function writePreschoolApplication(
  random: Random,
  index: ReferenceIndex,
  chunk: RegionChunk,
  childId: string,
  draft: ChildDraft,
  status: RegistryStatus,
  ovz: boolean,
) {
  const { today } = index
  const age = today - draft.birth
  // A child near three who completed early help went on to a kindergarten.
  const leftForKindergarten = status === 'COMPLETED' && age > 900
  if (age < 30 || !(leftForKindergarten || random.chance(age > 540 ? 0.5 : 0.3))) return null
  const applied = draft.birth + random.int(20, Math.min(age, leftForKindergarten ? 700 : 540))
  const desired = firstSeptemberAtAge(draft.birth, random.pick([548, 730, 730, 900]))
  const kindergartens = index.kindergartens.get(draft.municipality.oktmo) ?? []
  const suitable = ovz ? kindergartens.filter((kindergarten) => kindergarten.kind !== 'GENERAL') : kindergartens
  const kindergarten = random.pick(suitable.length > 0 ? suitable : kindergartens)
  const groupType: GroupType = ovz
    ? kindergarten.kind === 'COMPENSATORY'
      ? 'COMPENSATORY'
      : 'COMBINED'
    : random.weighted<GroupType>([
        ['GENERAL', 85],
        ['SHORT_STAY', 15],
      ])

  let state: PreschoolStatus
  if (leftForKindergarten) state = 'ENROLLED'
  else if (desired <= today) {
    state = random.weighted([
      ['ENROLLED', 55],
      ['DIRECTED', 15],
      ['QUEUED', 20],
      ['WITHDRAWN', 10],
    ] as const)
  } else {
    state = random.weighted([
      ['QUEUED', 85],
      ['DIRECTED', desired - today < 120 ? 10 : 0],
      ['WITHDRAWN', 5],
    ] as const)
  }
  // Not before the application is a month old, and never after the reference date.
  const enrolledOn = Math.min(today, Math.max(desired, applied + 30) + random.int(0, 20))
  const placed = state === 'ENROLLED' || state === 'DIRECTED'
  chunk.education.preschoolApplications.push({
    id: random.uuid(),
    child_id: childId,
    applied_on: isoOf(applied),
    desired_start_on: isoOf(desired),
    status: state,
    kindergarten_id: placed ? kindergarten.id : null,
    enrolled_on: state === 'ENROLLED' ? isoOf(enrolledOn) : null,
    group_type: placed || ovz ? groupType : null,
  })
  const enrolled = state === 'ENROLLED' ? enrolledOn : null
  return { status: state, enrolledOn: enrolled, lastDay: enrolled ?? applied }
}

/** A family member to write once the family's children are written, and their representation, if any. */
interface MemberPlan {
  member: Omit<Member, 'family_id' | 'name_key'> & { id: string; left_on: string | null }
  contacts: readonly { kind: ContactKind; value: string }[]
  representation: { id: string; relation: Relation; from: number; basis: (from: number) => string } | null
}

type FamilyKind = 'TWO_PARENTS' | 'SINGLE_MOTHER' | 'SINGLE_FATHER' | 'GUARDIAN' | 'FOSTER' | 'ADOPTIVE'

/** The chance a family of this kind is in a difficult life situation or a socially dangerous one. */
const SITUATION_CHANCE: Readonly<Record<FamilyKind, number>> = {
  TWO_PARENTS: 0.05,
  SINGLE_MOTHER: 0.14,
  SINGLE_FATHER: 0.1,
  GUARDIAN: 0.1,
  FOSTER: 0,
  ADOPTIVE: 0,
}

class HouseholdWriter {
  private readonly numbers: DocumentNumbers

  constructor(
    private readonly random: Random,
    private readonly index: ReferenceIndex,
    private readonly pathway: PathwayWriter,
    /** A stream of its own for the second records, so that adding them left the households as they were. */
    private readonly duplicates: Random,
  ) {
    this.numbers = new DocumentNumbers(random)
  }

  /**
   * Writes one household (a family, or a child in a children's home) of at most `room` registry records, now and
   * then with a second record of one of its children; returns how many records.
   */
  write(chunk: RegionChunk, firstIndex: number, room: number) {
    const children = this.random.chance(0.012) ? this.orphan(chunk, firstIndex) : this.family(chunk, firstIndex, room)
    return children < room ? children + this.secondRecord(chunk, firstIndex + children, children) : children
  }

  /**
   * A child of the household registered a second time under a mistyped СНИЛС, or a namesake born the same day in a
   * children's home: either is flagged as a possible duplicate of the first record, and the namesake dismissed as a
   * different child. Returns the records written, 0 or 1.
   */
  private secondRecord(chunk: RegionChunk, index: number, household: number) {
    const random = this.duplicates
    const kind = random.weighted([
      ['NONE', 994],
      ['SAME_CHILD', 4],
      ['NAMESAKE', 2],
    ] as const)
    const candidates = chunk.social.children
      .slice(-household)
      .filter((child) => child.snils !== null && child.family_id !== null)
    if (kind === 'NONE' || candidates.length === 0) return 0
    const original = random.pick(candidates)
    const originalSnils = original.snils as string
    const originalRegistered = Math.floor((original.registered_at as Date).getTime() / DAY_MS)
    const id = random.uuid()
    const snils = snilsForIndex(index, this.index.snilsOffset)
    const home =
      kind === 'NAMESAKE'
        ? {
            institution: random.pick(ORPHAN_INSTITUTIONS),
            placed: Math.min(this.index.today, dayOf(original.birth_date) + random.int(5, 200)),
          }
        : null
    const registered = Math.min(
      this.index.today,
      Math.max(originalRegistered, home?.placed ?? originalRegistered) + random.int(1, 90),
    )
    // Later than the original even when both fall on the reference day.
    const registeredAt = new Date(
      Math.max(
        registered * DAY_MS + random.int(9 * 60, 17 * 60) * 60_000,
        (original.registered_at as Date).getTime() + random.int(5, 120) * 60_000,
      ),
    )
    chunk.social.children.push({
      ...original,
      id,
      family_id: home ? null : original.family_id,
      snils,
      municipality_oktmo: home ? home.institution.municipality.oktmo : original.municipality_oktmo,
      registry_status: 'POTENTIALLY_IN_NEED',
      registered_at: registeredAt,
    })
    chunk.social.criteria.push({
      id: random.uuid(),
      child_id: id,
      ...(home
        ? {
            code: 'ORPHAN_INSTITUTION',
            source: 'SOCIAL',
            evidence_document: `Приказ о зачислении в ${home.institution.name} № ${random.int(10, 400)}-в`,
            evidence_date: isoOf(home.placed),
            valid_from: isoOf(home.placed),
          }
        : {
            code: 'PARENT_CONCERN',
            source: 'SOCIAL',
            evidence_document: `Заявление законного представителя вх. № ${random.digits(4)}`,
            evidence_date: isoOf(registered),
            valid_from: isoOf(registered),
          }),
      valid_to: null,
      family_situation_id: null,
    })
    new StatusHistory(random, chunk.social.statusChanges, id, registeredAt)
    // The coordinator dismissed the namesake within three weeks, and before the end of the reference date.
    const resolvedAt = home
      ? new Date(
          Math.min(registeredAt.getTime() + random.int(1, 20) * DAY_MS, (this.index.today + 1) * DAY_MS - 60_000),
        )
      : null
    chunk.social.possibleDuplicates.push({
      id: random.uuid(),
      child_id: id,
      candidate_child_id: original.id,
      reason: `Совпадают ФИО и дата рождения; расходятся: СНИЛС (${formatSnils(originalSnils)} / ${formatSnils(snils)})`,
      status: home ? 'DISMISSED' : 'OPEN',
      detected_at: registeredAt,
      resolved_at: resolvedAt,
      resolution_note: home
        ? `Разные дети: второй ребёнок воспитывается в ${home.institution.name}, СНИЛС обоих подтверждены СФР`
        : null,
    })
    return 1
  }

  /**
   * Births over the three years before the reference date, and back to three years before the start of the previous
   * quarter: the children who turned three in that quarter or the current one count among those who reached three.
   */
  private birthDay() {
    const { today } = this.index
    return today - this.random.int(7, today - addYears(previousQuarterStart(today), -3))
  }

  private orphan(chunk: RegionChunk, childIndex: number) {
    const random = this.random
    const institution = random.pick(ORPHAN_INSTITUTIONS)
    const sex: Sex = random.chance(0.51) ? 'MALE' : 'FEMALE'
    const birth = this.birthDay()
    const placed = Math.min(this.index.today, birth + random.int(5, 200))
    writeChild(random, this.numbers, this.index, this.pathway, chunk, {
      index: childIndex,
      birth,
      sex,
      lastName: surnameOf(random.pick(SURNAMES), sex),
      firstName: random.pick(CHILD_NAMES[sex]),
      patronymic: random.chance(0.95) ? patronymicOf(random.pick(FATHER_NAMES), sex) : null,
      municipality: institution.municipality,
      familyId: null,
      representativeIds: [],
      situations: [],
      placement: {
        institution: institution.name,
        day: placed,
        document: `Приказ о зачислении в ${institution.name} № ${random.int(10, 400)}-в`,
      },
      twinOf: null,
    })
    return 1
  }

  private family(chunk: RegionChunk, firstIndex: number, room: number) {
    const random = this.random
    const municipality = random.weighted(MUNICIPALITIES.map((m) => [m, m.births] as const))
    const kind = random.weighted<FamilyKind>([
      ['TWO_PARENTS', 66],
      ['SINGLE_MOTHER', 24],
      ['SINGLE_FATHER', 1],
      ['GUARDIAN', 4],
      ['FOSTER', 3],
      ['ADOPTIVE', 2],
    ])
    const familyId = random.uuid()
    const surname = random.pick(SURNAMES)
    const father = random.pick(FATHER_NAMES)

    // Children: one, or two (twins, or siblings born at least ten months apart).
    const births: number[] = [this.birthDay()]
    if (room > 1 && random.chance(0.14)) {
      const first = births[0] as number
      if (random.chance(0.3)) births.push(first)
      else if (this.index.today - first > 400)
        births.push(this.index.today - random.int(7, this.index.today - first - 300))
    }
    const eldest = Math.min(...births)

    const situations = random.chance(SITUATION_CHANCE[kind]) ? this.situations(familyId, eldest, chunk) : []

    const members = this.members(kind, surname, father, eldest)
    const representativeIds = members.flatMap((plan) => (plan.representation ? [plan.representation.id] : []))
    const programmesBefore = chunk.social.programmes.length

    const settlement = random.pick(municipality.settlements)
    const street = random.pick(STREETS)
    const flat = settlement.startsWith('г.') || random.chance(0.3) ? `, кв. ${random.int(1, 180)}` : ''
    const address = `${settlement}, ${street}, д. ${random.int(1, 120)}${flat}`

    // Foster children keep their birth surname; everyone else carries the family's.
    const childSurname = kind === 'FOSTER' ? random.pick(SURNAMES) : surname
    const childFather =
      kind === 'TWO_PARENTS' || kind === 'SINGLE_FATHER' || kind === 'ADOPTIVE' ? father : random.pick(FATHER_NAMES)
    const outcomes: ChildOutcome[] = []
    for (const birth of births) {
      const sex: Sex = random.chance(0.51) ? 'MALE' : 'FEMALE'
      const twin = outcomes.length > 0 && birth === births[0] ? (outcomes[0]?.profile ?? null) : null
      outcomes.push(
        writeChild(random, this.numbers, this.index, this.pathway, chunk, {
          index: firstIndex + outcomes.length,
          birth,
          sex,
          lastName: surnameOf(childSurname, sex),
          firstName: random.pick(CHILD_NAMES[sex]),
          patronymic: patronymicOf(childFather, sex),
          municipality,
          familyId,
          representativeIds,
          situations,
          placement: null,
          twinOf: twin,
        }),
      )
    }

    this.writeMembers(chunk, familyId, members, chunk.social.programmes.slice(programmesBefore))
    // The family record is opened with its first child's registration.
    const firstRegistered = Math.min(...outcomes.map((outcome) => outcome.registered))
    chunk.social.families.push({
      id: familyId,
      municipality_oktmo: municipality.oktmo,
      address,
      created_at: new Date(firstRegistered * DAY_MS + random.int(9 * 60, 17 * 60) * 60_000),
    })
    this.parentGroups(chunk, familyId, municipality, outcomes)
    return outcomes.length
  }

  private situations(familyId: string, eldest: number, chunk: RegionChunk) {
    const random = this.random
    const kinds: Situation['kind'][] = random.chance(0.1) ? ['TJS', 'SOP'] : [random.chance(0.7) ? 'TJS' : 'SOP']
    const situations: Situation[] = []
    let earliest = eldest - 200
    for (const kind of kinds) {
      const decided = random.int(Math.min(earliest, this.index.today - 5), this.index.today - 5)
      const endCandidate = decided + random.int(90, 500)
      const ended = random.chance(0.35) && endCandidate < this.index.today ? endCandidate : null
      // СОП is recognised by the commission on minors' affairs (КДН и ЗП), ТЖС by social protection (УСЗН).
      const number = this.numbers.take(kind === 'SOP' ? 'КДН' : 'УСЗН', decided)
      const id = random.uuid()
      chunk.social.familySituations.push({
        id,
        family_id: familyId,
        kind,
        decision_number: number,
        decided_on: isoOf(decided),
        ended_on: ended === null ? null : isoOf(ended),
      })
      situations.push({ id, kind, number, decided, ended })
      earliest = decided
    }
    return situations
  }

  /**
   * The people of a family other than its registered children: the legal representatives its kind implies, and
   * sometimes an elder sibling, a grandparent living with them, a stepfather, or a father who moved out.
   */
  private members(kind: FamilyKind, surname: string, father: MaleName, eldest: number): MemberPlan[] {
    const random = this.random
    const bornBefore = (minYears: number, maxYears: number) =>
      isoOf(eldest - random.int(Math.round(minYears * 365.25), Math.round(maxYears * 365.25)))
    const contacts = (firstName: string, lastName: string, phoneChance: number) => {
      const rows: { kind: ContactKind; value: string }[] = []
      if (random.chance(phoneChance))
        rows.push({ kind: 'PHONE', value: `+7${random.pick(MOBILE_CODES)}${random.digits(7)}` })
      if (random.chance(phoneChance * 0.37)) {
        const local = `${transliterate(firstName)}.${transliterate(lastName)}${random.int(1, 99)}`
        rows.push({ kind: 'EMAIL', value: `${local}@${random.pick(MAIL_DOMAINS)}` })
      }
      return rows
    }
    const person = (
      sex: Sex,
      lastName: string,
      firstName: string,
      kinship: Member['kinship'],
      birthDate: string,
      representation: MemberPlan['representation'],
    ): MemberPlan => ({
      member: {
        id: random.uuid(),
        last_name: lastName,
        first_name: firstName,
        patronymic: patronymicOf(random.pick(GRANDFATHER_NAMES), sex),
        kinship,
        birth_date: birthDate,
        left_on: null,
      },
      contacts:
        representation || kinship === 'GRANDPARENT' ? contacts(firstName, lastName, representation ? 0.95 : 0.5) : [],
      representation,
    })
    const certificate = `Свидетельство о рождении ${random.pick(['I', 'II', 'III', 'IV', 'V', 'VI'])}-ЗО № ${random.digits(6)}`
    const byBirth = (relation: Relation): MemberPlan['representation'] => ({
      id: random.uuid(),
      relation,
      from: eldest,
      basis: () => certificate,
    })
    const byDecision = (relation: Relation, what: string): MemberPlan['representation'] => {
      const number = random.int(10, 900)
      return {
        id: random.uuid(),
        relation,
        from: Math.min(this.index.today, eldest + random.int(30, 300)),
        basis: (from) => `${what} № ${number}-р от ${russianDate(from)}`,
      }
    }
    const mother = (representation: MemberPlan['representation'], ownSurname = false) =>
      person(
        'FEMALE',
        surnameOf(ownSurname ? random.pick(SURNAMES) : surname, 'FEMALE'),
        random.pick(MOTHER_NAMES),
        representation?.relation === 'FOSTER_PARENT' ? 'NOT_RELATED' : 'PARENT',
        bornBefore(19, 41),
        representation,
      )
    const man = (representation: MemberPlan['representation'], kinship: Member['kinship'] = 'PARENT') =>
      person('MALE', surname, father.name, kinship, bornBefore(21, 46), representation)
    const grandmother = (representation: MemberPlan['representation']) =>
      person(
        'FEMALE',
        surnameOf(random.chance(0.6) ? surname : random.pick(SURNAMES), 'FEMALE'),
        random.pick(GRANDMOTHER_NAMES),
        'GRANDPARENT',
        bornBefore(44, 68),
        representation,
      )

    const plans: MemberPlan[] = []
    switch (kind) {
      case 'TWO_PARENTS': {
        plans.push(mother(byBirth('MOTHER'), random.chance(0.12)), man(byBirth('FATHER')))
        const husband = plans[1] as MemberPlan
        if (this.index.today - eldest > 200 && random.chance(0.08)) {
          husband.member.left_on = isoOf(random.int(eldest + 100, this.index.today - 1))
        }
        break
      }
      case 'SINGLE_MOTHER':
        plans.push(mother(byBirth('MOTHER')))
        if (random.chance(0.15)) {
          plans.push(
            person(
              'MALE',
              random.pick(SURNAMES),
              random.pick(FATHER_NAMES).name,
              'STEP_PARENT',
              bornBefore(22, 48),
              null,
            ),
          )
        }
        break
      case 'SINGLE_FATHER':
        plans.push(man(byBirth('FATHER')))
        break
      case 'GUARDIAN':
        plans.push(
          grandmother(byDecision('GUARDIAN', 'Распоряжение органа опеки и попечительства о назначении опекуна')),
        )
        break
      case 'FOSTER': {
        const agreement = byDecision('FOSTER_PARENT', 'Договор о приёмной семье')
        plans.push(mother(agreement))
        if (random.chance(0.5) && agreement) plans.push(man({ ...agreement, id: random.uuid() }, 'NOT_RELATED'))
        break
      }
      case 'ADOPTIVE': {
        const day = Math.min(this.index.today, eldest + random.int(60, 400))
        const decision = (relation: Relation): MemberPlan['representation'] => ({
          id: random.uuid(),
          relation,
          from: day,
          basis: (from) => `Решение суда об усыновлении от ${russianDate(from)}`,
        })
        plans.push(mother(decision('ADOPTIVE_PARENT')), man(decision('ADOPTIVE_PARENT')))
        break
      }
    }
    if (kind !== 'GUARDIAN' && kind !== 'FOSTER' && random.chance(0.3)) {
      const sex: Sex = random.chance(0.51) ? 'MALE' : 'FEMALE'
      plans.push({
        member: {
          id: random.uuid(),
          last_name: surnameOf(surname, sex),
          first_name: random.pick(CHILD_NAMES[sex]),
          patronymic: patronymicOf(father, sex),
          kinship: 'SIBLING',
          birth_date: bornBefore(1.2, 14),
          left_on: null,
        },
        contacts: [],
        representation: null,
      })
    }
    if (kind !== 'GUARDIAN' && random.chance(0.12)) plans.push(grandmother(null))
    return plans
  }

  /**
   * Writes the members with their contacts and representations. A representation by a decision starts on that
   * decision's day, or earlier when a representative signed a programme before it: a signature needs a representative
   * in force.
   */
  private writeMembers(
    chunk: RegionChunk,
    familyId: string,
    plans: readonly MemberPlan[],
    programmes: readonly SocialSeedRows['programmes'][number][],
  ) {
    const random = this.random
    for (const plan of plans) {
      const { last_name: lastName, first_name: firstName, patronymic } = plan.member
      chunk.social.familyMembers.push({
        ...plan.member,
        family_id: familyId,
        name_key: nameKey({ lastName, firstName, patronymic: patronymic ?? null }),
      })
      for (const contact of plan.contacts) {
        chunk.social.memberContacts.push({ id: random.uuid(), member_id: plan.member.id, ...contact })
      }
      const representation = plan.representation
      if (!representation) continue
      const signed = programmes
        .filter((programme) => programme.signed_by_representative_id === representation.id && programme.signed_on)
        .map((programme) => dayOf(programme.signed_on as string))
      const from = Math.min(representation.from, ...signed)
      chunk.social.legalRepresentatives.push({
        id: representation.id,
        member_id: plan.member.id,
        relation: representation.relation,
        document_basis: representation.basis(from),
        valid_from: isoOf(from),
        valid_to: null,
      })
    }
  }

  /** Families whose child is in need or in a programme sometimes join a parent group near home, or the online one. */
  private parentGroups(
    chunk: RegionChunk,
    familyId: string,
    municipality: MunicipalitySpec,
    outcomes: readonly ChildOutcome[],
  ) {
    const random = this.random
    const engaged = outcomes.find(
      (outcome) => PROGRAMME_STATUSES.includes(outcome.status) || outcome.status === 'IN_NEED',
    )
    if (!engaged || !random.chance(0.22)) return
    const nearby = this.index.groups.filter((group) => group.oktmo === municipality.oktmo)
    const onTopic = nearby.filter((group) => group.topic === engaged.topic)
    const general = nearby.filter((group) => group.topic === 'GENERAL')
    const first =
      onTopic.length > 0 ? random.pick(onTopic) : general.length > 0 ? random.pick(general) : this.index.onlineGroup
    const chosen = first !== this.index.onlineGroup && random.chance(0.08) ? [first, this.index.onlineGroup] : [first]
    for (const group of chosen) {
      const joined = Math.min(this.index.today, engaged.registered + random.int(14, 120))
      const leftCandidate = joined + random.int(30, 400)
      chunk.ngo.parentGroupParticipations.push({
        id: random.uuid(),
        parent_group_id: group.id,
        family_id: familyId,
        joined_on: isoOf(joined),
        left_on: random.chance(0.3) && leftCandidate <= this.index.today ? isoOf(leftCandidate) : null,
      })
    }
  }
}

export function createRegion(options: RegionOptions): Region {
  const seed = options.seed ?? DEFAULT_SEED
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  if (!Number.isInteger(options.children) || options.children < 0 || options.children > MAX_CHILDREN) {
    throw new RangeError(`children: must be a whole number from 0 to ${MAX_CHILDREN}, got ${options.children}`)
  }
  const today = referenceDayOf(options.today)
  const { rows: reference, index } = buildReference(new Random(seed, 1), today)
  reference.education.earlyHelpUnits = buildEarlyHelpUnits(new Random(seed, 3), index)
  addStaffing(new Random(seed, 4), reference, today)
  reference.social.staffMembers = reference.social.providers.flatMap((provider) => demoStaffOf(provider))
  addNgoActivity(
    new Random(seed, 5),
    reference.ngo,
    index.groups.map(({ id, topic }) => ({ id, topic, online: id === index.onlineGroup.id })),
    index.providers.filter((provider) => provider.side === 'NGO').map((provider) => provider.id),
    today,
  )
  const pathwayReference: PathwayReference = {
    providers: index.providers,
    units: unitsByMunicipality(reference.education),
    today,
  }

  function* chunks(): Generator<RegionChunk> {
    const households = new HouseholdWriter(
      new Random(seed, 2),
      index,
      new PathwayWriter(new Random(seed, 6), pathwayReference),
      new Random(seed, 7),
    )
    let written = 0
    while (written < options.children) {
      const chunk = emptyChunk()
      // Only the total caps a household, so twins may overflow a chunk by one and the rows do not depend on chunkSize.
      const target = Math.min(options.children, written + chunkSize)
      while (written < target) written += households.write(chunk, written, options.children - written)
      yield chunk
    }
  }

  return { reference, chunks }
}
