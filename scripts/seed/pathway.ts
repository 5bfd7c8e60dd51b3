import { createHash } from 'node:crypto'
import type { EducationSessionCancellationReason, PreschoolStatus } from '../../subgraphs/education/src/db/database.js'
import type { MedicalSpecialty, RehabilitationSpecialistRole } from '../../subgraphs/health/src/db/database.js'
import type { NgoSessionCancellationReason } from '../../subgraphs/ngo/src/db/database.js'
import type {
  DeliveryMode,
  ExitReason,
  NeedOutcome,
  PauseReason,
  ProgrammeStatus,
  ReferralRejectionReason,
  RegistryStatus,
  Side,
  SocialSessionCancellationReason,
  SpecialistRole,
} from '../../subgraphs/social/src/db/database.js'
import type { SocialSeedRows } from '../../subgraphs/social/src/db/seed.js'
import { PROGRAMME_SERVICES, type Goal, type ProgrammeServiceCode, type ServiceCode } from './catalogue.js'
import { DAY_MS, isoOf } from './days.js'
import type { Random } from './random.js'
import type { RegionChunk } from './region.js'
import { demoLeadOf } from './staff.js'

/**
 * Each child's way through the pathway (DOMAIN.md), consistent with the registry status the region gave the child:
 * the status history step by step, referrals (some rejected first, some with their clock paused), the need
 * determination, the ИПРП in its versions with goals, planned services, reviews and exit, the sessions every side
 * delivered against its items, and health's dispensary observation of chronic diagnoses. It draws on a random stream
 * of its own, so that a change here leaves the rows of the households as they are.
 */

/**
 * The first day of the sessions in the region: the providers' session logs were connected to the hub on the first
 * day of the last month of the quarter before the reference date's (1 September for 1 November), and earlier sessions
 * were never recorded in it, so the last ended quarter, which the overview shows first, has sessions. Keeps a region
 * of a hundred thousand children at a handful of sessions per child rather than a hundred, and seeding it within
 * minutes.
 */
export function sessionsRecordedFrom(today: number) {
  const date = new Date(today * DAY_MS)
  const month = date.getUTCMonth()
  return Date.UTC(date.getUTCFullYear(), month - (month % 3) - 1, 1) / DAY_MS
}

/** A provider of social's registry, as the pathway chooses among them. */
export interface ProviderRef {
  id: string
  name: string
  side: Side
  oktmo: string
  remote: boolean
  serves: ReadonlySet<string>
  services: ReadonlySet<ServiceCode>
}

export interface PathwayReference {
  providers: readonly ProviderRef[]
  /** The kindergartens' early-help units, by the kindergarten's municipality. */
  units: ReadonlyMap<string, readonly string[]>
  /** The day of the reference date. */
  today: number
}

/** Where the child's first signal came from: the referring side and organisation, and why. */
export interface Signal {
  side: Side
  organisation: string
  reason: string
}

/** What the pathway needs to know of a child the region has written. */
export interface ChildPath {
  id: string
  oktmo: string
  /** The legal representatives of the child's family, the one who usually signs first. */
  representativeIds: readonly string[]
  registeredAt: Date
  /** Early help ends at three: no programme runs past this day. */
  thirdBirthday: number
  status: RegistryStatus
  /** A grave condition: ratings move slowly, and the child may die. */
  severe: boolean
  /** Catalogue services that suit the child's condition. */
  services: readonly ServiceCode[]
  signal: Signal
  diagnoses: readonly { code: string; day: number }[]
  /** The last day any side recorded a fact about the child. */
  lastFact: number
  preschool: { status: PreschoolStatus; enrolledOn: number | null } | null
}

const PROGRAMME_STATUSES = new Set<RegistryStatus>(['PROGRAMME_ACTIVE', 'COMPLETED', 'EXITED'])

/** The exits after which the pathway is completed (social's programmes service); the others mean the child left. */
const COMPLETING_EXITS = new Set<ExitReason>([
  'GOALS_ACHIEVED',
  'TRANSITION_TO_PRESCHOOL',
  'OTHER_SERVICES',
  'CONTINUED_HELP',
])

/** Exits that leave no one to review the programme with. */
const UNREVIEWED_EXITS = new Set<ExitReason>(['LOST_CONTACT', 'DIED'])

const LEAD_ROLES: Readonly<Record<Side, readonly SpecialistRole[]>> = {
  SOCIAL: ['PSYCHOLOGIST', 'DEFECTOLOGIST', 'SOCIAL_WORKER'],
  HEALTH: ['PAEDIATRICIAN', 'NEUROLOGIST', 'PSYCHOLOGIST'],
  EDUCATION: ['DEFECTOLOGIST', 'PSYCHOLOGIST', 'SPEECH_THERAPIST'],
  NGO: ['PSYCHOLOGIST', 'DEFECTOLOGIST'],
}

/** The programme services health's providers offer (the region's SERVICES_BY_SIDE). */
type HealthProgrammeService = 'MOBILITY' | 'ASSISTIVE_TECHNOLOGY'

/** Medical rehabilitation for each: the episode's goal and health's specialists who hold its sessions. */
const REHABILITATION: Readonly<
  Record<HealthProgrammeService, { goal: string; roles: readonly RehabilitationSpecialistRole[] }>
> = {
  MOBILITY: {
    goal: 'Медицинская реабилитация по ИПРП: развитие двигательных функций и позиционирование',
    roles: ['EXERCISE_THERAPY_INSTRUCTOR', 'PHYSICAL_THERAPIST', 'EXERCISE_THERAPY_PHYSICIAN', 'MASSAGE_NURSE'],
  },
  ASSISTIVE_TECHNOLOGY: {
    goal: 'Медицинская реабилитация по ИПРП: подбор технических средств реабилитации и обучение семьи',
    roles: ['OCCUPATIONAL_THERAPIST', 'REHABILITATION_PHYSICIAN'],
  },
}

// Free text in the health database: its own words for why a session did not take place.
const REHABILITATION_CANCELLATIONS = [
  'Болезнь ребёнка',
  'По заявлению законного представителя',
  'Неявка без предупреждения',
  'Отсутствие специалиста',
  'Карантин в отделении',
]

type Weighted<T> = readonly (readonly [T, number])[]

// Each side's list of reasons has these, and one of its own for the organisation's part.
const CANCELLATIONS = [
  ['CHILD_ILL', 45],
  ['FAMILY_REQUEST', 20],
  ['FAMILY_NO_SHOW', 15],
  ['SPECIALIST_UNAVAILABLE', 10],
  ['OTHER', 4],
] as const
const SOCIAL_CANCELLATIONS: Weighted<SocialSessionCancellationReason> = [...CANCELLATIONS, ['ORGANISATION_CLOSED', 6]]
const EDUCATION_CANCELLATIONS: Weighted<EducationSessionCancellationReason> = [
  ...CANCELLATIONS,
  ['ORGANISATION_CLOSED', 6],
]
const NGO_CANCELLATIONS: Weighted<NgoSessionCancellationReason> = [...CANCELLATIONS, ['PROVIDER_ORGANISATIONAL', 6]]

const PAUSE_NOTES: Readonly<Record<PauseReason, readonly (string | null)[]>> = {
  FAMILY_UNAVAILABLE: [
    null,
    'Семья временно выехала из муниципального образования',
    'Законный представитель не выходит на связь',
  ],
  CHILD_ILL: [null],
  FAMILY_REQUEST: [null, 'Заявление законного представителя о переносе первичного приёма'],
  CHILD_HOSPITALISED: [null, 'Плановая госпитализация'],
  OTHER: ['Карантин в организации', 'Переезд организации в другое здание', 'Ожидание заключения ПМПК'],
}

const REJECTION_NOTES: Readonly<Record<ReferralRejectionReason, readonly (string | null)[]>> = {
  NOT_TARGET_GROUP: [null, 'Подтверждающие документы не приложены'],
  OUTSIDE_SERVICE_AREA: [null, 'Семья проживает вне территории обслуживания'],
  SERVICE_NOT_OFFERED: [null, 'Организация не проводит определение нуждаемости'],
  NO_CAPACITY: [null, 'Нет свободных мест у специалистов до конца квартала'],
  FAMILY_DECLINED: [null, 'Законный представитель отказался от услуг этой организации'],
  DUPLICATE: [null, 'Направление на ребёнка уже получено ранее'],
  OTHER: ['Направление оформлено без согласия законного представителя', 'Направление заполнено не полностью'],
}

const NEED_NOTES: Readonly<Record<NeedOutcome, readonly (string | null)[]>> = {
  IN_NEED: [null, 'Рекомендована разработка ИПРП', 'Выявлены ограничения жизнедеятельности; рекомендована ИПРП'],
  NOT_IN_NEED: [null, 'Развитие соответствует возрасту; семье даны рекомендации'],
  CONSULTATION_ONLY: [null, 'Семье рекомендовано консультирование без разработки ИПРП'],
}

/** How health observes a chronic diagnosis: by which specialty, and whether the observation may end well. */
interface ObservationCourse {
  specialty: MedicalSpecialty
  /** The chance the observation ends with `end` within `days` of its start. */
  ends?: { chance: number; days: readonly [number, number]; end: 'RECOVERED' | 'STABLE_REMISSION' }
}

// By full code first, then by category; diagnoses not listed (delays, secondary weights) are not observed.
const OBSERVATION_COURSES: Readonly<Record<string, ObservationCourse>> = {
  'P07.2': { specialty: 'NEONATOLOGY', ends: { chance: 0.8, days: [365, 420], end: 'RECOVERED' } },
  'P07.3': { specialty: 'PAEDIATRICS', ends: { chance: 0.85, days: [330, 400], end: 'RECOVERED' } },
  P91: { specialty: 'NEUROLOGY', ends: { chance: 0.6, days: [300, 540], end: 'RECOVERED' } },
  G80: { specialty: 'NEUROLOGY' },
  G40: { specialty: 'NEUROLOGY', ends: { chance: 0.5, days: [270, 540], end: 'STABLE_REMISSION' } },
  G12: { specialty: 'NEUROLOGY' },
  Q90: { specialty: 'PAEDIATRICS' },
  H90: { specialty: 'AUDIOLOGY_OTORHINOLARYNGOLOGY' },
  H35: { specialty: 'OPHTHALMOLOGY', ends: { chance: 0.7, days: [60, 240], end: 'RECOVERED' } },
  E03: { specialty: 'PAEDIATRIC_ENDOCRINOLOGY' },
  E70: { specialty: 'MEDICAL_GENETICS' },
  E84: { specialty: 'PULMONOLOGY' },
  Q21: { specialty: 'PAEDIATRIC_CARDIOLOGY', ends: { chance: 0.3, days: [180, 700], end: 'RECOVERED' } },
  Q24: { specialty: 'PAEDIATRIC_CARDIOLOGY' },
  Q03: { specialty: 'NEUROLOGY' },
  Q05: { specialty: 'TRAUMATOLOGY_ORTHOPAEDICS' },
  F84: { specialty: 'PSYCHIATRY' },
}

/** A planned service in the making, with what the sessions against it need. */
interface Item {
  service: ProgrammeServiceCode
  provider: ProviderRef
  mode: DeliveryMode
  minutes: number
  perMonth: number
  /** The early-help unit that delivers an education item's sessions. */
  unitId: string | null
}

interface PlannedGoal extends Goal {
  baseline: number
  target: number
}

/** What one version of a programme plans. */
interface Plan {
  items: readonly Item[]
  goals: readonly PlannedGoal[]
}

interface Exit {
  reason: ExitReason
  day: number
}

/** A version of the programme while it was in force. */
interface Period {
  from: number
  /** The last day in force: the day before the next version's signature, the exit, or the reference date. */
  to: number
  /** Superseded or closed by `to`. */
  ended: boolean
  /** Its intermediate reviews. */
  reviews: readonly number[]
}

/** A child's registry status history, step by step, each step later than the one before. */
export class StatusHistory {
  private status: RegistryStatus = 'POTENTIALLY_IN_NEED'
  private last: number

  constructor(
    private readonly random: Random,
    private readonly rows: SocialSeedRows['statusChanges'],
    private readonly childId: string,
    registeredAt: Date,
  ) {
    // Registration puts every child on the registry as potentially in need (social's registration service).
    rows.push({
      id: random.uuid(),
      child_id: childId,
      from_status: null,
      to_status: this.status,
      changed_at: registeredAt,
      reason: null,
    })
    this.last = registeredAt.getTime()
  }

  move(status: RegistryStatus, day: number, reason: string) {
    let at = day * DAY_MS + this.random.int(9 * 60, 17 * 60) * 60_000
    if (at <= this.last) at = this.last + this.random.int(5, 90) * 60_000
    this.rows.push({
      id: this.random.uuid(),
      child_id: this.childId,
      from_status: this.status,
      to_status: status,
      changed_at: new Date(at),
      reason,
    })
    this.status = status
    this.last = at
  }
}

/** A UUID fixed by a name and drawn from no random stream: SHA-1 bits in the version-4 layout every seeded id has. */
export function namedUuid(name: string) {
  const hex = createHash('sha1').update(name).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export class PathwayWriter {
  private readonly candidates = new Map<string, Weighted<ProviderRef>>()
  /** The children and the non-state providers their families signed a consent for, as `child:provider`. */
  private readonly consented = new Set<string>()
  private readonly sessionsFrom: number

  constructor(
    private readonly random: Random,
    private readonly reference: PathwayReference,
  ) {
    this.sessionsFrom = sessionsRecordedFrom(reference.today)
  }

  write(chunk: RegionChunk, child: ChildPath) {
    const random = this.random
    const history = new StatusHistory(random, chunk.social.statusChanges, child.id, child.registeredAt)
    const registered = Math.floor(child.registeredAt.getTime() / DAY_MS)
    let exit: Exit | null = null
    if (child.status === 'POTENTIALLY_IN_NEED') {
      // Back on the registry after the only referral was rejected.
      if (this.reference.today - registered > 30 && random.chance(0.08)) {
        const received = registered + random.int(1, this.reference.today - registered - 15)
        this.rejectedReferral(chunk, child, history, received, received + random.int(1, 10))
      }
    } else {
      exit = this.refer(chunk, child, history, registered)
    }
    this.observe(chunk, child, exit)
  }

  /** Referral, need determination and, for the children in a programme, the programme; returns the exit, if any. */
  private refer(chunk: RegionChunk, child: ChildPath, history: StatusHistory, registered: number) {
    const random = this.random
    const { status } = child
    const inProgramme = PROGRAMME_STATUSES.has(status)
    const closing = status === 'COMPLETED' || status === 'EXITED'
    const determined = status !== 'REFERRED'
    const accepted = determined || random.chance(0.2)
    const rejectedFirst = random.chance(0.1)
    const pauseDays = random.chance(0.12) ? random.int(3, 21) : 0

    // The lags between the steps, squeezed to fit when the child was registered too recently for them.
    const lags = [random.int(0, 30)]
    if (rejectedFirst) lags.push(random.int(1, 10), random.int(1, 20))
    if (accepted) lags.push(random.int(0, 5))
    // Most need determinations meet the region's ten working days; a few take much longer.
    if (determined) lags.push((random.chance(0.15) ? random.int(12, 40) : random.int(1, 8)) + pauseDays)
    if (inProgramme) lags.push(random.int(5, 35))
    const span = this.reference.today - registered
    if (!determined) {
      // A child still waiting for the need determination was referred lately: mostly within the region's clock.
      const recency = random.chance(0.7) ? random.int(0, 12) : random.int(13, 90)
      const waited = span - recency - lags.slice(1).reduce((sum, lag) => sum + lag, 0)
      lags[0] = Math.max(lags[0] as number, waited)
    }
    const room = closing ? span - Math.min(60, Math.floor(span / 3)) : span
    const total = lags.reduce((sum, lag) => sum + lag, 0)
    const scale = total > room ? room / total : 1
    let elapsed = 0
    const days = lags.map((lag) => {
      elapsed += lag
      return registered + Math.floor(elapsed * scale)
    })
    let step = 0
    const next = () => days[step++] as number

    let received = next()
    if (rejectedFirst) {
      this.rejectedReferral(chunk, child, history, received, next())
      received = next()
    }
    const provider = random.weighted(this.needDeterminationProviders(child.oktmo))
    history.move('REFERRED', received, `Направление к поставщику «${provider.name}»`)
    const decidedOn = accepted ? next() : null
    const needOn = determined ? next() : null
    const signedOn = inProgramme ? next() : null
    const outcome: NeedOutcome | null = needOn === null ? null : inProgramme ? 'IN_NEED' : (status as NeedOutcome)
    const referralId = random.uuid()
    this.consentForProvider(chunk, child, provider, received)
    chunk.social.referrals.push({
      id: referralId,
      child_id: child.id,
      from_side: child.signal.side,
      from_organisation: child.signal.organisation,
      provider_id: provider.id,
      reason: child.signal.reason,
      received_on: isoOf(received),
      status: accepted ? 'ACCEPTED' : 'RECEIVED',
      decided_on: decidedOn === null ? null : isoOf(decidedOn),
      rejection_reason: null,
      rejection_note: null,
      need_determined_on: needOn === null ? null : isoOf(needOn),
      need_outcome: outcome,
      need_note: outcome === null ? null : random.pick(NEED_NOTES[outcome]),
      programme_signed_on: signedOn === null ? null : isoOf(signedOn),
    })
    if (pauseDays > 0) this.pause(chunk, referralId, received, needOn, pauseDays)
    if (needOn === null || outcome === null) return null

    history.move(outcome, needOn, `Определение нуждаемости: ${outcome}`)
    if (status === 'CONSULTATION_ONLY') this.consultations(chunk, child, needOn)
    if (status === 'IN_NEED' && random.chance(0.35)) {
      // Being drafted with the family, not signed yet.
      const plan = this.plan(child)
      const drafted = Math.min(this.reference.today, needOn + random.int(1, 20))
      if (plan.items.length > 0)
        this.addProgramme(chunk, child, referralId, provider, 1, 'DRAFT', drafted, null, null, plan)
    }
    if (signedOn === null) return null
    return this.programme(chunk, child, history, referralId, provider, needOn, signedOn)
  }

  private rejectedReferral(
    chunk: RegionChunk,
    child: ChildPath,
    history: StatusHistory,
    received: number,
    decided: number,
  ) {
    const random = this.random
    const reason = random.weighted<ReferralRejectionReason>([
      ['NO_CAPACITY', 30],
      ['OUTSIDE_SERVICE_AREA', 20],
      ['FAMILY_DECLINED', 20],
      ['SERVICE_NOT_OFFERED', 10],
      ['NOT_TARGET_GROUP', 5],
      ['DUPLICATE', 5],
      ['OTHER', 10],
    ])
    // The provider fits the reason: one that does not serve the child's municipality, or does not determine need.
    const { providers } = this.reference
    const elsewhere = providers.filter((provider) => !provider.serves.has(child.oktmo))
    const notDetermining = providers.filter(
      (provider) => provider.serves.has(child.oktmo) && !provider.services.has('NEED_DETERMINATION'),
    )
    const provider =
      reason === 'OUTSIDE_SERVICE_AREA' && elsewhere.length > 0
        ? random.pick(elsewhere)
        : reason === 'SERVICE_NOT_OFFERED' && notDetermining.length > 0
          ? random.pick(notDetermining)
          : random.weighted(this.needDeterminationProviders(child.oktmo))
    this.consentForProvider(chunk, child, provider, received)
    chunk.social.referrals.push({
      id: random.uuid(),
      child_id: child.id,
      from_side: child.signal.side,
      from_organisation: child.signal.organisation,
      provider_id: provider.id,
      reason: child.signal.reason,
      received_on: isoOf(received),
      status: 'REJECTED',
      decided_on: isoOf(decided),
      rejection_reason: reason,
      rejection_note: random.pick(REJECTION_NOTES[reason]),
      need_determined_on: null,
      need_outcome: null,
      need_note: null,
      programme_signed_on: null,
    })
    history.move('REFERRED', received, `Направление к поставщику «${provider.name}»`)
    history.move('POTENTIALLY_IN_NEED', decided, `Направление отклонено: ${reason}`)
  }

  /**
   * A non-state provider processes a child's data only with the family's consent (152-ФЗ ст. 9): the family signs one
   * for it with the referral or the programme that first names it. The consent's id comes from the child and the
   * provider, not from the random stream, so the rest of the region is drawn as before. A child without a legal
   * representative has nobody to sign, and such a provider does not see the child.
   */
  private consentForProvider(chunk: RegionChunk, child: ChildPath, provider: ProviderRef, day: number) {
    const signer = child.representativeIds[0]
    const pair = `${child.id}:${provider.id}`
    if (provider.side !== 'NGO' || signer === undefined || this.consented.has(pair)) return
    this.consented.add(pair)
    chunk.social.consents.push({
      id: namedUuid(`consent:${pair}`),
      child_id: child.id,
      representative_id: signer,
      purpose: 'EARLY_HELP',
      recipient_side: null,
      recipient_provider_id: provider.id,
      scopes: ['FAMILY'],
      document: `Согласие на обработку персональных данных поставщиком «${provider.name}»`,
      given_at: new Date(day * DAY_MS + 10 * 3_600_000).toISOString(),
      revoked_at: null,
      revocation_note: null,
    })
  }

  /** A documented pause of the referral's clocks: ended by the need determination, or still open. */
  private pause(chunk: RegionChunk, referralId: string, received: number, needOn: number | null, days: number) {
    const random = this.random
    const end = needOn ?? this.reference.today
    const reason = random.weighted<PauseReason>([
      ['CHILD_ILL', 35],
      ['FAMILY_UNAVAILABLE', 25],
      ['FAMILY_REQUEST', 20],
      ['CHILD_HOSPITALISED', 12],
      ['OTHER', 8],
    ])
    const startedOn = received + random.int(0, Math.max(0, end - received - days))
    const open = needOn === null && random.chance(0.5)
    chunk.social.referralPauses.push({
      id: random.uuid(),
      referral_id: referralId,
      reason,
      note: random.pick(PAUSE_NOTES[reason]),
      started_on: isoOf(startedOn),
      ended_on: open ? null : isoOf(Math.min(end, startedOn + days)),
    })
  }

  /** The signed programme in its versions, with reviews, sessions and exit; returns the exit, if any. */
  private programme(
    chunk: RegionChunk,
    child: ChildPath,
    history: StatusHistory,
    referralId: string,
    provider: ProviderRef,
    needOn: number,
    signedOn: number,
  ) {
    const random = this.random
    const exit = child.status === 'PROGRAMME_ACTIVE' ? null : this.chooseExit(child, signedOn)
    const end = exit?.day ?? this.reference.today
    const signer = random.chance(0.8) ? (child.representativeIds[0] as string) : random.pick(child.representativeIds)

    // An intermediate review sometimes revises the programme: version 2 supersedes version 1.
    const reviews = this.reviewDays(signedOn, end)
    const revisedOn = reviews.length > 0 && random.chance(0.2) ? (reviews[0] as number) + random.int(3, 20) : end
    const periods: Period[] =
      revisedOn < end
        ? [
            { from: signedOn, to: revisedOn - 1, ended: true, reviews: reviews.filter((day) => day < revisedOn) },
            { from: revisedOn, to: end, ended: exit !== null, reviews: this.reviewDays(revisedOn, end) },
          ]
        : [{ from: signedOn, to: end, ended: exit !== null, reviews }]

    history.move('PROGRAMME_ACTIVE', signedOn, 'ИПРП подписана, версия 1')
    let plan = this.plan(child)
    let ratings: readonly number[] = []
    for (const [i, period] of periods.entries()) {
      const last = i === periods.length - 1
      // Version 1 is drafted after the need determination; version 2 from the review that called for it.
      if (i > 0) plan = this.revise(plan, ratings)
      const drafted = i === 0 ? Math.max(needOn, signedOn - random.int(0, 10)) : period.from - random.int(0, 2)
      const programme = this.addProgramme(
        chunk,
        child,
        referralId,
        provider,
        i + 1,
        !last ? 'SUPERSEDED' : exit ? 'CLOSED' : 'SIGNED',
        drafted,
        { day: period.from, by: signer },
        last ? exit : null,
        plan,
      )
      ratings = this.review(chunk, child, programme.id, plan.goals, period, last ? exit : null)
      for (const [position, item] of plan.items.entries()) {
        this.deliver(chunk, child, item, programme.serviceIds[position] as string, period)
      }
    }
    if (exit) {
      history.move(
        COMPLETING_EXITS.has(exit.reason) ? 'COMPLETED' : 'EXITED',
        exit.day,
        `Завершение ИПРП: ${exit.reason}`,
      )
    }
    return exit
  }

  /** Why and when the child's programme closed: a planned exit for COMPLETED children, another for EXITED ones. */
  private chooseExit(child: ChildPath, signedOn: number): Exit {
    const random = this.random
    const room = Math.max(0, Math.min(this.reference.today, child.thirdBirthday) - signedOn)
    const day = signedOn + random.int(Math.min(30, room), room)
    const application = child.preschool
    if (child.status === 'COMPLETED') {
      const enrolled = application?.status === 'ENROLLED' ? application.enrolledOn : null
      if (enrolled !== null && enrolled > signedOn) return { reason: 'TRANSITION_TO_PRESCHOOL', day: enrolled }
      const reason = random.weighted<ExitReason>([
        ['GOALS_ACHIEVED', 50],
        ['OTHER_SERVICES', 25],
        ['CONTINUED_HELP', 25],
      ])
      return { reason, day }
    }
    // A child who moved away or died has no preschool application in force, and no side recorded anything later.
    const gone = (application === null || application.status === 'WITHDRAWN') && day > child.lastFact
    const reason = random.weighted<ExitReason>([
      ['DECLINED', 35],
      ['LOST_CONTACT', 25],
      ['MOVED', gone ? 30 : 0],
      ['DIED', gone && child.severe ? 20 : 0],
    ])
    return { reason, day }
  }

  /** Intermediate reviews at about the region's six-month interval, some late and a few never held. */
  private reviewDays(from: number, end: number) {
    const random = this.random
    const days: number[] = []
    if (random.chance(0.05)) return days
    let last = from
    for (;;) {
      last += random.chance(0.1) ? random.int(190, 260) : random.int(150, 182)
      if (last >= end) return days
      days.push(last)
    }
  }

  /** Services from the catalogue that suit the child, each by a provider of a side that offers it, and a goal for each. */
  private plan(child: ChildPath): Plan {
    const random = this.random
    const wanted = child.services.filter((service): service is ProgrammeServiceCode => service in PROGRAMME_SERVICES)
    const items: Item[] = []
    for (let count = Math.min(wanted.length, child.severe ? random.int(2, 3) : random.int(1, 2)); count > 0; count--) {
      const [service] = wanted.splice(random.int(0, wanted.length - 1), 1) as [ProgrammeServiceCode]
      const candidates = this.itemProviders(child.oktmo, service)
      if (candidates.length === 0) continue
      const provider = random.weighted(candidates)
      const catalogue = PROGRAMME_SERVICES[service]
      const mode = this.modeOf(provider, service, child.oktmo)
      items.push({
        service,
        provider,
        mode,
        minutes: mode === 'GROUP' ? Math.max(60, catalogue.minutes) : catalogue.minutes,
        perMonth: random.pick(catalogue.perMonth),
        unitId: provider.side === 'EDUCATION' ? random.pick(this.reference.units.get(child.oktmo) ?? []) : null,
      })
    }
    const goals = items.map((item) => {
      const baseline = child.severe ? random.int(2, 4) : random.int(1, 3)
      const target = Math.max(0, baseline - (child.severe ? 1 : random.int(1, 2)))
      return { ...random.pick(PROGRAMME_SERVICES[item.service].goals), baseline, target }
    })
    return { items, goals }
  }

  private modeOf(provider: ProviderRef, service: ProgrammeServiceCode, oktmo: string): DeliveryMode {
    const random = this.random
    // A provider from elsewhere in the region works remotely; itemProviders keeps only services the catalogue allows so.
    if (provider.oktmo !== oktmo) return 'REMOTE'
    if (service === 'PARENT_GROUP') return 'GROUP'
    switch (provider.side) {
      case 'HEALTH':
        return random.weighted<DeliveryMode>([
          ['IN_CENTRE', 70],
          ['AT_HOME', 30],
        ])
      case 'EDUCATION':
        return random.weighted<DeliveryMode>([
          ['IN_CENTRE', 75],
          ['GROUP', 25],
        ])
      default:
        return random.weighted<DeliveryMode>([
          ['IN_CENTRE', 50],
          ['AT_HOME', 35],
          ['REMOTE', provider.remote && PROGRAMME_SERVICES[service].remote ? 15 : 0],
        ])
    }
  }

  /** The next version: the same services at a revised frequency, goals from the last ratings on. */
  private revise(plan: Plan, ratings: readonly number[]): Plan {
    const random = this.random
    return {
      items: plan.items.map((item) => ({ ...item, perMonth: random.pick(PROGRAMME_SERVICES[item.service].perMonth) })),
      goals: plan.goals.map((goal, i) => {
        const baseline = ratings[i] ?? goal.baseline
        return { ...goal, baseline, target: Math.max(0, Math.min(goal.target, baseline - 1)) }
      }),
    }
  }

  private addProgramme(
    chunk: RegionChunk,
    child: ChildPath,
    referralId: string,
    provider: ProviderRef,
    version: number,
    status: ProgrammeStatus,
    drafted: number,
    signature: { day: number; by: string } | null,
    exit: Exit | null,
    plan: Plan,
  ) {
    const random = this.random
    const id = random.uuid()
    chunk.social.programmes.push({
      id,
      child_id: child.id,
      referral_id: referralId,
      provider_id: provider.id,
      version,
      status,
      lead_specialist_role: random.pick(LEAD_ROLES[provider.side]),
      created_at: new Date(drafted * DAY_MS + random.int(9 * 60, 17 * 60) * 60_000),
      signed_on: signature === null ? null : isoOf(signature.day),
      signed_by_representative_id: signature?.by ?? null,
      closed_on: exit === null ? null : isoOf(exit.day),
      exit_reason: exit?.reason ?? null,
    })
    // The first version names the куратор, who leads every later one; derived by hashing, not from the stream.
    if (version === 1) {
      const { lead, assignedBy } = demoLeadOf(provider, child.id)
      chunk.social.programmeLeads.push({
        id: namedUuid(`programme-lead:${id}`),
        programme_id: id,
        subject: lead.subject,
        assigned_at: new Date(drafted * DAY_MS + 18 * 3600_000),
        assigned_by: assignedBy.subject,
      })
    }
    plan.goals.forEach((goal, position) =>
      chunk.social.programmeGoals.push({
        id: random.uuid(),
        programme_id: id,
        position,
        icf_code: goal.icf,
        baseline_qualifier: goal.baseline,
        target_qualifier: goal.target,
        description: goal.description,
      }),
    )
    const serviceIds = plan.items.map((item, position) => {
      this.consentForProvider(chunk, child, item.provider, drafted)
      const serviceId = random.uuid()
      chunk.social.programmeServices.push({
        id: serviceId,
        programme_id: id,
        position,
        service_code: item.service,
        sessions_per_month: item.perMonth,
        duration_minutes: item.minutes,
        mode: item.mode,
        responsible_side: item.provider.side,
        provider_id: item.provider.id,
      })
      return serviceId
    })
    return { id, serviceIds }
  }

  /**
   * The version's intermediate reviews and, at a closing other than a lost contact or a death, its final review;
   * returns the last ratings of its goals.
   */
  private review(
    chunk: RegionChunk,
    child: ChildPath,
    programmeId: string,
    goals: readonly PlannedGoal[],
    period: Period,
    exit: Exit | null,
  ) {
    const random = this.random
    let ratings = goals.map((goal) => goal.baseline)
    const add = (kind: 'INTERMEDIATE' | 'FINAL', day: number, qualifiers: readonly number[]) => {
      const reviewId = random.uuid()
      chunk.social.programmeReviews.push({
        id: reviewId,
        programme_id: programmeId,
        kind,
        reviewed_on: isoOf(day),
        note: null,
      })
      qualifiers.forEach((qualifier, position) =>
        chunk.social.programmeReviewRatings.push({
          id: random.uuid(),
          review_id: reviewId,
          position,
          icf_code: (goals[position] as PlannedGoal).icf,
          qualifier,
        }),
      )
      ratings = [...qualifiers]
    }
    // Progress towards the targets takes about a year and a half, twice that for a grave condition.
    const rate = (day: number, goal: PlannedGoal) => {
      const progress = Math.min(1, ((day - period.from) / (child.severe ? 1080 : 540)) * (0.6 + 0.8 * random.float()))
      return goal.baseline - Math.round((goal.baseline - goal.target) * progress)
    }
    for (const day of period.reviews) {
      const qualifiers = goals.map((goal) => rate(day, goal))
      add('INTERMEDIATE', day, qualifiers)
    }
    if (exit && !UNREVIEWED_EXITS.has(exit.reason)) {
      const day = Math.max(period.reviews.at(-1) ?? period.from, exit.day - random.int(0, 7))
      const achieved = COMPLETING_EXITS.has(exit.reason)
      const qualifiers = goals.map((goal) => (achieved && random.chance(0.75) ? goal.target : rate(day, goal)))
      add('FINAL', day, qualifiers)
    }
    return ratings
  }

  /** An item's sessions while its version was in force, from the day the session logs reached the hub. */
  private deliver(chunk: RegionChunk, child: ChildPath, item: Item, serviceId: string, period: Period) {
    const random = this.random
    const start = Math.min(period.to, period.from + random.int(1, 10))
    // Health's items are its medical rehabilitation: an episode at the item's provider holds their sessions.
    let episode: { id: string; roles: readonly RehabilitationSpecialistRole[] } | null = null
    if (item.provider.side === 'HEALTH') {
      const rehabilitation = REHABILITATION[item.service as HealthProgrammeService]
      episode = { id: random.uuid(), roles: rehabilitation.roles }
      chunk.health.rehabilitationEpisodes.push({
        id: episode.id,
        child_id: child.id,
        organisation: item.provider.name,
        goal: rehabilitation.goal,
        started_on: isoOf(start),
        ended_on: period.ended ? isoOf(period.to) : null,
      })
    }
    const gap = 30 / item.perMonth
    for (
      let day = Math.max(start, this.sessionsFrom + random.int(0, Math.ceil(gap)));
      day <= period.to;
      day += Math.max(1, Math.round(gap * (0.75 + random.float() * 0.5)))
    ) {
      const id = random.uuid()
      const attended = random.chance(0.88)
      const minutes = random.chance(0.9) ? item.minutes : Math.max(15, item.minutes - 15)
      switch (item.provider.side) {
        case 'SOCIAL':
          chunk.social.sessions.push({
            id,
            duration_minutes: minutes,
            attended,
            programme_service_id: serviceId,
            delivered_on: isoOf(day),
            mode: item.mode,
            specialist_role: random.pick(PROGRAMME_SERVICES[item.service].roles),
            cancellation_reason: attended ? null : random.weighted(SOCIAL_CANCELLATIONS),
          })
          break
        case 'HEALTH': {
          const { id: episodeId, roles } = episode as NonNullable<typeof episode>
          chunk.health.rehabilitationSessions.push({
            id,
            duration_minutes: minutes,
            attended,
            episode_id: episodeId,
            held_on: isoOf(day),
            // Health's items are never group or remote: the catalogue does not allow its services remotely.
            mode: item.mode === 'AT_HOME' ? 'AT_HOME' : 'IN_CENTRE',
            specialist_role: random.pick(roles),
            cancellation_reason: attended ? null : random.pick(REHABILITATION_CANCELLATIONS),
            programme_service_id: serviceId,
          })
          break
        }
        case 'EDUCATION':
          chunk.education.sessions.push({
            id,
            duration_minutes: minutes,
            attended,
            child_id: child.id,
            unit_id: item.unitId as string,
            service_code: item.service,
            delivered_on: isoOf(day),
            mode: item.mode,
            cancellation_reason: attended ? null : random.weighted(EDUCATION_CANCELLATIONS),
            programme_service_id: serviceId,
          })
          break
        case 'NGO':
          chunk.ngo.sessions.push({
            id,
            duration_minutes: minutes,
            attended,
            child_id: child.id,
            provider_id: item.provider.id,
            service_code: item.service,
            delivered_on: isoOf(day),
            mode: item.mode,
            cancellation_reason: attended ? null : random.weighted(NGO_CANCELLATIONS),
            programme_service_id: serviceId,
          })
          break
      }
    }
  }

  /** A consultation or two at a non-state provider near home, or a remote one, without a programme. */
  private consultations(chunk: RegionChunk, child: ChildPath, from: number) {
    const random = this.random
    if (!random.chance(0.25)) return
    const ngos = this.reference.providers.filter((provider) => provider.side === 'NGO')
    const local = ngos.filter((provider) => provider.oktmo === child.oktmo)
    const provider = random.pick(local.length > 0 ? local : ngos.filter((ngo) => ngo.remote))
    const onlyRemote = provider.oktmo !== child.oktmo
    let day = from + random.int(0, 14)
    for (let count = random.int(1, 2); count > 0 && day <= this.reference.today; count--) {
      const mode = onlyRemote
        ? 'REMOTE'
        : random.weighted<DeliveryMode>([
            ['IN_CENTRE', 60],
            ['AT_HOME', 20],
            ['REMOTE', provider.remote ? 20 : 0],
          ])
      const attended = random.chance(0.88)
      if (day >= this.sessionsFrom) {
        chunk.ngo.sessions.push({
          id: random.uuid(),
          child_id: child.id,
          provider_id: provider.id,
          service_code: 'CONSULTATION',
          delivered_on: isoOf(day),
          duration_minutes: mode === 'REMOTE' ? random.pick([30, 45]) : 60,
          mode,
          attended,
          cancellation_reason: attended ? null : random.weighted(NGO_CANCELLATIONS),
          programme_service_id: null,
        })
      }
      day += random.int(5, 16)
    }
  }

  /** Health's dispensary observation of the child's chronic diagnoses; a move or a death ends what is still open. */
  private observe(chunk: RegionChunk, child: ChildPath, exit: Exit | null) {
    const random = this.random
    const observed = new Set<string>()
    for (const { code, day } of child.diagnoses) {
      const course = OBSERVATION_COURSES[code] ?? OBSERVATION_COURSES[code.slice(0, 3)]
      if (!course || observed.has(code)) continue
      observed.add(code)
      const startedOn = Math.min(this.reference.today, day + random.int(0, 30))
      if (exit?.reason === 'DIED' && startedOn > exit.day) continue
      let end: { day: number; reason: NonNullable<ObservationEnd> } | null = null
      if (course.ends && random.chance(course.ends.chance)) {
        end = { day: startedOn + random.int(...course.ends.days), reason: course.ends.end }
      } else if (random.chance(0.02)) {
        end = { day: startedOn + random.int(30, 400), reason: 'REFUSED' }
      }
      if (exit && (exit.reason === 'DIED' || exit.reason === 'MOVED') && (!end || end.day > exit.day)) {
        end = { day: Math.max(startedOn, exit.day), reason: exit.reason === 'DIED' ? 'DIED' : 'TRANSFERRED' }
      }
      const ended = end !== null && end.day <= this.reference.today ? end : null
      chunk.health.dispensaryObservations.push({
        id: random.uuid(),
        child_id: child.id,
        icd10_code: code,
        specialty: course.specialty,
        started_on: isoOf(startedOn),
        ended_on: ended ? isoOf(ended.day) : null,
        end_reason: ended?.reason ?? null,
      })
    }
  }

  /** Providers serving the municipality that determine need, the social side's and local ones most often. */
  private needDeterminationProviders(oktmo: string) {
    return this.cached(`need:${oktmo}`, () =>
      this.reference.providers
        .filter((provider) => provider.services.has('NEED_DETERMINATION') && provider.serves.has(oktmo))
        .map(
          (provider) =>
            [provider, (provider.oktmo === oktmo ? 3 : 1) * NEED_DETERMINATION_WEIGHT[provider.side]] as const,
        ),
    )
  }

  /**
   * Providers that can deliver a programme service to a child of the municipality: those serving it and offering the
   * service; from elsewhere only where the catalogue allows the service remotely; education's only where a
   * kindergarten of the municipality has an early-help unit to hold the sessions.
   */
  private itemProviders(oktmo: string, service: ProgrammeServiceCode) {
    return this.cached(`${service}:${oktmo}`, () =>
      this.reference.providers.flatMap((provider) => {
        if (!provider.services.has(service) || !provider.serves.has(oktmo)) return []
        const local = provider.oktmo === oktmo
        if (!local && !PROGRAMME_SERVICES[service].remote) return []
        if (provider.side === 'EDUCATION' && !this.reference.units.has(oktmo)) return []
        return [[provider, local ? (provider.side === 'NGO' ? 1.5 : 4) : 0.15] as const]
      }),
    )
  }

  private cached(key: string, build: () => Weighted<ProviderRef>) {
    let candidates = this.candidates.get(key)
    if (!candidates) {
      candidates = build()
      this.candidates.set(key, candidates)
    }
    return candidates
  }
}

type ObservationEnd = RegionChunk['health']['dispensaryObservations'][number]['end_reason']

const NEED_DETERMINATION_WEIGHT: Readonly<Record<Side, number>> = { SOCIAL: 3, HEALTH: 1, EDUCATION: 2, NGO: 0 }
