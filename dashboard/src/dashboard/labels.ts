import type {
  CoverageRule,
  CriterionCode,
  ExitReason,
  DetectionKind,
  NeedOutcome,
  PreschoolStatus,
  ProgrammeStatus,
  ReferralStatus,
  RiskFactorKind,
  ScreeningResult,
  ProviderKind,
  RegistryStatus,
  ServiceKind,
  Sex,
  Side,
  SpecialistRole,
} from '../../../schema/__generated__/operations'

/** Russian names of the schema's enums, as its descriptions give them. */
export const REGISTRY_STATUS: Record<RegistryStatus, string> = {
  POTENTIALLY_IN_NEED: 'Потенциально нуждающийся',
  REFERRED: 'Направлен к поставщику',
  IN_NEED: 'Признан нуждающимся',
  NOT_IN_NEED: 'Признан не нуждающимся',
  CONSULTATION_ONLY: 'Консультирование без ИПРП',
  PROGRAMME_ACTIVE: 'Реализуется ИПРП',
  COMPLETED: 'ИПРП завершена',
  EXITED: 'Выбыл',
}

export const CRITERION: Record<CriterionCode, string> = {
  DISABLED_CHILD: 'Ребёнок-инвалид',
  HEALTH_GROUP_IV_V: 'IV или V группа здоровья',
  ORPHAN_INSTITUTION: 'Воспитывается в организации для детей-сирот',
  FAMILY_TJS: 'Семья в ТЖС',
  FAMILY_SOP: 'Семья в СОП',
  DEVELOPMENTAL_PARTICULARITY: 'Особенности развития, поведения',
  PARENT_CONCERN: 'Обеспокоенность родителей',
  SCREENING_POSITIVE: 'Положительный скрининг',
  GENETIC_DISORDER: 'Генетическое нарушение',
  OVZ_PMPK: 'ОВЗ по заключению ПМПК',
}

export const SEX: Record<Sex, string> = { MALE: 'мужской', FEMALE: 'женский' }

export const SIDE: Record<Side, string> = {
  SOCIAL: 'Социальная защита',
  HEALTH: 'Здравоохранение',
  EDUCATION: 'Образование',
  NGO: 'НКО',
}

export const PROVIDER_KIND: Record<ProviderKind, string> = {
  EARLY_HELP_CENTRE: 'Центр (служба) ранней помощи',
  SOCIAL_SERVICE_CENTRE: 'Организация социального обслуживания',
  REHABILITATION_CENTRE: 'Реабилитационный центр',
  MEDICAL_ORGANISATION: 'Медицинская организация',
  PPMS_CENTRE: 'ППМС-центр',
  PRESCHOOL: 'Дошкольная образовательная организация',
  NON_PROFIT: 'Некоммерческая организация',
  OTHER: 'Иная организация',
}

export const SERVICE_KIND: Record<ServiceKind, string> = {
  NEED_DETERMINATION: 'Определение нуждаемости',
  PROGRAMME_PLANNING: 'Разработка и пересмотр ИПРП',
  CONSULTATION: 'Консультирование без ИПРП',
  PROGRAMME: 'Услуга по ИПРП',
}

export const SPECIALIST_ROLE: Record<SpecialistRole, string> = {
  SOCIAL_WORKER: 'специалист по социальной работе',
  PSYCHOLOGIST: 'педагог-психолог',
  DEFECTOLOGIST: 'учитель-дефектолог',
  SPEECH_THERAPIST: 'учитель-логопед',
  ADAPTIVE_PE_INSTRUCTOR: 'инструктор по АФК',
  PAEDIATRICIAN: 'врач-педиатр',
  NEONATOLOGIST: 'врач-неонатолог',
  NEUROLOGIST: 'врач-невролог',
  OCCUPATIONAL_THERAPIST: 'эрготерапевт',
  TYPHLOPEDAGOGUE: 'тифлопедагог',
  SURDOPEDAGOGUE: 'сурдопедагог',
  EDUCATOR: 'воспитатель',
  NURSE: 'медицинская сестра',
}

export const REFERRAL_STATUS: Record<ReferralStatus, string> = {
  RECEIVED: 'получено',
  ACCEPTED: 'принято',
  REJECTED: 'отказано',
}

export const NEED_OUTCOME: Record<NeedOutcome, string> = {
  IN_NEED: 'нуждается',
  NOT_IN_NEED: 'не нуждается',
  CONSULTATION_ONLY: 'консультирование без ИПРП',
}

export const PROGRAMME_STATUS: Record<ProgrammeStatus, string> = {
  DRAFT: 'проект',
  SIGNED: 'подписана, реализуется',
  SUPERSEDED: 'замещена новой версией',
  CLOSED: 'завершена',
}

export const DETECTION_KIND: Record<DetectionKind, string> = {
  NEONATAL_SCREENING: 'неонатальный скрининг',
  AUDIOLOGY_SCREENING: 'аудиологический скрининг',
  PAEDIATRIC_VISIT: 'профилактический осмотр педиатром',
  SPECIALIST_VISIT: 'консультация врача-специалиста',
}

export const SCREENING_RESULT: Record<ScreeningResult, string> = {
  NEGATIVE: 'отрицательный',
  POSITIVE: 'положительный, нужен ретест',
  CONFIRMED: 'подтверждён',
}

export const RISK_FACTOR: Record<RiskFactorKind, string> = {
  PREMATURITY: 'недоношенность',
  LOW_BIRTH_WEIGHT: 'низкая масса тела при рождении',
  PERINATAL_CNS_LESION: 'перинатальное поражение ЦНС',
  HEREDITARY_BURDEN: 'отягощённая наследственность',
  INTRAUTERINE_INFECTION: 'внутриутробная инфекция',
  BIRTH_ASPHYXIA: 'асфиксия, гипоксия в родах',
}

export const PRESCHOOL_STATUS: Record<PreschoolStatus, string> = {
  QUEUED: 'в очереди',
  DIRECTED: 'выдано направление',
  ENROLLED: 'зачислен',
  WITHDRAWN: 'заявление отозвано',
}

export const EXIT_REASON: Record<ExitReason, string> = {
  TRANSITION_TO_PRESCHOOL: 'переход в дошкольную организацию',
  OTHER_SERVICES: 'переход к другим услугам',
  CONTINUED_HELP: 'продолжение помощи вне программы',
  GOALS_ACHIEVED: 'цели ИПРП достигнуты',
  MOVED: 'смена места жительства',
  DECLINED: 'отказ семьи',
  LOST_CONTACT: 'утрачена связь с семьёй',
  DIED: 'смерть ребёнка',
}

export const COVERAGE_RULE: Record<CoverageRule, string> = {
  PROGRAMME_IN_FORCE: 'только услуги по ИПРП',
  ANY_SERVICE: 'любая услуга ранней помощи',
}

/** The viewer's role and side from the token's claims, for the header. */
export const ROLE: Record<string, string> = {
  specialist: 'специалист',
  coordinator: 'координатор',
  analyst: 'аналитик',
  administrator: 'администратор',
  public: 'посетитель',
}

export const VIEWER_SIDE: Record<string, string> = {
  social: 'соцзащита',
  health: 'здравоохранение',
  education: 'образование',
  ngo: 'НКО',
  regional: 'региональный уровень',
}

/** A date of the API (YYYY-MM-DD or an ISO time) as Russians write it. */
export function formatDate(value: string | Date | null | undefined) {
  if (!value) return '—'
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value)
  return date.toLocaleDateString('ru-RU')
}

/** A percentage of the API (one decimal, or null when it cannot be computed or is hidden). */
export function formatPercent(value: number | null | undefined) {
  return value === null || value === undefined ? '—' : `${value.toLocaleString('ru-RU')} %`
}
