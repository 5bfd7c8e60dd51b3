import type { HubClaims, Side } from '@hub/platform/auth/viewer'

/** A person the development identity provider signs in: what they type, who they are and what the hub may let them do. */
export interface DemoUser {
  /** The role the user stands for, as the browser tests name it (`regional-coordinator`). */
  id: string
  login: string
  password: string
  /** Фамилия Имя Отчество: the display name a region's identity provider gives in the `name` claim. */
  name: string
  /** The work address the identity provider gives in the `email` claim: it prefills the digest's settings. */
  email?: string
  /** The role and side in Russian, as the sign-in page lists it. */
  label: string
  claims: HubClaims
}

/** The sides whose specialists work for one organisation: `npm start` gives each the seeded organisation of its side. */
export const ORGANISATION_SIDES = ['social', 'health', 'education', 'ngo'] as const satisfies readonly Side[]
export type Organisations = Partial<Record<(typeof ORGANISATION_SIDES)[number], string>>

const person = (id: string, login: string, name: string, label: string, claims: HubClaims): DemoUser => ({
  id,
  login,
  password: `${login}-demo`,
  name,
  email: `${login}@early-help.example.ru`,
  label,
  claims: { ...claims, name },
})

/**
 * The demo users of the embedded default, one per role and side, each with the organisation of its side where the
 * role works for one (a specialist's provider). Passwords are `<login>-demo`: the provider refuses to run in production.
 */
export function demoUsers(organisations: Organisations = {}): DemoUser[] {
  const specialist = (side: (typeof ORGANISATION_SIDES)[number]): HubClaims => ({
    side,
    role: 'specialist',
    ...(organisations[side] ? { org: organisations[side] } : {}),
  })
  return [
    person('regional-coordinator', 'orlova', 'Орлова Марина Сергеевна', 'Региональный координатор', {
      side: 'regional',
      role: 'coordinator',
    }),
    person('regional-analyst', 'zaitsev', 'Зайцев Денис Андреевич', 'Аналитик регионального уровня', {
      side: 'regional',
      role: 'analyst',
    }),
    person(
      'social-specialist',
      'kuznetsova',
      'Кузнецова Ольга Викторовна',
      'Специалист соцзащиты',
      specialist('social'),
    ),
    person(
      'health-specialist',
      'morozov',
      'Морозов Алексей Игоревич',
      'Специалист здравоохранения',
      specialist('health'),
    ),
    person(
      'education-specialist',
      'lebedeva',
      'Лебедева Анна Михайловна',
      'Специалист образования',
      specialist('education'),
    ),
    person('ngo-specialist', 'novikova', 'Новикова Екатерина Олеговна', 'Специалист НКО', specialist('ngo')),
    person('social-administrator', 'vasiliev', 'Васильев Павел Николаевич', 'Администратор соцзащиты', {
      side: 'social',
      role: 'administrator',
    }),
    person('health-administrator', 'sokolov', 'Соколов Илья Викторович', 'Администратор здравоохранения', {
      side: 'health',
      role: 'administrator',
    }),
    person('education-administrator', 'belova', 'Белова Светлана Андреевна', 'Администратор образования', {
      side: 'education',
      role: 'administrator',
    }),
  ]
}
