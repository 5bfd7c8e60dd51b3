import { enumLabels } from '../shared/__generated__/enum-labels'

/**
 * Russian names of the schema's enums, generated from the Russian descriptions of the subgraphs' SDL (one source:
 * `npm run codegen` writes them, CI fails when they drift). The names below are the pages' short handles for them.
 */
export const REGISTRY_STATUS = enumLabels.RegistryStatus
export const CRITERION = enumLabels.CriterionCode
export const SEX = enumLabels.Sex
export const SIDE = enumLabels.Side
export const PROVIDER_KIND = enumLabels.ProviderKind
export const SERVICE_KIND = enumLabels.ServiceKind
export const SPECIALIST_ROLE = enumLabels.SpecialistRole
export const REFERRAL_STATUS = enumLabels.ReferralStatus
export const NEED_OUTCOME = enumLabels.NeedOutcome
export const PROGRAMME_STATUS = enumLabels.ProgrammeStatus
export const DETECTION_KIND = enumLabels.DetectionKind
export const SCREENING_RESULT = enumLabels.ScreeningResult
export const RISK_FACTOR = enumLabels.RiskFactorKind
export const PRESCHOOL_STATUS = enumLabels.PreschoolStatus
export const PRESCHOOL_PLACEMENT = enumLabels.PreschoolPlacement
export const EXIT_REASON = enumLabels.ExitReason
export const COVERAGE_RULE = enumLabels.CoverageRule
export const CLOCK_STATUS = enumLabels.ClockStatus
export const DEADLINE_CLOCK = enumLabels.DeadlineClockCode
export const NOTIFICATION_KIND = enumLabels.NotificationKind
export const ACCESS_PURPOSE = enumLabels.AccessPurpose
export const CONSENT_RECIPIENT = enumLabels.ConsentRecipientSide
export const HEALTH_GROUP = enumLabels.HealthGroup
export const MEDICAL_SPECIALTY = enumLabels.MedicalSpecialty
export const DISPENSARY_END_REASON = enumLabels.DispensaryObservationEndReason
export const REHABILITATION_MODE = enumLabels.RehabilitationSessionMode
export const REHABILITATION_ROLE = enumLabels.RehabilitationSpecialistRole
export const EDUCATION_PROGRAMME = enumLabels.EducationProgramme
export const PRESCHOOL_GROUP_TYPE = enumLabels.PreschoolGroupType
export const PRESCHOOL_WITHDRAWAL_REASON = enumLabels.PreschoolWithdrawalReason
export const EARLY_HELP_UNIT_KIND = enumLabels.EarlyHelpUnitKind
export const DELIVERY_MODE = enumLabels.DeliveryMode
export const EDUCATION_CANCELLATION_REASON = enumLabels.EducationSessionCancellationReason
export const NGO_CANCELLATION_REASON = enumLabels.NgoSessionCancellationReason
export const PARENT_GROUP_FORMAT = enumLabels.ParentGroupFormat
export const VOLUNTEER_ACTIVITY = enumLabels.VolunteerActivity
export const SIGNAL_KIND = enumLabels.ChildFindSignalKind
export const SIGNAL_STATUS = enumLabels.ChildFindSignalStatus

/**
 * The viewer's role and side from the token's claims, for the header. These stay here: the claims are strings of the
 * identity provider's token (lower case, with the regional level), not values of an enum of the schema.
 */
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

/** A term in Russian: «с 01.01.2023» or «с 01.01.2023 по 31.12.2025». */
export function termText(validFrom: string, validTo: string | null | undefined) {
  return `с ${formatDate(validFrom)}${validTo ? ` по ${formatDate(validTo)}` : ''}`
}

/** A date of the API (YYYY-MM-DD or an ISO time) as Russians write it. */
export function formatDate(value: string | Date | null | undefined) {
  if (!value) return '—'
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value)
  return date.toLocaleDateString('ru-RU')
}

/** A moment of the API (an ISO time) as Russians write it, to the second: «07.12.2026, 11:53:36». */
export function formatDateTime(value: string | Date | null | undefined) {
  return value ? new Date(value).toLocaleString('ru-RU') : '—'
}

/** A percentage of the API (one decimal, or null when it cannot be computed or is hidden). */
export function formatPercent(value: number | null | undefined) {
  return value === null || value === undefined ? '—' : `${value.toLocaleString('ru-RU')} %`
}

/** «Орлова М. С.» for «Орлова Марина Сергеевна»: a header has room for a surname and initials. */
function shortName(name: string) {
  const [surname, ...given] = name.split(/\s+/)
  return [surname, ...given.map((word) => `${word[0]}.`)].join(' ')
}

/** Who is signed in, as the headers say it: «Орлова М. С. · координатор, региональный уровень». */
export function viewerLabel(claims: { name?: string; role?: string; side?: string } | null) {
  const role = ROLE[claims?.role ?? ''] ?? claims?.role ?? ''
  const side = claims?.side ? `, ${VIEWER_SIDE[claims.side] ?? claims.side}` : ''
  return `${claims?.name ? `${shortName(claims.name)} · ` : ''}${role}${side}`
}
