import type {
  CriterionCode,
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
