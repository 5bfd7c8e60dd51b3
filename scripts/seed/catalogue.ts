import type { SpecialistRole } from '../../subgraphs/social/src/db/database.js'

/** The codes of the regional catalogue the social migration installs. */
export type ServiceCode =
  | 'NEED_DETERMINATION'
  | 'IPRP_DEVELOPMENT'
  | 'IPRP_REVIEW'
  | 'CONSULTATION'
  | 'DAILY_ROUTINES'
  | 'COMMUNICATION_SPEECH'
  | 'MOBILITY'
  | 'SELF_CARE'
  | 'COGNITIVE'
  | 'SOCIAL_EMOTIONAL'
  | 'ASSISTIVE_TECHNOLOGY'
  | 'FAMILY_PSYCHOLOGICAL_SUPPORT'
  | 'PARENT_GROUP'

/** A service that an ИПРП plans (kind PROGRAMME in the catalogue). */
export type ProgrammeServiceCode = Exclude<
  ServiceCode,
  'NEED_DETERMINATION' | 'IPRP_DEVELOPMENT' | 'IPRP_REVIEW' | 'CONSULTATION'
>

export interface Goal {
  /** ICF-CY (МКФ-ДП) category. */
  icf: string
  description: string
}

interface ProgrammeService {
  /** Whether the catalogue allows the service remotely. */
  remote: boolean
  /** The specialists the catalogue requires for it. */
  roles: readonly SpecialistRole[]
  /** The catalogue's standard duration of one session, minutes. */
  minutes: number
  /** Sessions a month an ИПРП plans, after the catalogue's standard frequency. */
  perMonth: readonly number[]
  /** The functioning the service works on: the goals an ИПРП sets with it. */
  goals: readonly Goal[]
}

/**
 * What the seed needs to know of the catalogue's programme services, copied from the social migration that installs
 * it (the seed test compares the two), and the ICF-CY categories each one works on.
 */
export const PROGRAMME_SERVICES: Readonly<Record<ProgrammeServiceCode, ProgrammeService>> = {
  DAILY_ROUTINES: {
    remote: true,
    roles: ['DEFECTOLOGIST', 'PSYCHOLOGIST'],
    minutes: 60,
    perMonth: [4],
    goals: [
      { icf: 'd230', description: 'Выполняет привычный распорядок дня вместе со взрослым' },
      { icf: 'd550', description: 'Ест ложкой с небольшой помощью взрослого' },
      { icf: 'd560', description: 'Пьёт из открытой чашки' },
    ],
  },
  COMMUNICATION_SPEECH: {
    remote: true,
    roles: ['SPEECH_THERAPIST'],
    minutes: 45,
    perMonth: [4, 8],
    goals: [
      { icf: 'd310', description: 'Понимает обращённую речь в повседневных ситуациях' },
      { icf: 'd315', description: 'Понимает жесты и мимику близких взрослых' },
      { icf: 'd330', description: 'Произносит слова и короткие фразы, чтобы попросить или позвать' },
      { icf: 'd335', description: 'Выражает просьбу жестом или карточкой' },
    ],
  },
  MOBILITY: {
    remote: false,
    roles: ['ADAPTIVE_PE_INSTRUCTOR'],
    minutes: 45,
    perMonth: [4, 8],
    goals: [
      { icf: 'd410', description: 'Самостоятельно переворачивается и меняет позу' },
      { icf: 'd415', description: 'Удерживает положение сидя без поддержки' },
      { icf: 'd440', description: 'Захватывает и удерживает мелкие предметы' },
      { icf: 'd450', description: 'Ходит с опорой или самостоятельно' },
      { icf: 'b760', description: 'Управляет произвольными движениями рук в игре' },
    ],
  },
  SELF_CARE: {
    remote: true,
    roles: ['DEFECTOLOGIST', 'OCCUPATIONAL_THERAPIST'],
    minutes: 45,
    perMonth: [4],
    goals: [
      { icf: 'd510', description: 'Моет руки вместе со взрослым' },
      { icf: 'd530', description: 'Сообщает о физиологических потребностях' },
      { icf: 'd540', description: 'Участвует в одевании: протягивает руки, снимает шапку' },
    ],
  },
  COGNITIVE: {
    remote: true,
    roles: ['DEFECTOLOGIST'],
    minutes: 45,
    perMonth: [4],
    goals: [
      { icf: 'd130', description: 'Подражает действиям взрослого с предметами' },
      { icf: 'd131', description: 'Исследует предметы, действуя с ними по назначению' },
      { icf: 'd160', description: 'Удерживает внимание на игре не менее пяти минут' },
      { icf: 'b117', description: 'Решает простые практические задачи в игре' },
    ],
  },
  SOCIAL_EMOTIONAL: {
    remote: true,
    roles: ['PSYCHOLOGIST'],
    minutes: 45,
    perMonth: [4],
    goals: [
      { icf: 'd710', description: 'Вступает во взаимодействие с близкими взрослыми и поддерживает его' },
      { icf: 'd880', description: 'Играет рядом со сверстниками и вместе с ними' },
      { icf: 'b152', description: 'Успокаивается с помощью близкого взрослого' },
    ],
  },
  ASSISTIVE_TECHNOLOGY: {
    remote: false,
    roles: ['OCCUPATIONAL_THERAPIST', 'ADAPTIVE_PE_INSTRUCTOR'],
    minutes: 60,
    perMonth: [1, 2],
    goals: [
      { icf: 'e115', description: 'Подобраны и используются вспомогательные средства для повседневной жизни' },
      { icf: 'e120', description: 'Подобраны и используются средства передвижения' },
      { icf: 'e125', description: 'Подобраны и используются средства коммуникации' },
    ],
  },
  FAMILY_PSYCHOLOGICAL_SUPPORT: {
    remote: true,
    roles: ['PSYCHOLOGIST'],
    minutes: 60,
    perMonth: [2],
    goals: [
      { icf: 'e310', description: 'Семья уверенно поддерживает развитие ребёнка в повседневной жизни' },
      { icf: 'e410', description: 'Родители принимают особенности ребёнка и видят его сильные стороны' },
    ],
  },
  PARENT_GROUP: {
    remote: true,
    roles: ['PSYCHOLOGIST', 'SOCIAL_WORKER'],
    minutes: 90,
    perMonth: [1],
    goals: [{ icf: 'e325', description: 'Семья получает поддержку других родителей' }],
  },
}
