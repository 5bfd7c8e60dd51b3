import type {
  AccessPurpose,
  ClockStatus,
  ConsentRecipientSide,
  DeadlineClockCode,
} from '../../../schema/__generated__/operations'

/** Russian names of the enums the work queues show, as the schema's descriptions give them. */
export const CLOCK_STATUS: Record<ClockStatus, string> = {
  RUNNING: 'Идёт',
  PAUSED: 'Приостановлен',
  MET: 'Соблюдён',
  MISSED: 'Нарушен (выполнено позже срока)',
  OVERDUE: 'Просрочен (не выполнено, срок истёк)',
}

export const DEADLINE_CLOCK: Record<DeadlineClockCode, string> = {
  REFERRAL_TO_NEED_DETERMINATION: 'От получения направления до определения нуждаемости',
  REFERRAL_TO_PROGRAMME: 'От получения направления до подписания ИПРП',
  PROGRAMME_REVIEW: 'Периодичность промежуточной оценки ИПРП',
  TRANSITION_NOTICE: 'Начало планирования перехода: за сколько дней до 3 лет',
}

export const ACCESS_PURPOSE: Record<AccessPurpose, string> = {
  EARLY_HELP: 'Оказание услуг ранней помощи и реализация ИПРП',
  NEED_DETERMINATION: 'Определение нуждаемости в услугах ранней помощи',
  TRANSITION: 'Сопровождение перехода в дошкольную образовательную организацию',
}

export const CONSENT_RECIPIENT: Record<ConsentRecipientSide, string> = {
  SOCIAL: 'Социальная защита',
  HEALTH: 'Здравоохранение',
  EDUCATION: 'Образование',
  NGO: 'Негосударственные организации (все)',
  REGIONAL: 'Региональный координатор ранней помощи',
}
