import type { Viewer } from '@hub/platform/auth/viewer'
import { PROVIDERS_SIDE, REGISTRY_SIDE, type SubgraphName } from '@hub/platform/sides'

/** What a piece of data is about, for deciding who may read it (issue 4, DESIGN.md §5). */
export const CATEGORIES = {
  identity: 'ФИО, дата рождения, пол, СНИЛС, муниципалитет и статус ребёнка в реестре',
  criteria: 'Критерии отнесения к целевой группе (в т.ч. HEALTH_GROUP_IV_V без диагноза)',
  health: 'Сведения о здоровье: выявление, группа здоровья, диагнозы, факторы риска, медицинская реабилитация',
  pmpk: 'Заключения ПМПК',
  education: 'Очередь и зачисление в ДОО, услуги ранней помощи в образовательных организациях',
  family: 'Семья: члены, законные представители, контакты, ТЖС/СОП, согласия',
  programme: 'Направления, определение нуждаемости, ИПРП',
  sessions: 'Проведённые занятия (услуги) по ИПРП',
  aggregates: 'Сводные показатели без персональных данных',
  staff: 'Специалисты поставщиков и их обучение',
  reference: 'Справочники и региональные настройки',
  publicRegistry: 'Публичный реестр поставщиков и каталог услуг',
  audit: 'Журнал доступа к персональным данным',
} as const
export type Category = keyof typeof CATEGORIES

/** Categories whose every read is written to the owning subgraph's access audit. */
export const PERSONAL_CATEGORIES: ReadonlySet<Category> = new Set([
  'identity',
  'criteria',
  'health',
  'pmpk',
  'education',
  'family',
  'programme',
  'sessions',
])

/** The scopes a family may consent to share, and the category each opens. */
export const CONSENT_SCOPES = { HEALTH: 'health', PMPK: 'pmpk', FAMILY: 'family' } as const satisfies Record<
  string,
  Category
>
export type ConsentScope = keyof typeof CONSENT_SCOPES

/**
 * How a kind of caller may read a category:
 * `all` — every child; `referred` — only children referred to the caller's
 * organisation; `consent` — only where the family's consent for the
 * caller (its side or its organisation), this purpose and this scope is
 * in force; `none` — never.
 */
export type Rule = 'all' | 'referred' | 'consent' | 'none'

/**
 * Callers as a subgraph's policy sees them. Staff are specialists and
 * coordinators; an administrator manages the subgraph (its audit) and
 * reads no child's record.
 */
export const VIEWER_CLASSES = {
  owner: 'Сотрудники ведомства — владельца подграфа',
  regional: 'Региональный координатор ранней помощи',
  otherSide: 'Сотрудники других ведомств (здравоохранение, образование, соцзащита)',
  provider: 'Сотрудники негосударственного поставщика (НКО)',
  analyst: 'Аналитик (любое ведомство)',
  administrator: 'Администратор подграфа',
  outsider: 'Администратор другого ведомства',
  public: 'Публичный читатель',
} as const
export type ViewerClass = keyof typeof VIEWER_CLASSES | 'socialService' | 'sideService'

export type PolicyTable = Readonly<Record<keyof typeof VIEWER_CLASSES, Readonly<Partial<Record<Category, Rule>>>>>

type Row = Readonly<Partial<Record<Category, Rule>>>

/** What staff of any side may read in any subgraph: counts, who works where, reference data, the public registry. */
export const STAFF_BASICS: Row = { aggregates: 'all', staff: 'all', reference: 'all', publicRegistry: 'all' }

/** The rows that are the same in every subgraph's policy. */
export const COMMON_ROWS = {
  /** Counts and reference data, never a child's record. */
  analyst: { aggregates: 'all', reference: 'all', publicRegistry: 'all' },
  /** Manages the subgraph and reads its audit, never a child's record. */
  administrator: { audit: 'all', staff: 'all', reference: 'all', publicRegistry: 'all' },
  outsider: { publicRegistry: 'all' },
  public: { publicRegistry: 'all' },
} as const satisfies Record<string, Row>

/**
 * The class of a caller for the subgraph `owner`. A provider's staff are
 * NGO staff with an organisation; NGO staff without one run the ngo
 * subgraph itself.
 */
export function viewerClass(viewer: Viewer, owner: SubgraphName): ViewerClass {
  switch (viewer.role) {
    case 'public':
      return 'public'
    case 'service':
      return viewer.side === REGISTRY_SIDE ? 'socialService' : 'sideService'
    case 'analyst':
      return 'analyst'
    case 'administrator':
      return viewer.side === owner ? 'administrator' : 'outsider'
    case 'specialist':
    case 'coordinator':
      if (viewer.side === PROVIDERS_SIDE && viewer.organisation !== null) return 'provider'
      if (viewer.side === owner) return 'owner'
      if (viewer.side === 'regional') return 'regional'
      return viewer.side === PROVIDERS_SIDE ? 'provider' : 'otherSide'
  }
}

/** A class's rule for a category; services read nothing through the policy (their calls are gated one by one). */
export function ruleFor(policy: PolicyTable, viewer: ViewerClass, category: Category): Rule {
  if (viewer === 'socialService' || viewer === 'sideService') return 'none'
  return policy[viewer][category] ?? 'none'
}
