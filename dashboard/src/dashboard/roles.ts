/**
 * What each signed-in role may use in the dashboard, decided here once: the navigation, the home page and the work
 * queues follow this table, which mirrors social's access policy (README, "Who sees what") so that no section opens
 * on a blank page or a refusal. The subgraphs still decide every read; this only keeps the screens to what they allow.
 */

/** The signed-in user as the token names them (side, role, organisation). */
export interface Claims {
  side?: string
  role?: string
  org?: string
}

export type SectionId =
  | 'tasks'
  | 'caseloads'
  | 'overview'
  | 'registry'
  | 'registryImport'
  | 'reports'
  | 'providers'
  | 'services'
  | 'ngo'
  | 'integrations'
  | 'reference'

export type QueueId =
  'signals' | 'referrals' | 'reviews' | 'transitions' | 'drafts' | 'criteria' | 'consents' | 'duplicates' | 'merges'

/** Callers as social's policy classes them. */
export type Audience = 'coordination' | 'otherSide' | 'provider' | 'analyst' | 'administrator' | 'none'

export const SECTIONS: Record<SectionId, { path: string; label: string }> = {
  tasks: { path: '/dashboard', label: 'Мои задачи' },
  caseloads: { path: '/dashboard/caseloads', label: 'Нагрузка специалистов' },
  overview: { path: '/dashboard/overview', label: 'Обзор' },
  registry: { path: '/dashboard/registry', label: 'Реестр детей' },
  registryImport: { path: '/dashboard/registry/import', label: 'Импорт реестра' },
  reports: { path: '/dashboard/reports', label: 'Отчёты' },
  providers: { path: '/dashboard/providers', label: 'Поставщики' },
  services: { path: '/dashboard/services', label: 'Перечень услуг' },
  ngo: { path: '/dashboard/ngo', label: 'Работа НКО' },
  integrations: { path: '/dashboard/integrations', label: 'Интеграции' },
  reference: { path: '/dashboard/reference', label: 'Справочники' },
}

const PUBLIC_SECTIONS: readonly SectionId[] = ['providers', 'services']
const STAFF_SECTIONS: readonly SectionId[] = ['tasks', 'registry', 'overview', 'reports', ...PUBLIC_SECTIONS]

/**
 * Per audience: the sections in navigation order (the first is the home page), the queues, filing reports, and whether
 * a figure of the overview opens the named children behind it (those social lets find any child in the registry; the
 * others see depersonalised groups).
 */
export const ACCESS: Record<
  Audience,
  { sections: readonly SectionId[]; queues: readonly QueueId[]; fileReports: boolean; namedChildren: boolean }
> = {
  // Social's own staff and the regional coordinator: every queue, and the quarterly report is theirs to file. The
  // child-find signals of health and education come first: they are where a child enters the pathway.
  coordination: {
    sections: STAFF_SECTIONS,
    queues: [
      'signals',
      'referrals',
      'reviews',
      'transitions',
      'drafts',
      'criteria',
      'consents',
      'duplicates',
      'merges',
    ],
    fileReports: true,
    namedChildren: true,
  },
  // Health and education staff refer children, send the evidence of criteria and place children in preschool.
  otherSide: {
    sections: STAFF_SECTIONS,
    queues: ['referrals', 'transitions', 'criteria'],
    fileReports: false,
    namedChildren: true,
  },
  // A provider's staff: the work of their own organisation only.
  provider: {
    // Their parent groups, meetings and volunteers are kept on «Работа НКО».
    sections: ['tasks', 'registry', 'ngo', 'overview', 'reports', ...PUBLIC_SECTIONS],
    queues: ['referrals', 'reviews', 'transitions', 'drafts', 'consents'],
    fileReports: false,
    namedChildren: false,
  },
  // Analysts read aggregates, never a child's record: their home is the indicators' overview.
  analyst: {
    sections: ['overview', 'reports', ...PUBLIC_SECTIONS],
    queues: [],
    fileReports: false,
    namedChildren: false,
  },
  // A side's administrator manages its webhooks for ministry systems and imports its dictionaries from official files
  // (a regional one, or one whose side keeps none, is told whose pages they are).
  administrator: {
    sections: ['integrations', 'reference', ...PUBLIC_SECTIONS],
    queues: [],
    fileReports: false,
    namedChildren: false,
  },
  none: { sections: PUBLIC_SECTIONS, queues: [], fileReports: false, namedChildren: false },
}

export function audienceOf(claims: Claims | null): Audience {
  switch (claims?.role) {
    case 'analyst':
      return 'analyst'
    case 'administrator':
      return 'administrator'
    case 'specialist':
    case 'coordinator':
      if (claims.side === 'social' || claims.side === 'regional') return 'coordination'
      if (claims.side === 'ngo') return 'provider'
      if (claims.side === 'health' || claims.side === 'education') return 'otherSide'
      return 'none'
    default:
      return 'none'
  }
}

/**
 * Coordinators see the caseloads of lead specialists (social's `caseloads`): those of social and of the region every
 * provider's, a provider's coordinator its own organisation's.
 */
export function seesCaseloads(claims: Claims | null) {
  if (claims?.role !== 'coordinator') return false
  return claims.side === 'social' || claims.side === 'regional' || Boolean(claims.org)
}

/**
 * Who brings a region's existing registry in (social's `startRegistryImport`): social's administrator, and the staff
 * of social and of the region who keep the registry.
 */
export function importsRegistry(claims: Claims | null) {
  return audienceOf(claims) === 'coordination' || (claims?.role === 'administrator' && claims.side === 'social')
}

/**
 * The import is a section of its own for social's administrator, who has no registry; the registry's coordinators open
 * it from the registry page (`mayOpen`).
 */
export function accessOf(claims: Claims | null) {
  const base = ACCESS[audienceOf(claims)]
  const ownSection = importsRegistry(claims) && audienceOf(claims) !== 'coordination'
  const access = ownSection ? { ...base, sections: [...base.sections, 'registryImport' as const] } : base
  if (!seesCaseloads(claims) || !access.sections.includes('tasks')) return access
  const [home, ...rest] = access.sections
  return { ...access, sections: [home!, 'caseloads' as const, ...rest] }
}

/** The section a path belongs to; a child's card and the queues belong to the home page. */
export function sectionOfPath(path: string): SectionId | null {
  if (path === '/dashboard' || path === '/dashboard/' || path.startsWith('/dashboard/queues/')) return 'tasks'
  if (path.startsWith('/dashboard/children/')) return 'registry'
  const found = (Object.keys(SECTIONS) as SectionId[]).find((id) => id !== 'tasks' && SECTIONS[id].path === path)
  return found ?? null
}

/**
 * Whether the role may open a path: its section is one of the role's, and a queue is one of its queues. A child's
 * card opens for anyone signed in, since rows, links and drill-downs lead there; it says itself what it hides.
 */
export function mayOpen(claims: Claims | null, path: string) {
  if (path.startsWith('/dashboard/children/')) return true
  if (path === SECTIONS.registryImport.path) return importsRegistry(claims)
  if (path === NOTIFICATIONS_PATH) return seesNotifications(claims)
  const access = accessOf(claims)
  const section = sectionOfPath(path)
  if (section === null || !access.sections.includes(section)) return false
  const queue = /^\/dashboard\/queues\/([^/]+)$/.exec(path)?.[1]
  return queue === undefined || (access.queues as readonly string[]).includes(queue)
}

/** The deadline notifications and their settings: for every role with work queues, outside the navigation's sections. */
export const NOTIFICATIONS_PATH = '/dashboard/notifications'

export function seesNotifications(claims: Claims | null) {
  return ACCESS[audienceOf(claims)].queues.length > 0
}

/** The queues' variables narrow a provider's staff to their own organisation. */
export function ownProvider(claims: Claims | null) {
  return audienceOf(claims) === 'provider' ? (claims?.org ?? null) : null
}
